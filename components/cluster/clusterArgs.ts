/**
 * The arguments of `OdooCluster` and their validation. Pure: nothing here registers a resource,
 * so the cluster can check its whole tree — its own rules, the capacity plan and every
 * sub-component's arguments — before it creates anything.
 */
import * as pulumi from "@pulumi/pulumi";
import { OdooClusterContext, ResolvedClusterContext, resolveClusterContext } from "../contract/clusterContext";
import { OdooDatabaseOptions, ResolvedDatabaseArgs, resolveDatabaseArgs } from "../database/database";
import { OdooArgumentError, optionalBoolean, reportUnder } from "../contract/errors";
import { OdooFilestoreOptions, resolveFilestoreArgs } from "../storage/filestore";
import { OdooLoadBalancerOptions, resolveLoadBalancerArgs } from "../loadBalancer/loadBalancer";
import { OdooNetworkOptions, resolveNetworkArgs } from "../network/network";
import { OdooNodesOptions, isOfficialOdooImage, parseImageReference, resolveNodesArgs } from "../nodes/nodes";
import { DEFAULT_ODOO_VERSION, OdooVersion, requireOdooVersion } from "../contract/odooVersion";
import { OdooSessionStoreOptions, resolveSessionStoreArgs } from "../storage/sessionStore";
import { OdooBackupPlanOptions, resolveBackupPlanArgs } from "../operations/backupPlan";
import { OdooFleetScalingOptions, httpFleetRollout, resolveFleetScalingArgs } from "../operations/fleetScaling";
import { OdooHealthGateOptions, resolveHealthGateArgs } from "../operations/healthGate";
import { OdooMonitoringOptions, resolveMonitoringArgs } from "../operations/monitoring";
import { OdooUpgradeOptions, resolveUpgradeArgs } from "../operations/upgrade";
import { OdooStandbyOptions, ResolvedStandbyOptions, resolveStandbyArgs, resolveStandbyOptions } from "../standby/standby";
import { CapacityTargetSettings, WorkloadSettings } from "../contract/workload";
import { RolloutTimeline, rolloutTimeline } from "../contract/rollout";
import {
    CapacityPlan,
    CapacityRequest,
    DEFAULT_FILESTORE_GB,
    FilestoreKind,
    NatGatewayMode,
    OdooImageAddons,
    SessionKind,
    planCapacity,
} from "../contract/sizing";
import { StandbyCostInputs, estimateStandbyCost, withStandbyCost } from "../contract/standbyCost";
import {
    backupPlanArgs,
    databaseArgs,
    filestoreArgs,
    fleetScalingArgs,
    healthGateArgs,
    loadBalancerArgs,
    monitoringArgs,
    networkArgs,
    nodesArgs,
    sessionStoreArgs,
    standInAlarmActions,
    standInParts,
    standbyArgs,
    upgradeArgs,
} from "./clusterParts";

export type { OdooImageAddons };

/** Autoscaling of the HTTP fleet (OdooFleetScaling). */
export interface OdooClusterScaling extends OdooFleetScalingOptions {
    /** Scale the fleet on ALB requests per node and CPU. Default: true whenever the fleet may grow (httpNodesMax above httpNodes). */
    enabled?: boolean;
}

/** Alarms and dashboard (OdooMonitoring). */
export interface OdooClusterMonitoring extends OdooMonitoringOptions {
    /** CloudWatch alarms for the guide's signs that the cluster needs to scale, and a dashboard. Default: true. */
    enabled?: boolean;
}

/** AWS Backup of the database and filestore (OdooBackupPlan). */
export interface OdooClusterBackups extends OdooBackupPlanOptions {
    /** An AWS Backup plan on top of RDS's and EFS's own backups. Default: true in production. */
    enabled?: boolean;
}

