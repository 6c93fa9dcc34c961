/**
 * `OdooDatabase`: the PostgreSQL server of an Odoo cluster — an RDS for PostgreSQL primary with
 * read replicas, or an Aurora PostgreSQL cluster with a writer and readers — sized from the
 * capacity plan, encrypted, private, backed up, and with a generated master password kept in a
 * Secrets Manager secret of its own.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { DatabaseInstanceClass, databaseInstanceClass } from "../contract/catalog";
import { OdooClusterContext, ResolvedClusterContext, capacityPlanOf, resolveClusterContext, tagsFor } from "../contract/clusterContext";
import {
    DatabaseEngine,
    DatabaseParameter,
    DatabaseParameterPlan,
    DEFAULT_POSTGRES_MAJOR,
    PostgresVersion,
    databaseParameters,
    requireDatabaseEngine,
    requireExtraParameters,
    requirePostgresVersion,
} from "./databaseParameters";
import { OdooArgumentError, optionalArn, optionalBoolean, requireInput, requireInputList, requireWholeNumber } from "../contract/errors";
import { POSTGRES_PORT } from "../contract/ports";
import {
    REPLICA_RECORD_TTL,
    REPLICA_RECORD_WEIGHT,
    REPLICA_ROUTING_EVALUATION_PERIODS,
    REPLICA_ROUTING_MAX_LAG_SECONDS,
    REPLICA_ROUTING_PERIOD_SECONDS,
    replicaHostName,
    replicaSetIdentifier,
    replicaZoneName,
} from "./replicaEndpoint";
import { MAX_READ_REPLICAS } from "../contract/sizing";
import { OdooRole, TAG } from "../contract/tags";
import {
    OdooDatabaseRestore,
    ResolvedDatabaseRestore,
    auroraClusterRestoreArgs,
    rdsInstanceRestoreArgs,
    resolveDatabaseRestore,
} from "./databaseRestore";

export { DatabaseEngine } from "./databaseParameters";
export { OdooDatabaseRestore } from "./databaseRestore";

/** Arguments of {@link OdooDatabase}. */
export interface OdooDatabaseArgs extends OdooDatabaseOptions {
    /** The cluster the database belongs to: its name, environment, declared users and tags. */
    cluster: OdooClusterContext;
    /**
     * Subnets of the DB subnet group: the VPC's isolated subnets, in at least two availability
     * zones (RDS requires two even for a single-AZ instance). 2 to 20 subnet IDs.
     */
    subnetIds: pulumi.Input<string>[];
    /** Security groups of every database instance (PostgreSQL from the Odoo nodes only). 1 to 5 IDs. */
    securityGroupIds: pulumi.Input<string>[];
    /**
     * The VPC. With `postgres` and at least one replica, a private Route 53 zone is attached to it
     * to give Odoo one host name for all replicas.
     */
    vpcId: pulumi.Input<string>;
    /**
     * SNS topics told when a read replica is taken out of the shared replica name and when it is
     * back (`postgres` with replicas only). Default: none.
     */
    alarmActions?: pulumi.Input<string>[];
}

