/**
 * The capacity model: declared concurrent users → HTTP nodes, workers, the cron node, the database
 * and its replicas, the session cache and a monthly cost estimate.
 *
 * One table ({@link GUIDE_CAPACITY_TABLE}) drives it. The components take their defaults from
 * {@link planCapacity}; the policy pack imports {@link minimumDatabaseVcpu},
 * {@link minimumReplicas} and {@link minimumHttpWorkers} from here, so a threshold exists once.
 *
 * Pure: no Pulumi resources, no I/O.
 */
import {
    CacheNodeType,
    CpuArchitecture,
    DATABASE_INSTANCE_CLASSES,
    DatabaseInstanceClass,
    NodeInstanceType,
    cacheNodeType,
    databaseInstanceClass,
    nodeInstanceType,
} from "./catalog";
import { OdooArgumentError, optionalBoolean, requireNumberInRange, requireOneOf, requireWholeNumber } from "./errors";
import { ModelAssessment, PlanRaise, assessPlan, nextRaise } from "./planModel";
import { CapacityTargetSettings, WorkloadSettings, formatWorkloadTag, resolveCapacityTargets, resolveWorkload } from "./workload";
import { DEFAULT_ODOO_VERSION, OdooVersion, odooMajor, requireOdooVersion, s3AttachmentModules } from "./odooVersion";
import { MonthlyCost, estimateMonthlyCost } from "./costEstimate";
import { OfficeHoursOptions, OfficeHoursPlan, planOfficeHours } from "./officeHours";
import { CONNECTION_BUDGET_SHARE, cheapestReplicaClass, replicaHoldsConnections, replicaMemoryNeededGiB } from "./replicaSizing";
import { HttpSpotOptions, SpotPlan, planSpot } from "./spotCapacity";

/** The most concurrent users the model is calibrated for (the extrapolation stops here). */
export const MAX_CONCURRENT_USERS = 5000;

/** RDS allows at most 15 read replicas per source instance. */
export const MAX_READ_REPLICAS = 15;

/** A range of whole numbers; `max` undefined means open-ended ("5+"). */
export interface CountRange {
    min: number;
    max?: number;
}

/** One row of the capacity table. */
export interface CapacityTier {
    /** Highest concurrent-user count of the row (inclusive); the row starts after the previous row's. */
    maxUsers: number;
    /** Odoo servers serving HTTP (the guide's "Odoo servers"; a dedicated cron node comes on top). */
    httpNodes: CountRange;
    /** HTTP workers across the fleet (the guide's "workers total"). */
    workers: CountRange;
    /** Minimum vCPU of the PostgreSQL primary. */
    databaseVcpu: number;
    /** Minimum number of PostgreSQL read replicas. */
    replicas: number;
    /** `guide` for the guide's own rows, `extrapolation` for the documented rows beyond them. */
    source: TierSource;
}

/** Accepted range of a table's users-per-worker ratio. */
export const USERS_PER_WORKER_RANGE = { min: 1, max: 100 } as const;
/** Accepted range of a table row's database vCPU. */
export const DATABASE_VCPU_RANGE = { min: 1, max: 128 } as const;

/** The capacity table plus the one ratio that interpolates within a row. */
export interface CapacityTable {
    /** Rows in ascending `maxUsers`; the first row starts at 1 user. */
    tiers: CapacityTier[];
    /**
     * Concurrent users one HTTP worker serves. The guide's table implies 16–17 at the top of its
     * rows (300 users / 18 workers, 500 / 30); Odoo's documentation counts 6 for heavy use.
     */
    usersPerWorker: number;
}

/**
 * The guide's capacity table ("Odoo Horizontal Scaling: Multi-Server Architecture Guide (2026)"),
 * then a documented extrapolation to {@link MAX_CONCURRENT_USERS} users:
 *
 * | users     | HTTP nodes | workers | DB vCPU | replicas | |
 * |-----------|-----------:|--------:|--------:|---------:|-|
 * | 1–50      | 1          | 4–6     | 2       | 0        | guide (DB "same server": on AWS the smallest dedicated) |
 * | 51–150    | 2          | 8–12    | 4       | 0        | guide |
 * | 151–300   | 3          | 12–18   | 8       | 0        | guide |
 * | 301–500   | 4–5        | 18–30   | 16      | 1        | guide |
 * | 501–1000  | 5+         | 30+     | 32      | 2        | guide ("32 vCPU + replicas") |
 * | 1001–2000 | 5+         | 30+     | 32      | 2        | extrapolation: the primary stays at 32 vCPU, reads spread |
 * | 2001–3000 | 5+         | 30+     | 64      | 3        | extrapolation: the largest class of the catalog, +1 replica per 1,000 users |
 * | 3001–4000 | 5+         | 30+     | 64      | 4        | extrapolation |
 * | 4001–5000 | 5+         | 30+     | 64      | 5        | extrapolation |
 *
 * Beyond 500 users the worker count grows with `usersPerWorker`; no extrapolated row drops below
 * the guide's last row (32 vCPU, 2 replicas, 5 nodes, 30 workers).
 */
