/**
 * The instance catalog: the EC2 node types, RDS classes and ElastiCache node types the package
 * knows, with their size, an approximate on-demand price and, for RDS, the default connection limit.
 *
 * Prices are on-demand USD per hour in us-east-1 (Linux for EC2, single-AZ PostgreSQL for RDS,
 * Redis OSS for ElastiCache), as listed on the AWS pricing pages named in {@link PRICE_SOURCE}.
 * They are estimates for planning, not a quote: other regions, Aurora, Reserved Instances and
 * Savings Plans all differ. Within a family AWS prices linearly in size, which the catalog follows.
 */
import { OdooArgumentError } from "./errors";

/**
 * Where and when the prices of this catalog come from: AWS's published on-demand list prices for
 * us-east-1 as of mid-2025 (AWS rarely changes a family's list price after launch). Spot checks
 * against 2026 sources agree (db.t4g.medium $0.065/h, RDS gp3 $0.115/GB-month); verify with the AWS
 * Pricing Calculator before budgeting.
 */
export const PRICE_SOURCE = {
    region: "us-east-1",
    asOf: "2025-06",
    currency: "USD",
    pages: [
        "https://aws.amazon.com/ec2/pricing/on-demand/",
        "https://aws.amazon.com/rds/postgresql/pricing/",
        "https://aws.amazon.com/elasticache/pricing/",
        "https://aws.amazon.com/elasticloadbalancing/pricing/",
        "https://aws.amazon.com/vpc/pricing/",
        "https://aws.amazon.com/efs/pricing/",
        "https://aws.amazon.com/ebs/pricing/",
        "https://aws.amazon.com/s3/pricing/",
        "https://aws.amazon.com/cloudwatch/pricing/",
        "https://aws.amazon.com/secrets-manager/pricing/",
        "https://aws.amazon.com/kms/pricing/",
        "https://aws.amazon.com/route53/pricing/",
        "https://aws.amazon.com/backup/pricing/",
        "https://aws.amazon.com/ec2/spot/instance-advisor/",
    ],
} as const;

/** Hours in an average month, the multiplier AWS's own calculator uses. */
export const HOURS_PER_MONTH = 730;

/** CPU architecture of an EC2 instance type; it picks the Amazon Linux 2023 AMI. */
export const CpuArchitecture = { Arm64: "arm64", X86_64: "x86_64" } as const;
export type CpuArchitecture = (typeof CpuArchitecture)[keyof typeof CpuArchitecture];

/** An EC2 instance type an Odoo node can run on. */
export interface NodeInstanceType {
    readonly name: string;
    readonly family: string;
    readonly architecture: CpuArchitecture;
    readonly vcpu: number;
    readonly memoryGiB: number;
    readonly usdPerHour: number;
    /** Burstable (t-family): CPU credits run out under sustained load. */
    readonly burstable: boolean;
}

/** An RDS instance class for PostgreSQL. */
export interface DatabaseInstanceClass {
    readonly name: string;
    readonly family: string;
    readonly vcpu: number;
    readonly memoryGiB: number;
    /** Single-AZ on-demand price; Multi-AZ doubles it. */
    readonly usdPerHour: number;
    readonly burstable: boolean;
    /** Whether Aurora PostgreSQL offers the class (Aurora has t- and r-classes, no m-classes). */
    readonly aurora: boolean;
    /** PostgreSQL `max_connections` under RDS's default parameter group, see {@link maxConnectionsFor}. */
    readonly maxConnections: number;
}

/** An ElastiCache node type for the session store. */
export interface CacheNodeType {
    readonly name: string;
    readonly vcpu: number;
    readonly memoryGiB: number;
    /** Redis OSS on-demand price; Valkey is {@link VALKEY_PRICE_FACTOR} of it. */
    readonly usdPerHour: number;
}

/** ElastiCache prices Valkey nodes 20 % below Redis OSS nodes. */
export const VALKEY_PRICE_FACTOR = 0.8;

/** Bytes per connection in RDS's default `max_connections` formula for PostgreSQL. */
export const RDS_BYTES_PER_CONNECTION = 9531392;
/** RDS caps the default `max_connections` at this value. */
export const RDS_MAX_CONNECTIONS_CAP = 5000;