/** Settings of {@link OdooDatabase}; also the `database` argument of OdooCluster. */
export interface OdooDatabaseOptions {
    /**
     * `postgres` (RDS for PostgreSQL: a primary plus read replicas) or `aurora-postgresql` (an
     * Aurora cluster: a writer plus readers behind its reader endpoint). Default: `postgres`.
     */
    engine?: DatabaseEngine;
    /**
     * PostgreSQL version: a major (14, 15, 16, 17 or 18), optionally with a minor ("17.6"). A bare
     * major gets the newest minor and automatic minor upgrades. Odoo 17.0 and 18.0 need 12 or
     * later, 19.0 needs 13 or later. Default: "17".
     */
    engineVersion?: string;
    /**
     * RDS instance class of the primary (Aurora: of the writer), from the catalog (db.t4g, db.m6g,
     * db.m7g, db.m8g, db.m6i, db.r6g, db.r7g, db.r8g, db.r6i). Aurora offers the db.r families and
     * db.t4g.medium/large only. Default: the capacity plan's class for the declared users (on
     * Aurora, a db.r7g class with the same vCPU when the plan picks a class Aurora lacks).
     */
    instanceClass?: string;
    /**
     * Instance class of the read replicas. It must have at least the primary's memory: a
     * PostgreSQL hot standby refuses to run with a lower `max_connections` than its primary.
     * Default: `instanceClass`.
     */
    replicaInstanceClass?: string;
    /**
     * Read replicas (Aurora: reader instances), 0 to 15. Odoo 18.0 and later sends read-only
     * requests to them through `db_replica_host`. Default: the capacity plan's replicas for the
     * declared users (0 up to 300 users).
     */
    replicas?: number;
    /**
     * Allocated gp3 storage of the primary, GB, 20 to 65536 (`postgres` only: Aurora storage grows
     * on its own). Default: the capacity plan's size (100, 200 above 150 users, 500 above 500).
     */
    allocatedStorageGb?: number;
    /**
     * Ceiling for RDS storage autoscaling, GB: at least 10 % above `allocatedStorageGb` (an RDS
     * rule), at most 65536; 0 turns storage autoscaling off (`postgres` only). Default: four times
     * `allocatedStorageGb`, at most 65536.
     */
    maxAllocatedStorageGb?: number;
    /**
     * A standby in a second availability zone with automatic failover (Aurora: at least one reader,
     * created if `replicas` is 0, as the failover target). Default: true in production.
     */
    multiAz?: boolean;
    /**
     * Days of automated backups and point-in-time recovery, 1 to 35. Never 0: read replicas need
     * backups on their source, and an ERP without backups is not an option. Default: 14 in
     * production, 7 otherwise.
     */
    backupRetentionDays?: number;
    /**
     * Whether AWS refuses to delete the primary (Aurora: the cluster). Replicas never carry it: they
     * hold no data of their own, and lowering `replicas` must work. Default: true in production.
     * Setting false in production is allowed and shows as `deletionProtection: false` on the
     * primary.
     */
    deletionProtection?: boolean;
    /**
     * Whether deleting the database skips the final snapshot. Default: false in production (a final
     * snapshot is taken), true otherwise. Setting true in production is allowed and shows as
     * `skipFinalSnapshot: true` on the instance.
     */
    skipFinalSnapshot?: boolean;
    /** Performance Insights (7 days of query-level metrics, free tier). Default: true. */
    performanceInsights?: boolean;
    /**
     * Whether changes such as a new instance class are applied at once (with a restart) instead of
     * in the next maintenance window. Default: false, so an ERP is not restarted in office hours.
     */
    applyImmediately?: boolean;
    /**
     * The database Odoo uses (also its `db_name` and `dbfilter`): 1 to 63 lower-case letters,
     * digits or underscores, starting with a letter. Default: "odoo".
     */
    databaseName?: string;
    /**
     * The master user Odoo connects as: 1 to 63 lower-case letters, digits or underscores, starting
     * with a letter, not starting with `rds` or `pg_`. Its password is generated by the package and
     * kept in a Secrets Manager secret of the database's own (`{"username", "password"}`).
     * Default: "odoo".
     */
    username?: string;
    /**
     * Generation of the generated master password, 1 to 1000000: raising it by one generates a new
     * password, stores it as a new version of the same secret and sets it on the database. Nodes
     * keep their open connections and pick the new password up when they are refreshed one at a
     * time (README, "Rotating the database password"); nothing restarts them all at once.
     * Default: 1.
     */
    passwordGeneration?: number;
    /**
     * Regions the credentials secret is replicated to (e.g. the region of a disaster-recovery
     * standby), each a region name other than the stack's own. The replicas use the
     * `aws/secretsmanager` key of their region. Up to 5. Default: none.
     */
    secretReplicaRegions?: string[];
    /**
     * ARN of a customer-managed KMS key for the storage, snapshots, Performance Insights and the
     * credentials secret (the nodes are then granted `kms:Decrypt` through Secrets Manager only).
     * Default: the account's `aws/rds` key for the database and `aws/secretsmanager` for the secret.
     */
    kmsKeyId?: pulumi.Input<string>;
    /**
     * Extra PostgreSQL parameters, name to value (e.g. `work_mem`), applied at the next reboot.
     * They override the package's settings except `max_connections`, which follows the instance
     * class. On Aurora they go into the cluster parameter group. Default: none.
     */
    parameters?: Record<string, string>;
    /**
     * Create the database from a backup of another cluster's database instead of empty: a snapshot
     * or a point in time (restore drills, recovery from a bad migration or a dropped table). The
     * source is never touched. `databaseName` and `username` must be the source's (the backup
     * carries both), `allocatedStorageGb` at least the snapshot's. The restored copy gets its own
     * master password at once, and the primary carries `odoo:restored-from`. Default: none (an
     * empty database).
     */
    restore?: OdooDatabaseRestore;
}

/** {@link OdooDatabaseArgs} validated, with every default applied. */
export interface ResolvedDatabaseArgs {
    cluster: ResolvedClusterContext;
    engine: DatabaseEngine;
    version: PostgresVersion;
    instanceClass: DatabaseInstanceClass;
    replicaInstanceClass: DatabaseInstanceClass;
    replicas: number;
    /** Aurora reader instances: the replicas, or one failover reader when Multi-AZ asks for it. */
    readers: number;
    /** `postgres` only. */
    allocatedStorageGb?: number;
    /** `postgres` only; 0 means storage autoscaling off. */
    maxAllocatedStorageGb?: number;
    multiAz: boolean;
    backupRetentionDays: number;
    deletionProtection: boolean;
    skipFinalSnapshot: boolean;
    performanceInsights: boolean;
    applyImmediately: boolean;
    databaseName: string;
    username: string;
    passwordGeneration: number;
    secretReplicaRegions: string[];
    kmsKeyId?: pulumi.Input<string>;
    subnetIds: pulumi.Input<string>[];
    securityGroupIds: pulumi.Input<string>[];
    vpcId: pulumi.Input<string>;
    alarmActions: pulumi.Input<string>[];
    /** Parameter groups of the primary (writer) class and of the replica (reader) class. */
    primaryParameters: DatabaseParameterPlan;
    replicaParameters: DatabaseParameterPlan;
    extraParameters: DatabaseParameter[];
    /** Where the database is restored from, when it is. */
    restore?: ResolvedDatabaseRestore;
}

/** PostgreSQL role names a master user may not take (SQL keywords, RDS's and PostgreSQL's namespaces). */
const RESERVED_USERNAMES = ["user", "public", "all", "none", "current_user", "session_user", "current_role"];
/** Databases every PostgreSQL server already has. */
const RESERVED_DATABASE_NAMES = ["postgres", "template0", "template1", "rdsadmin"];

