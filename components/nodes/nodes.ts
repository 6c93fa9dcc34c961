/**
 * `OdooNodes`: the EC2 side of the cluster — an HTTP fleet behind the load balancer plus exactly
 * one cron node (or one `http+cron` node for small clusters), each an Auto Scaling group over a
 * launch template that boots Amazon Linux 2023 into Odoo in Docker behind a local nginx.
 *
 * Every argument is validated before the component registers anything (`resolveNodesArgs`),
 * and the defaults come from the capacity plan (`planCapacity`). How the groups roll out comes from
 * fleetScaling.ts (`httpFleetRollout`, `cronNodeRollout`); scaling policies are OdooFleetScaling's.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { CpuArchitecture, NodeInstanceType, nodeInstanceType } from "../contract/catalog";
import { OdooClusterContext, ResolvedClusterContext, capacityPlanOf, resolveClusterContext, tagsFor } from "../contract/clusterContext";
import {
    OdooArgumentError,
    optionalArn,
    optionalBoolean,
    optionalInput,
    reportUnder,
    requireInput,
    requireOneOf,
    requireWholeNumber,
} from "../contract/errors";
import { requireLogRetentionDays } from "../operations/logRetention";
import { NODE_WARMUP_SECONDS, cronNodeRollout, httpFleetRollout } from "../operations/fleetScaling";
import { renderNginxConf } from "./nginxConf";
import { ec2AssumeRolePolicy, nodePolicyDocument, ssmManagedPolicyArn } from "./nodeIam";
import { ODOO_EXTRA_ADDONS_DIR, odooConfSettings, renderOdooConf } from "./odooConf";
import { DEFAULT_ODOO_VERSION, OdooVersion, odooMajor, requireOdooVersion, s3AttachmentModules } from "../contract/odooVersion";
import { POSTGRES_PORT, REDIS_PORT } from "../contract/ports";
import {
    CapacityPlan,
    DEFAULT_NODE_INSTANCE_TYPE,
    FILESTORE_KINDS,
    FilestoreKind,
    MAX_DB_MAXCONN,
    MIN_DB_MAXCONN,
    NODE_ROOT_VOLUME_GB,
    OdooWorkerLimits,
    SESSION_KINDS,
    SessionKind,
} from "../contract/sizing";
import { NodeTagValues, OdooRole, SafeModeState, TAG, asgTags } from "../contract/tags";
import { encodeUserData, renderUserData } from "./userData";
import { OfficeHoursOptions, OfficeHoursPlan } from "../contract/officeHours";
import { CapacityKind, HttpSpotOptions, ON_DEMAND_ALLOCATION_STRATEGY, SPOT_ALLOCATION_STRATEGY, SpotPlan } from "../contract/spotCapacity";

/** How the nodes reach PostgreSQL. */
export interface NodeDatabaseConnection {
    /** Host name of the primary (the RDS instance address or the Aurora writer endpoint). Required. */
    host: pulumi.Input<string>;
    /** Port of the primary. Default: 5432. */
    port?: pulumi.Input<number>;
    /**
     * Name of the Odoo database: the nodes serve only this one (`db_name`, and `dbfilter` `^name$`).
     * 1–63 letters, digits or underscores, starting with a letter. Default: `odoo`.
     */
    name?: string;
    /** PostgreSQL user Odoo connects as; it must be the user of `passwordSecretArn`. Default: `odoo`. */
    user?: pulumi.Input<string>;
    /**
     * ARN of the Secrets Manager secret holding the password: JSON with `username` and `password`
     * (as OdooDatabase writes it) or a plain string. The nodes read it at every start with their
     * role; it never appears in user data. Required.
     */
    passwordSecretArn: pulumi.Input<string>;
    /**
     * ARN of the customer-managed KMS key the password secret is encrypted with; the nodes get
     * `kms:Decrypt` on it through Secrets Manager only. Default: none (the `aws/secretsmanager` key,
     * which needs no grant).
     */
    passwordKmsKeyArn?: pulumi.Input<string>;
    /**
     * Read-only replica host for Odoo 18.0 and later (`db_replica_host`; read-only routes then run
     * there). Not accepted on 17.0. Default: none, and the key is left out of odoo.conf entirely.
     */
    replicaHost?: pulumi.Input<string>;
    /** Port of the replica. Default: the primary's port. */
    replicaPort?: pulumi.Input<number>;
}

/** Where the nodes keep attachments. */
export interface NodeFilestoreConnection {
    /** `efs` (data dir on EFS, every node sees it), `s3` (OCA fs_attachment) or `local` (single node only). Required. */
    kind: FilestoreKind;
    /** EFS file system ID (`fs-…`); required for `efs`. Mounted with TLS and IAM authorisation. */
    efsFileSystemId?: pulumi.Input<string>;
    /**
     * EFS access point ID (`fsap-…`) to mount through. Recommended: it maps every write to one POSIX
     * user. Without it the node needs root access to the file system once, to hand its root
     * directory to the image's user. Default: none.
     */
    efsAccessPointId?: pulumi.Input<string>;
    /**
     * S3 bucket for attachments; required for `s3`. The image must carry the OCA addons fs_storage
     * and fs_attachment (and fs_attachment_s3 on 18.0/19.0) and the s3fs Python package.
     */
    s3BucketName?: pulumi.Input<string>;
    /** Region of the bucket. Default: the provider's region. */
    s3Region?: pulumi.Input<string>;
    /**
     * ARN of an IAM policy, made by the filestore component, that grants node access to the file
     * system or bucket. When given it is attached as is; otherwise the node role gets its own
     * least-privilege statement for the file system or bucket. Default: none.
     */
    accessPolicyArn?: pulumi.Input<string>;
}

/** Where the nodes keep HTTP sessions. */
export interface NodeSessionConnection {
    /**
     * `redis` (ElastiCache over TLS through camptocamp's session_redis, Odoo 17.0/18.0; the image must
     * carry the addon and the redis Python package), `filestore` (the data dir; shared only on EFS)
     * or `local` (one HTTP node only). Required.
     */
    kind: SessionKind;
    /** Primary endpoint of the cache; required for `redis`. */
    redisHost?: pulumi.Input<string>;
    /** Port of the cache. Default: 6379. */
    redisPort?: pulumi.Input<number>;
    /** Secret holding the cache's AUTH token (a plain string or JSON with `authToken`); required for `redis`. */
    redisAuthTokenSecretArn?: pulumi.Input<string>;
}

