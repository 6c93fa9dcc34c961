/**
 * `OdooStandby`: a disaster-recovery standby of a cluster in a second AWS region — a cross-region
 * read replica of the primary database, the filestore replicated by EFS replication, an AWS Backup
 * vault that receives a copy of every recovery point, the node templates ready with every group at
 * 0, a load balancer to put them behind, and alarms on replica lag and replication. Every resource
 * of the second region is created through an explicit provider for that region, with a KMS key of
 * that region; the replication configuration alone lives in the primary region, where EFS takes it.
 *
 * Failing over is a runbook (standbyScripts.ts, README "Failover"): promote the replica, delete the
 * replication (which makes the destination writable), start the cron node then the fleet, move DNS.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { OdooClusterContext, ResolvedClusterContext, resolveClusterContext, tagsFor } from "../contract/clusterContext";
import { OdooArgumentError, optionalBoolean, reportUnder, requireWholeNumber } from "../contract/errors";
import { POSTGRES_PORT } from "../contract/ports";
import { OdooRole, TAG } from "../contract/tags";
import { DatabaseParameter } from "../database/databaseParameters";
import { OdooLoadBalancer, OdooLoadBalancerOptions, resolveLoadBalancerArgs } from "../loadBalancer/loadBalancer";
import { OdooNetwork, OdooNetworkOptions, resolveNetworkArgs } from "../network/network";
import { OdooNodes, OdooNodesArgs, resolveNodesArgs } from "../nodes/nodes";
import { alarmKeyPolicy, alarmTopicPolicy, requireAlarmEmail } from "../operations/alarms";
import { EFS_ODOO_OWNER, EFS_ODOO_ROOT, EFS_ODOO_ROOT_PERMISSIONS, EFS_TRANSITION_TO_IA, PosixOwner } from "../storage/filestore";
import { efsFileSystemPolicy, efsNodeAccessPolicy } from "../storage/filestorePolicy";
import { standbySecretArn } from "./standbyRegion";

export { standbySecretArn } from "./standbyRegion";

/** The VPC of the standby unless `network.cidrBlock` says otherwise: apart from the primary's 10.0.0.0/16, so the two can be peered. */
export const DEFAULT_STANDBY_CIDR = "10.1.0.0/16";
/** Replica lag (seconds) above which the standby would lose more than the stated RPO. */
export const DEFAULT_STANDBY_LAG_ALARM_SECONDS = 300;
/**
 * EFS replication's `TimeSinceLastSync` above which the alarm fires: AWS states an RPO of 15 minutes
 * for most file systems (EFS replication launch, aws.amazon.com/blogs/aws/new-replication-for-amazon-elastic-file-system-efs/),
 * so an hour without a sync is a replication in trouble.
 */
export const DEFAULT_EFS_SYNC_ALARM_SECONDS = 3600;

/** Settings of the standby; also the `standby` argument of OdooCluster. */
export interface OdooStandbyOptions {
    /**
     * The second region, e.g. `us-west-2`: another region than the stack's, in the same partition.
     * Required.
     */
    region: string;
    /**
     * The standby's network in that region (same settings as `network`). Default: a new VPC on
     * 10.0.0.0/16's neighbour 10.1.0.0/16, two zones, one NAT gateway.
     */
    network?: OdooNetworkOptions;
    /**
     * The standby's load balancer: a certificate of that region (`certificateArn`, with
     * `domainName` for the name users reach), or `allowHttpOnly` outside production. No DNS record
     * is created for it: moving the name is a failover step. Required unless `nodes` is false.
     */
    loadBalancer?: OdooLoadBalancerOptions;
    /** Instance class of the cross-region replica. Default: the primary's (after promotion it is the primary). */
    instanceClass?: string;
    /** Node templates and groups (at 0) and a load balancer in the standby region. Default: true. */
    nodes?: boolean;
    /** E-mail notified by the standby's alarms (a topic in the standby region). Default: none (alarms without notification). */
    alarmEmail?: string;
    /** Replica lag in seconds that raises the standby's alarm, 60–86400. Default: 300. */
    replicaLagAlarmSeconds?: number;
}