/** The database initialise/upgrade step (OdooUpgrade). */
export interface OdooClusterUpgrade extends OdooUpgradeOptions {
    /**
     * Run the step on the cron node through SSM when the version, image or upgradeModules change.
     * Needs bash and the AWS CLI where `pulumi up` runs. Default: true in production.
     */
    enabled?: boolean;
}

/** The post-deploy health gate (OdooHealthGate). */
export interface OdooClusterHealthGate extends OdooHealthGateOptions {
    /** Fail `pulumi up` unless the URL's /web/health passes after a deploy. Needs curl where `pulumi up` runs. Default: true in production. */
    enabled?: boolean;
}

/** Day-2 operations of the cluster. */
export interface OdooOperationsOptions {
    /** Fleet autoscaling. */
    scaling?: OdooClusterScaling;
    /** Alarms, alarm e-mail and dashboard. */
    monitoring?: OdooClusterMonitoring;
    /** AWS Backup plan. */
    backups?: OdooClusterBackups;
    /** Database initialise/upgrade step. */
    upgrade?: OdooClusterUpgrade;
    /** Post-deploy health gate. */
    healthGate?: OdooClusterHealthGate;
}

/** Arguments of {@link OdooCluster}. */
export interface OdooClusterArgs {
    /**
     * Concurrent users the cluster must serve, a whole number from 1 to 5000. Every default —
     * nodes, workers, database class and replicas, cache, network — is sized from it, and it is
     * written on every resource (`odoo:concurrent-users`) for the policy pack.
     */
    concurrentUsers: number;
    /**
     * Cluster name: the `odoo:cluster` tag and the prefix of AWS names. 1–20 lower-case letters,
     * digits or dashes, starting with a letter. Default: the component's name.
     */
    clusterName?: string;
    /** Environment name (`dev`, `staging`, `prod`, …): the `odoo:environment` tag. Default: the stack name. */
    environment?: string;
    /**
     * Production: Multi-AZ database and cache, deletion protection, final snapshots, retained
     * data, three zones with a NAT gateway each. Default: true when the environment is `prod` or
     * `production`.
     */
    production?: boolean;
    /** Extra tags on every resource. Keys starting with `odoo:` are reserved. Default: none. */
    tags?: Record<string, string>;
    /** Odoo version: 17.0, 18.0 or 19.0. Default: 18.0. */
    odooVersion?: OdooVersion;
    /**
     * Container image of Odoo, with a tag or digest. Default: the official `odoo:<odooVersion>`.
     * Pin a dated tag or a digest in production: `odoo:18.0` moves every night.
     */
    image?: string;
    /** What a custom image carries (needed for an `s3` filestore and `redis` sessions). Default: nothing. */
    imageAddons?: OdooImageAddons;
    /** Network settings (VPC, zones, NAT, or an existing VPC). Default: a new VPC from the capacity plan. */
    network?: OdooNetworkOptions;
    /** Load balancer settings: TLS certificate or domain, timeouts, stickiness, logs. */
    loadBalancer?: OdooLoadBalancerOptions;
    /** Node settings: instance types, workers, fleet bounds, cron threads. Default: from the capacity plan. */
    nodes?: OdooNodesOptions;
    /** PostgreSQL settings: engine, class, replicas, storage, backups. Default: from the capacity plan. */
    database?: OdooDatabaseOptions;
    /** Filestore settings. Default: `efs`. */
    filestore?: OdooFilestoreOptions;
    /**
     * Session settings. Default kind: `redis` for a fleet whose image carries session_redis
     * (17.0/18.0), otherwise `filestore` (the data dir, shared on EFS).
     */
    sessions?: OdooSessionStoreOptions;
    /** Scaling, alarms, backups, the upgrade step and the health gate. Default: each as its own doc says. */
    operations?: OdooOperationsOptions;
    /**
     * What a concurrent user asks of the cluster, for the capacity model: requests per minute,
     * light/heavy service times, database share. The plan adds nodes or database capacity where the
     * model's targets need more than the guide's table (never less), and the nodes carry it as the
     * `odoo:workload` tag for the policy pack. `npm run calibrate` fits it to Odoo's own log.
     * Default: 12 requests per user per minute, 80 % light at 0.1 s, 20 % heavy at 0.6 s.
     */
    workload?: WorkloadSettings;
    /** The capacity model's targets. Default: light p95 ≤ 1 s, heavy p95 ≤ 5 s, cores and database ≤ 70 % busy. */
    capacityTargets?: CapacityTargetSettings;
    /**
     * Safe mode of a cluster restored from a backup (`database.restore`): outgoing mail and
     * scheduled actions off until the stack sets false — every node runs `max_cron_threads = 0`
     * and, on the first boot, the cron node runs Odoo's `neutralize` on the copy. Only with
     * `database.restore`. Default: true for a restored cluster. Set false for a restore that
     * becomes production again (recovery from a bad migration); the nodes then carry
     * `odoo:safe-mode=off` and the policy pack sees it was stated.
     */
    safeMode?: boolean;
    /**
     * A disaster-recovery standby in a second region: a cross-region read replica, the filestore
     * replicated, backup copies in a vault there, the database and admin secrets replicated, node
     * templates at 0 and a load balancer, each through a provider for that region (see OdooStandby
     * and the README's failover runbook). Needs an RDS for PostgreSQL database and an efs
     * filestore. Default: none.
     */
    standby?: OdooStandbyOptions;
}