function requireIdentifier(property: string, value: unknown, what: string, reserved: string[]): string {
    if (typeof value !== "string" || !/^[a-z][a-z0-9_]{0,62}$/.test(value)) {
        throw new OdooArgumentError(
            property,
            value,
            `a ${what} of 1 to 63 lower-case letters, digits or underscores, starting with a letter`,
        );
    }
    if (reserved.includes(value) || /^(rds|pg_)/.test(value)) {
        throw new OdooArgumentError(
            property,
            value,
            `a ${what} that is not reserved (${reserved.join(", ")}, or starting with rds or pg_)`,
        );
    }
    return value;
}

/**
 * Validates the arguments of {@link OdooDatabase} and applies the defaults. Pure: it throws an
 * {@link OdooArgumentError} naming the property for the first bad argument, before any
 * resource exists. A composing component reports it under its own path with `reportUnder`.
 */
export function resolveDatabaseArgs(args: OdooDatabaseArgs): ResolvedDatabaseArgs {
    if (!args || typeof args !== "object") {
        throw new OdooArgumentError("args", args, "an object with cluster, subnetIds, securityGroupIds and vpcId");
    }
    const cluster = resolveClusterContext(args.cluster, "cluster");
    const engine = args.engine === undefined ? DatabaseEngine.Postgres : requireDatabaseEngine(args.engine, "engine");
    const aurora = engine === DatabaseEngine.AuroraPostgresql;
    const plan = capacityPlanOf(cluster, { aurora });
    const version = requirePostgresVersion(engine, args.engineVersion ?? DEFAULT_POSTGRES_MAJOR, "engineVersion");

    const instanceClass = databaseInstanceClass(args.instanceClass ?? plan.database.instanceClass, "instanceClass");
    const auroraClasses =
        "an Aurora PostgreSQL class of the catalog (db.t4g.medium, db.t4g.large or a db.r6g, db.r7g, db.r8g or db.r6i class)";
    if (aurora && !instanceClass.aurora) {
        throw new OdooArgumentError("instanceClass", instanceClass.name, auroraClasses, "Aurora has no m-classes and no larger t-classes");
    }
    const replicaInstanceClass =
        args.replicaInstanceClass === undefined ? instanceClass : databaseInstanceClass(args.replicaInstanceClass, "replicaInstanceClass");
    if (aurora && !replicaInstanceClass.aurora) {
        throw new OdooArgumentError("replicaInstanceClass", replicaInstanceClass.name, auroraClasses);
    }
    // A smaller replica is fine: its parameter group sets max_connections to the primary's, as a hot
    // standby requires; whether its memory holds Odoo's connections the capacity plan and the pack's
    // odoo-replica-connections judge (replicaSizing.ts).
    const replicas =
        args.replicas === undefined
            ? plan.database.replicas
            : requireWholeNumber("replicas", args.replicas, { min: 0, max: MAX_READ_REPLICAS });

    let allocatedStorageGb: number | undefined;
    let maxAllocatedStorageGb: number | undefined;
    if (aurora) {
        for (const p of ["allocatedStorageGb", "maxAllocatedStorageGb"] as const) {
            if (args[p] !== undefined) {
                throw new OdooArgumentError(p, args[p], "no value with engine aurora-postgresql", "Aurora storage grows on its own");
            }
        }
    } else {
        allocatedStorageGb =
            args.allocatedStorageGb === undefined
                ? plan.database.storageGb
                : requireWholeNumber("allocatedStorageGb", args.allocatedStorageGb, { min: 20, max: 65536 });
        // Integer arithmetic: 100 * 1.1 is 110.00000000000001 in floating point.
        const minimumCeiling = Math.ceil((allocatedStorageGb * 11) / 10);
        if (args.maxAllocatedStorageGb === undefined) {
            maxAllocatedStorageGb = Math.min(allocatedStorageGb * 4, 65536);
        } else if (args.maxAllocatedStorageGb !== 0) {
            if (allocatedStorageGb > 59578) {
                throw new OdooArgumentError(
                    "maxAllocatedStorageGb",
                    args.maxAllocatedStorageGb,
                    "0 (autoscaling off): allocatedStorageGb leaves no 10 % headroom below 65536",
                );
            }
            maxAllocatedStorageGb = requireWholeNumber("maxAllocatedStorageGb", args.maxAllocatedStorageGb, {
                min: minimumCeiling,
                max: 65536,
            });
        } else {
            maxAllocatedStorageGb = 0;
        }
    }

    const multiAz = optionalBoolean("multiAz", args.multiAz) ?? plan.database.multiAz;
    const backupRetentionDays =
        args.backupRetentionDays === undefined
            ? cluster.production
                ? 14
                : 7
            : requireWholeNumber("backupRetentionDays", args.backupRetentionDays, { min: 1, max: 35 });
    const deletionProtection = optionalBoolean("deletionProtection", args.deletionProtection) ?? cluster.production;
    const skipFinalSnapshot = optionalBoolean("skipFinalSnapshot", args.skipFinalSnapshot) ?? !cluster.production;
    const performanceInsights = optionalBoolean("performanceInsights", args.performanceInsights) ?? true;
    const applyImmediately = optionalBoolean("applyImmediately", args.applyImmediately) ?? false;
    const databaseName = requireIdentifier("databaseName", args.databaseName ?? "odoo", "database name", RESERVED_DATABASE_NAMES);
    const username = requireIdentifier("username", args.username ?? "odoo", "user name", RESERVED_USERNAMES);
    const passwordGeneration =
        args.passwordGeneration === undefined
            ? 1
            : requireWholeNumber("passwordGeneration", args.passwordGeneration, { min: 1, max: 1_000_000 });
    const secretReplicaRegions = requireSecretReplicaRegions("secretReplicaRegions", args.secretReplicaRegions);
    const kmsKeyId = optionalArn("kmsKeyId", args.kmsKeyId, "kms");
    const subnetIds = requireInputList("subnetIds", args.subnetIds, {
        min: 2,
        max: 20,
        what: "isolated subnet IDs in at least two availability zones",
    });
    const securityGroupIds = requireInputList("securityGroupIds", args.securityGroupIds, {
        min: 1,
        max: 5,
        what: "security group IDs",
    });
    requireInput("vpcId", args.vpcId, /\S/, "the ID of the VPC the subnets belong to");
    const extraParameters = requireExtraParameters(args.parameters, "parameters");
    const restore = resolveDatabaseRestore(args.restore, aurora, "restore.");

    return {
        cluster,
        engine,
        version,
        instanceClass,
        replicaInstanceClass,
        replicas,
        readers: aurora ? Math.max(replicas, multiAz ? 1 : 0) : 0,
        allocatedStorageGb,
        maxAllocatedStorageGb,
        multiAz,
        backupRetentionDays,
        deletionProtection,
        skipFinalSnapshot,
        performanceInsights,
        applyImmediately,
        databaseName,
        username,
        passwordGeneration,
        secretReplicaRegions,
        kmsKeyId,
        subnetIds,
        securityGroupIds,
        vpcId: args.vpcId,
        alarmActions: requireInputList("alarmActions", args.alarmActions ?? [], { min: 0, max: 5, what: "SNS topic ARNs" }),
        primaryParameters: databaseParameters(engine, instanceClass.name, extraParameters),
        replicaParameters: databaseParameters(engine, replicaInstanceClass.name, extraParameters, instanceClass.maxConnections),
        extraParameters,
        restore,
    };
}