/** What the standby replicates, from the cluster's primary region. */
export interface OdooStandbySource {
    /** ARN of the primary RDS instance (a cross-region replica names its source by ARN). */
    databaseArn: pulumi.Input<string>;
    /** Instance class of the primary. */
    instanceClass: string;
    /** Allocated storage of the primary, GB. */
    allocatedStorageGb: number;
    /**
     * The primary's storage autoscaling ceiling, GB (0: off). The replica grows with it: a replica
     * whose storage the primary outgrows stops replicating, and after promotion it is the primary.
     */
    maxAllocatedStorageGb?: number;
    /** Parameter-group family and the primary's parameters, recreated in the standby region. */
    parameterFamily: string;
    parameters: DatabaseParameter[];
    /** EFS file system of the filestore (replicated), absent for s3 or local. */
    fileSystemId?: pulumi.Input<string>;
    /** Owner of Odoo's data dir on the file system. */
    fileSystemOwner?: PosixOwner;
    /** The primary's alarm topic in the primary region, for the replication alarm. */
    alarmTopicArn?: pulumi.Input<string>;
}

/** Arguments of {@link OdooStandby}. */
export interface OdooStandbyArgs extends OdooStandbyOptions {
    /** The cluster, validated, with the capacity plan its nodes are sized from. */
    cluster: OdooClusterContext;
    /** The stack's own region (the standby must be elsewhere). */
    primaryRegion: string;
    source: OdooStandbySource;
    /**
     * The nodes as the cluster builds them, with the standby's subnets, security groups, database,
     * filestore and secrets swapped in by the component; every group is parked at 0.
     */
    nodeArgs?: OdooNodesArgs;
}

/** AWS region names: `us-east-1`, `eu-central-2`, `us-gov-west-1`, `ap-southeast-7`. */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** {@link OdooStandbyOptions} validated. */
export interface ResolvedStandbyOptions {
    region: string;
    network: OdooNetworkOptions;
    /** Subnets per tier of the standby's network. */
    zones: number;
    loadBalancer?: OdooLoadBalancerOptions;
    instanceClass?: string;
    nodes: boolean;
    alarmEmail?: string;
    replicaLagAlarmSeconds: number;
}

/**
 * The standby's network is sized by its own settings (two zones, one NAT gateway by default), not
 * by the cluster's capacity plan, which would give it the primary's zones and gateways.
 */
function networkContext(cluster: ResolvedClusterContext): ResolvedClusterContext {
    const { capacityPlan: _plan, ...rest } = cluster;
    return rest;
}

/**
 * Validates the standby's settings against the cluster (`prefix`: `standby.`). Pure.
 * The standby needs an RDS for PostgreSQL primary: Aurora's cross-region form is a Global
 * Database, which this package does not build.
 */