/** Arguments of {@link OdooNodes}. */
export interface OdooNodesArgs extends OdooNodesOptions {
    /** The cluster these nodes belong to: names, tags, the declared users and production. Required. */
    cluster: OdooClusterContext;
    /** Odoo version: `17.0`, `18.0` or `19.0`. Default: `18.0`. */
    odooVersion?: OdooVersion;
    /**
     * Docker image with a tag or a digest, e.g. `odoo:18.0-20260115` or
     * `123456789012.dkr.ecr.eu-west-1.amazonaws.com/erp:18.0-1` (the node role may then pull from
     * that repository only). It must provide `odoo` on its PATH, as every image built FROM the
     * official one does. An official `odoo:` tag must match `odooVersion`. Pin a dated tag or a
     * digest in production: `odoo:18.0` moves with every nightly build. Default: `odoo:<odooVersion>`.
     */
    image?: string;
    /** Private subnets the nodes run in (one per availability zone). Required, at least one. */
    subnetIds: pulumi.Input<string>[];
    /** Security groups of the nodes (the load balancer may reach port 8080 only). Required, at least one. */
    securityGroupIds: pulumi.Input<string>[];
    /** Target groups the HTTP fleet (or the single node) registers in; the cron node never does. Default: none. */
    targetGroupArns?: pulumi.Input<string>[];
    /** The PostgreSQL connection. Required. */
    database: NodeDatabaseConnection;
    /** The filestore. Required. */
    filestore: NodeFilestoreConnection;
    /** The session store. Required. */
    sessions: NodeSessionConnection;
    /**
     * Secret holding Odoo's master password (`admin_passwd`, which guards the database manager).
     * On a database the nodes create, it is also the `admin` user's first login password, in place
     * of Odoo's default "admin" (change it after the first login). Default: a random 32-character
     * password generated into a new Secrets Manager secret.
     */
    adminPasswordSecretArn?: pulumi.Input<string>;
    /**
     * A value the HTTP fleet's rollout waits for (OdooCluster passes the upgrade step's output): the
     * HTTP group moves to a new launch template version only once it resolves, so new code never
     * serves a database its module upgrade has not reached yet. Its value is not used. Default:
     * none (the fleet rolls out at once).
     */
    httpRolloutAfter?: pulumi.Input<string>;
    /**
     * The database and filestore were restored from another cluster's backup. The node that runs
     * cron prepares the copy once before Odoo serves (web.base.url, and in safe mode Odoo's
     * `neutralize`); the nodes carry `odoo:restored-from` and `odoo:safe-mode`. Default: none.
     */
    restoredCopy?: NodeRestoredCopy;
    /**
     * Every group at min = max = desired = 0: the node templates of a disaster-recovery standby,
     * ready to start (see OdooStandby and the failover runbook). Default: false.
     */
    parked?: boolean;
    /**
     * Regions the generated admin-password secret is replicated to, each with the KMS key of that
     * region (a standby's nodes read the replica there). Default: none.
     */
    secretReplicas?: NodeSecretReplica[];
}

/** A region a secret is replicated to. */
export interface NodeSecretReplica {
    /** Region name, e.g. `us-west-2`. */
    region: string;
    /** KMS key (ARN or ID) in that region. Default: that region's `aws/secretsmanager` key. */
    kmsKeyId?: pulumi.Input<string>;
}

/** A cluster restored from another cluster's backup (see {@link OdooNodesArgs.restoredCopy}). */
export interface NodeRestoredCopy {
    /** What it was restored from (`snapshot:<id>`, `point-in-time:<source>@<time>`), at most 256 characters. Required. */
    from: string;
    /**
     * Safe mode: outgoing mail and scheduled actions off. `max_cron_threads = 0` on every node, and
     * on the first boot Odoo's `neutralize` (mail servers off, crons off, webhooks off, a banner).
     * Turning it off later restarts cron but re-enables no mail server or cron the neutralization
     * switched off: do that in Odoo. Default: true.
     */
    safeMode?: boolean;
    /** This cluster's URL, written to `web.base.url` (links in e-mails and reports). Default: left as restored. */
    baseUrl?: pulumi.Input<string>;
}

/** Settings of {@link OdooNodes}; also the `nodes` argument of OdooCluster. */
export interface OdooNodesOptions {
    /** One `http+cron` node instead of an HTTP fleet plus a cron node. Default: from the capacity plan (up to 50 users). */
    singleNode?: boolean;
    /** EC2 type of the HTTP nodes (or the single node), from the catalog. Default: `c7g.xlarge`. */
    instanceType?: string;
    /** EC2 type of the dedicated cron node, same architecture as `instanceType`; not with `singleNode`. Default: `m7g.large`. */
    cronInstanceType?: string;
    /** Odoo workers per HTTP node, 1–64. Default: from the instance type (the guide's 6 on 4 vCPU). */
    workersPerNode?: number;
    /** Cron workers on the node that runs cron, 1–16. Default: 2. */
    maxCronThreads?: number;
    /**
     * Cron threads on every HTTP node, 0–16. Default: 0 — the guide's rule that exactly one node runs
     * cron, which the policy pack's odoo-single-cron-node enforces. Odoo claims jobs with SKIP LOCKED,
     * so more cron nodes stay correct but take CPU and memory from users; a value above 0 is an
     * explicit opt-out that shows on the nodes' `odoo:max-cron-threads` tag, and the pack rejects it
     * unless that policy is relaxed.
     */
    httpMaxCronThreads?: number;
    /** HTTP nodes in normal operation: the fleet's minimum and desired size. Default: from the capacity plan. */
    httpNodes?: number;
    /**
     * Upper bound of the fleet, at least `httpNodes`: the database connection budget counts this many
     * nodes. The fleet only grows towards it with OdooFleetScaling, which adds the scaling policies.
     * Default: from the capacity plan (about 1.5×).
     */
    httpNodesMax?: number;
    /**
     * `db_maxconn` of every Odoo process, 4–1024. Pass the value the database's connection budget
     * allows (the capacity plan's). Default: the capacity plan's for the declared users.
     */
    dbMaxconn?: number;
    /**
     * `limit_time_real_cron` in seconds: 0 for no limit, else 60–604800. Default: 3600. Odoo's own
     * default (-1) inherits `limit_time_real` and kills long scheduled jobs, so -1 is refused.
     */
    limitTimeRealCronSeconds?: number;
    /** Encrypted gp3 root volume of each node, 20–16384 GB. Default: 30. */
    rootVolumeGb?: number;
    /** Addons directories inside the image, before the image's own. Absolute paths. Default: `/mnt/extra-addons`. */
    extraAddonsPaths?: string[];
    /** Server-wide modules besides the version's defaults (and session_redis, added for Redis sessions). Default: none. */
    serverWideModules?: string[];
    /** Modules the cron node installs into a new (or older) database besides base. Default: none. */
    installModules?: string[];
    /** `dbfilter` regular expression. Default: `^<database.name>$`. */
    dbFilter?: string;
    /**
     * Seconds a new node gets before health checks count (image pull, database setup), 60–7200; a
     * rollout also waits this long before it counts a replacement node. Default: 900.
     */
    healthCheckGracePeriodSeconds?: number;
    /** CloudWatch retention of the nodes' logs in days (a value CloudWatch accepts). Default: 365 in production, 30 otherwise. */
    logRetentionDays?: number;
    /**
     * A Spot share for the HTTP fleet: an on-demand base, Spot above it over several instance types
     * of `instanceType`'s shape, capacity rebalancing, and each Spot node leaving the target groups
     * on its interruption warning. Never the cron node. Not in single-node mode. Default: off.
     */
    spot?: HttpSpotOptions;
    /**
     * Office hours of the HTTP fleet: two scheduled actions in the given IANA time zone (AWS applies
     * daylight saving time) lower the fleet's minimum to `offHoursNodes` after hours and raise it an
     * hour before the day starts; scaling policies still add nodes on load. While it is set, an
     * update leaves the group's current minimum alone (the schedule owns it). Default: none.
     */
    officeHours?: OfficeHoursOptions;
}

