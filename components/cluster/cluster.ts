/**
 * `OdooCluster`: the whole horizontally scaled Odoo — network, load balancer, PostgreSQL with
 * replicas, shared filestore, shared sessions and the nodes — sized from the declared concurrent
 * users. The cluster makes one capacity plan and hands it to every part; clusterParts.ts builds each
 * part's arguments, for validation and for construction alike.
 */
import * as pulumi from "@pulumi/pulumi";
import { OdooClusterArgs, resolveClusterArgs } from "./clusterArgs";
import {
    ClusterParts,
    NetworkParts,
    NodesParts,
    alarmActionCount,
    backupPlanArgs,
    databaseArgs,
    filestoreArgs,
    fleetScalingArgs,
    healthGateArgs,
    launchTemplateCount,
    loadBalancerArgs,
    monitoringArgs,
    networkArgs,
    nodesArgs,
    sessionStoreArgs,
    standbyArgs,
    upgradeArgs,
} from "./clusterParts";
import { OdooDatabase } from "../database/database";
import { OdooFilestore } from "../storage/filestore";
import { OdooLoadBalancer } from "../loadBalancer/loadBalancer";
import { OdooNetwork } from "../network/network";
import { OdooNodes } from "../nodes/nodes";
import { OdooSessionStore } from "../storage/sessionStore";
import { OdooBackupPlan } from "../operations/backupPlan";
import { OdooFleetScaling } from "../operations/fleetScaling";
import { OdooHealthGate } from "../operations/healthGate";
import { OdooMonitoring } from "../operations/monitoring";
import { OdooUpgrade } from "../operations/upgrade";
import { CapacityPlan, MonthlyCost } from "../contract/sizing";
import { RolloutTimeline } from "../contract/rollout";
import { OdooStandby } from "../standby/standby";

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
    /** Public subnets, one per zone: the load balancer and the NAT gateways. */
    public readonly publicSubnetIds: pulumi.Output<string[]>;
    /** Private subnets, one per zone: the Odoo nodes (egress through NAT). */
    public readonly privateSubnetIds: pulumi.Output<string[]>;
    /** Isolated subnets, one per zone, with no route out: the database, the EFS mount targets and the cache. */
    public readonly isolatedSubnetIds: pulumi.Output<string[]>;
    /** Security group of the Odoo nodes: allow it as a source to let the nodes reach a service of yours. */
    public readonly nodeSecurityGroupId: pulumi.Output<string>;
    /** Name of the IAM role every node runs as: attach policies to it for what your addons need. */
    public readonly nodeRoleName: pulumi.Output<string>;
    /** ARN of the IAM role every node runs as (for resource policies that name it). */
    public readonly nodeRoleArn: pulumi.Output<string>;
    /** ARN of the HTTPS listener, for listener rules of your own; undefined when the load balancer runs without TLS. */
    public readonly httpsListenerArn: pulumi.Output<string | undefined>;
    /** ARN of the target group the HTTP fleet registers in (the nodes' proxy port, sticky). */
    public readonly targetGroupArn: pulumi.Output<string>;
    /** Host name of the PostgreSQL primary (Aurora: the writer endpoint). */
    public readonly databaseEndpoint: pulumi.Output<string>;
    /** Host name Odoo uses as `db_replica_host` (18.0+), absent without replicas. */
    public readonly databaseReplicaHost?: pulumi.Output<string>;
    /** Host names of every read replica. */
    public readonly databaseReplicaEndpoints: pulumi.Output<string[]>;
    /** ARN of the Secrets Manager secret holding the database master user's generated password. */
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
    /** How long a deploy's rollout can take, seconds, and what the upgrade step and health gate wait. */
    public readonly rollout: pulumi.Output<RolloutTimeline>;
    /** Region of the disaster-recovery standby, when `standby` is set. */
    public readonly standbyRegion?: pulumi.Output<string>;
    /** Identifier of the standby's cross-region read replica (what the failover promotes). */
    public readonly standbyReplicaIdentifier?: pulumi.Output<string>;
    /** The standby's replicated EFS file system (read-only until the failover deletes the replication). */
    public readonly standbyFileSystemId?: pulumi.Output<string>;
    /** ARN of the backup vault in the standby region that receives a copy of every recovery point. */
    public readonly standbyVaultArn?: pulumi.Output<string>;
    /** The standby's parked HTTP group (at 0 until a failover starts it). */
    public readonly standbyHttpGroupName?: pulumi.Output<string>;
    /** The standby's parked cron group (at 0 until a failover starts its one node). */
    public readonly standbyCronGroupName?: pulumi.Output<string>;
    /** DNS name of the standby's load balancer (the failover points the domain at it). */
    public readonly standbyLoadBalancerDnsName?: pulumi.Output<string>;
    /** Route 53 hosted zone of the standby's load balancer, for the failover's alias record. */
    public readonly standbyLoadBalancerZoneId?: pulumi.Output<string>;

    constructor(name: string, args: OdooClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        // Everything is validated before the first registration: a bad argument anywhere in the
        // tree fails here, naming its path, and nothing at all is created. The same part builders
        // then make each part's arguments again, from the live outputs instead of stand-ins.
        const r = resolveClusterArgs(name, args);
        super("odoo-aws:index:OdooCluster", name, {}, opts);
        const parent = { parent: this };

        const network = new OdooNetwork(`${name}-network`, networkArgs(r), parent);
        const net: NetworkParts = {
            vpcId: network.vpcId,
            publicSubnetIds: network.publicSubnetIds,
            privateSubnetIds: itemsOf(network.privateSubnetIds, r.zones),
            isolatedSubnetIds: itemsOf(network.isolatedSubnetIds, r.zones),
            loadBalancerSecurityGroupId: network.loadBalancerSecurityGroupId,
            nodeSecurityGroupId: network.nodeSecurityGroupId,
            databaseSecurityGroupId: network.databaseSecurityGroupId,
            cacheSecurityGroupId: network.cacheSecurityGroupId,
            filestoreSecurityGroupId: network.filestoreSecurityGroupId,
        };
        const loadBalancer = new OdooLoadBalancer(`${name}-lb`, loadBalancerArgs(r, net), parent);
        // The replicas' routing alarms notify where every other alarm does; that list exists only once
        // OdooMonitoring (which needs the database) is built, so it is handed over when it is.
        const alarmActions = later<string[]>();
        const database = new OdooDatabase(
            `${name}-db`,
            databaseArgs(r, net, itemsOf(alarmActions.value, alarmActionCount(r.monitoring))),
            parent,
        );
        const filestore = new OdooFilestore(`${name}-filestore`, filestoreArgs(r, net), parent);
        const sessions = new OdooSessionStore(`${name}-sessions`, sessionStoreArgs(r, net), parent);

        // The HTTP fleet rolls out after the upgrade step, which needs the nodes' cron group first.
        const upgraded = r.upgrade.enabled ? later<string>() : undefined;
        // An ARN is no secret; unwrapping it keeps the nodes' IAM policy readable in diffs.
        const databaseSecretArn = pulumi.unsecret(database.masterSecretArn);
        const live: Omit<ClusterParts, "nodes"> = {
            network: net,
            loadBalancer,
            database: {
                endpoint: database.endpoint,
                port: database.port,
                username: database.username,
                passwordSecretArn: databaseSecretArn,
                passwordKmsKeyArn: database.masterSecretKmsKeyId,
                replicaHost: database.replicaHost,
                primaryInstanceIdentifier: database.primaryInstanceIdentifier,
                replicaIdentifiers: itemsOf(database.replicaIdentifiers, r.replicas),
                backupArn: database.backupArn,
            },
            filestore,
            sessions,
        };
        const nodes = new OdooNodes(`${name}-nodes`, nodesArgs(r, live, upgraded?.value), parent);
        const nodeParts: NodesParts = {
            httpGroupName: nodes.httpGroupName,
            cronGroupName: nodes.cronGroupName,
            logGroupName: nodes.logGroupName,
            launchTemplateVersions: itemsOfNumbers(nodes.launchTemplateVersions, launchTemplateCount(r)),
        };
        const parts: ClusterParts = { ...live, nodes: nodeParts };

        // Day-2 operations.
        if (r.scaling.enabled) {
            new OdooFleetScaling(`${name}-scaling`, fleetScalingArgs(r, loadBalancer, nodeParts), parent);
        }
        let alarmTopicArn: pulumi.Output<string> | undefined;
        let dashboardName: pulumi.Output<string> | undefined;
        if (r.monitoring.enabled) {
            const monitoring = new OdooMonitoring(`${name}-monitoring`, monitoringArgs(r, parts), parent);
            alarmActions.resolve(monitoring.alarmActions);
            alarmTopicArn = monitoring.topicArn;
            dashboardName = monitoring.dashboardName;
        }
        if (!r.monitoring.enabled) {
            alarmActions.resolve(pulumi.output([]));
        }
        // The standby follows the database: a cross-region replica needs its source to exist.
        const standby = r.standby
            ? new OdooStandby(`${name}-standby`, standbyArgs(r, live, nodes.adminPasswordSecretArn, alarmTopicArn), {
                  parent: this,
                  dependsOn: [database],
              })
            : undefined;
        if (r.backups.enabled) {
            // Every recovery point is copied to the standby region's vault.
            new OdooBackupPlan(`${name}-backups`, backupPlanArgs(r, parts.database, filestore, standby?.vaultArn), parent);
        }
        // A deploy rolls out cron node → module upgrade → HTTP fleet → health gate (contract/rollout.ts).
        // The upgrade follows the cron group (its name is an input) and the database, not the whole
        // nodes component: the HTTP group waits for the upgrade, so depending on it would be a cycle.
        const upgrade = r.upgrade.enabled
            ? new OdooUpgrade(`${name}-upgrade`, upgradeArgs(r, nodeParts), { parent: this, dependsOn: [database] })
            : undefined;
        if (upgrade && upgraded) {
            upgraded.resolve(upgrade.stdout.apply(() => "upgraded"));
        }
        if (r.healthGate.enabled) {
            new OdooHealthGate(`${name}-health-gate`, healthGateArgs(r, loadBalancer, nodeParts), {
                parent: this,
                dependsOn: upgrade ? [nodes, upgrade] : [nodes],
            });
        }

        this.url = loadBalancer.url;
        this.loadBalancerDnsName = loadBalancer.dnsName;
        this.vpcId = network.vpcId;
        this.publicSubnetIds = network.publicSubnetIds;
        this.privateSubnetIds = network.privateSubnetIds;
        this.isolatedSubnetIds = network.isolatedSubnetIds;
        this.nodeSecurityGroupId = network.nodeSecurityGroupId;
        this.nodeRoleName = nodes.roleName;
        this.nodeRoleArn = nodes.roleArn;
        this.httpsListenerArn = loadBalancer.httpsListenerArn;
        this.targetGroupArn = loadBalancer.targetGroupArn;
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
        this.capacityPlan = pulumi.output(r.plan);
        this.monthlyCost = pulumi.output(r.plan.monthlyCost);
        this.alarmTopicArn = alarmTopicArn;
        this.dashboardName = dashboardName;
        this.rollout = pulumi.output(r.rollout);
        this.standbyRegion = standby?.region;
        this.standbyReplicaIdentifier = standby?.replicaIdentifier;
        this.standbyFileSystemId = standby?.fileSystemId;
        this.standbyVaultArn = standby?.vaultArn;
        this.standbyHttpGroupName = standby?.httpGroupName;
        this.standbyCronGroupName = standby?.cronGroupName;
        this.standbyLoadBalancerDnsName = standby?.loadBalancerDnsName;
        this.standbyLoadBalancerZoneId = standby?.loadBalancerZoneId;
        this.registerOutputs({
            url: this.url,
            loadBalancerDnsName: this.loadBalancerDnsName,
            vpcId: this.vpcId,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            isolatedSubnetIds: this.isolatedSubnetIds,
            nodeSecurityGroupId: this.nodeSecurityGroupId,
            nodeRoleName: this.nodeRoleName,
            nodeRoleArn: this.nodeRoleArn,
            httpsListenerArn: this.httpsListenerArn,
            targetGroupArn: this.targetGroupArn,
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
            rollout: this.rollout,
            standbyRegion: this.standbyRegion,
            standbyReplicaIdentifier: this.standbyReplicaIdentifier,
            standbyFileSystemId: this.standbyFileSystemId,
            standbyVaultArn: this.standbyVaultArn,
            standbyHttpGroupName: this.standbyHttpGroupName,
            standbyCronGroupName: this.standbyCronGroupName,
            standbyLoadBalancerDnsName: this.standbyLoadBalancerDnsName,
            standbyLoadBalancerZoneId: this.standbyLoadBalancerZoneId,
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

/**
 * An Output whose value (and dependencies) are supplied after the resources that read it are
 * declared. `resolve` must be called exactly once on every path, or the program never finishes.
 */
function later<T>(): { value: pulumi.Output<T>; resolve: (output: pulumi.Output<T>) => void } {
    let settle!: (output: pulumi.Output<T>) => void;
    const supplied = new Promise<pulumi.Output<T>>((resolve) => (settle = resolve));
    // apply lifts the Output the callback returns, with its resources as dependencies of the result.
    const value = pulumi.output(true).apply(() => supplied.then((inner) => inner)) as unknown as pulumi.Output<T>;
    return { value, resolve: settle };
}

function itemsOfNumbers(values: pulumi.Output<number[]>, count: number): pulumi.Output<number>[] {
    return Array.from({ length: count }, (_, i) => values.apply((list) => list[i]));
}