/** Secrets Manager replicates a secret to at most this many regions per call we make; five is plenty for DR. */
const MAX_SECRET_REPLICA_REGIONS = 5;

function requireSecretReplicaRegions(property: string, value: unknown): string[] {
    if (value === undefined) {
        return [];
    }
    const accepted = `a list of up to ${MAX_SECRET_REPLICA_REGIONS} distinct AWS region names such as ["us-west-2"]`;
    if (!Array.isArray(value) || value.length > MAX_SECRET_REPLICA_REGIONS) {
        throw new OdooArgumentError(property, value, accepted);
    }
    value.forEach((region, i) => {
        if (typeof region !== "string" || !/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/.test(region)) {
            throw new OdooArgumentError(`${property}[${i}]`, region, "an AWS region name such as us-west-2");
        }
    });
    if (new Set(value).size !== value.length) {
        throw new OdooArgumentError(property, value, accepted);
    }
    return value as string[];
}

/**
 * The generated master password: 40 letters and digits. Only characters that need no quoting in
 * a libpq URI, in odoo.conf (configparser) or in a shell; RDS forbids `/`, `'`, `"`, `@` and
 * spaces anyway (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html,
 * MasterUserPassword). 62^40 leaves no room for guessing.
 */
export const MASTER_PASSWORD_LENGTH = 40;

/**
 * Days a deleted credentials secret stays recoverable: the longest window in production (a
 * mistaken destroy of the stack must not lose the only copy of the password of a retained
 * database), the shortest otherwise.
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html
 */
export function secretRecoveryWindowDays(production: boolean): number {
    return production ? 30 : 7;
}

/** The primary's (Aurora: the cluster's) tags: the role, and for a restored copy where it came from. */
function primaryTags(cfg: ResolvedDatabaseArgs): Record<string, string> {
    const tags = tagsFor(cfg.cluster, OdooRole.DbPrimary);
    return cfg.restore ? { ...tags, [TAG.restoredFrom]: cfg.restore.label } : tags;
}

/**
 * Prefix of the final snapshot's name, `<cluster>-<environment>-db`: RDS wants a letter first,
 * then letters, digits and single hyphens, and no hyphen at the end.
 */
export function finalSnapshotPrefix(cluster: string, environment: string): string {
    return `${cluster}-${environment}-db`.replace(/-+/g, "-").replace(/-$/, "");
}

/**
 * What replaces the primary instance (Aurora: the cluster), and so must renew the final-snapshot
 * suffix: the engine, the database and user names, the storage key (a new key means a new,
 * re-encrypted instance). Provider docs, `aws.rds.Instance` / `aws.rds.Cluster`: these arguments
 * force a new resource.
 */
export function finalSnapshotKeepers(cfg: ResolvedDatabaseArgs): Record<string, pulumi.Input<string>> {
    return {
        engine: cfg.engine,
        databaseName: cfg.databaseName,
        username: cfg.username,
        kmsKeyId: cfg.kmsKeyId ?? "aws/rds",
    };
}

/** Days of Performance Insights history: the free retention. */
const PERFORMANCE_INSIGHTS_RETENTION_DAYS = 7;

/** What the engine-specific builders hand back to the component. */
interface BuiltDatabase {
    endpoint: pulumi.Output<string>;
    port: pulumi.Output<number>;
    replicaEndpoints: pulumi.Output<string[]>;
    replicaHost?: pulumi.Output<string>;
    primaryIdentifier: pulumi.Output<string>;
    primaryInstanceIdentifier: pulumi.Output<string>;
    replicaIdentifiers: pulumi.Output<string[]>;
    backupArn: pulumi.Output<string>;
}