/** An operations part after validation: whether it is on, and its settings without the switch. */
export interface EnabledPart<T> {
    enabled: boolean;
    options: T;
}

/** The arguments after validation, with every default applied: what each part's arguments are built from. */
export interface ResolvedClusterArgs {
    context: ResolvedClusterContext;
    /** The context every part is given: the cluster's identity and its one capacity plan. */
    cluster: OdooClusterContext;
    version: OdooVersion;
    image: string;
    plan: CapacityPlan;
    /** Subnets per tier: the zones of a created VPC or the length of the adopted lists. */
    zones: number;
    databaseName: string;
    network: OdooNetworkOptions;
    loadBalancer: OdooLoadBalancerOptions;
    database: OdooDatabaseOptions;
    filestore: OdooFilestoreOptions & { kind: FilestoreKind };
    sessions: OdooSessionStoreOptions & { kind: SessionKind };
    nodes: OdooNodesOptions;
    /** The nodes' health-check grace period: how long a new node takes to serve. */
    nodeWarmupSeconds: number;
    /** Read replicas (Aurora: readers) the database will have. */
    replicas: number;
    aurora: boolean;
    scaling: EnabledPart<OdooFleetScalingOptions>;
    monitoring: EnabledPart<OdooMonitoringOptions>;
    backups: EnabledPart<OdooBackupPlanOptions>;
    upgrade: EnabledPart<OdooUpgradeOptions>;
    healthGate: EnabledPart<OdooHealthGateOptions>;
    /** How long a deploy's rollout can take, and what the upgrade step and the health gate wait. */
    rollout: RolloutTimeline;
    /** The database as OdooDatabase will build it (the standby's replica copies its class, storage and parameters). */
    resolvedDatabase?: ResolvedDatabaseArgs;
    /** A restored cluster: what from, and whether safe mode is on. */
    restoredCopy?: { from: string; safeMode: boolean };
    /** The standby, when one is asked for. */
    standby?: ResolvedStandbyOptions;
    /** The plan of the standby's parked nodes: the cluster's, with sessions in the data dir (the standby runs no cache). */
    standbyPlan?: CapacityPlan;
    /** The stack's `aws:region`, when the stack sets it (the standby must be elsewhere). */
    primaryRegion?: string;
}

/** Splits an operations part into its switch and its settings, validating the switch. */
function part<T extends { enabled?: boolean }>(
    property: string,
    value: T | undefined,
    byDefault: boolean,
): EnabledPart<Omit<T, "enabled">> {
    const settings = objectOrEmpty(property, value);
    const { enabled, ...options } = settings;
    return { enabled: optionalBoolean(`${property}.enabled`, enabled) ?? byDefault, options };
}