export function resolveStandbyOptions(
    value: OdooStandbyOptions | undefined,
    cluster: ResolvedClusterContext,
    primaryRegion: string | undefined,
    facts: { aurora: boolean; filestore: string },
    prefix = "standby.",
): ResolvedStandbyOptions | undefined {
    if (value === undefined) {
        return undefined;
    }
    const at = (p: string) => `${prefix}${p}`;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new OdooArgumentError(prefix.replace(/\.$/, ""), value, "an object with at least region");
    }
    if (typeof value.region !== "string" || !REGION.test(value.region)) {
        throw new OdooArgumentError(at("region"), value.region, "an AWS region name such as us-west-2");
    }
    if (primaryRegion !== undefined && value.region === primaryRegion) {
        throw new OdooArgumentError(
            at("region"),
            value.region,
            `a region other than the stack's (${primaryRegion})`,
            "a standby in the same region fails with it",
        );
    }
    if (facts.aurora) {
        throw new OdooArgumentError(
            "database.engine",
            "aurora-postgresql",
            "postgres with a standby",
            "Aurora's cross-region standby is a Global Database, which this package does not build",
        );
    }
    if (facts.filestore === "s3") {
        throw new OdooArgumentError(
            "filestore.kind",
            facts.filestore,
            "efs with a standby",
            "the standby replicates the filestore with EFS replication; S3 cross-region replication is not built yet",
        );
    }
    const nodes = optionalBoolean(at("nodes"), value.nodes) ?? true;
    const own = value.network ?? {};
    // An adopted VPC brings its own address range and zones.
    const network = (
        own.existingVpc === undefined ? { cidrBlock: DEFAULT_STANDBY_CIDR, availabilityZones: 2, natGateways: "single", ...own } : own
    ) as OdooNetworkOptions;
    const resolvedNetwork = reportUnder(
        (p) => at(`network.${p}`),
        () => resolveNetworkArgs({ cluster: networkContext(cluster), ...network }),
    );
    if (nodes) {
        if (value.loadBalancer === undefined) {
            throw new OdooArgumentError(
                at("loadBalancer"),
                undefined,
                "the standby load balancer's settings: { certificateArn, domainName } of the standby region, or allowHttpOnly outside production",
            );
        }
        for (const p of ["hostedZoneId", "hostedZoneName"] as const) {
            if (value.loadBalancer[p] !== undefined) {
                throw new OdooArgumentError(
                    at(`loadBalancer.${p}`),
                    value.loadBalancer[p],
                    "no value: the standby creates no DNS record (moving the name is the failover's last step)",
                );
            }
        }
        reportUnder(
            (p) => at(`loadBalancer.${p}`),
            () =>
                resolveLoadBalancerArgs({
                    cluster,
                    vpcId: pulumi.output("pending"),
                    subnetIds: pulumi.output(["pending"]),
                    securityGroupId: pulumi.output("pending"),
                    ...value.loadBalancer,
                }),
        );
    }
    const alarmEmail = value.alarmEmail === undefined ? undefined : requireAlarmEmail(value.alarmEmail, at("alarmEmail"));
    const replicaLagAlarmSeconds =
        value.replicaLagAlarmSeconds === undefined
            ? DEFAULT_STANDBY_LAG_ALARM_SECONDS
            : requireWholeNumber(at("replicaLagAlarmSeconds"), value.replicaLagAlarmSeconds, { min: 60, max: 86400 });
    return {
        region: value.region,
        network,
        zones: resolvedNetwork.created ? resolvedNetwork.created.availabilityZones : adoptedZones(own.existingVpc?.isolatedSubnetIds, at),
        loadBalancer: value.loadBalancer,
        instanceClass: value.instanceClass,
        nodes,
        alarmEmail,
        replicaLagAlarmSeconds,
    };
}

/** Subnets per tier of an adopted standby VPC: a plain list, whose length decides the per-zone resources. */
function adoptedZones(isolated: unknown, at: (p: string) => string): number {
    if (!Array.isArray(isolated)) {
        throw new OdooArgumentError(at("network.existingVpc.isolatedSubnetIds"), isolated, "a plain list of subnet IDs");
    }
    return isolated.length;
}

/**
 * Adds `odoo:standby-region` to the tags of every resource registered under the standby: maps
 * (`tags`) and Auto Scaling groups' lists of `{ key, value, propagateAtLaunch }`.
 */
export function standbyRegionTagging(region: string): pulumi.ResourceTransformation {
    return (args) => {
        const tags = args.props.tags;
        if (!args.type.startsWith("aws:") || tags === undefined || tags === null) {
            return undefined;
        }
        if (Array.isArray(tags)) {
            return {
                props: { ...args.props, tags: [...tags, { key: TAG.standbyRegion, value: region, propagateAtLaunch: true }] },
                opts: args.opts,
            };
        }
        return {
            props: { ...args.props, tags: pulumi.output(tags).apply((t) => ({ ...t, [TAG.standbyRegion]: region })) },
            opts: args.opts,
        };
    };
}

/** What the standby region gives its parked nodes in place of the primary region's parts. */
export interface StandbyNodeParts {
    subnetIds: pulumi.Input<string>[];
    securityGroupId: pulumi.Input<string>;
    targetGroupArn: pulumi.Input<string>;
    databaseHost: pulumi.Input<string>;
    databasePort: pulumi.Input<number>;
    fileSystemId: pulumi.Input<string>;
    accessPointId: pulumi.Input<string>;
    accessPolicyArn: pulumi.Input<string>;
}

/**
 * The standby's nodes: the cluster's own node arguments with the standby region's subnets, load
 * balancer, replica and replicated filestore swapped in, the secrets read from their replicas in
 * that region, and every group parked at 0. Pure; OdooCluster validates the result before it
 * creates anything. `replicaArn` maps a secret's ARN to its replica's (validation, whose ARNs are
 * stand-ins, keeps them as they are).
 */
