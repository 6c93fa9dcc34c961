/**
 * How OdooCluster wires its parts: one function per part builds that part's arguments from the
 * resolved cluster arguments and what the other parts produce. Validation calls each with
 * stand-ins (see {@link standInParts}), construction with the live components, so what is checked
 * is exactly what is built. Pure: nothing here registers a resource.
 */
import * as pulumi from "@pulumi/pulumi";
import { OdooDatabaseArgs } from "../database/database";
import { OdooFilestoreArgs } from "../storage/filestore";
import { OdooLoadBalancerArgs } from "../loadBalancer/loadBalancer";
import { OdooNetworkArgs } from "../network/network";
import { OdooNodesArgs } from "../nodes/nodes";
import { odooMajor } from "../contract/odooVersion";
import { POSTGRES_PORT, REDIS_PORT } from "../contract/ports";
import { OdooSessionStoreArgs } from "../storage/sessionStore";
import { OdooBackupPlanArgs } from "../operations/backupPlan";
import { OdooFleetScalingArgs } from "../operations/fleetScaling";
import { OdooHealthGateArgs } from "../operations/healthGate";
import { OdooMonitoringArgs } from "../operations/monitoring";
import { OdooUpgradeArgs } from "../operations/upgrade";
import { OdooStandbyArgs } from "../standby/standby";
import { EFS_ODOO_OWNER } from "../storage/filestore";
import { ResolvedClusterArgs } from "./clusterArgs";

type Id = pulumi.Input<string>;

/** What the network gives the other parts; per-zone lists hold one Input per subnet. */
export interface NetworkParts {
    vpcId: Id;
    publicSubnetIds: pulumi.Input<Id[]>;
    privateSubnetIds: Id[];
    isolatedSubnetIds: Id[];
    loadBalancerSecurityGroupId: Id;
    nodeSecurityGroupId: Id;
    databaseSecurityGroupId: Id;
    cacheSecurityGroupId: Id;
    filestoreSecurityGroupId: Id;
}

/** What the load balancer gives the nodes and operations. */
export interface LoadBalancerParts {
    url: Id;
    arnSuffix: Id;
    targetGroupArn: Id;
    targetGroupArnSuffix: Id;
}

/** What the database gives the nodes and operations. */
export interface DatabaseParts {
    endpoint: Id;
    port: pulumi.Input<number>;
    username: Id;
    passwordSecretArn: Id;
    /** The credentials secret's customer-managed KMS key; absent with the `aws/secretsmanager` key. */
    passwordKmsKeyArn?: Id;
    /** Absent without replicas. */
    replicaHost?: Id;
    primaryInstanceIdentifier: Id;
    /** One per replica (Aurora: reader). */
    replicaIdentifiers: Id[];
    backupArn: Id;
}

/** What the filestore gives the nodes and the backup plan; each is absent unless its kind has it. */
export interface FilestoreParts {
    fileSystemId?: Id;
    fileSystemArn?: Id;
    accessPointId?: Id;
    bucketName?: Id;
    bucketArn?: Id;
    accessPolicyArn?: Id;
}

/** What the session store gives the nodes and monitoring; absent unless sessions are `redis`. */
export interface SessionParts {
    host?: Id;
    port?: pulumi.Input<number>;
    authTokenSecretArn?: Id;
    replicationGroupId?: Id;
}

/** What the nodes give operations. */
export interface NodesParts {
    httpGroupName: Id;
    cronGroupName: Id;
    logGroupName: Id;
    /** Latest version of each launch template (HTTP, then cron; one for a single node). */
    launchTemplateVersions: pulumi.Input<number>[];
}

/** Everything the parts produce for each other. */
export interface ClusterParts {
    network: NetworkParts;
    loadBalancer: LoadBalancerParts;
    database: DatabaseParts;
    filestore: FilestoreParts;
    sessions: SessionParts;
    nodes: NodesParts;
}

/**
 * Stand-ins for what the parts will produce (IDs, endpoints, ARNs): Outputs, which the validators
 * accept as "known later" just as they accept the real wiring. Optional ones exist exactly when
 * the live part will have them, so validation takes the same branches as construction.
 */
