/**
 * `OdooCluster`: the whole horizontally scaled Odoo — network, load balancer, PostgreSQL with
 * replicas, shared filestore, shared sessions and the nodes — sized from the declared concurrent
 * users. Every default comes from `planCapacity`; the sub-components do the wiring of their part,
 * this one connects them.
 */
import * as pulumi from "@pulumi/pulumi";
import { OdooClusterContext } from "../contract/clusterContext";
import { OdooClusterArgs, validateClusterArgs } from "./clusterArgs";
import { OdooDatabase } from "../database/database";
import { OdooFilestore } from "../storage/filestore";
import { OdooLoadBalancer } from "../loadBalancer/loadBalancer";
import { OdooNetwork } from "../network/network";
import { OdooNodes } from "../nodes/nodes";
import { odooMajor } from "../contract/odooVersion";
import { OdooSessionStore } from "../storage/sessionStore";
import { OdooBackupPlan } from "../operations/backupPlan";
import { OdooFleetScaling } from "../operations/fleetScaling";
import { OdooHealthGate } from "../operations/healthGate";
import { OdooMonitoring } from "../operations/monitoring";
import { OdooUpgrade } from "../operations/upgrade";
import { CapacityPlan, MonthlyCost } from "../contract/sizing";

export {
    OdooClusterArgs,
    OdooImageAddons,
    OdooOperationsOptions,
    OdooClusterScaling,
    OdooClusterMonitoring,
    OdooClusterBackups,
    OdooClusterUpgrade,
    OdooClusterHealthGate,
} from "./clusterArgs";

/**
 * Odoo horizontally scaled on AWS, sized from the declared concurrent users: the network (or an
 * adopted VPC), an Application Load Balancer, the HTTP fleet and the one node that runs cron,
 * PostgreSQL with read replicas, the shared filestore and sessions, and the day-2 operations
 * (autoscaling, alarms, backups, the upgrade step and the health gate).
 */
export class OdooCluster extends pulumi.ComponentResource {
    /** The URL users open: https://<domain>, https://<ALB name> or, HTTP-only, http://<ALB name>. */
    public readonly url: pulumi.Output<string>;
    /** DNS name of the Application Load Balancer (for a CNAME or alias of your own). */
    public readonly loadBalancerDnsName: pulumi.Output<string>;
    /** The VPC the cluster runs in (created or adopted). */
    public readonly vpcId: pulumi.Output<string>;
    /** Host name of the PostgreSQL primary (Aurora: the writer endpoint). */
    public readonly databaseEndpoint: pulumi.Output<string>;
    /** Host name Odoo uses as `db_replica_host` (18.0+), absent without replicas. */
    public readonly databaseReplicaHost?: pulumi.Output<string>;
    /** Host names of every read replica. */
    public readonly databaseReplicaEndpoints: pulumi.Output<string[]>;
    /** ARN of the Secrets Manager secret RDS keeps the master user's password in. */
    public readonly databaseSecretArn: pulumi.Output<string>;
    /** ARN of the secret holding Odoo's master (admin) password. */
    public readonly adminPasswordSecretArn: pulumi.Output<string>;
    /** Primary endpoint of the session cache, absent unless sessions are `redis`. */
    public readonly sessionHost?: pulumi.Output<string>;
    /** EFS file system ID, absent unless the filestore is `efs`. */
    public readonly fileSystemId?: pulumi.Output<string>;
    /** S3 bucket of the attachments, absent unless the filestore is `s3`. */
    public readonly bucketName?: pulumi.Output<string>;
    /** Auto Scaling group of the HTTP fleet (the single node's group in single-node mode). */
    public readonly httpGroupName: pulumi.Output<string>;
    /** Auto Scaling group of the cron node (the single node's group in single-node mode). */
    public readonly cronGroupName: pulumi.Output<string>;
    /** The capacity plan every default came from. */
    public readonly capacityPlan: pulumi.Output<CapacityPlan>;
    /** Monthly cost estimate of the plan, USD, by part. */
    public readonly monthlyCost: pulumi.Output<MonthlyCost>;
    /** SNS topic the alarms notify, when `operations.monitoring.alarmEmail` is set. */
    public readonly alarmTopicArn?: pulumi.Output<string>;
    /** CloudWatch dashboard of the cluster, when monitoring is on. */
    public readonly dashboardName?: pulumi.Output<string>;