/**
 * RDS PostgreSQL's default `max_connections`: LEAST(DBInstanceClassMemory / 9531392, 5000).
 * DBInstanceClassMemory is the class memory less what RDS reserves for the OS, so the live value is
 * a few percent lower than this; the capacity plan keeps a reserve for that (see sizing.ts).
 */
export function maxConnectionsForMemory(memoryGiB: number): number {
    return Math.min(Math.floor((memoryGiB * 1024 ** 3) / RDS_BYTES_PER_CONNECTION), RDS_MAX_CONNECTIONS_CAP);
}

function ec2(
    name: string,
    architecture: CpuArchitecture,
    vcpu: number,
    memoryGiB: number,
    usdPerHour: number,
    burstable = false,
): NodeInstanceType {
    return { name, family: name.split(".")[0], architecture, vcpu, memoryGiB, usdPerHour, burstable };
}

function rds(name: string, vcpu: number, memoryGiB: number, usdPerHour: number): DatabaseInstanceClass {
    const family = name.split(".").slice(0, 2).join(".");
    return {
        name,
        family,
        vcpu,
        memoryGiB,
        usdPerHour,
        burstable: family.startsWith("db.t"),
        aurora: family.startsWith("db.r") || name === "db.t4g.medium" || name === "db.t4g.large",
        maxConnections: maxConnectionsForMemory(memoryGiB),
    };
}

/** EC2 types for Odoo nodes: Graviton (arm64) and Intel (x86_64), large to 4xlarge (t4g from medium to 2xlarge, for development), with same-shape siblings for Spot. */
export const NODE_INSTANCE_TYPES: readonly NodeInstanceType[] = [
    ec2("t4g.medium", "arm64", 2, 4, 0.0336, true),
    ec2("t4g.large", "arm64", 2, 8, 0.0672, true),
    ec2("t4g.xlarge", "arm64", 4, 16, 0.1344, true),
    ec2("t4g.2xlarge", "arm64", 8, 32, 0.2688, true),
    ec2("c7g.large", "arm64", 2, 4, 0.0725),
    ec2("c7g.xlarge", "arm64", 4, 8, 0.145),
    ec2("c7g.2xlarge", "arm64", 8, 16, 0.29),
    ec2("c7g.4xlarge", "arm64", 16, 32, 0.58),
    // Same-shape siblings of the defaults (vCPU and memory equal), so a Spot share can draw on
    // several pools without changing workers or memory limits.
    ec2("c6g.large", "arm64", 2, 4, 0.068),
    ec2("c6g.xlarge", "arm64", 4, 8, 0.136),
    ec2("c6g.2xlarge", "arm64", 8, 16, 0.272),
    ec2("c6g.4xlarge", "arm64", 16, 32, 0.544),
    ec2("c8g.large", "arm64", 2, 4, 0.07976),
    ec2("c8g.xlarge", "arm64", 4, 8, 0.15952),
    ec2("c8g.2xlarge", "arm64", 8, 16, 0.31904),
    ec2("c8g.4xlarge", "arm64", 16, 32, 0.63808),
    ec2("c6i.large", "x86_64", 2, 4, 0.085),
    ec2("c6i.xlarge", "x86_64", 4, 8, 0.17),
    ec2("c6i.2xlarge", "x86_64", 8, 16, 0.34),
    ec2("c6i.4xlarge", "x86_64", 16, 32, 0.68),
    ec2("c7i.large", "x86_64", 2, 4, 0.0893),
    ec2("c7i.xlarge", "x86_64", 4, 8, 0.1786),
    ec2("c7i.2xlarge", "x86_64", 8, 16, 0.3572),
    ec2("c7i.4xlarge", "x86_64", 16, 32, 0.7144),
    ec2("m7g.large", "arm64", 2, 8, 0.0816),
    ec2("m7g.xlarge", "arm64", 4, 16, 0.1632),
    ec2("m7g.2xlarge", "arm64", 8, 32, 0.3264),
    ec2("m7g.4xlarge", "arm64", 16, 64, 0.6528),
    ec2("m6g.large", "arm64", 2, 8, 0.077),
    ec2("m6g.xlarge", "arm64", 4, 16, 0.154),
    ec2("m6g.2xlarge", "arm64", 8, 32, 0.308),
    ec2("m6g.4xlarge", "arm64", 16, 64, 0.616),
    ec2("m8g.large", "arm64", 2, 8, 0.08976),
    ec2("m8g.xlarge", "arm64", 4, 16, 0.17952),
    ec2("m8g.2xlarge", "arm64", 8, 32, 0.35904),
    ec2("m8g.4xlarge", "arm64", 16, 64, 0.71808),
    ec2("m6i.large", "x86_64", 2, 8, 0.096),
    ec2("m6i.xlarge", "x86_64", 4, 16, 0.192),
    ec2("m6i.2xlarge", "x86_64", 8, 32, 0.384),
    ec2("m6i.4xlarge", "x86_64", 16, 64, 0.768),
    ec2("m7i.large", "x86_64", 2, 8, 0.1008),
    ec2("m7i.xlarge", "x86_64", 4, 16, 0.2016),
    ec2("m7i.2xlarge", "x86_64", 8, 32, 0.4032),
    ec2("m7i.4xlarge", "x86_64", 16, 64, 0.8064),
    ec2("r6g.large", "arm64", 2, 16, 0.1008),
    ec2("r6g.xlarge", "arm64", 4, 32, 0.2016),
    ec2("r6g.2xlarge", "arm64", 8, 64, 0.4032),
    ec2("r6g.4xlarge", "arm64", 16, 128, 0.8064),
    ec2("r7g.large", "arm64", 2, 16, 0.1071),
    ec2("r7g.xlarge", "arm64", 4, 32, 0.2142),
    ec2("r7g.2xlarge", "arm64", 8, 64, 0.4284),
    ec2("r7g.4xlarge", "arm64", 16, 128, 0.8568),
];