export const GUIDE_CAPACITY_TABLE: CapacityTable = {
    usersPerWorker: 16,
    tiers: [
        { maxUsers: 50, httpNodes: { min: 1, max: 1 }, workers: { min: 4, max: 6 }, databaseVcpu: 2, replicas: 0, source: "guide" },
        { maxUsers: 150, httpNodes: { min: 2, max: 2 }, workers: { min: 8, max: 12 }, databaseVcpu: 4, replicas: 0, source: "guide" },
        { maxUsers: 300, httpNodes: { min: 3, max: 3 }, workers: { min: 12, max: 18 }, databaseVcpu: 8, replicas: 0, source: "guide" },
        { maxUsers: 500, httpNodes: { min: 4, max: 5 }, workers: { min: 18, max: 30 }, databaseVcpu: 16, replicas: 1, source: "guide" },
        { maxUsers: 1000, httpNodes: { min: 5 }, workers: { min: 30 }, databaseVcpu: 32, replicas: 2, source: "guide" },
        { maxUsers: 2000, httpNodes: { min: 5 }, workers: { min: 30 }, databaseVcpu: 32, replicas: 2, source: "extrapolation" },
        { maxUsers: 3000, httpNodes: { min: 5 }, workers: { min: 30 }, databaseVcpu: 64, replicas: 3, source: "extrapolation" },
        { maxUsers: 4000, httpNodes: { min: 5 }, workers: { min: 30 }, databaseVcpu: 64, replicas: 4, source: "extrapolation" },
        {
            maxUsers: MAX_CONCURRENT_USERS,
            httpNodes: { min: 5 },
            workers: { min: 30 },
            databaseVcpu: 64,
            replicas: 5,
            source: "extrapolation",
        },
    ],
};

/**
 * Odoo worker limits the guide gives for a 4 vCPU / 8 GB node (they are per worker process, so
 * they hold for every node size): recycle a worker above 2 GiB after its request, kill it at
 * 2.5 GiB, 600 s of CPU or 1,200 s of wall time.
 */
export const GUIDE_WORKER_LIMITS: OdooWorkerLimits = {
    memorySoft: 2147483648,
    memoryHard: 2684354560,
    timeCpu: 600,
    timeReal: 1200,
};

/** Default `limit_time_real_cron` of the cron node, seconds. Odoo's -1 would inherit 120 s and kill long jobs. */
export const DEFAULT_CRON_TIME_LIMIT = 3600;

/** Odoo's own default `db_maxconn`: the ceiling of a process's connection pool. */
export const ODOO_DEFAULT_DB_MAXCONN = 64;
/** Below this many pooled connections per process Odoo starts to fail requests ("connection pool is full"). */
export const MIN_DB_MAXCONN = 4;
/** The largest `db_maxconn` accepted as an explicit choice. */
export const MAX_DB_MAXCONN = 1024;
/** Share of `max_connections` the plan lets Odoo use (defined with the replica rule that shares it). */
export { CONNECTION_BUDGET_SHARE } from "./replicaSizing";

/** Default types: the guide's 4 vCPU / 8 GB HTTP node, a memory-comfortable cron node. */
export const DEFAULT_NODE_INSTANCE_TYPE = "c7g.xlarge";
export const DEFAULT_CRON_INSTANCE_TYPE = "m7g.large";
/** Cron threads of the node that runs cron (Odoo's default is 2). */
export const DEFAULT_MAX_CRON_THREADS = 2;
/** HTTP workers of a dedicated cron node: it serves no users, only the local health check. */
export const CRON_NODE_WORKERS = 1;
/** Root volume of every node, GB (the Docker image and logs; data lives on the shared filestore). */
export const NODE_ROOT_VOLUME_GB = 30;

/** Memory each worker needs on average by Odoo's rule: 0.8 × 150 MB + 0.2 × 1 GB ≈ 320 MiB. */
const MIB_PER_WORKER = 320;
/** Memory kept for the OS, Docker, nginx and the gevent process. */
const NODE_RESERVED_MIB = 1024;

// Enumerations are `as const` objects: the form Pulumi's component analyzer turns into schema
// enums, so every language sees them.

/** Where attachments (and, with `filestore` sessions, sessions) live. */
export const FilestoreKind = {
    /** Amazon EFS mounted at Odoo's data dir on every node. */
    Efs: "efs",
    /** An S3 bucket through OCA's fs_storage / fs_attachment addons. */
    S3: "s3",
    /** The node's own disk: a single node only. */
    Local: "local",
} as const;
export type FilestoreKind = (typeof FilestoreKind)[keyof typeof FilestoreKind];
export const FILESTORE_KINDS: readonly FilestoreKind[] = Object.values(FilestoreKind);

/** Where HTTP sessions live. */
export const SessionKind = {
    /** ElastiCache (Valkey or Redis) through the session_redis addon. */
    Redis: "redis",
    /** Odoo's default, in the data dir: shared when the data dir is on EFS. */
    Filestore: "filestore",
    /** The node's own disk: lost when the node goes, and not shared. */
    Local: "local",
} as const;
export type SessionKind = (typeof SessionKind)[keyof typeof SessionKind];
export const SESSION_KINDS: readonly SessionKind[] = Object.values(SessionKind);

/** Whether a row of the capacity table is the guide's or extrapolated beyond it. */
export const TierSource = { Guide: "guide", Extrapolation: "extrapolation" } as const;
export type TierSource = (typeof TierSource)[keyof typeof TierSource];

/** Filestore size the cost estimate assumes when none is declared, GB. */
export const DEFAULT_FILESTORE_GB = 100;

/** NAT gateways: one per availability zone, or one shared by all (cheaper, one AZ's outage cuts egress). */
export const NatGatewayMode = { PerAz: "per-az", Single: "single" } as const;
export type NatGatewayMode = (typeof NatGatewayMode)[keyof typeof NatGatewayMode];

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

/** Most cache nodes (a primary and up to five replicas) a session replication group may have. */
export const MAX_CACHE_NODES = 6;