export function standbyNodesArgs(
    nodes: OdooNodesArgs,
    region: string,
    there: StandbyNodeParts,
    replicaArn: (arn: pulumi.Input<string>) => pulumi.Input<string> = (arn) => pulumi.output(arn).apply((a) => standbySecretArn(a, region)),
): OdooNodesArgs {
    // The primary region's upgrade step never runs against the standby; its fleet has nothing to wait for.
    const { httpRolloutAfter: _after, secretReplicas: _replicas, ...own } = nodes;
    return {
        ...own,
        subnetIds: there.subnetIds,
        securityGroupIds: [there.securityGroupId],
        targetGroupArns: [there.targetGroupArn],
        database: {
            ...nodes.database,
            host: there.databaseHost,
            port: there.databasePort,
            // The standby has no replica of its own: reads go to the (promoted) primary.
            replicaHost: undefined,
            replicaPort: undefined,
            // The database's credentials secret is replicated to this region (OdooDatabase's
            // secretReplicaRegions), encrypted there with the region's aws/secretsmanager key.
            passwordSecretArn: replicaArn(nodes.database.passwordSecretArn),
            passwordKmsKeyArn: undefined,
        },
        filestore: {
            kind: "efs",
            efsFileSystemId: there.fileSystemId,
            efsAccessPointId: there.accessPointId,
            accessPolicyArn: there.accessPolicyArn,
        },
        // Sessions in the data dir on the replicated EFS: the standby keeps no cache running for a
        // fleet at 0 (Redis sessions are lost at a failover anyway).
        sessions: { kind: "filestore" },
        adminPasswordSecretArn: nodes.adminPasswordSecretArn === undefined ? undefined : replicaArn(nodes.adminPasswordSecretArn),
        parked: true,
    };
}

/**
 * Validates everything {@link OdooStandby} builds from `args` — its settings, and its parked nodes
 * with stand-ins for what the standby region will create — before anything exists. Pure.
 */
export function resolveStandbyArgs(args: OdooStandbyArgs): ResolvedStandbyOptions {
    const cluster = resolveClusterContext(args.cluster);
    const cfg = resolveStandbyOptions(args, cluster, args.primaryRegion || undefined, {
        aurora: false,
        filestore: args.source.fileSystemId === undefined ? "local" : "efs",
    });
    if (cfg === undefined) {
        throw new OdooArgumentError("standby", args, "the standby's settings");
    }
    if (cfg.nodes && args.nodeArgs) {
        const pending = () => pulumi.output("pending");
        reportUnder(
            (p) => `nodes.${p}`,
            () =>
                resolveNodesArgs(
                    standbyNodesArgs(
                        args.nodeArgs!,
                        cfg.region,
                        {
                            subnetIds: Array.from({ length: cfg.zones }, pending),
                            securityGroupId: pending(),
                            targetGroupArn: pending(),
                            databaseHost: pending(),
                            databasePort: pulumi.output(POSTGRES_PORT),
                            fileSystemId: pending(),
                            accessPointId: pending(),
                            accessPolicyArn: pending(),
                        },
                        (arn) => arn,
                    ),
                ),
        );
    }
    return cfg;
}

/** The disaster-recovery standby of a cluster in a second region. */
export class OdooStandby extends pulumi.ComponentResource {
    /** The standby region. */
    public readonly region: pulumi.Output<string>;
    /** The provider of the standby region (every standby resource but the replication configuration uses it). */
    public readonly provider: aws.Provider;
    /** ARN of the standby region's KMS key (replica storage, file system, backup vault, alarm topic). */
    public readonly kmsKeyArn: pulumi.Output<string>;
    /** Identifier of the cross-region read replica (what `promote-read-replica` takes). */
    public readonly replicaIdentifier: pulumi.Output<string>;
    /** Host name of the replica, the primary after promotion. */
    public readonly replicaEndpoint: pulumi.Output<string>;
    /** The replicated file system in the standby region (read-only until the replication is deleted). */
    public readonly fileSystemId?: pulumi.Output<string>;
    /** ID of the EFS replication configuration's source file system (what `delete-replication-configuration` takes). */
    public readonly replicationSourceFileSystemId?: pulumi.Output<string>;
    /** ARN of the backup vault in the standby region that receives every recovery point. */
    public readonly vaultArn: pulumi.Output<string>;
    /** Auto Scaling group of the parked HTTP fleet, absent with `nodes: false`. */
    public readonly httpGroupName?: pulumi.Output<string>;
    /** Auto Scaling group of the parked cron node, absent with `nodes: false`. */
    public readonly cronGroupName?: pulumi.Output<string>;
    /** DNS name of the standby load balancer, for the failover's DNS move. */
    public readonly loadBalancerDnsName?: pulumi.Output<string>;
    /** Hosted zone of the standby load balancer, for the failover's alias record. */
    public readonly loadBalancerZoneId?: pulumi.Output<string>;