export function standInParts(r: ResolvedClusterArgs): ClusterParts {
    const pending = (): pulumi.Output<string> => pulumi.output("pending");
    const perZone = () => Array.from({ length: r.zones }, pending);
    const efs = r.filestore.kind === "efs";
    const s3 = r.filestore.kind === "s3";
    const redis = r.sessions.kind === "redis";
    return {
        network: {
            vpcId: pending(),
            publicSubnetIds: perZone(),
            privateSubnetIds: perZone(),
            isolatedSubnetIds: perZone(),
            loadBalancerSecurityGroupId: pending(),
            nodeSecurityGroupId: pending(),
            databaseSecurityGroupId: pending(),
            cacheSecurityGroupId: pending(),
            filestoreSecurityGroupId: pending(),
        },
        loadBalancer: { url: pending(), arnSuffix: pending(), targetGroupArn: pending(), targetGroupArnSuffix: pending() },
        database: {
            endpoint: pending(),
            port: pulumi.output(POSTGRES_PORT),
            username: pending(),
            passwordSecretArn: pending(),
            passwordKmsKeyArn: r.database.kmsKeyId === undefined ? undefined : pending(),
            replicaHost: r.replicas > 0 ? pending() : undefined,
            primaryInstanceIdentifier: pending(),
            replicaIdentifiers: Array.from({ length: r.replicas }, pending),
            backupArn: pending(),
        },
        filestore: {
            fileSystemId: efs ? pending() : undefined,
            fileSystemArn: efs ? pending() : undefined,
            accessPointId: efs ? pending() : undefined,
            bucketName: s3 ? pending() : undefined,
            bucketArn: s3 ? pending() : undefined,
            accessPolicyArn: s3 ? pending() : undefined,
        },
        sessions: redis
            ? { host: pending(), port: pulumi.output(REDIS_PORT), authTokenSecretArn: pending(), replicationGroupId: pending() }
            : {},
        nodes: {
            httpGroupName: pending(),
            cronGroupName: pending(),
            logGroupName: pending(),
            launchTemplateVersions: Array.from({ length: launchTemplateCount(r) }, () => pulumi.output(1)),
        },
    };
}

/** How many alarm actions OdooMonitoring will have: the e-mail topic and the given topics. */
export function alarmActionCount(monitoring: ResolvedClusterArgs["monitoring"]): number {
    return monitoring.enabled
        ? (monitoring.options.alarmEmail === undefined ? 0 : 1) + (monitoring.options.alarmTopicArns?.length ?? 0)
        : 0;
}

/** Stand-ins for the alarm actions monitoring will have, as {@link standInParts} does for the parts. */
export function standInAlarmActions(r: ResolvedClusterArgs): Id[] {
    return Array.from({ length: alarmActionCount(r.monitoring) }, () => pulumi.output("pending"));
}

export function networkArgs(r: ResolvedClusterArgs): OdooNetworkArgs {
    return { cluster: r.cluster, ...r.network };
}

export function loadBalancerArgs(r: ResolvedClusterArgs, network: NetworkParts): OdooLoadBalancerArgs {
    return {
        cluster: r.cluster,
        vpcId: network.vpcId,
        subnetIds: network.publicSubnetIds,
        securityGroupId: network.loadBalancerSecurityGroupId,
        ...r.loadBalancer,
    };
}

/**
 * `alarmActions`: where monitoring will send its alarms, one Input per action
 * ({@link alarmActionCount}); the replicas' routing alarms notify there too.
 */
export function databaseArgs(r: ResolvedClusterArgs, network: NetworkParts, alarmActions: Id[]): OdooDatabaseArgs {
    return {
        cluster: r.cluster,
        vpcId: network.vpcId,
        subnetIds: network.isolatedSubnetIds,
        securityGroupIds: [network.databaseSecurityGroupId],
        alarmActions,
        ...r.database,
        // A standby's nodes read the credentials from the secret's replica in the standby region.
        ...(r.standby ? { secretReplicaRegions: withRegion(r.database.secretReplicaRegions, r.standby.region) } : {}),
        // The plan's replica class is the cheapest that holds Odoo's connections (Aurora readers keep the writer's).
        ...(r.database.engine === "aurora-postgresql" || r.database.replicaInstanceClass !== undefined
            ? {}
            : { replicaInstanceClass: r.plan.database.replicaInstanceClass }),
    };
}

export function filestoreArgs(r: ResolvedClusterArgs, network: NetworkParts): OdooFilestoreArgs {
    return {
        cluster: r.cluster,
        ...(r.filestore.kind === "efs"
            ? {
                  subnetIds: network.isolatedSubnetIds,
                  securityGroupIds: [network.filestoreSecurityGroupId],
                  // The cluster's AWS Backup plan protects the file system: no second, automatic backup.
                  automaticBackups: !r.backups.enabled,
              }
            : {}),
        ...r.filestore,
    };
}