/** RDS classes for PostgreSQL: burstable t4g, general purpose m6g/m7g/m8g/m6i, memory optimised r6g/r7g/r8g/r6i. */
export const DATABASE_INSTANCE_CLASSES: readonly DatabaseInstanceClass[] = [
    rds("db.t4g.micro", 2, 1, 0.016),
    rds("db.t4g.small", 2, 2, 0.032),
    rds("db.t4g.medium", 2, 4, 0.065),
    rds("db.t4g.large", 2, 8, 0.129),
    rds("db.t4g.xlarge", 4, 16, 0.258),
    rds("db.t4g.2xlarge", 8, 32, 0.517),
    rds("db.m6g.large", 2, 8, 0.152),
    rds("db.m6g.xlarge", 4, 16, 0.304),
    rds("db.m6g.2xlarge", 8, 32, 0.608),
    rds("db.m6g.4xlarge", 16, 64, 1.216),
    rds("db.m6g.8xlarge", 32, 128, 2.432),
    rds("db.m6g.16xlarge", 64, 256, 4.864),
    rds("db.m7g.large", 2, 8, 0.168),
    rds("db.m7g.xlarge", 4, 16, 0.336),
    rds("db.m7g.2xlarge", 8, 32, 0.672),
    rds("db.m7g.4xlarge", 16, 64, 1.344),
    rds("db.m7g.8xlarge", 32, 128, 2.688),
    rds("db.m7g.16xlarge", 64, 256, 5.376),
    rds("db.m8g.large", 2, 8, 0.176),
    rds("db.m8g.xlarge", 4, 16, 0.352),
    rds("db.m8g.2xlarge", 8, 32, 0.704),
    rds("db.m8g.4xlarge", 16, 64, 1.408),
    rds("db.m8g.8xlarge", 32, 128, 2.816),
    rds("db.m8g.16xlarge", 64, 256, 5.632),
    rds("db.m6i.large", 2, 8, 0.178),
    rds("db.m6i.xlarge", 4, 16, 0.356),
    rds("db.m6i.2xlarge", 8, 32, 0.712),
    rds("db.m6i.4xlarge", 16, 64, 1.424),
    rds("db.m6i.8xlarge", 32, 128, 2.848),
    rds("db.m6i.16xlarge", 64, 256, 5.696),
    rds("db.r6g.large", 2, 16, 0.225),
    rds("db.r6g.xlarge", 4, 32, 0.45),
    rds("db.r6g.2xlarge", 8, 64, 0.9),
    rds("db.r6g.4xlarge", 16, 128, 1.8),
    rds("db.r6g.8xlarge", 32, 256, 3.6),
    rds("db.r6g.16xlarge", 64, 512, 7.2),
    rds("db.r7g.large", 2, 16, 0.239),
    rds("db.r7g.xlarge", 4, 32, 0.478),
    rds("db.r7g.2xlarge", 8, 64, 0.956),
    rds("db.r7g.4xlarge", 16, 128, 1.912),
    rds("db.r7g.8xlarge", 32, 256, 3.824),
    rds("db.r7g.16xlarge", 64, 512, 7.648),
    rds("db.r8g.large", 2, 16, 0.25),
    rds("db.r8g.xlarge", 4, 32, 0.5),
    rds("db.r8g.2xlarge", 8, 64, 1.0),
    rds("db.r8g.4xlarge", 16, 128, 2.0),
    rds("db.r8g.8xlarge", 32, 256, 4.0),
    rds("db.r8g.16xlarge", 64, 512, 8.0),
    rds("db.r6i.large", 2, 16, 0.25),
    rds("db.r6i.xlarge", 4, 32, 0.5),
    rds("db.r6i.2xlarge", 8, 64, 1.0),
    rds("db.r6i.4xlarge", 16, 128, 2.0),
    rds("db.r6i.8xlarge", 32, 256, 4.0),
    rds("db.r6i.16xlarge", 64, 512, 8.0),
];