    constructor(name: string, args: OdooStandbyArgs, opts?: pulumi.ComponentResourceOptions) {
        const cfg = resolveStandbyArgs(args);
        // Every taggable resource of the standby, its sub-components' included, carries the
        // standby's region: the policy pack judges a standby apart from the cluster it protects.
        super(
            "odoo-aws:index:OdooStandby",
            name,
            {},
            {
                ...opts,
                transformations: [...(opts?.transformations ?? []), standbyRegionTagging(cfg.region)],
            },
        );
        const ctx = resolveClusterContext(args.cluster);
        const regionTag = { [TAG.standbyRegion]: cfg.region };
        const tags = (role: OdooRole) => ({ ...tagsFor(ctx, role), ...regionTag });

        // One provider for the second region; every resource there names it.
        const provider = new aws.Provider(`${name}-region`, { region: cfg.region as aws.Region }, { parent: this });
        const there = { parent: this, provider };
        const thereAll = { parent: this, providers: [provider] };
        const account = aws.getCallerIdentityOutput({}, there).accountId;
        const partition = aws.getPartitionOutput({}, there).partition;

        const key = new aws.kms.Key(
            `${name}-key`,
            {
                description: `Odoo standby of ${ctx.name} (${ctx.environment}) in ${cfg.region}: replica, filestore, backups, alarms`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                // The account administers it; CloudWatch may encrypt notifications to the standby's topic.
                policy: pulumi.all([partition, account]).apply(([p, a]) => alarmKeyPolicy(p, a)),
                tags: tags(OdooRole.Ops),
            },
            { ...there, retainOnDelete: ctx.production },
        );

        const network = new OdooNetwork(`${name}-network`, { cluster: networkContext(ctx), ...cfg.network }, thereAll);
        const zones = cfg.zones;
        const isolated = Array.from({ length: zones }, (_, i) => network.isolatedSubnetIds.apply((ids) => ids[i]));

        // The cross-region read replica: encrypted with the standby region's key (RDS requires a
        // key of the destination region for an encrypted cross-region replica), in its own subnets.
        const subnetGroup = new aws.rds.SubnetGroup(
            `${name}-db-subnets`,
            {
                description: `Isolated subnets of the Odoo standby database of ${ctx.name} (${ctx.environment})`,
                subnetIds: isolated,
                tags: tags(OdooRole.DbReplica),
            },
            there,
        );
        const params = new aws.rds.ParameterGroup(
            `${name}-db-params`,
            {
                family: args.source.parameterFamily,
                description: `Odoo standby PostgreSQL parameters of ${ctx.name} (${ctx.environment})`,
                parameters: args.source.parameters,
                tags: tags(OdooRole.DbReplica),
            },
            there,
        );
        const replica = new aws.rds.Instance(
            `${name}-db`,
            {
                replicateSourceDb: args.source.databaseArn,
                instanceClass: cfg.instanceClass ?? args.source.instanceClass,
                allocatedStorage: args.source.allocatedStorageGb,
                maxAllocatedStorage: args.source.maxAllocatedStorageGb,
                storageType: "gp3",
                storageEncrypted: true,
                kmsKeyId: key.arn,
                dbSubnetGroupName: subnetGroup.name,
                vpcSecurityGroupIds: [network.databaseSecurityGroupId],
                parameterGroupName: params.name,
                publiclyAccessible: false,
                multiAz: false,
                port: POSTGRES_PORT,
                autoMinorVersionUpgrade: true,
                copyTagsToSnapshot: true,
                enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
                // After promotion this is the primary: keep it from an accidental delete in production.
                deletionProtection: ctx.production,
                skipFinalSnapshot: true,
                tags: tags(OdooRole.DbReplica),
            },
            there,
        );

        let fileSystemId: pulumi.Output<string> | undefined;
        let accessPointId: pulumi.Output<string> | undefined;
        let accessPolicyArn: pulumi.Output<string> | undefined;
        if (args.source.fileSystemId !== undefined) {
            const owner = args.source.fileSystemOwner ?? EFS_ODOO_OWNER;
            // An existing destination must have replication overwrite protection off; EFS turns it
            // back on (and the file system writable) when the replication is deleted at failover.
            const destination = new aws.efs.FileSystem(
                `${name}-efs`,
                {
                    encrypted: true,
                    kmsKeyId: key.arn,
                    performanceMode: "generalPurpose",
                    throughputMode: "elastic",
                    protection: { replicationOverwrite: "DISABLED" },
                    lifecyclePolicies: [{ transitionToIa: EFS_TRANSITION_TO_IA }, { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" }],
                    tags: tags(OdooRole.Filestore),
                },
                // After a failover this file system holds the production data.
                { ...there, retainOnDelete: ctx.production, ignoreChanges: ["protection"] },
            );
            // EFS takes the replication configuration in the source file system's region.
            new aws.efs.ReplicationConfiguration(
                `${name}-efs-replication`,
                {
                    sourceFileSystemId: args.source.fileSystemId,
                    destination: { region: cfg.region, fileSystemId: destination.id },
                },
                { parent: this },
            );
            new aws.efs.FileSystemPolicy(
                `${name}-efs-policy`,
                { fileSystemId: destination.id, policy: destination.arn.apply((arn) => JSON.stringify(efsFileSystemPolicy(arn))) },
                there,
            );
            isolated.forEach(
                (subnetId, i) =>
                    new aws.efs.MountTarget(
                        `${name}-efs-mount-${i + 1}`,
                        { fileSystemId: destination.id, subnetId, securityGroups: [network.filestoreSecurityGroupId] },
                        there,
                    ),
            );
            const accessPoint = new aws.efs.AccessPoint(
                `${name}-efs-odoo`,
                {
                    fileSystemId: destination.id,
                    posixUser: { uid: owner.uid, gid: owner.gid },
                    rootDirectory: {
                        path: EFS_ODOO_ROOT,
                        creationInfo: { ownerUid: owner.uid, ownerGid: owner.gid, permissions: EFS_ODOO_ROOT_PERMISSIONS },
                    },
                    tags: tags(OdooRole.Filestore),
                },
                there,
            );
            accessPolicyArn = new aws.iam.Policy(
                `${name}-efs-access`,
                {
                    description: `Odoo standby nodes of ${ctx.name} (${ctx.environment}): mount the replicated filestore`,
                    policy: pulumi.all([destination.arn, accessPoint.arn]).apply(([fs, ap]) => JSON.stringify(efsNodeAccessPolicy(fs, ap))),
                    tags: tags(OdooRole.Filestore),
                },
                there,
            ).arn;
            fileSystemId = destination.id;
            accessPointId = accessPoint.id;
            this.replicationSourceFileSystemId = pulumi.output(args.source.fileSystemId);
        }

        // The vault the primary's backup plan copies every recovery point to.
        const vault = new aws.backup.Vault(
            `${name}-vault`,
            { kmsKeyArn: key.arn, forceDestroy: !ctx.production, tags: tags(OdooRole.Ops) },
            { ...there, retainOnDelete: ctx.production },
        );

        // Alarms: the replica's lag (its metric lives in the standby region) and the filestore's
        // last sync (published in the source region, where the replication is configured).
        let topicArn: pulumi.Output<string> | undefined;
        if (cfg.alarmEmail !== undefined) {
            const topic = new aws.sns.Topic(`${name}-alarms`, { kmsMasterKeyId: key.arn, tags: tags(OdooRole.Ops) }, there);
            new aws.sns.TopicPolicy(
                `${name}-alarms`,
                {
                    arn: topic.arn,
                    policy: pulumi.all([topic.arn, partition, account]).apply(([t, p, a]) => alarmTopicPolicy(t, p, cfg.region, a)),
                },
                there,
            );
            new aws.sns.TopicSubscription(`${name}-alarms-email`, { topic: topic.arn, protocol: "email", endpoint: cfg.alarmEmail }, there);
            topicArn = topic.arn;
        }
        new aws.cloudwatch.MetricAlarm(
            `${name}-replica-lag`,
            {
                alarmDescription: `Standby replica of ${ctx.name} (${ctx.environment}) in ${cfg.region} lags more than ${cfg.replicaLagAlarmSeconds} s: a failover now would lose that much`,
                namespace: "AWS/RDS",
                metricName: "ReplicaLag",
                dimensions: { DBInstanceIdentifier: replica.identifier },
                statistic: "Maximum",
                period: 60,
                evaluationPeriods: 5,
                threshold: cfg.replicaLagAlarmSeconds,
                comparisonOperator: "GreaterThanThreshold",
                // A replica that stopped reporting is not replicating.
                treatMissingData: "breaching",
                alarmActions: topicArn ? [topicArn] : [],
                okActions: topicArn ? [topicArn] : [],
                tags: tags(OdooRole.Ops),
            },
            there,
        );
        if (args.source.fileSystemId !== undefined && fileSystemId !== undefined) {
            new aws.cloudwatch.MetricAlarm(
                `${name}-efs-sync`,
                {
                    alarmDescription: `Filestore of ${ctx.name} (${ctx.environment}) last synced to ${cfg.region} more than ${DEFAULT_EFS_SYNC_ALARM_SECONDS} s ago`,
                    namespace: "AWS/EFS",
                    metricName: "TimeSinceLastSync",
                    dimensions: { FileSystemId: args.source.fileSystemId, DestinationFileSystemId: fileSystemId },
                    statistic: "Maximum",
                    period: 300,
                    evaluationPeriods: 3,
                    threshold: DEFAULT_EFS_SYNC_ALARM_SECONDS,
                    comparisonOperator: "GreaterThanThreshold",
                    treatMissingData: "breaching",
                    alarmActions: args.source.alarmTopicArn ? [args.source.alarmTopicArn] : [],
                    okActions: args.source.alarmTopicArn ? [args.source.alarmTopicArn] : [],
                    tags: tags(OdooRole.Ops),
                },
                { parent: this },
            );
        }

        if (cfg.nodes && args.nodeArgs && cfg.loadBalancer && fileSystemId !== undefined) {
            const lb = new OdooLoadBalancer(
                `${name}-lb`,
                {
                    cluster: ctx,
                    vpcId: network.vpcId,
                    subnetIds: network.publicSubnetIds,
                    securityGroupId: network.loadBalancerSecurityGroupId,
                    ...cfg.loadBalancer,
                },
                thereAll,
            );
            const nodes = new OdooNodes(
                `${name}-nodes`,
                standbyNodesArgs(args.nodeArgs, cfg.region, {
                    subnetIds: Array.from({ length: zones }, (_, i) => network.privateSubnetIds.apply((ids) => ids[i])),
                    securityGroupId: network.nodeSecurityGroupId,
                    targetGroupArn: lb.targetGroupArn,
                    databaseHost: replica.address,
                    databasePort: replica.port,
                    fileSystemId,
                    accessPointId: accessPointId!,
                    accessPolicyArn: accessPolicyArn!,
                }),
                thereAll,
            );
            this.httpGroupName = nodes.httpGroupName;
            this.cronGroupName = nodes.cronGroupName;
            this.loadBalancerDnsName = lb.dnsName;
            this.loadBalancerZoneId = lb.zoneId;
        }

        this.region = pulumi.output(cfg.region);
        this.provider = provider;
        this.kmsKeyArn = key.arn;
        this.replicaIdentifier = replica.identifier;
        this.replicaEndpoint = replica.address;
        this.fileSystemId = fileSystemId;
        this.vaultArn = vault.arn;
        this.registerOutputs({
            region: this.region,
            kmsKeyArn: this.kmsKeyArn,
            replicaIdentifier: this.replicaIdentifier,
            replicaEndpoint: this.replicaEndpoint,
            fileSystemId: this.fileSystemId,
            replicationSourceFileSystemId: this.replicationSourceFileSystemId,
            vaultArn: this.vaultArn,
            httpGroupName: this.httpGroupName,
            cronGroupName: this.cronGroupName,
            loadBalancerDnsName: this.loadBalancerDnsName,
            loadBalancerZoneId: this.loadBalancerZoneId,
        });
    }
}