export function sessionStoreArgs(r: ResolvedClusterArgs, network: NetworkParts): OdooSessionStoreArgs {
    return {
        cluster: r.cluster,
        ...(r.sessions.kind === "redis" ? { subnetIds: network.isolatedSubnetIds, securityGroupIds: [network.cacheSecurityGroupId] } : {}),
        ...r.sessions,
    };
}

/** Launch templates the nodes have: the HTTP fleet's and the cron node's, or the single node's. */
export function launchTemplateCount(r: ResolvedClusterArgs): number {
    return r.plan.singleNode ? 1 : 2;
}

/**
 * `httpRolloutAfter`: what the HTTP fleet's rollout waits for — the upgrade step's result when
 * there is one (contract/rollout.ts: cron node, upgrade, HTTP fleet, health gate).
 */
export function nodesArgs(r: ResolvedClusterArgs, parts: Omit<ClusterParts, "nodes">, httpRolloutAfter?: Id): OdooNodesArgs {
    const { network, loadBalancer, database, filestore, sessions } = parts;
    return {
        cluster: r.cluster,
        odooVersion: r.version,
        image: r.image,
        subnetIds: network.privateSubnetIds,
        securityGroupIds: [network.nodeSecurityGroupId],
        targetGroupArns: [loadBalancer.targetGroupArn],
        database: {
            host: database.endpoint,
            port: database.port,
            name: r.databaseName,
            user: database.username,
            passwordSecretArn: database.passwordSecretArn,
            passwordKmsKeyArn: database.passwordKmsKeyArn,
            // db_replica_host exists from 18.0 on; an empty value would turn replica mode on,
            // so the key is left out entirely unless a replica host exists.
            ...(odooMajor(r.version) >= 18 && database.replicaHost
                ? { replicaHost: database.replicaHost, replicaPort: database.port }
                : {}),
        },
        filestore: {
            kind: r.filestore.kind,
            efsFileSystemId: filestore.fileSystemId,
            efsAccessPointId: filestore.accessPointId,
            s3BucketName: filestore.bucketName,
            accessPolicyArn: filestore.accessPolicyArn,
        },
        sessions: {
            kind: r.sessions.kind,
            redisHost: sessions.host,
            redisPort: sessions.port,
            redisAuthTokenSecretArn: sessions.authTokenSecretArn,
        },
        ...r.nodes,
        ...(httpRolloutAfter === undefined ? {} : { httpRolloutAfter }),
        // A restored copy is prepared once by the cron node, for this cluster's URL.
        ...(r.restoredCopy ? { restoredCopy: { ...r.restoredCopy, baseUrl: loadBalancer.url } } : {}),
        // The standby's nodes read the admin password's replica in their region.
        ...(r.standby ? { secretReplicas: [{ region: r.standby.region }] } : {}),
    };
}

/** `regions` with `region` added once (a user may list the standby's region already). */
function withRegion(regions: string[] | undefined, region: string): string[] | undefined {
    // Anything but a list is left for OdooDatabase's own validation to report.
    if (regions !== undefined && !Array.isArray(regions)) {
        return regions;
    }
    const list = regions ?? [];
    return list.includes(region) ? list : [...list, region];
}

export function fleetScalingArgs(r: ResolvedClusterArgs, loadBalancer: LoadBalancerParts, nodes: NodesParts): OdooFleetScalingArgs {
    return {
        cluster: r.cluster,
        httpGroupName: nodes.httpGroupName,
        loadBalancerArnSuffix: loadBalancer.arnSuffix,
        targetGroupArnSuffix: loadBalancer.targetGroupArnSuffix,
        singleNode: r.plan.singleNode,
        workersPerNode: r.plan.workersPerNode,
        // A new node counts toward the target once it could serve: the nodes' grace period.
        instanceWarmupSeconds: Math.min(1800, r.nodeWarmupSeconds),
        ...r.scaling.options,
    };
}