    constructor(name: string, args: OdooClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        // Everything is validated before the first registration: a bad argument anywhere in the
        // tree fails here, naming its path, and nothing at all is created.
        const v = validateClusterArgs(name, args);
        super("odoo-aws:index:OdooCluster", name, {}, opts);
        const parent = { parent: this };
        // The validated context, with every default applied, is what each part is given.
        const cluster: OdooClusterContext = v.context;

        const network = new OdooNetwork(`${name}-network`, { cluster, ...v.network }, parent);
        const isolated = itemsOf(network.isolatedSubnetIds, v.zones);
        const loadBalancer = new OdooLoadBalancer(
            `${name}-lb`,
            {
                cluster,
                vpcId: network.vpcId,
                subnetIds: network.publicSubnetIds,
                securityGroupId: network.loadBalancerSecurityGroupId,
                ...v.loadBalancer,
            },
            parent,
        );
        const database = new OdooDatabase(
            `${name}-db`,
            {
                cluster,
                vpcId: network.vpcId,
                subnetIds: isolated,
                securityGroupIds: [network.databaseSecurityGroupId],
                ...v.database,
            },
            parent,
        );
        const filestore = new OdooFilestore(
            `${name}-filestore`,
            {
                cluster,
                ...(v.filestore.kind === "efs"
                    ? { odooVersion: v.version, subnetIds: isolated, securityGroupIds: [network.filestoreSecurityGroupId] }
                    : {}),
                ...v.filestore,
            },
            parent,
        );
        const sessions = new OdooSessionStore(
            `${name}-sessions`,
            {
                cluster,
                ...(v.sessions.kind === "redis" ? { subnetIds: isolated, securityGroupIds: [network.cacheSecurityGroupId] } : {}),
                ...v.sessions,
            },
            parent,
        );

        // An ARN is no secret; unwrapping it keeps the nodes' IAM policy readable in diffs.
        const databaseSecretArn = pulumi.unsecret(database.masterSecretArn);
        const nodes = new OdooNodes(
            `${name}-nodes`,
            {
                cluster,
                odooVersion: v.version,
                image: v.image,
                subnetIds: itemsOf(network.privateSubnetIds, v.zones),
                securityGroupIds: [network.nodeSecurityGroupId],
                targetGroupArns: [loadBalancer.targetGroupArn],
                database: {
                    host: database.endpoint,
                    port: database.port,
                    name: v.databaseName,
                    user: database.username,
                    passwordSecretArn: databaseSecretArn,
                    // db_replica_host exists from 18.0 on; an empty value would turn replica mode on,
                    // so the key is left out entirely unless a replica host exists.
                    ...(odooMajor(v.version) >= 18 && database.replicaHost
                        ? { replicaHost: database.replicaHost, replicaPort: database.port }
                        : {}),
                },
                filestore: {
                    kind: v.filestore.kind,
                    efsFileSystemId: filestore.fileSystemId,
                    efsAccessPointId: filestore.accessPointId,
                    s3BucketName: filestore.bucketName,
                    accessPolicyArn: filestore.accessPolicyArn,
                },
                sessions: {
                    kind: v.sessions.kind,
                    redisHost: sessions.host,
                    redisPort: sessions.port,
                    redisAuthTokenSecretArn: sessions.authTokenSecretArn,
                },
                ...v.nodes,
            },
            parent,
        );

        // Day-2 operations. The cron node is a group of its own unless one node does everything.
        const cronGroupName = v.plan.singleNode ? undefined : nodes.cronGroupName;
        if (v.scaling.enabled) {
            new OdooFleetScaling(
                `${name}-scaling`,
                {
                    cluster,
                    httpGroupName: nodes.httpGroupName,
                    loadBalancerArnSuffix: loadBalancer.arnSuffix,
                    targetGroupArnSuffix: loadBalancer.targetGroupArnSuffix,
                    singleNode: v.plan.singleNode,
                    workersPerNode: v.plan.workersPerNode,
                    // A new node counts toward the target once it could serve: the nodes' grace period.
                    instanceWarmupSeconds: Math.min(1800, v.nodes.healthCheckGracePeriodSeconds ?? 900),
                    ...v.scaling.options,
                },
                parent,
            );
        }
        let alarmTopicArn: pulumi.Output<string> | undefined;
        let dashboardName: pulumi.Output<string> | undefined;
        if (v.monitoring.enabled) {
            const monitoring = new OdooMonitoring(
                `${name}-monitoring`,
                {
                    cluster,
                    httpGroupName: nodes.httpGroupName,
                    cronGroupName,
                    loadBalancerArnSuffix: loadBalancer.arnSuffix,
                    targetGroupArnSuffix: loadBalancer.targetGroupArnSuffix,
                    database: {
                        primaryIdentifier: database.primaryInstanceIdentifier,
                        replicaIdentifiers: itemsOf(database.replicaIdentifiers, v.replicas),
                        instanceClass: v.plan.database.instanceClass,
                        maxConnections: v.plan.database.maxConnections,
                        allocatedStorageGb: v.aurora ? undefined : v.plan.database.storageGb,
                        aurora: v.aurora,
                    },
                    ...(sessions.replicationGroupId
                        ? { sessions: { replicationGroupId: sessions.replicationGroupId, nodes: v.plan.cache.nodes } }
                        : {}),
                    ...v.monitoring.options,
                },
                parent,
            );
            alarmTopicArn = monitoring.topicArn;
            dashboardName = monitoring.dashboardName;
        }
        if (v.backups.enabled) {
            new OdooBackupPlan(
                `${name}-backups`,
                {
                    cluster,
                    databaseArn: database.backupArn,
                    fileSystemArn: filestore.fileSystemArn,
                    bucketArn: filestore.bucketArn,
                    ...v.backups.options,
                },
                parent,
            );
        }
        // Upgrade the database on the cron node, then gate the deploy on the URL's health.
        const upgrade = v.upgrade.enabled
            ? new OdooUpgrade(
                  `${name}-upgrade`,
                  {
                      cluster,
                      odooVersion: v.version,
                      image: v.image,
                      databaseName: v.databaseName,
                      cronGroupName: nodes.cronGroupName,
                      logGroupName: nodes.logGroupName,
                      ...v.upgrade.options,
                  },
                  { parent: this, dependsOn: [nodes, database] },
              )
            : undefined;
        if (v.healthGate.enabled) {
            new OdooHealthGate(
                `${name}-health-gate`,
                {
                    cluster,
                    url: loadBalancer.url,
                    autoScalingGroupNames: v.plan.singleNode ? [nodes.httpGroupName] : [nodes.httpGroupName, nodes.cronGroupName],
                    odooVersion: v.version,
                    image: v.image,
                    ...v.healthGate.options,
                },
                { parent: this, dependsOn: upgrade ? [nodes, upgrade] : [nodes] },
            );
        }

        this.url = loadBalancer.url;
        this.loadBalancerDnsName = loadBalancer.dnsName;
        this.vpcId = network.vpcId;
        this.databaseEndpoint = database.endpoint;
        this.databaseReplicaHost = database.replicaHost;
        this.databaseReplicaEndpoints = database.replicaEndpoints;
        this.databaseSecretArn = databaseSecretArn;
        this.adminPasswordSecretArn = nodes.adminPasswordSecretArn;
        this.sessionHost = sessions.host;
        this.fileSystemId = filestore.fileSystemId;
        this.bucketName = filestore.bucketName;
        this.httpGroupName = nodes.httpGroupName;
        this.cronGroupName = nodes.cronGroupName;
        this.capacityPlan = pulumi.output(v.plan);
        this.monthlyCost = pulumi.output(v.plan.monthlyCost);
        this.alarmTopicArn = alarmTopicArn;
        this.dashboardName = dashboardName;
        this.registerOutputs({
            url: this.url,
            loadBalancerDnsName: this.loadBalancerDnsName,
            vpcId: this.vpcId,
            databaseEndpoint: this.databaseEndpoint,
            databaseReplicaHost: this.databaseReplicaHost,
            databaseReplicaEndpoints: this.databaseReplicaEndpoints,
            databaseSecretArn: this.databaseSecretArn,
            adminPasswordSecretArn: this.adminPasswordSecretArn,
            sessionHost: this.sessionHost,
            fileSystemId: this.fileSystemId,
            bucketName: this.bucketName,
            httpGroupName: this.httpGroupName,
            cronGroupName: this.cronGroupName,
            capacityPlan: this.capacityPlan,
            monthlyCost: this.monthlyCost,
            alarmTopicArn: this.alarmTopicArn,
            dashboardName: this.dashboardName,
        });
    }
}

/**
 * One Input per item of a list Output whose length is known before deploying (the zones of a
 * created VPC or the adopted list; the replicas), so per-item resources — EFS mount targets, replica
 * alarms — exist at preview rather than inside an apply.
 */
function itemsOf(ids: pulumi.Output<string[]>, count: number): pulumi.Output<string>[] {
    return Array.from({ length: count }, (_, i) => ids.apply((list) => list[i]));
}
