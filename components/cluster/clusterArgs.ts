/**
 * The arguments of `OdooCluster` and their validation. Pure: nothing here registers a resource,
 * so the cluster can check its whole tree — its own rules, the capacity plan and every
 * sub-component's arguments — before it creates anything.
 */
import * as pulumi from "@pulumi/pulumi";
import { OdooClusterContext, ResolvedClusterContext, resolveClusterContext } from "../contract/clusterContext";
import { OdooDatabaseOptions, validateOdooDatabaseArgs } from "../database/database";
import { OdooArgumentError, optionalBoolean, reportUnder, requireOneOf } from "../contract/errors";
import { OdooFilestoreOptions, validateOdooFilestoreArgs } from "../storage/filestore";
import { OdooLoadBalancerOptions, validateOdooLoadBalancerArgs } from "../loadBalancer/loadBalancer";
import { OdooNetworkOptions, validateOdooNetworkArgs } from "../network/network";
import { OdooNodesOptions, isOfficialOdooImage, parseImageReference, s3AttachmentModules, validateOdooNodesArgs } from "../nodes/nodes";
import { DEFAULT_ODOO_VERSION, OdooVersion, odooMajor, requireOdooVersion } from "../contract/odooVersion";
import { OdooSessionStoreOptions, validateOdooSessionStoreArgs } from "../storage/sessionStore";
import { OdooBackupPlanOptions, validateOdooBackupPlanArgs } from "../operations/backupPlan";
import { OdooFleetScalingOptions, validateOdooFleetScalingArgs } from "../operations/fleetScaling";
import { OdooHealthGateOptions, validateOdooHealthGateArgs } from "../operations/healthGate";
import { OdooMonitoringOptions, validateOdooMonitoringArgs } from "../operations/monitoring";
import { OdooUpgradeOptions, validateOdooUpgradeArgs } from "../operations/upgrade";
import {
    CapacityPlan,
    CapacityRequest,
    FILESTORE_KINDS,
    FilestoreKind,
    SESSION_KINDS,
    SessionKind,
    planCapacity,
} from "../contract/sizing";

/**
 * What the Odoo image carries beyond the official image. The official `odoo:<version>` image has
 * no third-party addons; S3 attachments and Redis sessions need some, so using them is an explicit
 * statement about a custom image rather than a surprise at first boot.
 */
export interface OdooImageAddons {
    /**
     * The image carries OCA `fs_storage` and `fs_attachment` (plus `fs_attachment_s3` on 18.0 and
     * 19.0) and the `s3fs` Python package. Required for an `s3` filestore. Default: false.
     */
    s3Attachments?: boolean;
    /**
     * The image carries camptocamp's `session_redis` and the `redis` Python package. Required for
     * `redis` sessions, which exist for Odoo 17.0 and 18.0 only. Default: false.
     */
    sessionRedis?: boolean;
}

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
}

/** An operations part after validation: whether it is on, and its settings without the switch. */
export interface EnabledPart<T> {
    enabled: boolean;
    options: T;
}

/** The arguments after validation, with every default applied. */
export interface ValidatedClusterArgs {
    context: ResolvedClusterContext;
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
    /** Read replicas (Aurora: readers) the database will have. */
    replicas: number;
    aurora: boolean;
    scaling: EnabledPart<OdooFleetScalingOptions>;
    monitoring: EnabledPart<OdooMonitoringOptions>;
    backups: EnabledPart<OdooBackupPlanOptions>;
    upgrade: EnabledPart<OdooUpgradeOptions>;
    healthGate: EnabledPart<OdooHealthGateOptions>;
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

/** Where the capacity plan's fields live in the cluster's arguments. */
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
    databaseStorageGb: "database.allocatedStorageGb",
    sessions: "sessions.kind",
    filestore: "filestore.kind",
    cacheNodeType: "sessions.nodeType",
    availabilityZones: "network.availabilityZones",
    natGateways: "network.natGateways",
};

/** The nodes' own errors: connection fields are the cluster's top-level choices, the rest are `nodes.*`. */
function nodesPath(property: string): string {
    if (/^(filestore|sessions)\.kind$/.test(property) || /^(image|odooVersion)$/.test(property)) {
        return property;
    }
    return `nodes.${property}`;
}

/**
 * Stand-in for what other components produce (IDs, endpoints, ARNs): an Output, which the
 * validators accept as "known later", just as they accept the real wiring.
 */