/** What the operator declares; everything but `concurrentUsers` has a default from the table. */
export interface CapacityRequest {
    /** Declared concurrent users, 1 to {@link MAX_CONCURRENT_USERS}. */
    concurrentUsers: number;
    /** Production: Multi-AZ database and cache, three AZs, a NAT gateway per AZ. Default false. */
    production?: boolean;
    /** One `http+cron` node instead of a fleet plus a cron node. Default: true up to 50 users. */
    singleNode?: boolean;
    /** EC2 type of the HTTP nodes. Default {@link DEFAULT_NODE_INSTANCE_TYPE}. */
    nodeInstanceType?: string;
    /** EC2 type of the dedicated cron node. Default {@link DEFAULT_CRON_INSTANCE_TYPE}. */
    cronInstanceType?: string;
    /** Workers per HTTP node. Default: 1.5 per vCPU (the guide's 6 on 4 vCPU), capped by memory. */
    workersPerNode?: number;
    /** HTTP nodes the fleet runs normally (its minimum). Default from the table. */
    httpNodes?: number;
    /** Upper bound for autoscaling the fleet. Default: the minimum plus half of it (at least +1). */
    httpNodesMax?: number;
    /** Cron threads on the node that runs cron. Default 2. */
    maxCronThreads?: number;
    /**
     * `db_maxconn` of every Odoo process, 4–1024, instead of the largest value the connection
     * budget allows. A value over the budget is planned and listed in `warnings`.
     */
    dbMaxconn?: number;
    /** RDS class of the primary (and of the replicas). Default: the smallest db.m7g (db.t4g up to 50 users) with the table's vCPU. */
    databaseInstanceClass?: string;
    /** Read replicas. Default from the table, 0 to 15. */
    databaseReplicas?: number;
    /** A standby of the primary in a second zone. Default: in production. */
    databaseMultiAz?: boolean;
    /** Allocated database storage, GB (gp3, 20–65536). Default 100, 200 above 150 users, 500 above 500. */
    databaseStorageGb?: number;
    /** Odoo version: decides whether Redis sessions exist (17.0 and 18.0 only). Default 18.0. */
    odooVersion?: OdooVersion;
    /** What the image carries: an `s3` filestore needs `s3Attachments`, Redis sessions `sessionRedis`. Default: the official image, nothing. */
    imageAddons?: OdooImageAddons;
    /** The database is an Aurora PostgreSQL cluster: the default class is one Aurora offers. Default false. */
    aurora?: boolean;
    /**
     * Where sessions live. Default: `filestore` for a single node; for a fleet `redis` when the image
     * carries session_redis (17.0/18.0), otherwise `filestore` (the data dir, shared on EFS).
     */
    sessions?: SessionKind;
    /** Cache nodes of Redis sessions, 1–6. Default: 2 (primary and replica) in production, otherwise 1. */
    cacheNodes?: number;
    /** Where attachments live. Default `efs`. */
    filestore?: FilestoreKind;
    /** Expected filestore size for the cost estimate, GB. Default 100. */
    filestoreGb?: number;
    /** ElastiCache node type for Redis sessions. Default from the user count. */
    cacheNodeType?: string;
    /** Availability zones. Default 3 in production, 2 otherwise (2–6). */
    availabilityZones?: number;
    /** NAT gateways: one per AZ (`per-az`) or one shared (`single`). Default `per-az` in production. */
    natGateways?: NatGatewayMode;
    /** A Spot share for the HTTP fleet (never the cron node). Default: none, all on-demand. */
    spot?: HttpSpotOptions;
    /** Office hours: outside them the HTTP fleet's minimum drops to a floor. Default: none, the same minimum around the clock. */
    officeHours?: OfficeHoursOptions;
    /**
     * RDS class of the read replicas. Default: the cheapest class whose memory holds the connections
     * Odoo can open (see replicaSizing.ts); its `max_connections` is set to the primary's.
     */
    replicaInstanceClass?: string;
    /** Retention of the nodes' logs, days (for the estimate). Default: 365 in production, 30 otherwise. */
    logRetentionDays?: number;
    /** VPC flow logs (for the estimate). Default: on in production. */
    flowLogs?: boolean;
    /** AWS Backup plans for the database and filestore (for the estimate). Default: on in production. */
    awsBackup?: boolean;
    /** Users per worker for interpolation. Default from the table. */
    usersPerWorker?: number;
    /** Capacity table to plan with. Default {@link GUIDE_CAPACITY_TABLE}. */
    table?: CapacityTable;
    /**
     * What a concurrent user asks of the cluster, for the capacity model (components/contract/
     * workload.ts). Default: 12 requests per user per minute, 80 % light at 0.1 s, 20 % heavy at 0.6 s.
     */
    workload?: WorkloadSettings;
    /** The model's targets. Default: light p95 ≤ 1 s, heavy p95 ≤ 5 s, cores and database ≤ 70 % busy. */
    targets?: CapacityTargetSettings;
}

/** Odoo's per-worker limits (`limit_memory_soft`, `limit_memory_hard`, `limit_time_cpu`, `limit_time_real`). */
export interface OdooWorkerLimits {
    /** `limit_memory_soft`, bytes: a worker above it is recycled after its current request. */
    memorySoft: number;
    /** `limit_memory_hard`, bytes: a worker above it is killed at once. */
    memoryHard: number;
    /** `limit_time_cpu`, seconds of CPU one request may use. */
    timeCpu: number;
    /** `limit_time_real`, seconds one request may take. */
    timeReal: number;
}

export { MonthlyCost } from "./costEstimate";