export function monitoringArgs(r: ResolvedClusterArgs, parts: ClusterParts): OdooMonitoringArgs {
    const { loadBalancer, database, sessions, nodes } = parts;
    return {
        cluster: r.cluster,
        httpGroupName: nodes.httpGroupName,
        // The cron node is a group of its own unless one node does everything.
        cronGroupName: r.plan.singleNode ? undefined : nodes.cronGroupName,
        loadBalancerArnSuffix: loadBalancer.arnSuffix,
        targetGroupArnSuffix: loadBalancer.targetGroupArnSuffix,
        database: {
            primaryIdentifier: database.primaryInstanceIdentifier,
            replicaIdentifiers: database.replicaIdentifiers,
            instanceClass: r.plan.database.instanceClass,
            maxConnections: r.plan.database.maxConnections,
            allocatedStorageGb: r.aurora ? undefined : r.plan.database.storageGb,
            aurora: r.aurora,
        },
        ...(sessions.replicationGroupId
            ? { sessions: { replicationGroupId: sessions.replicationGroupId, nodes: r.plan.cache.nodes } }
            : {}),
        ...r.monitoring.options,
    };
}

/** `standbyVaultArn`: the standby region's vault, which receives a copy of every recovery point. */
export function backupPlanArgs(
    r: ResolvedClusterArgs,
    database: DatabaseParts,
    filestore: FilestoreParts,
    standbyVaultArn?: Id,
): OdooBackupPlanArgs {
    return {
        cluster: r.cluster,
        databaseArn: database.backupArn,
        fileSystemArn: filestore.fileSystemArn,
        bucketArn: filestore.bucketArn,
        ...r.backups.options,
        ...(r.standby && standbyVaultArn !== undefined ? { copyToVaultArn: standbyVaultArn, copyRegion: r.standby.region } : {}),
    };
}

/**
 * The standby in the second region (only when `r.standby` is set): it replicates the primary's
 * database and filestore, and parks the cluster's own nodes there. `adminPasswordSecretArn`: the
 * nodes' admin secret, replicated to the standby's region; `alarmTopicArn`: the primary region's
 * topic, for the replication alarm that lives there.
 */
export function standbyArgs(
    r: ResolvedClusterArgs,
    parts: Omit<ClusterParts, "nodes">,
    adminPasswordSecretArn: Id,
    alarmTopicArn?: Id,
): OdooStandbyArgs {
    const standby = r.standby!;
    const db = r.resolvedDatabase!;
    // The access point's owner, as OdooFilestore gives it (the image's uid does not matter on EFS).
    const owner = EFS_ODOO_OWNER;
    return {
        ...standby,
        cluster: r.cluster,
        primaryRegion: r.primaryRegion ?? "",
        source: {
            databaseArn: parts.database.backupArn,
            instanceClass: db.instanceClass.name,
            allocatedStorageGb: db.allocatedStorageGb ?? r.plan.database.storageGb,
            maxAllocatedStorageGb: db.maxAllocatedStorageGb,
            parameterFamily: db.version.family,
            parameters: db.primaryParameters.instance,
            fileSystemId: parts.filestore.fileSystemId,
            fileSystemOwner: { uid: r.filestore.ownerUid ?? owner.uid, gid: r.filestore.ownerGid ?? owner.gid },
            alarmTopicArn,
        },
        nodeArgs: { ...nodesArgs(r, parts), cluster: { ...r.cluster, capacityPlan: r.standbyPlan }, adminPasswordSecretArn },
    };
}

export function upgradeArgs(r: ResolvedClusterArgs, nodes: NodesParts): OdooUpgradeArgs {
    return {
        cluster: r.cluster,
        odooVersion: r.version,
        image: r.image,
        databaseName: r.databaseName,
        cronGroupName: nodes.cronGroupName,
        logGroupName: nodes.logGroupName,
        rolloutSeconds: r.rollout.upgradeNodeWaitSeconds,
        ...r.upgrade.options,
    };
}

export function healthGateArgs(r: ResolvedClusterArgs, loadBalancer: LoadBalancerParts, nodes: NodesParts): OdooHealthGateArgs {
    return {
        cluster: r.cluster,
        url: loadBalancer.url,
        autoScalingGroupNames: r.plan.singleNode ? [nodes.httpGroupName] : [nodes.httpGroupName, nodes.cronGroupName],
        odooVersion: r.version,
        image: r.image,
        // Any node change (not only image or version) rolls the fleet, so it runs the gate again.
        launchTemplateVersions: nodes.launchTemplateVersions,
        rolloutSeconds: r.rollout.healthGateSeconds,
        ...r.healthGate.options,
    };
}