function pending(): pulumi.Output<string> {
    return pulumi.output("pending");
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

/**
 * Validates the cluster's arguments and everything they imply, in the order a reader would
 * check them: identity, version and image, the capacity plan, then each part.
 */
export function validateClusterArgs(name: string, args: OdooClusterArgs): ValidatedClusterArgs {
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

    const networkArgs = objectOrEmpty("network", args.network);
    const loadBalancerArgs = objectOrEmpty("loadBalancer", args.loadBalancer);
    const nodesArgs = objectOrEmpty("nodes", args.nodes);
    const databaseArgs = objectOrEmpty("database", args.database);
    const filestoreArgs = objectOrEmpty("filestore", args.filestore);
    const sessionsArgs = objectOrEmpty("sessions", args.sessions);

    const filestoreKind: FilestoreKind =
        filestoreArgs.kind === undefined ? "efs" : requireOneOf("filestore.kind", filestoreArgs.kind, FILESTORE_KINDS);
    if (filestoreKind === "s3" && !s3Addons) {
        throw new OdooArgumentError(
            "imageAddons.s3Attachments",
            addons.s3Attachments,
            `true, confirming the image carries ${s3AttachmentModules(version).join(", ")} and s3fs`,
            "an s3 filestore is served by those addons",
        );
    }

    // The network decides how many subnets each tier has; the database decides its real class and
    // replicas (Aurora has no m-classes), which the capacity plan then budgets connections for.
    const cluster = { ...context };
    const networkPlan = reportUnder(
        (p) => `network.${p}`,
        () => validateOdooNetworkArgs({ cluster, ...networkArgs }),
    );
    const zones = networkPlan.created ? networkPlan.created.availabilityZones : adoptedZones(networkPlan.adopted?.isolatedSubnetIds);
    const subnets = Array.from({ length: zones }, pending);
    const database = validateOdooDatabaseArgs(
        { cluster, vpcId: pending(), subnetIds: subnets, securityGroupIds: [pending()], ...databaseArgs },
        "database.",
    );
    const aurora = database.engine === "aurora-postgresql";

    const request: CapacityRequest = {
        concurrentUsers: context.concurrentUsers,
        production: context.production,
        singleNode: nodesArgs.singleNode,
        nodeInstanceType: nodesArgs.instanceType,
        cronInstanceType: nodesArgs.cronInstanceType,
        workersPerNode: nodesArgs.workersPerNode,
        httpNodes: nodesArgs.httpNodes,
        httpNodesMax: nodesArgs.httpNodesMax,
        maxCronThreads: nodesArgs.maxCronThreads,
        dbMaxconn: nodesArgs.dbMaxconn,
        databaseInstanceClass: database.instanceClass.name,
        databaseReplicas: aurora ? database.readers : database.replicas,
        databaseStorageGb: databaseArgs.allocatedStorageGb,
        filestore: filestoreKind,
        cacheNodeType: sessionsArgs.nodeType,
        availabilityZones: networkArgs.existingVpc ? undefined : networkArgs.availabilityZones,
        natGateways: networkArgs.existingVpc ? undefined : networkArgs.natGateways,
    };
    const plan0 = reportUnder(
        (p) => PLAN_FIELD_PATHS[p] ?? p,
        () => planCapacity(request),
    );

    if (filestoreKind === "local" && !plan0.singleNode) {
        throw new OdooArgumentError(
            "filestore.kind",
            filestoreKind,
            "efs or s3 for a fleet (local works for a single node only)",
            "the HTTP nodes and the cron node are several machines, and each would see only its own attachments",
        );
    }
    const sessionKind =
        sessionsArgs.kind === undefined
            ? defaultSessionKind(plan0.singleNode, filestoreKind, redisAddon, version)
            : requireOneOf("sessions.kind", sessionsArgs.kind, SESSION_KINDS);
    if (sessionKind === "redis") {
        if (odooMajor(version) >= 19) {
            throw new OdooArgumentError(
                "sessions.kind",
                sessionKind,
                "filestore (shared on an efs filestore) on Odoo 19.0, or odooVersion 17.0/18.0",
                "camptocamp's session_redis has no 19.0 release",
            );
        }
        if (!redisAddon) {
            throw new OdooArgumentError(
                "imageAddons.sessionRedis",
                addons.sessionRedis,
                "true, confirming the image carries session_redis and the redis package",
                "redis sessions are served by that addon",
            );
        }
    }
    const plan = reportUnder(
        (p) => PLAN_FIELD_PATHS[p] ?? p,
        () => planCapacity({ ...request, sessions: sessionKind }),
    );

    // Each part validates its own settings; errors come back under the part's name.
    reportUnder(
        (p) => `loadBalancer.${p}`,
        () =>
            validateOdooLoadBalancerArgs({
                cluster,
                vpcId: pending(),
                subnetIds: pending().apply((s) => [s]),
                securityGroupId: pending(),
                ...loadBalancerArgs,
            }),
    );
    const filestore = { ...filestoreArgs, kind: filestoreKind };
    validateOdooFilestoreArgs(
        {
            cluster,
            ...(filestoreKind === "efs" ? { odooVersion: version, subnetIds: subnets, securityGroupIds: [pending()] } : {}),
            ...filestore,
        },
        "filestore.",
    );
    const sessions = { ...sessionsArgs, kind: sessionKind };
    validateOdooSessionStoreArgs(
        {
            cluster,
            ...(sessionKind === "redis" ? { subnetIds: subnets, securityGroupIds: [pending()] } : {}),
            ...sessions,
        },
        "sessions.",
    );
    const nodes: OdooNodesOptions = { ...nodesArgs, dbMaxconn: plan.dbMaxconn };
    reportUnder(nodesPath, () =>
        validateOdooNodesArgs({
            cluster,
            odooVersion: version,
            image,
            subnetIds: Array.from({ length: zones }, pending),
            securityGroupIds: [pending()],
            targetGroupArns: [pending()],
            database: { host: pending(), passwordSecretArn: pending(), name: database.databaseName },
            filestore: {
                kind: filestoreKind,
                efsFileSystemId: pending(),
                efsAccessPointId: pending(),
                s3BucketName: pending(),
                accessPolicyArn: pending(),
            },
            sessions: { kind: sessionKind, redisHost: pending(), redisAuthTokenSecretArn: pending() },
            ...nodes,
        }),
    );

    // Operations: each part is validated with stand-ins for what the cluster will wire in.
    const ops = objectOrEmpty("operations", args.operations);
    const scaling = part("operations.scaling", ops.scaling, plan.httpNodesMax > plan.httpNodes);
    const monitoring = part("operations.monitoring", ops.monitoring, true);
    const backups = part("operations.backups", ops.backups, context.production);
    const upgrade = part("operations.upgrade", ops.upgrade, context.production);
    const healthGate = part("operations.healthGate", ops.healthGate, context.production);
    if (scaling.enabled) {
        reportUnder(
            (p) => `operations.scaling.${p}`,
            () =>
                validateOdooFleetScalingArgs({
                    cluster,
                    httpGroupName: pending(),
                    loadBalancerArnSuffix: pending(),
                    targetGroupArnSuffix: pending(),
                    singleNode: plan.singleNode,
                    workersPerNode: plan.workersPerNode,
                    instanceWarmupSeconds: Math.min(1800, nodes.healthCheckGracePeriodSeconds ?? 900),
                    ...scaling.options,
                }),
        );
    }
    if (monitoring.enabled) {
        reportUnder(
            (p) => `operations.monitoring.${p}`,
            () =>
                validateOdooMonitoringArgs({
                    cluster,
                    httpGroupName: pending(),
                    loadBalancerArnSuffix: pending(),
                    targetGroupArnSuffix: pending(),
                    ...monitoring.options,
                }),
        );
    }
    if (backups.enabled) {
        reportUnder(
            (p) => `operations.backups.${p}`,
            () => validateOdooBackupPlanArgs({ cluster, databaseArn: pending(), ...backups.options }),
        );
    }
    if (upgrade.enabled) {
        reportUnder(
            (p) => `operations.upgrade.${p}`,
            () =>
                validateOdooUpgradeArgs({
                    cluster,
                    odooVersion: version,
                    image,
                    databaseName: database.databaseName,
                    cronGroupName: pending(),
                    ...upgrade.options,
                }),
        );
    }
    if (healthGate.enabled) {
        reportUnder(
            (p) => `operations.healthGate.${p}`,
            () => validateOdooHealthGateArgs({ cluster, url: pending(), ...healthGate.options }),
        );
    }

    return {
        context,
        version,
        image,
        plan,
        zones,
        databaseName: database.databaseName,
        network: networkArgs,
        loadBalancer: loadBalancerArgs,
        database: databaseArgs,
        filestore,
        sessions,
        nodes,
        replicas: aurora ? database.readers : database.replicas,
        aurora,
        scaling,
        monitoring,
        backups,
        upgrade,
        healthGate,
    };
}

/**
 * Sessions where the user did not choose: Redis when the image can use it (17.0/18.0 with
 * session_redis) and several nodes share them; otherwise the data dir, which EFS shares.
 */
function defaultSessionKind(singleNode: boolean, filestore: FilestoreKind, redisAddon: boolean, version: OdooVersion): SessionKind {
    if (singleNode) {
        return "filestore";
    }
    if (redisAddon && odooMajor(version) < 19) {
        return "redis";
    }
    if (filestore !== "efs") {
        throw new OdooArgumentError(
            "sessions.kind",
            undefined,
            "redis (with imageAddons.sessionRedis, Odoo 17.0/18.0), or an efs filestore for shared filestore sessions",
            `a fleet needs shared sessions and a ${filestore} filestore shares no data dir`,
        );
    }
    return "filestore";
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