/** The capacity plan. */
export interface CapacityPlan {
    /** The declared concurrent users the plan is for. */
    concurrentUsers: number;
    /** 1-based row of the table the users fall in. */
    tier: number;
    /** Whether that row is the guide's or extrapolated beyond it. */
    tierSource: TierSource;
    /** Production: Multi-AZ database and cache, more zones, a NAT gateway per zone. */
    production: boolean;
    /** One node serves HTTP and runs cron (role `http+cron`). */
    singleNode: boolean;
    /** HTTP nodes in normal operation (the fleet's minimum and desired size). */
    httpNodes: number;
    /** Upper bound of the HTTP fleet (its Auto Scaling maximum). */
    httpNodesMax: number;
    /** Odoo `workers` on each HTTP node. */
    workersPerNode: number;
    /** HTTP workers across the fleet at `httpNodes`. */
    totalWorkers: number;
    /** Nodes that run cron: always exactly one. */
    cronNodes: number;
    /** EC2 instance type of the HTTP nodes. */
    nodeInstanceType: string;
    /** CPU architecture of every node (it picks the machine image). */
    architecture: CpuArchitecture;
    /** The node that runs cron; in single-node mode it is the HTTP node itself. */
    cron: CronNodePlan;
    /** The PostgreSQL primary and its read replicas. */
    database: DatabasePlan;
    /** `db_maxconn` of every Odoo process, chosen so the worst case fits the connection budget. */
    dbMaxconn: number;
    /** Worst-case PostgreSQL connections against what the primary accepts. */
    connectionBudget: ConnectionBudget;
    /** Odoo's per-worker memory and time limits (the guide's). */
    limits: OdooWorkerLimits;
    /** Where HTTP sessions live. */
    sessions: SessionKind;
    /** Where attachments live. */
    filestore: FilestoreKind;
    /** Session cache; `nodes` is 0 when sessions do not use Redis. */
    cache: CachePlan;
    /** Availability zones and NAT gateways. */
    network: NetworkPlan;
    /** The HTTP fleet's Spot share (disabled: every node on-demand). The cron node is always on-demand. */
    spot: SpotPlan;
    /** Office hours of the HTTP fleet, when set: its minimum outside them. */
    officeHours?: OfficeHoursPlan;
    /** Monthly cost estimate, USD: as configured and always-on on-demand, every part, assumptions and exclusions. */
    monthlyCost: MonthlyCost;
    /** Choices that depart from the table (an undersized database, say); the policies judge them. */
    warnings: string[];
    /** What the capacity model predicts for the planned cluster at the declared users, and what it raised. */
    model: PlanModel;
}

/** The capacity model's view of a plan (see {@link planCapacity}). */
export interface PlanModel extends ModelAssessment {
    /** The workload the model ran on, as the `odoo:workload` tag writes it; undefined when the request declared none (the default). */
    workloadTag?: string;
    /** Steps the plan took above the table because the model's targets asked for them, with the reason. */
    raisedAboveTable: string[];
}

/** The node that runs cron. */
export interface CronNodePlan {
    /** A node of its own (true) or the single HTTP node (false). */
    dedicated: boolean;
    /** EC2 instance type of the node that runs cron. */
    instanceType: string;
    /** Odoo `workers` on that node. */
    workers: number;
    /** Odoo `max_cron_threads` on that node. */
    maxCronThreads: number;
    /** `limit_time_real_cron`, seconds. */
    limitTimeRealCron: number;
}

/** The PostgreSQL part of the plan. */
export interface DatabasePlan {
    /** RDS instance class of the primary. */
    instanceClass: string;
    /** Instance family of that class (e.g. `db.m7g`). */
    family: string;
    /** vCPUs of the class. */
    vcpu: number;
    /** Memory of the class, GiB. */
    memoryGiB: number;
    /** Read replicas. */
    replicas: number;
    /** PostgreSQL `max_connections` of the class under RDS's default formula. */
    maxConnections: number;
    /** A standby in a second availability zone. */
    multiAz: boolean;
    /** Allocated storage, GB. */
    storageGb: number;
    /** The table's minimum for the declared users, for comparison. */
    minimumVcpu: number;
    /** The table's minimum read replicas for the declared users. */
    minimumReplicas: number;
    /** RDS instance class of the replicas: the cheapest that holds Odoo's connections, unless chosen. */
    replicaInstanceClass: string;
    /** `max_connections` set explicitly in the replicas' parameter group: the primary's (hot standby needs at least that). */
    replicaMaxConnections: number;
    /** Least memory a replica needs for Odoo's worst-case connections, GiB. */
    replicaMemoryNeededGiB: number;
}

/** Worst-case PostgreSQL connections of the cluster. */
export interface ConnectionBudget {
    /** Odoo processes at the fleet's maximum: workers + cron threads + 1 gevent per node. */
    processes: number;
    /** processes × dbMaxconn: what Odoo could open against the primary (and again per replica). */
    worstCase: number;
    /** The share of `max_connections` Odoo may use. */
    available: number;
}

/** The session cache. */
export interface CachePlan {
    /** ElastiCache node type. */
    nodeType: string;
    /** Cache nodes: 0 without Redis sessions, 2 (primary and replica) in production. */
    nodes: number;
    /** Cache engine. */
    engine: string;
}

/** Availability zones and NAT gateways. */
export interface NetworkPlan {
    /** Availability zones the cluster spans. */
    availabilityZones: number;
    /** NAT gateways: one per zone, or one shared. */
    natGateways: number;
}

/** Validates a capacity table (ascending rows reaching MAX_CONCURRENT_USERS), naming `property` in any error. */
export function validateTable(table: CapacityTable, property: string): CapacityTable {
    if (!table || !Array.isArray(table.tiers) || table.tiers.length === 0) {
        throw new OdooArgumentError(property, table, "a table with at least one tier");
    }
    requireNumberInRange(`${property}.usersPerWorker`, table.usersPerWorker, USERS_PER_WORKER_RANGE);
    let previous = 0;
    table.tiers.forEach((tier, i) => {
        const at = `${property}.tiers[${i}]`;
        requireWholeNumber(`${at}.maxUsers`, tier.maxUsers, { min: previous + 1, max: MAX_CONCURRENT_USERS });
        requireWholeNumber(`${at}.databaseVcpu`, tier.databaseVcpu, DATABASE_VCPU_RANGE);
        requireWholeNumber(`${at}.replicas`, tier.replicas, { min: 0, max: MAX_READ_REPLICAS });
        requireWholeNumber(`${at}.httpNodes.min`, tier.httpNodes?.min, { min: 1, max: 1000 });
        requireWholeNumber(`${at}.workers.min`, tier.workers?.min, { min: 1, max: 100000 });
        previous = tier.maxUsers;
    });
    if (previous !== MAX_CONCURRENT_USERS) {
        throw new OdooArgumentError(
            `${property}.tiers`,
            `last maxUsers ${previous}`,
            `a last tier that reaches ${MAX_CONCURRENT_USERS} users`,
        );
    }
    return table;
}