/**
 * The PostgreSQL server of an Odoo cluster.
 *
 * With `postgres`: a DB subnet group, a parameter group (plus one for a different replica class),
 * the primary `aws.rds.Instance` (role `db-primary`), N replicas with `replicateSourceDb` (role
 * `db-replica`) and, with replicas, a private Route 53 zone whose weighted CNAMEs make one
 * `replicaHost` for all of them. With `aurora-postgresql`: a subnet group, cluster and instance
 * parameter groups, an `aws.rds.Cluster`, a writer and N reader `aws.rds.ClusterInstance`s, and
 * the cluster's reader endpoint as `replicaHost`.
 */
export class OdooDatabase extends pulumi.ComponentResource {
    /** Host name of the primary (Aurora: the cluster's writer endpoint). */
    public readonly endpoint: pulumi.Output<string>;
    /** PostgreSQL port (5432). */
    public readonly port: pulumi.Output<number>;
    /** Host names of the individual replicas (Aurora: reader instances); empty without replicas. */
    public readonly replicaEndpoints: pulumi.Output<string[]>;
    /**
     * The host for Odoo's `db_replica_host`: one name over all replicas (Aurora: the reader
     * endpoint). Absent when there are no replicas, so it is known at preview whether Odoo gets a
     * replica at all.
     */
    public readonly replicaHost?: pulumi.Output<string>;
    /**
     * ARN of the credentials secret (JSON with `username` and `password`). It resolves only once the
     * secret holds its current version, so nodes that take it never boot before the password exists.
     */
    public readonly masterSecretArn: pulumi.Output<string>;
    /** The KMS key of the credentials secret, when `kmsKeyId` was given (readers need `kms:Decrypt` on it). */
    public readonly masterSecretKmsKeyId?: pulumi.Output<string>;
    /** The master user Odoo connects as. */
    public readonly username: pulumi.Output<string>;
    /** The database Odoo uses. */
    public readonly databaseName: pulumi.Output<string>;
    /** Instance class of the primary (writer). */
    public readonly instanceClass: pulumi.Output<string>;
    /** `postgres` or `aurora-postgresql`. */
    public readonly engine: pulumi.Output<string>;
    /** RDS identifier of the primary instance (Aurora: the cluster identifier). */
    public readonly primaryIdentifier: pulumi.Output<string>;
    /** DBInstanceIdentifier of the primary instance (Aurora: of the writer), the dimension of its CloudWatch metrics. */
    public readonly primaryInstanceIdentifier: pulumi.Output<string>;
    /** DBInstanceIdentifier of every read replica (Aurora: reader instance). */
    public readonly replicaIdentifiers: pulumi.Output<string[]>;
    /** ARN AWS Backup protects: the primary instance (Aurora: the cluster). */
    public readonly backupArn: pulumi.Output<string>;