/** Where the capacity request's fields live in the cluster's arguments. */
const PLAN_FIELD_PATHS: Record<string, string> = {
    concurrentUsers: "concurrentUsers",
    singleNode: "nodes.singleNode",
    nodeInstanceType: "nodes.instanceType",
    cronInstanceType: "nodes.cronInstanceType",
    workersPerNode: "nodes.workersPerNode",
    httpNodes: "nodes.httpNodes",
    httpNodesMax: "nodes.httpNodesMax",
    maxCronThreads: "nodes.maxCronThreads",
    dbMaxconn: "nodes.dbMaxconn",
    databaseInstanceClass: "database.instanceClass",
    databaseReplicas: "database.replicas",
    replicaInstanceClass: "database.replicaInstanceClass",
    logRetentionDays: "nodes.logRetentionDays",
    flowLogs: "network.flowLogs",
    awsBackup: "operations.backups.enabled",
    databaseStorageGb: "database.allocatedStorageGb",
    databaseMultiAz: "database.multiAz",
    sessions: "sessions.kind",
    filestore: "filestore.kind",
    cacheNodeType: "sessions.nodeType",
    cacheNodes: "sessions.nodes",
    availabilityZones: "network.availabilityZones",
    natGateways: "network.natGateways",
};

/** Where a capacity-plan error's field lives in the cluster's arguments (the fleet's Spot share and office hours are `nodes.*`). */
function planFieldPath(property: string): string {
    return PLAN_FIELD_PATHS[property] ?? (/^(spot|officeHours)(\.|\[|$)/.test(property) ? `nodes.${property}` : property);
}

/** The nodes' own errors: connection fields are the cluster's top-level choices, the rest are `nodes.*`. */
function nodesPath(property: string): string {
    if (/^(filestore|sessions)\.kind$/.test(property) || /^(image|odooVersion)$/.test(property)) {
        return property;
    }
    return `nodes.${property}`;
}

function objectOrEmpty<T extends object>(property: string, value: T | undefined): T {
    if (value === undefined) {
        return {} as T;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new OdooArgumentError(property, value, "an object of settings");
    }
    return value;
}

/** A number the capacity request takes only when it is one; anything else is left to the part's own validation. */
function numberOrUndefined(value: unknown): number | undefined {
    return typeof value === "number" ? value : undefined;
}

/**
 * The capacity request of the cluster's arguments: every choice the plan depends on, wherever it
 * is set. `npm run plan` builds the same request from its flags.
 */
export function clusterCapacityRequest(args: OdooClusterArgs, context: ResolvedClusterContext, version: OdooVersion): CapacityRequest {
    const nodes = objectOrEmpty("nodes", args.nodes);
    const database = objectOrEmpty("database", args.database);
    const network = objectOrEmpty("network", args.network);
    const sessions = objectOrEmpty("sessions", args.sessions);
    const filestore = objectOrEmpty("filestore", args.filestore);
    const created = network.existingVpc === undefined;
    return {
        concurrentUsers: context.concurrentUsers,
        production: context.production,
        odooVersion: version,
        imageAddons: objectOrEmpty("imageAddons", args.imageAddons),
        singleNode: nodes.singleNode,
        nodeInstanceType: nodes.instanceType,
        cronInstanceType: nodes.cronInstanceType,
        workersPerNode: nodes.workersPerNode,
        httpNodes: nodes.httpNodes,
        httpNodesMax: nodes.httpNodesMax,
        maxCronThreads: nodes.maxCronThreads,
        dbMaxconn: nodes.dbMaxconn,
        spot: nodes.spot,
        officeHours: nodes.officeHours,
        logRetentionDays: nodes.logRetentionDays,
        flowLogs: created ? network.flowLogs : false,
        awsBackup: args.operations?.backups?.enabled,
        replicaInstanceClass: database.replicaInstanceClass,
        aurora: database.engine === "aurora-postgresql",
        databaseInstanceClass: database.instanceClass,
        databaseReplicas: database.replicas,
        databaseStorageGb: database.allocatedStorageGb,
        databaseMultiAz: database.multiAz,
        filestore: filestore.kind,
        sessions: sessions.kind,
        cacheNodeType: sessions.nodeType,
        cacheNodes: numberOrUndefined(sessions.nodes),
        availabilityZones: created
            ? (network.availabilityZones ??
              (Array.isArray(network.availabilityZoneNames) ? network.availabilityZoneNames.length : undefined))
            : undefined,
        natGateways: created ? network.natGateways : undefined,
        workload: args.workload,
        targets: args.capacityTargets,
    };
}

/**
 * Validates the cluster's arguments and everything they imply, in the order a reader would
 * check them: identity, version and image, the one capacity plan, then each part's arguments as
 * the part builders in clusterParts.ts make them, with stand-ins for what other parts produce.
 */
export function resolveClusterArgs(name: string, args: OdooClusterArgs): ResolvedClusterArgs {
    if (!args || typeof args !== "object") {
        throw new OdooArgumentError("args", args, "an object with at least concurrentUsers");
    }
    const context = reportUnder(
        (p) => p.replace(/^cluster\./, "").replace(/^name$/, "clusterName"),
        () =>
            resolveClusterContext({
                name: args.clusterName ?? name,
                environment: args.environment ?? pulumi.getStack(),
                concurrentUsers: args.concurrentUsers,
                production: args.production,
                tags: args.tags,
            } as OdooClusterContext),
    );
    const version = requireOdooVersion(args.odooVersion ?? DEFAULT_ODOO_VERSION);
    const image = parseImageReference(args.image ?? `odoo:${version}`).reference;
    const addons = objectOrEmpty("imageAddons", args.imageAddons);
    const s3Addons = optionalBoolean("imageAddons.s3Attachments", addons.s3Attachments) ?? false;
    const redisAddon = optionalBoolean("imageAddons.sessionRedis", addons.sessionRedis) ?? false;
    if ((s3Addons || redisAddon) && isOfficialOdooImage(parseImageReference(image))) {
        throw new OdooArgumentError(
            "image",
            image,
            "a custom image that carries the addons imageAddons declares",
            "the official odoo image has no third-party addons",
        );
    }

    // The one capacity plan: every part takes its defaults from it, through the context.
    const plan = reportUnder(planFieldPath, () => planCapacity(clusterCapacityRequest(args, context, version)));
    const cluster: OdooClusterContext = { ...context, capacityPlan: plan };
    const ops = objectOrEmpty("operations", args.operations);
    const r: ResolvedClusterArgs = {
        context: { ...context, capacityPlan: plan },
        cluster,
        version,
        image,
        plan,
        zones: 0,
        databaseName: "",
        network: objectOrEmpty("network", args.network),
        loadBalancer: objectOrEmpty("loadBalancer", args.loadBalancer),
        database: objectOrEmpty("database", args.database),
        filestore: { ...objectOrEmpty("filestore", args.filestore), kind: plan.filestore },
        sessions: { ...objectOrEmpty("sessions", args.sessions), kind: plan.sessions },
        nodes: objectOrEmpty("nodes", args.nodes),
        nodeWarmupSeconds: 0,
        replicas: 0,
        aurora: false,
        scaling: part("operations.scaling", ops.scaling, plan.httpNodesMax > plan.httpNodes),
        monitoring: part("operations.monitoring", ops.monitoring, true),
        backups: part("operations.backups", ops.backups, context.production),
        upgrade: part("operations.upgrade", ops.upgrade, context.production),
        healthGate: part("operations.healthGate", ops.healthGate, context.production),
        // Set once the load balancer and the nodes are resolved, below.
        rollout: { cronNodeSeconds: 0, httpBatches: 0, httpFleetSeconds: 0, upgradeNodeWaitSeconds: 0, healthGateSeconds: 0 },
        primaryRegion: new pulumi.Config("aws").get("region"),
    };
    // The standby first: the database replicates its credentials secret to the standby's region.
    r.standby = resolveStandbyOptions(args.standby, context, r.primaryRegion, {
        aurora: r.database.engine === "aurora-postgresql",
        filestore: r.filestore.kind,
    });
    if (r.standby) {
        r.standbyPlan = reportUnder(planFieldPath, () =>
            planCapacity({ ...clusterCapacityRequest(args, context, version), sessions: SessionKind.Filestore }),
        );
    }

    // Each part validates the arguments its builder makes; errors come back under the part's name.
    const network = reportUnder(
        (p) => `network.${p}`,
        () => resolveNetworkArgs(networkArgs(r)),
    );
    r.zones = network.created ? network.created.availabilityZones : adoptedZones(network.adopted?.isolatedSubnetIds);
    const parts = standInParts(r);
    const database = reportUnder(
        (p) => `database.${p}`,
        () => resolveDatabaseArgs(databaseArgs(r, parts.network, standInAlarmActions(r))),
    );
    r.databaseName = database.databaseName;
    r.resolvedDatabase = database;
    r.aurora = database.engine === "aurora-postgresql";
    r.replicas = r.aurora ? database.readers : database.replicas;
    // The stand-ins follow the database's replica count, known only now.
    const withReplicas = standInParts(r);
    const loadBalancer = reportUnder(
        (p) => `loadBalancer.${p}`,
        () => resolveLoadBalancerArgs(loadBalancerArgs(r, withReplicas.network)),
    );
    reportUnder(
        (p) => `filestore.${p}`,
        () => resolveFilestoreArgs(filestoreArgs(r, withReplicas.network)),
    );
    // A restored database needs the filestore of the same moment, and decides safe mode.
    r.restoredCopy = resolveRestoredCopy(args, database.restore?.label, r.filestore.kind, r.filestore.restore !== undefined);
    reportUnder(
        (p) => `sessions.${p}`,
        () => resolveSessionStoreArgs(sessionStoreArgs(r, withReplicas.network)),
    );
    const nodes = reportUnder(nodesPath, () =>
        resolveNodesArgs(nodesArgs(r, withReplicas, r.upgrade.enabled ? pulumi.output("pending") : undefined)),
    );
    r.nodeWarmupSeconds = nodes.healthCheckGracePeriodSeconds;
    const httpRefresh = httpFleetRollout({ instanceWarmupSeconds: r.nodeWarmupSeconds }).instanceRefresh.preferences;
    r.rollout = rolloutTimeline({
        singleNode: plan.singleNode,
        httpNodesMax: plan.httpNodesMax,
        httpMinHealthyPercentage: httpRefresh.minHealthyPercentage,
        httpMaxHealthyPercentage: httpRefresh.maxHealthyPercentage,
        warmupSeconds: r.nodeWarmupSeconds,
        deregistrationDelaySeconds: loadBalancer.deregistrationDelaySeconds,
    });

    // Operations: each part is validated with stand-ins for what the cluster will wire in.
    if (r.scaling.enabled) {
        reportUnder(
            (p) => `operations.scaling.${p}`,
            () => resolveFleetScalingArgs(fleetScalingArgs(r, withReplicas.loadBalancer, withReplicas.nodes)),
        );
    }
    if (r.monitoring.enabled) {
        reportUnder(
            (p) => `operations.monitoring.${p}`,
            () => resolveMonitoringArgs(monitoringArgs(r, withReplicas)),
        );
    }
    if (r.backups.enabled) {
        reportUnder(
            (p) => `operations.backups.${p}`,
            () =>
                resolveBackupPlanArgs(
                    backupPlanArgs(r, withReplicas.database, withReplicas.filestore, r.standby ? pulumi.output("pending") : undefined),
                ),
        );
    }
    if (r.upgrade.enabled) {
        reportUnder(
            (p) => `operations.upgrade.${p}`,
            () => resolveUpgradeArgs(upgradeArgs(r, withReplicas.nodes)),
        );
    }
    if (r.healthGate.enabled) {
        reportUnder(
            (p) => `operations.healthGate.${p}`,
            () => resolveHealthGateArgs(healthGateArgs(r, withReplicas.loadBalancer, withReplicas.nodes)),
        );
    }
    if (r.standby) {
        // The standby's parked nodes, built from the cluster's as the cluster will build them.
        resolveStandbyArgs(standbyArgs(r, withReplicas, pulumi.output("pending")));
        // What the standby costs joins the cluster's estimate, so a DR stack's preview prices it.
        r.plan = { ...r.plan, monthlyCost: withStandbyCost(r.plan.monthlyCost, estimateStandbyCost(standbyCostInputs(r))) };
    }
    return r;
}

/** The standby's shape as its cost estimate needs it. */
function standbyCostInputs(r: ResolvedClusterArgs): StandbyCostInputs {
    const standby = r.standby!;
    const ownNetwork = standby.network.existingVpc === undefined;
    const nat = standby.network.natGateways === NatGatewayMode.PerAz ? standby.zones : 1;
    return {
        region: standby.region,
        replicaInstanceClass: standby.instanceClass ?? r.plan.database.instanceClass,
        storageGb: r.plan.database.storageGb,
        // The size the cluster's own estimate assumes for the filestore.
        filestore: { kind: r.filestore.kind, gb: DEFAULT_FILESTORE_GB },
        natGateways: ownNetwork ? nat : 0,
        loadBalancer: standby.nodes,
        backupCopies: r.backups.enabled,
        concurrentUsers: r.plan.concurrentUsers,
        // The replica's lag alarm, and the filestore replication's when EFS is replicated.
        alarms: r.filestore.kind === FilestoreKind.Efs ? 2 : 1,
    };
}

/** Checks that a restore names both halves of the data, and resolves safe mode. */
function resolveRestoredCopy(
    args: OdooClusterArgs,
    label: string | undefined,
    filestore: FilestoreKind,
    filestoreRestored: boolean,
): { from: string; safeMode: boolean } | undefined {
    const safeMode = optionalBoolean("safeMode", args.safeMode);
    if (label === undefined) {
        if (safeMode !== undefined) {
            throw new OdooArgumentError("safeMode", safeMode, "no value without database.restore", "only a restored copy has a safe mode");
        }
        if (filestoreRestored) {
            throw new OdooArgumentError(
                "filestore.restore",
                args.filestore?.restore,
                "no value without database.restore",
                "attachments without the rows that reference them are orphans",
            );
        }
        return undefined;
    }
    if (filestore !== "local" && !filestoreRestored) {
        throw new OdooArgumentError(
            "filestore.restore",
            undefined,
            filestore === "efs"
                ? "{ efsFileSystemId, efsDataPath } of the file system the restore runbook created"
                : "{ s3SourceBucketName } of the bucket the runbook copies",
            "a restored database without its attachments shows broken files everywhere",
        );
    }
    return { from: label, safeMode: safeMode ?? true };
}

/** Per-tier subnet count of an adopted VPC: the list must be a plain list, its length decides per-zone resources. */
function adoptedZones(isolated: pulumi.Input<pulumi.Input<string>[]> | undefined): number {
    if (!Array.isArray(isolated)) {
        throw new OdooArgumentError(
            "network.existingVpc.isolatedSubnetIds",
            isolated,
            "a list of subnet IDs (a plain list, or set isolatedSubnetIds explicitly): its length decides the per-zone resources such as EFS mount targets",
        );
    }
    return isolated.length;
}