/** A parsed Docker image reference. */
export interface ImageReference {
    reference: string;
    /** Registry host; undefined for Docker Hub. */
    registry?: string;
    repository: string;
    tag?: string;
    digest?: string;
    /** Set when the image lives in Amazon ECR. */
    ecr?: { host: string; accountId: string; region: string; partition: string; repository: string };
}

const IMAGE_REFERENCE =
    /^(?:([a-zA-Z0-9.-]+(?::[0-9]{1,5})?)\/)?([a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/;
const ECR_HOST = /^([0-9]{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/;
const DOCKER_HUB = ["docker.io", "index.docker.io", "registry-1.docker.io"];

/** Parses and checks an image reference: a tag or a digest is required (never an implicit `latest`). */
export function parseImageReference(value: unknown, property = "image"): ImageReference {
    const accepted =
        "an image reference with a tag or digest, e.g. odoo:18.0-20260115 or 123456789012.dkr.ecr.eu-west-1.amazonaws.com/erp:18.0-1";
    const match = typeof value === "string" ? IMAGE_REFERENCE.exec(value) : null;
    if (typeof value !== "string" || !match || (!match[3] && !match[4])) {
        throw new OdooArgumentError(property, value, accepted);
    }
    let registry: string | undefined = match[1];
    let repository = match[2];
    // Docker's rule: a first component without a dot or a port is a Docker Hub namespace.
    if (registry && !registry.includes(".") && !registry.includes(":") && registry !== "localhost") {
        repository = `${registry.toLowerCase()}/${repository}`;
        registry = undefined;
    }
    const ecrMatch = registry ? ECR_HOST.exec(registry) : null;
    return {
        reference: value,
        registry,
        repository,
        tag: match[3],
        digest: match[4],
        ecr:
            ecrMatch && registry
                ? { host: registry, accountId: ecrMatch[1], region: ecrMatch[2], partition: ecrMatch[3] ? "aws-cn" : "aws", repository }
                : undefined,
    };
}

/**
 * Whether a reference pulls from Docker Hub, whose anonymous pulls are limited per source IP
 * (https://docs.docker.com/docker-hub/usage/).
 */
export function isDockerHubImage(image: ImageReference): boolean {
    return image.registry === undefined || DOCKER_HUB.includes(image.registry);
}

/** Whether a reference names Docker Hub's official `odoo` image (which carries no third-party addons). */
export function isOfficialOdooImage(image: ImageReference): boolean {
    return (
        (image.registry === undefined || DOCKER_HUB.includes(image.registry)) &&
        (image.repository === "odoo" || image.repository === "library/odoo")
    );
}

/**
 * The CA bundle of RDS in `region` (the region's own bundle: RDS's root and intermediate CAs there),
 * which lets the nodes connect with `db_sslmode = verify-full`. Undefined in a partition whose
 * bundle address is not documented; the nodes then fall back to `require` (encrypted, unverified).
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html#UsingWithRDS.SSL.CertificatesDownload
 */
export function rdsCaBundleUrl(partition: string, region: string): string | undefined {
    switch (partition) {
        case "aws":
            return `https://truststore.pki.rds.amazonaws.com/${region}/${region}-bundle.pem`;
        case "aws-us-gov":
            return `https://truststore.pki.us-gov-west-1.rds.amazonaws.com/${region}/${region}-bundle.pem`;
        default:
            return undefined;
    }
}

/** Validated arguments with every default applied. */
export interface ResolvedNodesArgs {
    /** The capacity model's workload as the odoo:workload tag writes it; undefined when the cluster declares none. */
    workloadTag?: string;
    cluster: ResolvedClusterContext;
    version: OdooVersion;
    image: ImageReference;
    singleNode: boolean;
    httpNodes: number;
    httpNodesMax: number;
    httpInstance: NodeInstanceType;
    cronInstance: NodeInstanceType;
    architecture: CpuArchitecture;
    workersPerNode: number;
    /** HTTP workers of the node that runs cron (all of them on a single node, one on a dedicated cron node). */
    cronWorkers: number;
    maxCronThreads: number;
    /** Cron threads on HTTP nodes: 0 unless explicitly opted out. */
    httpMaxCronThreads: number;
    limitTimeRealCron: number;
    dbMaxconn: number;
    limits: OdooWorkerLimits;
    dbName: string;
    dbFilter: string;
    filestore: FilestoreKind;
    sessions: SessionKind;
    addonsPath: string[];
    serverWideModules: string[];
    /** What the cron node installs: base first. */
    modules: string[];
    rootVolumeGb: number;
    healthCheckGracePeriodSeconds: number;
    logRetentionDays: number;
    /** The HTTP fleet's Spot share (disabled: all on-demand). */
    spot: SpotPlan;
    /** Office hours of the HTTP fleet, when set. */
    officeHours?: OfficeHoursPlan;
    /** Departures from the capacity table, from the plan. */
    warnings: string[];
    restoredCopy?: { from: string; safeMode: boolean };
    parked: boolean;
}

function optionalPort(property: string, value: unknown): void {
    if (value !== undefined && !pulumi.Output.isInstance(value) && !(value instanceof Promise)) {
        requireWholeNumber(property, value, { min: 1, max: 65535 });
    }
}

function requireIdList(property: string, value: unknown, pattern: RegExp, accepted: string, allowEmpty: boolean): void {
    if (!Array.isArray(value) || (!allowEmpty && value.length === 0)) {
        throw new OdooArgumentError(property, value, `a list of ${accepted}${allowEmpty ? "" : ", at least one"}`);
    }
    value.forEach((item, i) => requireInput(`${property}[${i}]`, item, pattern, accepted));
}

function requireNames(property: string, value: unknown, pattern: RegExp, accepted: string): string[] {
    if (value === undefined) {
        return [];
    }
    if (!Array.isArray(value)) {
        throw new OdooArgumentError(property, value, `a list of ${accepted}`);
    }
    value.forEach((item, i) => {
        if (typeof item !== "string" || !pattern.test(item)) {
            throw new OdooArgumentError(`${property}[${i}]`, item, accepted);
        }
    });
    return value as string[];
}

const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@!-]+$/;
const POLICY_ARN = /^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy\/[A-Za-z0-9/_+=,.@-]+$/;
const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/;
const MODULE_NAME = /^[a-z][a-z0-9_]*$/;
const DB_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/** Where the capacity request's fields are among the nodes' arguments. */
const NODE_PLAN_FIELDS: Record<string, string> = {
    nodeInstanceType: "instanceType",
    sessions: "sessions.kind",
    filestore: "filestore.kind",
    "imageAddons.sessionRedis": "sessions.kind",
};

/**
 * Checks every argument of {@link OdooNodes} and applies the defaults; a bad one throws an
 * {@link OdooArgumentError} naming it, before any resource exists. Pure.
 */
export function resolveNodesArgs(args: OdooNodesArgs): ResolvedNodesArgs {
    if (!args || typeof args !== "object") {
        throw new OdooArgumentError("args", args, "an object with cluster, subnetIds, securityGroupIds, database, filestore and sessions");
    }
    const cluster = resolveClusterContext(args.cluster, "cluster");
    const version = requireOdooVersion(args.odooVersion ?? DEFAULT_ODOO_VERSION, "odooVersion");
    const image = parseImageReference(args.image ?? `odoo:${version}`);
    const official = isOfficialOdooImage(image);
    if (official && image.tag && !image.tag.startsWith(version)) {
        throw new OdooArgumentError(
            "image",
            image.reference,
            `an official odoo:${version}… tag, matching odooVersion ${version} (or change odooVersion)`,
        );
    }

    const requestedSingle = optionalBoolean("singleNode", args.singleNode);
    const httpInstance = nodeInstanceType(args.instanceType ?? DEFAULT_NODE_INSTANCE_TYPE, "instanceType");
    if (args.cronInstanceType !== undefined) {
        nodeInstanceType(args.cronInstanceType, "cronInstanceType");
    }
    if (!args.filestore || typeof args.filestore !== "object") {
        throw new OdooArgumentError("filestore", args.filestore, "an object with kind (efs, s3 or local)");
    }
    if (!args.sessions || typeof args.sessions !== "object") {
        throw new OdooArgumentError("sessions", args.sessions, "an object with kind (redis, filestore or local)");
    }
    const filestore = requireOneOf("filestore.kind", args.filestore.kind, FILESTORE_KINDS);
    const sessions = requireOneOf("sessions.kind", args.sessions.kind, SESSION_KINDS);
    let dbMaxconn: number | undefined;
    if (args.dbMaxconn !== undefined) {
        dbMaxconn = requireWholeNumber("dbMaxconn", args.dbMaxconn, { min: MIN_DB_MAXCONN, max: MAX_DB_MAXCONN });
    }

    // Alone, the nodes plan for themselves; the connection kinds they are given are the claim that
    // the image serves them. Under OdooCluster the cluster's plan, made from the same choices, is used.
    let plan: CapacityPlan;
    try {
        plan = reportUnder(
            (p) => NODE_PLAN_FIELDS[p] ?? p,
            () =>
                capacityPlanOf(cluster, {
                    singleNode: requestedSingle,
                    nodeInstanceType: httpInstance.name,
                    cronInstanceType: args.cronInstanceType,
                    workersPerNode: args.workersPerNode,
                    httpNodes: args.httpNodes,
                    httpNodesMax: args.httpNodesMax,
                    maxCronThreads: args.maxCronThreads,
                    odooVersion: version,
                    imageAddons: { sessionRedis: sessions === "redis", s3Attachments: filestore === "s3" },
                    sessions,
                    filestore,
                    spot: args.spot,
                    officeHours: args.officeHours,
                    // The database is not this component's: an explicit dbMaxconn is taken as given (the
                    // policy pack judges the real budget against the real database).
                    dbMaxconn,
                }),
        );
    } catch (e) {
        if (e instanceof OdooArgumentError && e.property === "databaseInstanceClass") {
            throw new OdooArgumentError("dbMaxconn", undefined, `an explicit value from the database's connection budget: ${e.accepted}`);
        }
        throw e;
    }
    if (plan.sessions !== sessions || plan.filestore !== filestore) {
        throw new OdooArgumentError(
            "cluster.capacityPlan",
            `a plan with ${plan.sessions} sessions and a ${plan.filestore} filestore`,
            `a plan for the connections given (${sessions} sessions, ${filestore} filestore)`,
        );
    }
    const singleNode = plan.singleNode;
    const httpMaxCronThreads =
        args.httpMaxCronThreads === undefined ? 0 : requireWholeNumber("httpMaxCronThreads", args.httpMaxCronThreads, { min: 0, max: 16 });
    if (singleNode && httpMaxCronThreads > 0) {
        throw new OdooArgumentError(
            "httpMaxCronThreads",
            httpMaxCronThreads,
            "0 in single-node mode (the one node already runs cron: set maxCronThreads)",
        );
    }
    if (singleNode && args.cronInstanceType !== undefined) {
        throw new OdooArgumentError(
            "cronInstanceType",
            args.cronInstanceType,
            "no value in single-node mode: the one node runs cron on instanceType",
        );
    }

    let limitTimeRealCron = plan.cron.limitTimeRealCron;
    if (args.limitTimeRealCronSeconds !== undefined) {
        const v = args.limitTimeRealCronSeconds;
        if (typeof v !== "number" || !Number.isInteger(v) || !(v === 0 || (v >= 60 && v <= 604800))) {
            throw new OdooArgumentError(
                "limitTimeRealCronSeconds",
                v,
                "0 (no limit) or a whole number of seconds from 60 to 604800",
                "Odoo's -1 inherits limit_time_real and kills long jobs",
            );
        }
        limitTimeRealCron = v;
    }

    requireIdList("subnetIds", args.subnetIds, /^subnet-[0-9a-f]{8,17}$/, "subnet IDs (subnet-…)", false);
    requireIdList("securityGroupIds", args.securityGroupIds, /^sg-[0-9a-f]{8,17}$/, "security group IDs (sg-…)", false);
    if (args.targetGroupArns !== undefined) {
        requireIdList(
            "targetGroupArns",
            args.targetGroupArns,
            /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup\/.+$/,
            "target group ARNs",
            true,
        );
    }

    // Database.
    const db = args.database;
    if (!db || typeof db !== "object") {
        throw new OdooArgumentError("database", db, "an object with host and passwordSecretArn");
    }
    requireInput("database.host", db.host, HOST_NAME, "the host name of the PostgreSQL primary");
    optionalPort("database.port", db.port);
    const dbName = db.name ?? "odoo";
    if (typeof dbName !== "string" || !DB_NAME.test(dbName)) {
        throw new OdooArgumentError("database.name", dbName, "1–63 letters, digits or underscores, starting with a letter");
    }
    optionalInput("database.user", db.user, /^[A-Za-z_][A-Za-z0-9_]{0,62}$/, "a PostgreSQL user name");
    requireInput("database.passwordSecretArn", db.passwordSecretArn, SECRET_ARN, "the ARN of a Secrets Manager secret");
    optionalArn("database.passwordKmsKeyArn", db.passwordKmsKeyArn, "kms");
    if (db.replicaHost !== undefined) {
        if (odooMajor(version) < 18) {
            throw new OdooArgumentError(
                "database.replicaHost",
                db.replicaHost,
                "no replica host on Odoo 17.0 (db_replica_host exists from 18.0); leave it unset or use odooVersion 18.0 or 19.0",
            );
        }
        requireInput(
            "database.replicaHost",
            db.replicaHost,
            HOST_NAME,
            "the host name of a read-only replica (an empty value would switch Odoo 18 into replica mode on the primary)",
        );
    }
    optionalPort("database.replicaPort", db.replicaPort);

    // Filestore.
    const fs = args.filestore;
    if (filestore === "efs") {
        requireInput(
            "filestore.efsFileSystemId",
            fs.efsFileSystemId,
            /^fs-[0-9a-f]{8,40}$/,
            "an EFS file system ID (fs-…) for an efs filestore",
        );
        optionalInput("filestore.efsAccessPointId", fs.efsAccessPointId, /^fsap-[0-9a-f]{8,40}$/, "an EFS access point ID (fsap-…)");
    }
    if (filestore === "s3") {
        requireInput(
            "filestore.s3BucketName",
            fs.s3BucketName,
            /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
            "an S3 bucket name for an s3 filestore",
        );
        optionalInput("filestore.s3Region", fs.s3Region, /^[a-z]{2}(-[a-z]+)+-[0-9]$/, "an AWS region name");
    }
    optionalInput("filestore.accessPolicyArn", fs.accessPolicyArn, POLICY_ARN, "an IAM policy ARN");

    // Sessions.
    const ss = args.sessions;
    if (sessions === "redis") {
        requireInput("sessions.redisHost", ss.redisHost, HOST_NAME, "the primary endpoint of the Redis/Valkey cache for redis sessions");
        optionalPort("sessions.redisPort", ss.redisPort);
        requireInput(
            "sessions.redisAuthTokenSecretArn",
            ss.redisAuthTokenSecretArn,
            SECRET_ARN,
            "the ARN of the secret holding the cache's AUTH token for redis sessions",
        );
    }
    optionalInput("adminPasswordSecretArn", args.adminPasswordSecretArn, SECRET_ARN, "the ARN of a Secrets Manager secret");
    const rootVolumeGb =
        args.rootVolumeGb === undefined
            ? NODE_ROOT_VOLUME_GB
            : requireWholeNumber("rootVolumeGb", args.rootVolumeGb, { min: 20, max: 16384 });
    const extraAddons = requireNames(
        "extraAddonsPaths",
        args.extraAddonsPaths,
        /^\/[A-Za-z0-9._/-]*$/,
        "absolute paths inside the image, without commas or spaces",
    );
    const extraServerWide = requireNames(
        "serverWideModules",
        args.serverWideModules,
        MODULE_NAME,
        "module names (lower-case letters, digits, underscores)",
    );
    const installModules = requireNames(
        "installModules",
        args.installModules,
        MODULE_NAME,
        "module names (lower-case letters, digits, underscores)",
    );
    let dbFilter = `^${dbName}$`;
    if (args.dbFilter !== undefined) {
        const valid =
            typeof args.dbFilter === "string" &&
            args.dbFilter.trim() === args.dbFilter &&
            args.dbFilter !== "" &&
            !/[\r\n]/.test(args.dbFilter) &&
            compiles(args.dbFilter);
        if (!valid) {
            throw new OdooArgumentError("dbFilter", args.dbFilter, "a one-line regular expression, e.g. ^odoo$");
        }
        dbFilter = args.dbFilter as string;
    }
    const healthCheckGracePeriodSeconds =
        args.healthCheckGracePeriodSeconds === undefined
            ? 900
            : requireWholeNumber("healthCheckGracePeriodSeconds", args.healthCheckGracePeriodSeconds, NODE_WARMUP_SECONDS);
    const logRetentionDays =
        args.logRetentionDays === undefined
            ? cluster.production
                ? 365
                : 30
            : requireLogRetentionDays("logRetentionDays", args.logRetentionDays);
    const restoredCopy = validateRestoredCopy(args.restoredCopy);
    const parked = optionalBoolean("parked", args.parked) ?? false;

    return {
        cluster,
        version,
        image,
        singleNode,
        httpNodes: plan.httpNodes,
        httpNodesMax: plan.httpNodesMax,
        httpInstance: nodeInstanceType(plan.nodeInstanceType),
        cronInstance: nodeInstanceType(plan.cron.instanceType),
        architecture: plan.architecture,
        workersPerNode: plan.workersPerNode,
        cronWorkers: plan.cron.workers,
        maxCronThreads: plan.cron.maxCronThreads,
        httpMaxCronThreads,
        limitTimeRealCron,
        dbMaxconn: plan.dbMaxconn,
        limits: plan.limits,
        dbName,
        dbFilter,
        filestore,
        sessions,
        addonsPath: extraAddons.length > 0 ? [...new Set([...extraAddons, ODOO_EXTRA_ADDONS_DIR])] : [ODOO_EXTRA_ADDONS_DIR],
        serverWideModules: [...new Set([...(sessions === "redis" ? ["session_redis"] : []), ...extraServerWide])],
        modules: [...new Set(["base", ...(filestore === "s3" ? s3AttachmentModules(version) : []), ...installModules])],
        rootVolumeGb,
        healthCheckGracePeriodSeconds,
        logRetentionDays,
        spot: plan.spot,
        officeHours: plan.officeHours,
        warnings: plan.warnings,
        workloadTag: plan.model.workloadTag,
        restoredCopy,
        parked,
    };
}

function validateRestoredCopy(value: NodeRestoredCopy | undefined): { from: string; safeMode: boolean } | undefined {
    if (value === undefined) {
        return undefined;
    }
    if (value === null || typeof value !== "object") {
        throw new OdooArgumentError("restoredCopy", value, "an object with from");
    }
    // The label lands in node.env and on tags: AWS tag characters, nothing a shell would interpret.
    if (typeof value.from !== "string" || !/^[A-Za-z0-9_.:/=+@-]{1,256}$/.test(value.from)) {
        throw new OdooArgumentError("restoredCopy.from", value.from, "1 to 256 letters, digits or _.:/=+@-");
    }
    return { from: value.from, safeMode: optionalBoolean("restoredCopy.safeMode", value.safeMode) ?? true };
}

function compiles(pattern: string): boolean {
    try {
        new RegExp(pattern);
        return true;
    } catch {
        return false;
    }
}

/** The tags of a restored copy's nodes: where it came from, and whether safe mode is on. */
function restoreTags(restored: { from: string; safeMode: boolean } | undefined): Record<string, string> {
    if (!restored) {
        return {};
    }
    return { [TAG.restoredFrom]: restored.from, [TAG.safeMode]: restored.safeMode ? SafeModeState.On : SafeModeState.Off };
}

/** One Auto Scaling group of the component. */
interface NodeGroupSpec {
    key: string;
    role: OdooRole;
    instance: NodeInstanceType;
    workers: number;
    maxCronThreads: number;
    size: { min: number; max: number; desired: number };
    attach: boolean;
    /** The group runs cron: never two instances, not even during a replacement. */
    runsCron: boolean;
    /** The group's Spot share: only the HTTP fleet's may be enabled; the node that runs cron is always on-demand. */
    spot?: SpotPlan;
}

/** The AMI of Amazon Linux 2023 for an architecture, resolved by EC2 at every launch. */
export function al2023ImageId(architecture: CpuArchitecture): string {
    return `resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${architecture}`;
}

/**
 * The Odoo nodes: Auto Scaling groups over launch templates, their instance role and log group.
 *
 * A fleet is an `http` group (attached to the target groups, ELB health checks, min = desired =
 * `httpNodes`, max = `httpNodesMax`) plus a `cron` group of exactly one instance that is never
 * attached. In single-node mode one `http+cron` group of one instance does both. A group that runs
 * cron can never have two instances, not even while being replaced: the group is deleted before
 * its replacement is created, instance refreshes and health replacements terminate before they
 * launch, and AZ rebalancing (which launches first) is suspended. The HTTP fleet rolls out launch
 * first ({@link httpFleetRollout}), so a deploy never removes serving capacity.
 *
 * This component creates no scaling policy: the fleet stays at `httpNodes` until an
 * `OdooFleetScaling` on `httpGroupName` adds them (ALB requests per node and CPU), moving the
 * desired capacity between `httpNodes` and `httpNodesMax`. An update never resets a desired
 * capacity that scaling moved.
 */
export class OdooNodes extends pulumi.ComponentResource {
    /** Auto Scaling group of the HTTP fleet (the single group in single-node mode). */
    public readonly httpGroupName: pulumi.Output<string>;
    /** Auto Scaling group that runs cron (the single group in single-node mode). */
    public readonly cronGroupName: pulumi.Output<string>;
    /** Launch template of the HTTP fleet (the single node's in single-node mode). */
    public readonly httpLaunchTemplateId: pulumi.Output<string>;
    /** Launch template of the cron node (the single node's in single-node mode). */
    public readonly cronLaunchTemplateId: pulumi.Output<string>;
    /** Latest versions of every launch template (HTTP, cron): they change with any node change. */
    public readonly launchTemplateVersions: pulumi.Output<number[]>;
    /** ARN of the nodes' IAM role. */
    public readonly roleArn: pulumi.Output<string>;
    /** Name of the nodes' IAM role, to attach further policies. */
    public readonly roleName: pulumi.Output<string>;
    /** CloudWatch log group of the Odoo containers (one stream per instance). */
    public readonly logGroupName: pulumi.Output<string>;
    /** Secret holding Odoo's master password (given or generated). */
    public readonly adminPasswordSecretArn: pulumi.Output<string>;
    /** CPU architecture of every node: `arm64` or `x86_64`. */
    public readonly architecture: pulumi.Output<string>;
    /** Whether one `http+cron` node serves the cluster. */
    public readonly singleNode: pulumi.Output<boolean>;
    /** `db_maxconn` each Odoo process uses. */
    public readonly dbMaxconn: pulumi.Output<number>;
    /** Upper bound of the HTTP fleet. */
    public readonly httpNodesMax: pulumi.Output<number>;

    constructor(name: string, args: OdooNodesArgs, opts?: pulumi.ComponentResourceOptions) {
        const v = resolveNodesArgs(args);
        super("odoo-aws:index:OdooNodes", name, {}, opts);
        const ctx = v.cluster;
        if (isDockerHubImage(v.image) && !v.singleNode) {
            pulumi.log.warn(
                `image: ${v.image.reference} comes from Docker Hub, which allows 10 anonymous pulls per hour per IP address; ` +
                    "every node behind one NAT gateway shares that budget, so a scale-out or a rollout of several nodes can stall " +
                    "for an hour. Push the image to Amazon ECR (or an ECR pull-through cache) and set `image` to it.",
                this,
            );
        }
        const parent = { parent: this };
        const sharedRole = v.singleNode ? OdooRole.HttpCron : OdooRole.Http;
        const extra = restoreTags(v.restoredCopy);
        const sharedTags = tagsFor(ctx, sharedRole);
        const partition = aws.getPartitionOutput({}, parent);
        const region = aws.getRegionOutput({}, parent).region;
        const accountId = aws.getCallerIdentityOutput({}, parent).accountId;

        const logGroup = new aws.cloudwatch.LogGroup(
            `${name}-logs`,
            {
                name: `/odoo/${ctx.name}/${ctx.environment}/${name}`,
                retentionInDays: v.logRetentionDays,
                tags: sharedTags,
            },
            parent,
        );

        let adminSecretArn: pulumi.Output<string>;
        if (args.adminPasswordSecretArn !== undefined) {
            adminSecretArn = pulumi.output(args.adminPasswordSecretArn);
        } else {
            // Letters and digits only: the value lands in an INI file and a shell variable.
            const password = new random.RandomPassword(`${name}-admin-password`, { length: 32, special: false }, parent);
            const secret = new aws.secretsmanager.Secret(
                `${name}-admin-password`,
                {
                    description: `Odoo master password (admin_passwd) of ${ctx.name} ${ctx.environment}`,
                    recoveryWindowInDays: ctx.production ? 30 : 7,
                    replicas: args.secretReplicas?.map((r) => ({ region: r.region, kmsKeyId: r.kmsKeyId })),
                    tags: sharedTags,
                },
                parent,
            );
            new aws.secretsmanager.SecretVersion(`${name}-admin-password`, { secretId: secret.id, secretString: password.result }, parent);
            adminSecretArn = secret.arn;
        }

        const role = new aws.iam.Role(
            `${name}-role`,
            {
                description: `Odoo nodes of ${ctx.name} ${ctx.environment}`,
                assumeRolePolicy: partition.dnsSuffix.apply((suffix) => JSON.stringify(ec2AssumeRolePolicy(suffix))),
                tags: sharedTags,
            },
            parent,
        );
        const attachments: pulumi.Resource[] = [
            new aws.iam.RolePolicyAttachment(
                `${name}-ssm`,
                { role: role.name, policyArn: partition.partition.apply(ssmManagedPolicyArn) },
                parent,
            ),
        ];
        if (args.filestore.accessPolicyArn !== undefined) {
            attachments.push(
                new aws.iam.RolePolicyAttachment(
                    `${name}-filestore`,
                    { role: role.name, policyArn: args.filestore.accessPolicyArn },
                    parent,
                ),
            );
        }
        const ownFilestoreAccess = args.filestore.accessPolicyArn === undefined;
        const policy = pulumi
            .output({
                partition: partition.partition,
                region,
                accountId,
                logGroupArn: logGroup.arn,
                dbSecret: args.database.passwordSecretArn,
                dbSecretKey: args.database.passwordKmsKeyArn,
                adminSecret: adminSecretArn,
                redisSecret: v.sessions === "redis" ? args.sessions.redisAuthTokenSecretArn : undefined,
                efsId: args.filestore.efsFileSystemId,
                efsAp: args.filestore.efsAccessPointId,
                bucket: args.filestore.s3BucketName,
                targetGroups: v.spot.enabled ? pulumi.all(args.targetGroupArns ?? []) : [],
            })
            .apply((p) =>
                JSON.stringify(
                    nodePolicyDocument({
                        partition: p.partition,
                        region: p.region,
                        accountId: p.accountId,
                        logGroupArn: p.logGroupArn,
                        secretArns: [p.dbSecret, p.adminSecret, ...(p.redisSecret ? [p.redisSecret] : [])],
                        secretKeyArns: p.dbSecretKey ? [p.dbSecretKey] : [],
                        efs:
                            ownFilestoreAccess && v.filestore === "efs" && p.efsId
                                ? { fileSystemId: p.efsId, accessPointId: p.efsAp }
                                : undefined,
                        s3: ownFilestoreAccess && v.filestore === "s3" && p.bucket ? { bucket: p.bucket } : undefined,
                        ecr: v.image.ecr,
                        leaveTargetGroupArns: p.targetGroups,
                    }),
                ),
            );
        attachments.push(new aws.iam.RolePolicy(`${name}-node`, { role: role.name, policy }, parent));
        const profile = new aws.iam.InstanceProfile(`${name}-profile`, { role: role.name, tags: sharedTags }, parent);

        const userDataInputs = pulumi.output({
            region,
            partition: partition.partition,
            dbHost: args.database.host,
            dbPort: args.database.port ?? POSTGRES_PORT,
            dbUser: args.database.user ?? "odoo",
            replicaHost: args.database.replicaHost,
            replicaPort: args.database.replicaPort,
            dbSecret: args.database.passwordSecretArn,
            adminSecret: adminSecretArn,
            redisHost: args.sessions.redisHost,
            redisPort: args.sessions.redisPort ?? REDIS_PORT,
            redisSecret: args.sessions.redisAuthTokenSecretArn,
            efsId: args.filestore.efsFileSystemId,
            efsAp: args.filestore.efsAccessPointId,
            bucket: args.filestore.s3BucketName,
            bucketRegion: args.filestore.s3Region,
            logGroup: logGroup.name,
            targetGroups: v.spot.enabled ? pulumi.all(args.targetGroupArns ?? []) : [],
            baseUrl: args.restoredCopy?.baseUrl,
        });
        const safeMode = v.restoredCopy?.safeMode ?? false;
        const parkedSize = { min: 0, max: 0, desired: 0 };

        const groups: NodeGroupSpec[] = v.singleNode
            ? [
                  {
                      key: "node",
                      role: OdooRole.HttpCron,
                      instance: v.httpInstance,
                      workers: v.workersPerNode,
                      maxCronThreads: v.maxCronThreads,
                      size: v.parked ? parkedSize : { min: 1, max: 1, desired: 1 },
                      attach: true,
                      runsCron: true,
                  },
              ]
            : [
                  {
                      key: "http",
                      role: OdooRole.Http,
                      instance: v.httpInstance,
                      workers: v.workersPerNode,
                      maxCronThreads: v.httpMaxCronThreads,
                      size: v.parked ? parkedSize : { min: v.httpNodes, max: v.httpNodesMax, desired: v.httpNodes },
                      attach: true,
                      runsCron: false,
                      spot: v.spot,
                  },
                  {
                      key: "cron",
                      role: OdooRole.Cron,
                      instance: v.cronInstance,
                      workers: v.cronWorkers,
                      maxCronThreads: v.maxCronThreads,
                      size: v.parked ? parkedSize : { min: 1, max: 1, desired: 1 },
                      attach: false,
                      runsCron: true,
                  },
              ];

        const built = groups.map((g) => {
            const spotShare = !g.runsCron && g.spot?.enabled === true;
            const nodeTags: NodeTagValues = {
                // Safe mode runs no cron anywhere, and the tag says so (the policy pack reads it).
                maxCronThreads: safeMode ? 0 : g.maxCronThreads,
                workers: g.workers,
                dbMaxconn: v.dbMaxconn,
                filestore: v.filestore,
                sessions: v.sessions,
                workload: v.workloadTag,
                capacity: spotShare ? CapacityKind.SpotShare : CapacityKind.OnDemand,
            };
            const tags = { ...tagsFor(ctx, g.role, nodeTags), ...extra };
            const instanceTags = { ...tags, Name: `${ctx.name}-${ctx.environment}-${g.role === OdooRole.HttpCron ? "node" : g.role}` };
            const userData = userDataInputs.apply((u) => {
                const dbCaBundleUrl = rdsCaBundleUrl(u.partition, u.region);
                return encodeUserData(
                    renderUserData({
                        role: g.role,
                        version: v.version,
                        image: v.image.reference,
                        ecr: v.image.ecr ? { host: v.image.ecr.host, region: v.image.ecr.region } : undefined,
                        odooConf: renderOdooConf(
                            g.role,
                            odooConfSettings(
                                {
                                    workers: g.workers,
                                    maxCronThreads: g.maxCronThreads,
                                    httpCronThreads: g.role === OdooRole.Http ? g.maxCronThreads : undefined,
                                    limits: v.limits,
                                    limitTimeRealCron: v.limitTimeRealCron,
                                    dbMaxconn: v.dbMaxconn,
                                    safeMode,
                                },
                                {
                                    host: u.dbHost,
                                    port: u.dbPort,
                                    user: u.dbUser,
                                    name: v.dbName,
                                    sslMode: dbCaBundleUrl ? "verify-full" : "require",
                                    replicaHost: u.replicaHost,
                                    replicaPort: u.replicaPort,
                                },
                                { addonsPath: v.addonsPath, serverWideModules: v.serverWideModules, dbFilter: v.dbFilter },
                            ),
                            v.version,
                        ),
                        nginxConf: g.role === OdooRole.Cron ? undefined : renderNginxConf(),
                        region: u.region,
                        dbName: v.dbName,
                        dbPasswordSecretArn: u.dbSecret,
                        dbCaBundleUrl: dbCaBundleUrl ?? "",
                        adminPasswordSecretArn: u.adminSecret,
                        modules: v.modules,
                        redis:
                            v.sessions === "redis" && u.redisHost && u.redisSecret
                                ? {
                                      host: u.redisHost,
                                      port: u.redisPort,
                                      authTokenSecretArn: u.redisSecret,
                                      prefix: `${ctx.name}-${ctx.environment}`,
                                  }
                                : undefined,
                        efs: v.filestore === "efs" && u.efsId ? { fileSystemId: u.efsId, accessPointId: u.efsAp } : undefined,
                        s3: v.filestore === "s3" && u.bucket ? { bucket: u.bucket, region: u.bucketRegion ?? u.region } : undefined,
                        logGroupName: u.logGroup,
                        spotInterruption: spotShare && u.targetGroups.length > 0 ? { targetGroupArns: u.targetGroups } : undefined,
                        restored: v.restoredCopy ? { ...v.restoredCopy, baseUrl: u.baseUrl } : undefined,
                    }),
                );
            });

            const template = new aws.ec2.LaunchTemplate(
                `${name}-${g.key}`,
                {
                    description: `Odoo ${v.version} ${g.role} node of ${ctx.name} ${ctx.environment}`,
                    imageId: al2023ImageId(v.architecture),
                    instanceType: g.instance.name,
                    iamInstanceProfile: { arn: profile.arn },
                    networkInterfaces: [
                        { associatePublicIpAddress: "false", deleteOnTermination: "true", securityGroups: args.securityGroupIds },
                    ],
                    // Host networking keeps IMDS one hop from the containers: a hop limit of 1 suffices
                    // and keeps any bridged container away from the instance credentials.
                    metadataOptions: {
                        httpEndpoint: "enabled",
                        httpTokens: "required",
                        httpPutResponseHopLimit: 1,
                        instanceMetadataTags: "disabled",
                    },
                    blockDeviceMappings: [
                        {
                            deviceName: "/dev/xvda",
                            ebs: { volumeSize: v.rootVolumeGb, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
                        },
                    ],
                    monitoring: { enabled: ctx.production },
                    instanceInitiatedShutdownBehavior: "terminate",
                    userData,
                    updateDefaultVersion: true,
                    tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({
                        resourceType,
                        tags: instanceTags,
                    })),
                    tags,
                },
                { parent: this, dependsOn: attachments },
            );

            // Refresh warm-up = health check grace: a replacement counts once it could serve.
            const rollout = g.runsCron
                ? cronNodeRollout({ instanceWarmupSeconds: v.healthCheckGracePeriodSeconds })
                : httpFleetRollout({ instanceWarmupSeconds: v.healthCheckGracePeriodSeconds });
            const attach = g.attach && args.targetGroupArns !== undefined && args.targetGroupArns.length > 0;
            const scalable = !g.runsCron && g.size.max > g.size.min;
            // A parked group stays at 0: an office-hours start would launch a standby's fleet every morning.
            const scheduled = !g.runsCron && v.officeHours !== undefined && !v.parked;
            // The HTTP fleet's new version waits for httpRolloutAfter (the upgrade step).
            const templateVersion =
                g.runsCron || args.httpRolloutAfter === undefined
                    ? template.latestVersion.apply(String)
                    : pulumi.all([template.latestVersion, args.httpRolloutAfter]).apply(([version]) => String(version));
            const group = new aws.autoscaling.Group(
                `${name}-${g.key}`,
                {
                    vpcZoneIdentifiers: args.subnetIds,
                    launchTemplate: spotShare ? undefined : { id: template.id, version: templateVersion },
                    // The on-demand base always runs the planned type (prioritized, first override);
                    // Spot above it draws on every type of the same shape.
                    mixedInstancesPolicy:
                        spotShare && g.spot
                            ? {
                                  instancesDistribution: {
                                      onDemandBaseCapacity: g.spot.onDemandBaseNodes,
                                      onDemandPercentageAboveBaseCapacity: g.spot.onDemandPercentageAboveBase,
                                      onDemandAllocationStrategy: ON_DEMAND_ALLOCATION_STRATEGY,
                                      spotAllocationStrategy: SPOT_ALLOCATION_STRATEGY,
                                  },
                                  launchTemplate: {
                                      launchTemplateSpecification: { launchTemplateId: template.id, version: templateVersion },
                                      overrides: g.spot.instanceTypes.map((instanceType) => ({ instanceType })),
                                  },
                              }
                            : undefined,
                    // On a rebalance recommendation the group launches a replacement first, then terminates
                    // the node through its normal path: deregistered and drained before it stops.
                    capacityRebalance: spotShare ? true : undefined,
                    minSize: g.size.min,
                    maxSize: g.size.max,
                    desiredCapacity: g.size.desired,
                    targetGroupArns: attach ? args.targetGroupArns : undefined,
                    // Attached groups are judged by the load balancer's health check, as a launch-first
                    // rollout needs; without a target group there is only EC2's.
                    healthCheckType: attach ? "ELB" : "EC2",
                    healthCheckGracePeriod: v.healthCheckGracePeriodSeconds,
                    defaultInstanceWarmup: v.healthCheckGracePeriodSeconds,
                    instanceRefresh: rollout.instanceRefresh,
                    instanceMaintenancePolicy: rollout.instanceMaintenancePolicy,
                    // AZ rebalancing launches the new instance before it terminates the old one.
                    suspendedProcesses: g.runsCron ? ["AZRebalance"] : undefined,
                    enabledMetrics: [
                        "GroupMinSize",
                        "GroupMaxSize",
                        "GroupDesiredCapacity",
                        "GroupInServiceInstances",
                        "GroupPendingInstances",
                        "GroupTerminatingInstances",
                        "GroupTotalInstances",
                    ],
                    tags: asgTags(instanceTags),
                },
                {
                    parent: this,
                    // Replacing the group of the cron node must not run a second one next to it.
                    deleteBeforeReplace: g.runsCron,
                    // OdooFleetScaling moves the desired capacity of a fleet that can grow, the office-hours
                    // schedule moves the minimum: an update must not reset either.
                    ignoreChanges: scheduled ? ["desiredCapacity", "minSize"] : scalable ? ["desiredCapacity"] : undefined,
                },
            );
            if (scheduled && v.officeHours) {
                const hours = v.officeHours;
                // -1 leaves a size unchanged; the provider's default, 0, would empty the group. Raising the
                // minimum above the group's size raises its desired capacity with it (UpdateAutoScalingGroup:
                // https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_UpdateAutoScalingGroup.html),
                // so the start leaves the desired capacity to that rule and to the scaling policies.
                new aws.autoscaling.Schedule(
                    `${name}-${g.key}-office-hours-start`,
                    {
                        autoscalingGroupName: group.name,
                        scheduledActionName: "odoo-office-hours-start",
                        recurrence: hours.raiseRecurrence,
                        timeZone: hours.timeZone,
                        minSize: g.size.min,
                        maxSize: -1,
                        desiredCapacity: -1,
                    },
                    parent,
                );
                new aws.autoscaling.Schedule(
                    `${name}-${g.key}-office-hours-end`,
                    {
                        autoscalingGroupName: group.name,
                        scheduledActionName: "odoo-office-hours-end",
                        recurrence: hours.lowerRecurrence,
                        timeZone: hours.timeZone,
                        minSize: hours.offHoursNodes,
                        maxSize: -1,
                        desiredCapacity: hours.offHoursNodes,
                    },
                    parent,
                );
            }
            return { group, template };
        });

        const http = built[0];
        const cron = built[built.length - 1];
        this.httpGroupName = http.group.name;
        this.cronGroupName = cron.group.name;
        this.httpLaunchTemplateId = http.template.id;
        this.cronLaunchTemplateId = cron.template.id;
        this.launchTemplateVersions = pulumi.all(built.map((b) => b.template.latestVersion));
        this.roleArn = role.arn;
        this.roleName = role.name;
        this.logGroupName = logGroup.name;
        this.adminPasswordSecretArn = adminSecretArn;
        this.architecture = pulumi.output(v.architecture);
        this.singleNode = pulumi.output(v.singleNode);
        this.dbMaxconn = pulumi.output(v.dbMaxconn);
        this.httpNodesMax = pulumi.output(v.httpNodesMax);
        this.registerOutputs({
            httpGroupName: this.httpGroupName,
            cronGroupName: this.cronGroupName,
            httpLaunchTemplateId: this.httpLaunchTemplateId,
            cronLaunchTemplateId: this.cronLaunchTemplateId,
            launchTemplateVersions: this.launchTemplateVersions,
            roleArn: this.roleArn,
            roleName: this.roleName,
            logGroupName: this.logGroupName,
            adminPasswordSecretArn: this.adminPasswordSecretArn,
            architecture: this.architecture,
            singleNode: this.singleNode,
            dbMaxconn: this.dbMaxconn,
            httpNodesMax: this.httpNodesMax,
        });
    }
}