    constructor(name: string, args: OdooDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        const cfg = resolveDatabaseArgs(args);
        super("odoo-aws:index:OdooDatabase", name, {}, opts);

        const subnetGroup = new aws.rds.SubnetGroup(
            `${name}-subnets`,
            {
                description: `Isolated subnets of the Odoo database of ${cfg.cluster.name} (${cfg.cluster.environment})`,
                subnetIds: cfg.subnetIds,
                tags: tagsFor(cfg.cluster, OdooRole.DbPrimary),
            },
            { parent: this },
        );

        // The password is ours, not RDS's (manageMasterUserPassword): RDS refuses read replicas of a
        // source whose password it manages in Secrets Manager, and a cross-region replica likewise
        // (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html,
        // "Limitations for Secrets Manager integration"). It also is never rotated behind the
        // nodes' back: a new password comes only from `passwordGeneration`.
        const password = new random.RandomPassword(
            `${name}-master-password`,
            {
                length: MASTER_PASSWORD_LENGTH,
                special: false,
                keepers: { generation: String(cfg.passwordGeneration) },
            },
            { parent: this },
        );
        // No fixed name: a deleted secret keeps its name for the recovery window, so a replacement
        // under the same name would fail; Pulumi's auto-name adds a random suffix.
        const secret = new aws.secretsmanager.Secret(
            `${name}-credentials`,
            {
                description: `PostgreSQL master credentials of the Odoo database of ${cfg.cluster.name} (${cfg.cluster.environment})`,
                kmsKeyId: cfg.kmsKeyId,
                recoveryWindowInDays: secretRecoveryWindowDays(cfg.cluster.production),
                replicas: cfg.secretReplicaRegions.map((region) => ({ region })),
                tags: tagsFor(cfg.cluster, OdooRole.DbPrimary),
            },
            { parent: this },
        );
        const secretVersion = new aws.secretsmanager.SecretVersion(
            `${name}-credentials-version`,
            {
                secretId: secret.id,
                secretString: pulumi.secret(
                    pulumi.jsonStringify({ username: cfg.username, password: password.result }) as pulumi.Output<string>,
                ),
            },
            { parent: this },
        );

        let finalSnapshotIdentifier: pulumi.Output<string> | undefined;
        if (!cfg.skipFinalSnapshot) {
            // A fixed name would collide with the final snapshot of an earlier incarnation of the
            // stack, and RDS refuses to delete the instance then. The keepers are the inputs that
            // replace the primary (Aurora: the cluster): a replacement gets a new suffix, so the
            // snapshot its predecessor leaves behind never blocks its own deletion later.
            const suffix = new random.RandomId(
                `${name}-final-snapshot-suffix`,
                { byteLength: 4, keepers: finalSnapshotKeepers(cfg) },
                { parent: this },
            );
            finalSnapshotIdentifier = pulumi.interpolate`${finalSnapshotPrefix(cfg.cluster.name, cfg.cluster.environment)}-final-${suffix.hex}`;
        }

        const built =
            cfg.engine === DatabaseEngine.AuroraPostgresql
                ? this.createAurora(name, cfg, subnetGroup, finalSnapshotIdentifier, password.result)
                : this.createRdsPostgres(name, cfg, subnetGroup, finalSnapshotIdentifier, password.result);

        this.endpoint = built.endpoint;
        this.port = built.port;
        this.replicaEndpoints = built.replicaEndpoints;
        this.replicaHost = built.replicaHost;
        // Resolves after the version exists (and the database has the password), so a launch template
        // that reads this ARN is created only once a node could read the password at boot.
        this.masterSecretArn = pulumi.all([secret.arn, secretVersion.versionId, built.endpoint]).apply(([arn]) => arn);
        this.masterSecretKmsKeyId = cfg.kmsKeyId === undefined ? undefined : pulumi.output(cfg.kmsKeyId);
        this.username = pulumi.output(cfg.username);
        this.databaseName = pulumi.output(cfg.databaseName);
        this.instanceClass = pulumi.output(cfg.instanceClass.name);
        this.engine = pulumi.output(cfg.engine);
        this.primaryIdentifier = built.primaryIdentifier;
        this.primaryInstanceIdentifier = built.primaryInstanceIdentifier;
        this.replicaIdentifiers = built.replicaIdentifiers;
        this.backupArn = built.backupArn;
        this.registerOutputs({
            endpoint: this.endpoint,
            port: this.port,
            replicaEndpoints: this.replicaEndpoints,
            replicaHost: this.replicaHost,
            masterSecretArn: this.masterSecretArn,
            masterSecretKmsKeyId: this.masterSecretKmsKeyId,
            username: this.username,
            databaseName: this.databaseName,
            instanceClass: this.instanceClass,
            engine: this.engine,
            primaryIdentifier: this.primaryIdentifier,
            primaryInstanceIdentifier: this.primaryInstanceIdentifier,
            replicaIdentifiers: this.replicaIdentifiers,
            backupArn: this.backupArn,
        });
    }

    private parameterGroup(
        resourceName: string,
        cfg: ResolvedDatabaseArgs,
        parameters: DatabaseParameter[],
        role: OdooRole,
        what: string,
    ): aws.rds.ParameterGroup {
        return new aws.rds.ParameterGroup(
            resourceName,
            {
                family: cfg.version.family,
                description: `Odoo ${what} of ${cfg.cluster.name} (${cfg.cluster.environment})`,
                parameters,
                tags: tagsFor(cfg.cluster, role),
            },
            { parent: this },
        );
    }

    private performanceInsightsArgs(cfg: ResolvedDatabaseArgs) {
        return {
            performanceInsightsEnabled: cfg.performanceInsights,
            performanceInsightsRetentionPeriod: cfg.performanceInsights ? PERFORMANCE_INSIGHTS_RETENTION_DAYS : undefined,
            performanceInsightsKmsKeyId: cfg.performanceInsights ? cfg.kmsKeyId : undefined,
        };
    }