/** Validates the declared user count: a whole number from 1 to {@link MAX_CONCURRENT_USERS}. */
export function requireConcurrentUsers(value: unknown, property = "concurrentUsers"): number {
    return requireWholeNumber(property, value, { min: 1, max: MAX_CONCURRENT_USERS });
}

/** The table row the declared users fall in, with its 1-based number. */
export function capacityTierFor(
    concurrentUsers: number,
    table: CapacityTable = GUIDE_CAPACITY_TABLE,
): { tier: CapacityTier; number: number } {
    const users = requireConcurrentUsers(concurrentUsers);
    const index = table.tiers.findIndex((t) => users <= t.maxUsers);
    return { tier: table.tiers[index], number: index + 1 };
}

/** Minimum vCPU of the PostgreSQL primary for the declared users. The policies use this. */
export function minimumDatabaseVcpu(concurrentUsers: number, table: CapacityTable = GUIDE_CAPACITY_TABLE): number {
    return capacityTierFor(concurrentUsers, table).tier.databaseVcpu;
}

/** Minimum number of read replicas for the declared users. The policies use this. */
export function minimumReplicas(concurrentUsers: number, table: CapacityTable = GUIDE_CAPACITY_TABLE): number {
    return capacityTierFor(concurrentUsers, table).tier.replicas;
}

/**
 * HTTP workers the declared users need: users / usersPerWorker, held within the row's worker range.
 * The policies use this for the worker-capacity advisory.
 */
export function minimumHttpWorkers(concurrentUsers: number, table: CapacityTable = GUIDE_CAPACITY_TABLE): number {
    const { tier } = capacityTierFor(concurrentUsers, table);
    const needed = Math.ceil(concurrentUsers / table.usersPerWorker);
    return Math.min(Math.max(needed, tier.workers.min), tier.workers.max ?? Number.POSITIVE_INFINITY);
}

/**
 * Workers for one node of the given type: 1.5 per vCPU (the guide's 6 on a 4 vCPU / 8 GB node),
 * never more than its memory holds at Odoo's ≈ 320 MiB per worker, never fewer than 2.
 */
export function workersForInstanceType(type: NodeInstanceType): number {
    const byCpu = Math.round(type.vcpu * 1.5);
    const byMemory = Math.floor((type.memoryGiB * 1024 - NODE_RESERVED_MIB) / MIB_PER_WORKER);
    return Math.max(2, Math.min(byCpu, byMemory));
}

/** The family an Aurora primary falls back to when the planned class is not one Aurora offers (it has no m-classes). */
export const AURORA_FALLBACK_FAMILY = "db.r7g";

/** The smallest class of `family` with at least `vcpu` vCPU (the largest of the family if none). */
export function smallestDatabaseClass(family: string, vcpu: number): DatabaseInstanceClass {
    // db.t4g.micro and .small (1–2 GiB) are explicit choices for development, never a default.
    const classes = DATABASE_INSTANCE_CLASSES.filter((c) => c.family === family && c.memoryGiB >= 4).sort(
        (a, b) => a.vcpu - b.vcpu || a.memoryGiB - b.memoryGiB,
    );
    return classes.find((c) => c.vcpu >= vcpu) ?? classes[classes.length - 1];
}

/** Default ElastiCache node type for the session cache. */
function defaultCacheNodeType(users: number): CacheNodeType {
    return cacheNodeType(users <= 500 ? "cache.t4g.small" : users <= 2000 ? "cache.m7g.large" : "cache.m7g.xlarge");
}

function defaultDatabaseStorageGb(users: number): number {
    return users <= 150 ? 100 : users <= 500 ? 200 : 500;
}

/**
 * Where sessions live, and the rules that tie sessions and the filestore to the fleet, the version
 * and the image: checked here only, for OdooCluster, the nodes and `npm run plan` alike. Errors name
 * the request's fields (`sessions`, `filestore`, `imageAddons.*`).
 */