/** ElastiCache node types for sessions (Odoo sessions are a few KiB each: small nodes go far). */
export const CACHE_NODE_TYPES: readonly CacheNodeType[] = [
    { name: "cache.t4g.micro", vcpu: 2, memoryGiB: 0.5, usdPerHour: 0.016 },
    { name: "cache.t4g.small", vcpu: 2, memoryGiB: 1.37, usdPerHour: 0.032 },
    { name: "cache.t4g.medium", vcpu: 2, memoryGiB: 3.09, usdPerHour: 0.065 },
    { name: "cache.m7g.large", vcpu: 2, memoryGiB: 6.38, usdPerHour: 0.158 },
    { name: "cache.m7g.xlarge", vcpu: 4, memoryGiB: 12.93, usdPerHour: 0.315 },
    { name: "cache.r7g.large", vcpu: 2, memoryGiB: 13.07, usdPerHour: 0.219 },
    { name: "cache.r7g.xlarge", vcpu: 4, memoryGiB: 26.32, usdPerHour: 0.437 },
];

/** Other unit prices the cost estimate uses (same region and date as the catalog). */
export const UNIT_PRICES = {
    /** NAT gateway data processing, per GB (on top of the hour). */
    natGatewayUsdPerGb: 0.045,
    /** Data transfer out to the internet, per GB, after the first 100 GB a month (free per account). */
    internetEgressUsdPerGb: 0.09,
    /** The internet egress AWS gives free each month, GB (per account, not per stack). */
    internetEgressFreeGbPerMonth: 100,
    /** Data transfer between availability zones, per GB in each direction. */
    crossAzUsdPerGb: 0.01,
    /** A standard-resolution CloudWatch alarm, per month. */
    cloudwatchAlarmUsdPerMonth: 0.1,
    /** A CloudWatch dashboard, per month (the account's first three are free; the estimate ignores that). */
    cloudwatchDashboardUsdPerMonth: 3,
    /** EC2 detailed monitoring (1-minute metrics), per instance-month: 7 metrics at $0.30. */
    ec2DetailedMonitoringUsdPerInstanceMonth: 2.1,
    /** CloudWatch Logs ingestion, per GB. */
    cloudwatchLogsIngestUsdPerGb: 0.5,
    /** CloudWatch Logs storage, per GB-month (compressed size; the estimate counts raw size, erring high). */
    cloudwatchLogsStorageUsdPerGbMonth: 0.03,
    /** A Secrets Manager secret, per month (API calls are $0.05 per 10,000; nodes read at boot and every ~10 min). */
    secretsManagerUsdPerSecretMonth: 0.4,
    /** Secrets Manager API calls, per 10,000. */
    secretsManagerUsdPer10kCalls: 0.05,
    /** A customer-managed KMS key, per month. */
    kmsKeyUsdPerMonth: 1,
    /** A Route 53 hosted zone, per month (the first 25 zones of an account). */
    route53HostedZoneUsdPerMonth: 0.5,
    /** EFS Infrequent Access storage, per GB-month (reads from IA are $0.01/GB extra). */
    efsInfrequentAccessUsdPerGbMonth: 0.016,
    /** AWS Backup warm storage of RDS snapshots, per GB-month. */
    backupRdsUsdPerGbMonth: 0.095,
    /** AWS Backup warm storage of EFS backups, per GB-month. */
    backupEfsUsdPerGbMonth: 0.05,
    /** RDS automated backup storage beyond the free allowance (100 % of provisioned storage), per GB-month. */
    rdsBackupUsdPerGbMonth: 0.095,
    /** Application Load Balancer hour. */
    albUsdPerHour: 0.0225,
    /** One Load Balancer Capacity Unit hour; the estimate assumes an average of 2 LCU. */
    albUsdPerLcuHour: 0.008,
    /** NAT gateway hour (data processing is extra and traffic-dependent). */
    natGatewayUsdPerHour: 0.045,
    /** RDS gp3 storage, per GB-month (Multi-AZ doubles it). */
    rdsGp3UsdPerGbMonth: 0.115,
    /** EBS gp3 volume, per GB-month. */
    ebsGp3UsdPerGbMonth: 0.08,
    /** EFS Standard storage, per GB-month. */
    efsStandardUsdPerGbMonth: 0.3,
    /** S3 Standard storage, per GB-month. */
    s3StandardUsdPerGbMonth: 0.023,
    /** Data transfer from us-east-1 to another AWS region (replication, backup copies), per GB. */
    interRegionUsdPerGb: 0.02,
} as const;