    private createRdsPostgres(
        name: string,
        cfg: ResolvedDatabaseArgs,
        subnetGroup: aws.rds.SubnetGroup,
        finalSnapshotIdentifier: pulumi.Output<string> | undefined,
        password: pulumi.Output<string>,
    ): BuiltDatabase {
        const primaryParams = this.parameterGroup(
            `${name}-params`,
            cfg,
            cfg.primaryParameters.instance,
            OdooRole.DbPrimary,
            "PostgreSQL parameters",
        );
        const replicaParams =
            cfg.replicas > 0 && cfg.replicaInstanceClass.name !== cfg.instanceClass.name
                ? this.parameterGroup(
                      `${name}-replica-params`,
                      cfg,
                      cfg.replicaParameters.instance,
                      OdooRole.DbReplica,
                      "PostgreSQL replica parameters",
                  )
                : primaryParams;
        const common = {
            storageType: "gp3",
            storageEncrypted: true,
            maxAllocatedStorage: cfg.maxAllocatedStorageGb,
            vpcSecurityGroupIds: cfg.securityGroupIds,
            publiclyAccessible: false,
            autoMinorVersionUpgrade: true,
            copyTagsToSnapshot: true,
            enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
            applyImmediately: cfg.applyImmediately,
            port: POSTGRES_PORT,
            ...this.performanceInsightsArgs(cfg),
        };

        const primary = new aws.rds.Instance(
            `${name}-db`,
            {
                ...common,
                kmsKeyId: cfg.kmsKeyId,
                engine: cfg.engine,
                engineVersion: cfg.version.engineVersion,
                allowMajorVersionUpgrade: true,
                instanceClass: cfg.instanceClass.name,
                allocatedStorage: cfg.allocatedStorageGb,
                // A restore takes the database and the master user from the backup (RDS refuses a
                // DBName for PostgreSQL restores); the provider then sets the copy's own password
                // with ModifyDBInstance, so a copy never shares a credential with its source.
                ...(cfg.restore ? rdsInstanceRestoreArgs(cfg.restore) : { dbName: cfg.databaseName, username: cfg.username }),
                password,
                dbSubnetGroupName: subnetGroup.name,
                parameterGroupName: primaryParams.name,
                multiAz: cfg.multiAz,
                deletionProtection: cfg.deletionProtection,
                backupRetentionPeriod: cfg.backupRetentionDays,
                skipFinalSnapshot: cfg.skipFinalSnapshot,
                finalSnapshotIdentifier,
                // In production the automated backups outlive the instance for their retention period.
                deleteAutomatedBackups: !cfg.cluster.production,
                tags: { ...primaryTags(cfg), [TAG.maxConnections]: String(cfg.instanceClass.maxConnections) },
            },
            { parent: this },
        );

        const replicas = Array.from(
            { length: cfg.replicas },
            (_, i) =>
                new aws.rds.Instance(
                    `${name}-replica-${i + 1}`,
                    {
                        ...common,
                        // Same region, no subnet group given: the identifier names the source, and the replica
                        // lands in the source's subnet group.
                        replicateSourceDb: primary.identifier,
                        // No kmsKeyId: a same-region replica is encrypted with its source's key, and the API
                        // says to set KmsKeyId only for a cross-region replica
                        // (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html).
                        instanceClass: cfg.replicaInstanceClass.name,
                        allocatedStorage: cfg.allocatedStorageGb,
                        parameterGroupName: replicaParams.name,
                        multiAz: false,
                        // A replica holds no data of its own: it takes no final snapshot (RDS refuses one), and
                        // no deletion protection, which would make lowering `replicas` fail in production.
                        skipFinalSnapshot: true,
                        deletionProtection: false,
                        // The replica's parameter group sets the primary's max_connections (hot standby needs it).
                        tags: {
                            ...tagsFor(cfg.cluster, OdooRole.DbReplica),
                            [TAG.maxConnections]: String(cfg.instanceClass.maxConnections),
                        },
                    },
                    { parent: this },
                ),
        );

        let replicaHost: pulumi.Output<string> | undefined;
        if (replicas.length > 0) {
            const zone = new aws.route53.Zone(
                `${name}-replicas-zone`,
                {
                    name: replicaZoneName(cfg.cluster.name, cfg.cluster.environment),
                    comment: `Private names of the Odoo database of ${cfg.cluster.name} (${cfg.cluster.environment})`,
                    vpcs: [{ vpcId: cfg.vpcId }],
                    tags: tagsFor(cfg.cluster, OdooRole.DbReplica),
                },
                { parent: this },
            );
            const hostName = replicaHostName(cfg.cluster.name, cfg.cluster.environment);
            const region = aws.getRegionOutput({}, { parent: this }).region;
            const records = replicas.map((replica, i) => {
                const healthCheckId = this.replicaHealthCheck(`${name}-replica-${i + 1}`, cfg, replica, region, i + 1);
                return new aws.route53.Record(
                    `${name}-replica-${i + 1}-dns`,
                    {
                        zoneId: zone.zoneId,
                        name: hostName,
                        type: "CNAME",
                        ttl: REPLICA_RECORD_TTL,
                        records: [replica.address],
                        setIdentifier: replicaSetIdentifier(i + 1),
                        weightedRoutingPolicies: [{ weight: REPLICA_RECORD_WEIGHT }],
                        healthCheckId,
                    },
                    { parent: this },
                );
            });
            // Read from the records so a consumer waits until every replica is behind the name.
            replicaHost = pulumi.all(records.map((r) => r.name)).apply((names) => names[0]);
        }

        return {
            endpoint: primary.address,
            port: primary.port,
            replicaEndpoints: pulumi.all(replicas.map((r) => r.address)),
            replicaHost,
            primaryIdentifier: primary.identifier,
            primaryInstanceIdentifier: primary.identifier,
            replicaIdentifiers: pulumi.all(replicas.map((r) => r.identifier)),
            backupArn: primary.arn,
        };
    }

    /**
     * A replica's health for its weighted record. Route 53's health checkers sit outside the VPC and
     * cannot reach a private replica, so the check follows a CloudWatch alarm instead
     * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-private-hosted-zones.html):
     * ReplicaLag above the routing limit, or no data at all (a replica rebooting, being replaced or
     * stopped reports none), takes the replica out of the name until it recovers. When every
     * replica is out, Route 53 answers with all of them, and Odoo falls back to the primary on a
     * failed replica connection.
     */
    private replicaHealthCheck(
        resourceName: string,
        cfg: ResolvedDatabaseArgs,
        replica: aws.rds.Instance,
        region: pulumi.Output<string>,
        index: number,
    ): pulumi.Output<string> {
        const alarm = new aws.cloudwatch.MetricAlarm(
            `${resourceName}-routing`,
            {
                alarmDescription: `Read replica ${index} of ${cfg.cluster.name} (${cfg.cluster.environment}) is unreachable or more than ${REPLICA_ROUTING_MAX_LAG_SECONDS} s behind: it is out of ${replicaHostName(cfg.cluster.name, cfg.cluster.environment)} until it recovers.`,
                namespace: "AWS/RDS",
                metricName: "ReplicaLag",
                dimensions: { DBInstanceIdentifier: replica.identifier },
                statistic: "Maximum",
                period: REPLICA_ROUTING_PERIOD_SECONDS,
                evaluationPeriods: REPLICA_ROUTING_EVALUATION_PERIODS,
                threshold: REPLICA_ROUTING_MAX_LAG_SECONDS,
                comparisonOperator: "GreaterThanThreshold",
                treatMissingData: "breaching",
                alarmActions: cfg.alarmActions,
                okActions: cfg.alarmActions,
                tags: tagsFor(cfg.cluster, OdooRole.DbReplica),
            },
            { parent: this },
        );
        const check = new aws.route53.HealthCheck(
            `${resourceName}-health`,
            {
                type: "CLOUDWATCH_METRIC",
                cloudwatchAlarmName: alarm.name,
                cloudwatchAlarmRegion: region,
                insufficientDataHealthStatus: "Unhealthy",
                tags: { ...tagsFor(cfg.cluster, OdooRole.DbReplica), Name: `${resourceName}-health` },
            },
            { parent: this },
        );
        return check.id;
    }