function planSharedState(
    request: CapacityRequest,
    fleet: { singleNode: boolean; httpNodesMax: number; filestore: FilestoreKind },
): SessionKind {
    const version = request.odooVersion === undefined ? DEFAULT_ODOO_VERSION : requireOdooVersion(request.odooVersion);
    const addons = request.imageAddons ?? {};
    if (typeof addons !== "object" || addons === null || Array.isArray(addons)) {
        throw new OdooArgumentError("imageAddons", addons, "an object of settings");
    }
    const redisAddon = optionalBoolean("imageAddons.sessionRedis", addons.sessionRedis) ?? false;
    const s3Addons = optionalBoolean("imageAddons.s3Attachments", addons.s3Attachments) ?? false;
    if (fleet.filestore === "s3" && !s3Addons) {
        throw new OdooArgumentError(
            "imageAddons.s3Attachments",
            addons.s3Attachments,
            `true, confirming the image carries ${s3AttachmentModules(version).join(", ")} and s3fs`,
            "an s3 filestore is served by those addons",
        );
    }
    const redisExists = odooMajor(version) < 19;
    if (fleet.filestore === "local" && !fleet.singleNode) {
        throw new OdooArgumentError(
            "filestore",
            fleet.filestore,
            "efs or s3 for a fleet (local works for a single node only)",
            "the HTTP nodes and the cron node are several machines, and each would see only its own attachments",
        );
    }
    if (request.sessions === undefined) {
        if (fleet.singleNode) {
            return "filestore";
        }
        if (redisAddon && redisExists) {
            return "redis";
        }
        if (fleet.filestore !== "efs") {
            throw new OdooArgumentError(
                "sessions",
                undefined,
                "redis (with imageAddons.sessionRedis, Odoo 17.0/18.0), or an efs filestore for shared filestore sessions",
                `a fleet needs shared sessions and a ${fleet.filestore} filestore shares no data dir`,
            );
        }
        return "filestore";
    }
    const sessions = requireOneOf("sessions", request.sessions, SESSION_KINDS);
    if (sessions === "redis") {
        if (!redisExists) {
            throw new OdooArgumentError(
                "sessions",
                sessions,
                `filestore (shared on an efs filestore) or local (one HTTP node) on Odoo ${version}, or odooVersion 17.0/18.0`,
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
    if (sessions === "local" && fleet.httpNodesMax > 1) {
        throw new OdooArgumentError(
            "sessions",
            sessions,
            `redis or filestore (on efs) for up to ${fleet.httpNodesMax} HTTP nodes (local works for one HTTP node only)`,
            "a user would be logged out whenever the load balancer sends them to another node",
        );
    }
    if (sessions === "filestore" && fleet.filestore !== "efs" && fleet.httpNodesMax > 1) {
        throw new OdooArgumentError(
            "sessions",
            sessions,
            "redis, or filestore with an efs filestore, for more than one HTTP node",
            `sessions live in the data dir, which only EFS shares; the filestore is ${fleet.filestore}`,
        );
    }
    return sessions;
}

/**
 * Plans an Odoo cluster for the declared concurrent users. Defaults reproduce the guide's table;
 * every override is validated and a bad one throws an {@link OdooArgumentError} naming it.
 * An override that departs from the table (a smaller database, fewer replicas) is allowed and
 * listed in `warnings`: the policy pack is where such a stack is judged.
 */
/** The plan from the table alone, before the capacity model looks at it. */
type TablePlan = Omit<CapacityPlan, "model">;

function planFromTable(request: CapacityRequest): TablePlan {
    if (request === null || typeof request !== "object") {
        throw new OdooArgumentError("capacity request", request, "an object with at least concurrentUsers");
    }
    const users = requireConcurrentUsers(request.concurrentUsers);
    const table = request.table === undefined ? GUIDE_CAPACITY_TABLE : validateTable(request.table, "table");
    const usersPerWorker =
        request.usersPerWorker === undefined
            ? table.usersPerWorker
            : requireNumberInRange("usersPerWorker", request.usersPerWorker, USERS_PER_WORKER_RANGE);
    const effectiveTable: CapacityTable = { ...table, usersPerWorker };
    const { tier, number } = capacityTierFor(users, effectiveTable);
    const production = optionalBoolean("production", request.production) ?? false;
    const warnings: string[] = [];

    const singleNode = optionalBoolean("singleNode", request.singleNode) ?? tier.httpNodes.max === 1;
    const nodeType = nodeInstanceType(request.nodeInstanceType ?? DEFAULT_NODE_INSTANCE_TYPE, "nodeInstanceType");
    const workersPerNode =
        request.workersPerNode === undefined
            ? workersForInstanceType(nodeType)
            : requireWholeNumber("workersPerNode", request.workersPerNode, { min: 1, max: 64 });

    const neededWorkers = minimumHttpWorkers(users, effectiveTable);
    const tableNodes = Math.max(tier.httpNodes.min, Math.ceil(neededWorkers / workersPerNode));
    let httpNodes: number;
    let httpNodesMax: number;
    if (singleNode) {
        if (request.httpNodes !== undefined && request.httpNodes !== 1) {
            throw new OdooArgumentError("httpNodes", request.httpNodes, "1 in single-node mode (or set singleNode: false)");
        }
        if (request.httpNodesMax !== undefined && request.httpNodesMax !== 1) {
            throw new OdooArgumentError(
                "httpNodesMax",
                request.httpNodesMax,
                "1 in single-node mode: the one node also runs cron and cannot be duplicated",
            );
        }
        httpNodes = 1;
        httpNodesMax = 1;
        if (tableNodes > 1) {
            warnings.push(`singleNode: ${users} users call for ${tableNodes} HTTP nodes; one node serves them all`);
        }
    } else {
        httpNodes = request.httpNodes === undefined ? tableNodes : requireWholeNumber("httpNodes", request.httpNodes, { min: 1, max: 500 });
        httpNodesMax =
            request.httpNodesMax === undefined
                ? httpNodes + Math.max(1, Math.ceil(httpNodes / 2))
                : requireWholeNumber("httpNodesMax", request.httpNodesMax, { min: httpNodes, max: 1000 });
        if (httpNodes < tableNodes) {
            warnings.push(`httpNodes: ${httpNodes} is below the ${tableNodes} the table gives for ${users} users`);
        }
    }

    const maxCronThreads =
        request.maxCronThreads === undefined
            ? DEFAULT_MAX_CRON_THREADS
            : requireWholeNumber("maxCronThreads", request.maxCronThreads, { min: 1, max: 16 });
    const cronType = singleNode ? nodeType : nodeInstanceType(request.cronInstanceType ?? DEFAULT_CRON_INSTANCE_TYPE, "cronInstanceType");
    if (cronType.architecture !== nodeType.architecture) {
        throw new OdooArgumentError(
            "cronInstanceType",
            cronType.name,
            `a ${nodeType.architecture} type like nodeInstanceType ${nodeType.name}`,
            "all nodes run the same image",
        );
    }
    const cron = {
        dedicated: !singleNode,
        instanceType: cronType.name,
        workers: singleNode ? workersPerNode : CRON_NODE_WORKERS,
        maxCronThreads,
        limitTimeRealCron: DEFAULT_CRON_TIME_LIMIT,
    };

    // Database.
    const minimumVcpu = tier.databaseVcpu;
    const minReplicas = tier.replicas;
    const defaultFamily = number === 1 ? "db.t4g" : "db.m7g";
    const aurora = optionalBoolean("aurora", request.aurora) ?? false;
    const tableClass = smallestDatabaseClass(defaultFamily, minimumVcpu);
    const dbClass =
        request.databaseInstanceClass === undefined
            ? aurora && !tableClass.aurora
                ? smallestDatabaseClass(AURORA_FALLBACK_FAMILY, tableClass.vcpu)
                : tableClass
            : databaseInstanceClass(request.databaseInstanceClass, "databaseInstanceClass");
    if (dbClass.vcpu < minimumVcpu) {
        warnings.push(`databaseInstanceClass: ${dbClass.name} has ${dbClass.vcpu} vCPU; the table asks ${minimumVcpu} for ${users} users`);
    }
    const replicas =
        request.databaseReplicas === undefined
            ? minReplicas
            : requireWholeNumber("databaseReplicas", request.databaseReplicas, { min: 0, max: MAX_READ_REPLICAS });
    if (replicas < minReplicas) {
        warnings.push(`databaseReplicas: ${replicas} is below the ${minReplicas} the table asks for ${users} users`);
    }
    const storageGb =
        request.databaseStorageGb === undefined
            ? defaultDatabaseStorageGb(users)
            : requireWholeNumber("databaseStorageGb", request.databaseStorageGb, { min: 20, max: 65536 });

    // Connection budget: every process may fill its pool, on the primary and again on a replica.
    const processes =
        httpNodesMax * (workersPerNode + (singleNode ? maxCronThreads : 0) + 1) + (singleNode ? 0 : cron.workers + maxCronThreads + 1);
    const available = Math.floor(dbClass.maxConnections * CONNECTION_BUDGET_SHARE);
    const fitting = Math.min(ODOO_DEFAULT_DB_MAXCONN, Math.floor(available / processes));
    const dbMaxconn =
        request.dbMaxconn === undefined
            ? fitting
            : requireWholeNumber("dbMaxconn", request.dbMaxconn, { min: MIN_DB_MAXCONN, max: MAX_DB_MAXCONN });
    if (request.dbMaxconn !== undefined && processes * dbMaxconn > available) {
        warnings.push(
            `dbMaxconn: ${processes} processes × ${dbMaxconn} = ${processes * dbMaxconn} exceeds the ${available} connections ${dbClass.name} leaves Odoo`,
        );
    }
    if (request.dbMaxconn === undefined && dbMaxconn < MIN_DB_MAXCONN) {
        throw new OdooArgumentError(
            "databaseInstanceClass",
            dbClass.name,
            `a class whose max_connections (${dbClass.maxConnections}) leaves at least ${MIN_DB_MAXCONN} connections to each of the ${processes} Odoo processes (≥ ${Math.ceil((processes * MIN_DB_MAXCONN) / CONNECTION_BUDGET_SHARE)}), or fewer nodes`,
        );
    }

    const filestore = request.filestore === undefined ? "efs" : requireOneOf("filestore", request.filestore, FILESTORE_KINDS);
    const sessions = planSharedState(request, { singleNode, httpNodesMax, filestore });
    const cacheType =
        request.cacheNodeType === undefined ? defaultCacheNodeType(users) : cacheNodeType(request.cacheNodeType, "cacheNodeType");
    const requestedCacheNodes =
        request.cacheNodes === undefined
            ? undefined
            : requireWholeNumber("cacheNodes", request.cacheNodes, { min: 1, max: MAX_CACHE_NODES });
    const cacheNodes = sessions === "redis" ? (requestedCacheNodes ?? (production ? 2 : 1)) : 0;
    const filestoreGb =
        request.filestoreGb === undefined
            ? DEFAULT_FILESTORE_GB
            : requireWholeNumber("filestoreGb", request.filestoreGb, { min: 1, max: 1_000_000 });
    const availabilityZones =
        request.availabilityZones === undefined
            ? production
                ? 3
                : 2
            : requireWholeNumber("availabilityZones", request.availabilityZones, { min: 2, max: 6 });
    const natMode =
        request.natGateways === undefined
            ? production
                ? "per-az"
                : "single"
            : requireOneOf("natGateways", request.natGateways, Object.values(NatGatewayMode));
    const natGateways = natMode === "per-az" ? availabilityZones : 1;

    const multiAz = optionalBoolean("databaseMultiAz", request.databaseMultiAz) ?? production;

    // Replicas: the cheapest class whose memory holds what Odoo can open, max_connections = the primary's.
    const worstCase = processes * dbMaxconn;
    const replicaClass =
        request.replicaInstanceClass === undefined
            ? cheapestReplicaClass(dbClass, worstCase)
            : databaseInstanceClass(request.replicaInstanceClass, "replicaInstanceClass");
    // A chosen class must hold; the default falls back to the primary's class when none does (an
    // explicit db_maxconn over the budget, already listed in warnings).
    if (replicas > 0 && request.replicaInstanceClass !== undefined && !replicaHoldsConnections(replicaClass, worstCase)) {
        throw new OdooArgumentError(
            "replicaInstanceClass",
            replicaClass.name,
            `a class with at least ${replicaMemoryNeededGiB(worstCase).toFixed(1)} GiB, the memory for the ${worstCase} connections Odoo can open on a replica`,
        );
    }

    // The HTTP fleet's Spot share and office hours.
    const spot = planSpot(request.spot, {
        type: nodeType,
        minNodes: httpNodes,
        maxNodes: httpNodesMax,
        tableMinimumNodes: tier.httpNodes.min,
        singleNode,
    });
    let officeHours: OfficeHoursPlan | undefined;
    if (request.officeHours !== undefined) {
        if (singleNode) {
            throw new OdooArgumentError(
                "officeHours",
                request.officeHours,
                "no office hours in single-node mode",
                "the one node cannot drop below one",
            );
        }
        officeHours = planOfficeHours(request.officeHours, httpNodes);
    }

    const monthlyCost = estimateMonthlyCost({
        concurrentUsers: users,
        production,
        http: { instanceType: nodeType.name, nodes: httpNodes, spot, officeHours },
        cron: singleNode ? undefined : { instanceType: cronType.name },
        rootVolumeGb: NODE_ROOT_VOLUME_GB,
        database: { instanceClass: dbClass.name, multiAz, storageGb, replicas, replicaInstanceClass: replicaClass.name },
        cache: { nodeType: cacheType.name, nodes: cacheNodes },
        filestore: { kind: filestore, gb: filestoreGb },
        network: { natGateways, flowLogs: optionalBoolean("flowLogs", request.flowLogs) ?? production },
        logRetentionDays:
            request.logRetentionDays === undefined
                ? production
                    ? 365
                    : 30
                : requireWholeNumber("logRetentionDays", request.logRetentionDays, { min: 1, max: 3653 }),
        awsBackup: optionalBoolean("awsBackup", request.awsBackup) ?? production,
        // The database's master secret, Odoo's master password, the cache's AUTH token.
        secrets: 2 + (sessions === "redis" ? 1 : 0),
        // The alarm topic's key (monitoring with an alarm e-mail).
        kmsKeys: 1,
        // The monitoring component's defaults: fleet, load balancer and cron alarms; per database
        // server CPU, memory, connections, storage (+ lag on replicas); per cache node memory, evictions.
        alarms: 8 + 4 * (1 + replicas) + replicas + 2 * cacheNodes,
        dashboards: 1,
        hostedZones: replicas > 0 ? 1 : 0,
    });

    return {
        concurrentUsers: users,
        tier: number,
        tierSource: tier.source,
        production,
        singleNode,
        httpNodes,
        httpNodesMax,
        workersPerNode,
        totalWorkers: httpNodes * workersPerNode,
        cronNodes: 1,
        nodeInstanceType: nodeType.name,
        architecture: nodeType.architecture,
        cron,
        database: {
            instanceClass: dbClass.name,
            family: dbClass.family,
            vcpu: dbClass.vcpu,
            memoryGiB: dbClass.memoryGiB,
            replicas,
            maxConnections: dbClass.maxConnections,
            replicaInstanceClass: replicaClass.name,
            replicaMaxConnections: dbClass.maxConnections,
            replicaMemoryNeededGiB: Math.round(replicaMemoryNeededGiB(worstCase) * 10) / 10,
            multiAz,
            storageGb,
            minimumVcpu,
            minimumReplicas: minReplicas,
        },
        dbMaxconn,
        connectionBudget: { processes, worstCase: processes * dbMaxconn, available },
        limits: { ...GUIDE_WORKER_LIMITS },
        sessions,
        filestore,
        cache: { nodeType: cacheType.name, nodes: cacheNodes, engine: "valkey" },
        network: { availabilityZones, natGateways },
        spot,
        ...(officeHours ? { officeHours } : {}),
        monthlyCost,
        warnings,
    };
}

/** How many raises the model may ask for before the plan stops and says so. */
const MAX_MODEL_RAISES = 64;

/** The request field a raise changes, when the operator fixed it (then the plan warns instead of raising). */
function pinnedBy(raise: PlanRaise, request: CapacityRequest, plan: TablePlan): string | undefined {
    if (raise.httpNodes !== undefined) {
        if (plan.singleNode) {
            return "singleNode";
        }
        if (request.httpNodes !== undefined) {
            return "httpNodes";
        }
        if (request.httpNodesMax !== undefined && raise.httpNodes > request.httpNodesMax) {
            return "httpNodesMax";
        }
    }
    if (raise.databaseInstanceClass !== undefined && request.databaseInstanceClass !== undefined) {
        return "databaseInstanceClass";
    }
    if (raise.databaseReplicas !== undefined && request.databaseReplicas !== undefined) {
        return "databaseReplicas";
    }
    return undefined;
}

/**
 * Declared users (and what the operator fixed) → the capacity plan.
 *
 * The guide's table gives the plan (never less: the table is the floor the policy pack enforces);
 * then the capacity model (components/contract/capacityModel.ts) runs on it under the request's
 * workload. Where the model's targets are missed, the plan is raised one step at a time at the
 * bottleneck — one more HTTP node, the next database class, one more replica — and each step is
 * listed in `model.raisedAboveTable`. A value the operator fixed is never raised: the plan keeps it
 * and says in `warnings` what the model asks for.
 */
export function planCapacity(request: CapacityRequest): CapacityPlan {
    let plan = planFromTable(request);
    const workload = resolveWorkload(request.workload, "workload");
    const targets = resolveCapacityTargets(request.targets, "targets");
    const replicaRouting = odooMajor(request.odooVersion === undefined ? DEFAULT_ODOO_VERSION : request.odooVersion) >= 18;
    let assessment = assessPlan(plan, workload, replicaRouting, targets);
    const raised: string[] = [];
    const extraWarnings: string[] = [];
    let current: CapacityRequest = request;
    while (assessment.missedTargets.length > 0) {
        const raise = nextRaise(plan, assessment);
        const pinned = raise && pinnedBy(raise, request, plan);
        if (!raise || pinned || raised.length >= MAX_MODEL_RAISES) {
            extraWarnings.push(
                `the capacity model misses its targets at ${plan.concurrentUsers} users (${assessment.missedTargets.join(", ")}; ` +
                    `bottleneck: ${assessment.bottleneck}; it takes ${assessment.maxUsers})` +
                    (pinned ? `; ${pinned} is fixed, so the plan keeps it` : ""),
            );
            break;
        }
        current = {
            ...current,
            ...(raise.httpNodes !== undefined ? { httpNodes: raise.httpNodes } : {}),
            ...(raise.databaseInstanceClass !== undefined ? { databaseInstanceClass: raise.databaseInstanceClass } : {}),
            ...(raise.databaseReplicas !== undefined ? { databaseReplicas: raise.databaseReplicas } : {}),
        };
        plan = planFromTable(current);
        raised.push(raise.reason);
        assessment = assessPlan(plan, workload, replicaRouting, targets);
    }
    return {
        ...plan,
        warnings: [...plan.warnings, ...extraWarnings],
        model: {
            ...assessment,
            ...(request.workload !== undefined ? { workloadTag: formatWorkloadTag(workload) } : {}),
            raisedAboveTable: raised,
        },
    };
}