/**
 * The Spot discount the estimate assumes against on-demand: 60 % (Spot pays 40 %). The EC2 Spot
 * Instance Advisor lists 50–70 % savings for current c/m-family Graviton types in us-east-1 over
 * recent months; Spot prices move, so this is an assumption stated next to every Spot figure.
 * Source: https://aws.amazon.com/ec2/spot/instance-advisor/
 */
export const ASSUMED_SPOT_DISCOUNT = 0.6;

/**
 * Catalog types with exactly the shape of `type` — same architecture, vCPU and memory, not
 * burstable — cheapest first, `type` itself first of all. Workers and memory limits are computed
 * from the shape, so every one of them runs the same odoo.conf.
 */
export function sameShapeInstanceTypes(type: NodeInstanceType): NodeInstanceType[] {
    const siblings = NODE_INSTANCE_TYPES.filter(
        (t) =>
            t.name !== type.name &&
            !t.burstable &&
            t.architecture === type.architecture &&
            t.vcpu === type.vcpu &&
            t.memoryGiB === type.memoryGiB,
    ).sort((a, b) => a.usdPerHour - b.usdPerHour || a.name.localeCompare(b.name));
    return [type, ...siblings];
}

function lookup<T extends { name: string }>(property: string, name: unknown, table: readonly T[], what: string): T {
    const found = typeof name === "string" ? table.find((t) => t.name === name) : undefined;
    if (!found) {
        const families = [...new Set(table.map((t) => t.name.replace(/\.[^.]+$/, ".*")))];
        throw new OdooArgumentError(property, name, `${what} of the catalog: ${families.join(", ")}`);
    }
    return found;
}

/** The catalog entry of an EC2 node type, or an error naming `property` and the accepted families. */
export function nodeInstanceType(name: unknown, property = "nodeInstanceType"): NodeInstanceType {
    return lookup(property, name, NODE_INSTANCE_TYPES, "an EC2 instance type");
}

/** The catalog entry of an RDS class, or an error naming `property` and the accepted families. */
export function databaseInstanceClass(name: unknown, property = "database.instanceClass"): DatabaseInstanceClass {
    return lookup(property, name, DATABASE_INSTANCE_CLASSES, "an RDS instance class");
}

/** The catalog entry of an ElastiCache node type, or an error naming `property`. */
export function cacheNodeType(name: unknown, property = "sessions.nodeType"): CacheNodeType {
    return lookup(property, name, CACHE_NODE_TYPES, "an ElastiCache node type");
}

/** Catalog entry of an RDS class, or undefined when the class is not in the catalog (policies judge that). */
export function findDatabaseInstanceClass(name: string): DatabaseInstanceClass | undefined {
    return DATABASE_INSTANCE_CLASSES.find((c) => c.name === name);
}

/** `max_connections` of an RDS class under the default parameter group; throws for an unknown class. */
export function maxConnectionsFor(instanceClass: string): number {
    return databaseInstanceClass(instanceClass, "instanceClass").maxConnections;
}