    private createAurora(
        name: string,
        cfg: ResolvedDatabaseArgs,
        subnetGroup: aws.rds.SubnetGroup,
        finalSnapshotIdentifier: pulumi.Output<string> | undefined,
        password: pulumi.Output<string>,
    ): BuiltDatabase {
        const clusterParams = new aws.rds.ClusterParameterGroup(
            `${name}-cluster-params`,
            {
                family: cfg.version.family,
                description: `Odoo Aurora cluster parameters of ${cfg.cluster.name} (${cfg.cluster.environment})`,
                parameters: cfg.primaryParameters.cluster,
                tags: tagsFor(cfg.cluster, OdooRole.DbPrimary),
            },
            { parent: this },
        );
        const writerParams = this.parameterGroup(
            `${name}-params`,
            cfg,
            cfg.primaryParameters.instance,
            OdooRole.DbPrimary,
            "Aurora instance parameters",
        );
        const readerParams =
            cfg.readers > 0 && cfg.replicaInstanceClass.name !== cfg.instanceClass.name
                ? this.parameterGroup(
                      `${name}-reader-params`,
                      cfg,
                      cfg.replicaParameters.instance,
                      OdooRole.DbReplica,
                      "Aurora reader parameters",
                  )
                : writerParams;

        const cluster = new aws.rds.Cluster(
            `${name}-cluster`,
            {
                engine: cfg.engine,
                engineVersion: cfg.version.engineVersion,
                allowMajorVersionUpgrade: true,
                ...(cfg.restore ? auroraClusterRestoreArgs(cfg.restore) : { databaseName: cfg.databaseName, masterUsername: cfg.username }),
                masterPassword: password,
                port: POSTGRES_PORT,
                dbSubnetGroupName: subnetGroup.name,
                vpcSecurityGroupIds: cfg.securityGroupIds,
                dbClusterParameterGroupName: clusterParams.name,
                storageEncrypted: true,
                kmsKeyId: cfg.kmsKeyId,
                backupRetentionPeriod: cfg.backupRetentionDays,
                copyTagsToSnapshot: true,
                deletionProtection: cfg.deletionProtection,
                skipFinalSnapshot: cfg.skipFinalSnapshot,
                finalSnapshotIdentifier,
                deleteAutomatedBackups: !cfg.cluster.production,
                enabledCloudwatchLogsExports: ["postgresql"],
                applyImmediately: cfg.applyImmediately,
                tags: primaryTags(cfg),
            },
            { parent: this },
        );

        const instance = (
            resourceName: string,
            instanceClass: string,
            params: aws.rds.ParameterGroup,
            promotionTier: number,
            role: OdooRole,
            dependsOn: pulumi.Resource[],
        ) =>
            new aws.rds.ClusterInstance(
                resourceName,
                {
                    clusterIdentifier: cluster.id,
                    engine: cfg.engine,
                    instanceClass,
                    dbParameterGroupName: params.name,
                    dbSubnetGroupName: subnetGroup.name,
                    publiclyAccessible: false,
                    autoMinorVersionUpgrade: true,
                    copyTagsToSnapshot: true,
                    promotionTier,
                    applyImmediately: cfg.applyImmediately,
                    ...this.performanceInsightsArgs(cfg),
                    tags: tagsFor(cfg.cluster, role),
                },
                { parent: this, dependsOn },
            );

        const writer = instance(`${name}-writer`, cfg.instanceClass.name, writerParams, 0, OdooRole.DbPrimary, []);
        // The first instance of an Aurora cluster becomes its writer: readers wait for it.
        const readers = Array.from({ length: cfg.readers }, (_, i) =>
            instance(`${name}-reader-${i + 1}`, cfg.replicaInstanceClass.name, readerParams, Math.min(i + 1, 15), OdooRole.DbReplica, [
                writer,
            ]),
        );

        return {
            endpoint: cluster.endpoint,
            port: cluster.port,
            replicaEndpoints: pulumi.all(readers.map((r) => r.endpoint)),
            replicaHost:
                readers.length > 0
                    ? pulumi.all([cluster.readerEndpoint, ...readers.map((r) => r.id)]).apply(([reader]) => reader)
                    : undefined,
            primaryIdentifier: cluster.clusterIdentifier,
            primaryInstanceIdentifier: writer.identifier,
            replicaIdentifiers: pulumi.all(readers.map((r) => r.identifier)),
            // AWS Backup protects an Aurora cluster as a whole.
            backupArn: cluster.arn,
        };
    }
}
