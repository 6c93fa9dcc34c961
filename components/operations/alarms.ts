/**
 * The alarms of an Odoo cluster, as data: which metric, which threshold, how long it must hold.
 *
 * The thresholds implement the guide's "signs you need to scale" (CPU > 80 % in business hours,
 * response time > 3–5 s, workers recycled at memory limits, timeouts at peak, large reports
 * blocking users) plus the failure signals of the managed services underneath. Each threshold is
 * defined once, here; `monitoring.ts` turns the specs into CloudWatch alarms and `fleetScaling.ts`
 * keeps its CPU target below the CPU alarm.
 *
 * Pure: no Pulumi resources. Dimension values may be `pulumi.Input`s (names and ids of resources
 * other components create), everything else is plain data known at preview.
 */
import type * as pulumi from "@pulumi/pulumi";
import { OdooArgumentError, requireNumberInRange, requireWholeNumber } from "../contract/errors";

/** Where the nodes' CloudWatch agent publishes `mem_used_percent` and `swap_used_percent`, per Auto Scaling group. */
export const NODE_METRICS_NAMESPACE = "OdooAws/Nodes";
/** Published (value 1, per Auto Scaling group) by a node whose boot failed for good: the image lacks an addon. */
export const NODE_BOOT_FAILURE_METRIC = "BootFailures";

/** Thresholds of the alarms; each comment names the sign of the guide (or the failure) it watches. */
export const ALARM_THRESHOLDS = {
    /** Guide: "CPU > 80 % in business hours" — average CPU of a node group, sustained. */
    nodeCpuPercent: 80,
    /**
     * Guide: "workers recycled at memory limits" — the fullest node of a group. The guide's 6
     * workers × 2 GiB soft limit share 8 GiB: past 90 % the kernel's OOM killer is next, and it
     * picks the largest process (a worker mid-request, or PostgreSQL's client, or dockerd).
     */
    nodeMemoryPercent: 90,
    /**
     * Guide: "response time > 3–5 s" — the 90th percentile of the time the nodes take to answer,
     * at the low end of the guide's range so the alarm comes before users complain.
     */
    responseTimeSeconds: 3,
    /**
     * Guide: "timeouts at peak" and "workers recycled at memory limits" — a worker killed at
     * `limit_time_real` or `limit_memory_hard` mid-request reaches the ALB as a 502/504 from the
     * node's nginx, i.e. a target 5XX. Percent of requests.
     */
    target5xxPercent: 2,
    /** Below this many requests in a period the 5XX rate is noise (one error in ten requests is 10 %). */
    target5xxMinimumRequests: 100,
    /** ALB-generated 5XX (no healthy target, target unreachable, 720 s idle timeout) per period. */
    elb5xxCount: 10,
    /** Guide: "timeouts at peak" — the ALB refused connections because it hit its connection limit. */
    rejectedConnections: 0,
    /** A node failed its health check (nginx or Odoo down, `/web/health` failing). */
    unhealthyHosts: 0,
    /** Guide: "CPU > 80 %", on the database: the table's next row (more vCPU or a replica) is due. */
    databaseCpuPercent: 80,
    /** RDS FreeableMemory (MemAvailable) below this share of the class memory: PostgreSQL is short of cache. */
    databaseFreeMemoryPercent: 10,
    /**
     * Guide: "timeouts at peak" — connections near `max_connections` mean the next node or worker
     * gets "too many connections" (Odoo: "connection pool is full"). Percent of max_connections.
     */
    databaseConnectionsPercent: 80,
    /** Free storage below this share of the allocation (RDS storage autoscaling acts at 10 % too). */
    databaseFreeStoragePercent: 10,
    /** Read-only routes served from a replica this far behind show stale data. Seconds. */
    replicaLagSeconds: 60,
    /** Session cache memory: at 100 % Valkey/Redis evicts keys, i.e. logs users out. Percent. */
    cacheMemoryPercent: 80,
    /** Any eviction from the session cache is a lost session, i.e. a user logged out. */
    cacheEvictions: 0,
} as const;

/**
 * Evaluation windows (period in seconds × periods). A metric alarm cannot follow a calendar, so
 * "in business hours" becomes "sustained": 15 minutes of high CPU is a working-day load, not a
 * single report or a login burst, and at night such load rarely lasts that long. The cron node
 * runs long jobs by design, so only 30 minutes of saturation counts there.
 */
export const ALARM_WINDOWS = {
    nodeCpu: { period: 300, evaluationPeriods: 3, datapointsToAlarm: 3 },
    cronCpu: { period: 300, evaluationPeriods: 6, datapointsToAlarm: 6 },
    nodeMemory: { period: 300, evaluationPeriods: 3, datapointsToAlarm: 3 },
    bootFailure: { period: 60, evaluationPeriods: 1, datapointsToAlarm: 1 },
    responseTime: { period: 300, evaluationPeriods: 3, datapointsToAlarm: 2 },
    target5xx: { period: 300, evaluationPeriods: 2, datapointsToAlarm: 2 },
    elb5xx: { period: 300, evaluationPeriods: 2, datapointsToAlarm: 2 },
    rejectedConnections: { period: 300, evaluationPeriods: 1, datapointsToAlarm: 1 },
    unhealthyHosts: { period: 60, evaluationPeriods: 5, datapointsToAlarm: 5 },
    noHealthyHosts: { period: 60, evaluationPeriods: 2, datapointsToAlarm: 2 },
    databaseCpu: { period: 300, evaluationPeriods: 3, datapointsToAlarm: 3 },
    databaseMemory: { period: 300, evaluationPeriods: 3, datapointsToAlarm: 3 },
    databaseConnections: { period: 300, evaluationPeriods: 2, datapointsToAlarm: 2 },
    // Three periods give RDS storage autoscaling (which waits 5 minutes below 10 %) time to act first.
    databaseStorage: { period: 300, evaluationPeriods: 3, datapointsToAlarm: 3 },
    replicaLag: { period: 300, evaluationPeriods: 3, datapointsToAlarm: 3 },
    cacheMemory: { period: 300, evaluationPeriods: 3, datapointsToAlarm: 3 },
    cacheEvictions: { period: 300, evaluationPeriods: 1, datapointsToAlarm: 1 },
} as const;

/** Overrides of {@link ALARM_THRESHOLDS} an operator may set. */
export interface OdooAlarmThresholds {
    /** Average CPU of the HTTP fleet and of the cron node that raises an alarm, percent. Default: 80; 50–95. */
    nodeCpuPercent?: number;
    /** 90th-percentile response time of the nodes that raises an alarm, seconds. Default: 3; 0.5–60. */
    responseTimeSeconds?: number;
    /** Share of requests answered with a 5XX by the nodes that raises an alarm, percent. Default: 2; 0.1–50. */
    target5xxPercent?: number;
    /** Average CPU of each database instance that raises an alarm, percent. Default: 80; 50–95. */
    databaseCpuPercent?: number;
    /** Database connections, as a share of `max_connections`, that raise an alarm, percent. Default: 80; 50–95. */
    databaseConnectionsPercent?: number;
    /** Replica lag that raises an alarm, seconds. Default: 60; 5–3600. */
    replicaLagSeconds?: number;
    /** Session cache memory use that raises an alarm, percent. Default: 80; 50–95. */
    cacheMemoryPercent?: number;
}

/** {@link OdooAlarmThresholds} with every default applied. */
export type ResolvedAlarmThresholds = Required<OdooAlarmThresholds>;

/** Validates overrides (naming `property.<field>`) and fills in the defaults. */
export function resolveAlarmThresholds(overrides: OdooAlarmThresholds | undefined, property = "thresholds"): ResolvedAlarmThresholds {
    if (overrides !== undefined && (overrides === null || typeof overrides !== "object" || Array.isArray(overrides))) {
        throw new OdooArgumentError(property, overrides, "an object of threshold overrides");
    }
    const o = overrides ?? {};
    const pick = (key: keyof OdooAlarmThresholds, min: number, max: number): number =>
        o[key] === undefined ? ALARM_THRESHOLDS[key] : requireNumberInRange(`${property}.${key}`, o[key], { min, max });
    return {
        nodeCpuPercent: pick("nodeCpuPercent", 50, 95),
        responseTimeSeconds: pick("responseTimeSeconds", 0.5, 60),
        target5xxPercent: pick("target5xxPercent", 0.1, 50),
        databaseCpuPercent: pick("databaseCpuPercent", 50, 95),
        databaseConnectionsPercent: pick("databaseConnectionsPercent", 50, 95),
        replicaLagSeconds: pick("replicaLagSeconds", 5, 3600),
        cacheMemoryPercent: pick("cacheMemoryPercent", 50, 95),
    };
}

/** How a datapoint is compared with the threshold. */
export type ComparisonOperator = "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold";
/** What a period without data counts as. */
export type MissingData = "missing" | "notBreaching" | "breaching";

/** One CloudWatch metric. */
export interface MetricSpec {
    namespace: string;
    metricName: string;
    dimensions: Record<string, pulumi.Input<string>>;
    /** `Average`, `Sum`, `Minimum`, `Maximum` or a percentile such as `p90`. */
    stat: string;
}

/** A metric-math alarm: `expression` over the named metrics (ids are lower-case). */
export interface ExpressionSpec {
    expression: string;
    label: string;
    metrics: Record<string, MetricSpec>;
}

/** One alarm, ready to become an `aws.cloudwatch.MetricAlarm`. */
export interface AlarmSpec {
    /** Unique within the cluster; the alarm resource is named `<component>-<key>`. */
    key: string;
    /** What the alarm means and what to do, for the notification e-mail. */
    description: string;
    /** Exactly one of `metric` and `expression` is set. */
    metric?: MetricSpec;
    expression?: ExpressionSpec;
    period: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    comparison: ComparisonOperator;
    threshold: number;
    treatMissingData: MissingData;
}

/** The HTTP fleet, its load balancer and the cron node. */
export interface FleetAlarmTargets {
    httpGroupName: pulumi.Input<string>;
    /** Absent in single-node mode, where the HTTP group is the cron node too. */
    cronGroupName?: pulumi.Input<string>;
    /** `app/<name>/<id>`: the ALB's ARN suffix, the `LoadBalancer` dimension. */
    loadBalancer: pulumi.Input<string>;
    /** `targetgroup/<name>/<id>`: the target group's ARN suffix, the `TargetGroup` dimension. */
    targetGroup: pulumi.Input<string>;
}

/** The PostgreSQL instances. */
export interface DatabaseAlarmTargets {
    primaryIdentifier: pulumi.Input<string>;
    replicaIdentifiers: pulumi.Input<string>[];
    /** Memory of the class, GiB (the FreeableMemory threshold is a share of it). */
    memoryGiB: number;
    /** `max_connections` of the class (the DatabaseConnections threshold is a share of it). */
    maxConnections: number;
    /** Allocated storage, GB; undefined for Aurora, whose cluster volume has no FreeStorageSpace. */
    allocatedStorageGb?: number;
    /** Aurora reports replica lag as AuroraReplicaLag, in milliseconds. */
    aurora: boolean;
}

const SECONDS = 1;
const GIB = 1024 ** 3;

/** How long a metric is watched before an alarm fires. */
type AlarmWindow = { period: number; evaluationPeriods: number; datapointsToAlarm: number };

function window(w: AlarmWindow) {
    return { period: w.period, evaluationPeriods: w.evaluationPeriods, datapointsToAlarm: w.datapointsToAlarm };
}

/** Average CPU of an Auto Scaling group above `threshold` for the whole window. */
function groupCpuAlarm(key: string, groupName: pulumi.Input<string>, w: AlarmWindow, threshold: number, description: string): AlarmSpec {
    return {
        key,
        description,
        metric: { namespace: "AWS/EC2", metricName: "CPUUtilization", dimensions: { AutoScalingGroupName: groupName }, stat: "Average" },
        ...window(w),
        comparison: "GreaterThanThreshold",
        threshold,
        treatMissingData: "missing",
    };
}

/** Alarms on the HTTP fleet, the load balancer and the cron node. */
export function fleetAlarms(targets: FleetAlarmTargets, thresholds: ResolvedAlarmThresholds): AlarmSpec[] {
    const lb = { LoadBalancer: targets.loadBalancer };
    const tg = { LoadBalancer: targets.loadBalancer, TargetGroup: targets.targetGroup };
    const alb = (metricName: string, stat: string, dimensions: Record<string, pulumi.Input<string>>): MetricSpec => ({
        namespace: "AWS/ApplicationELB",
        metricName,
        dimensions,
        stat,
    });
    const specs: AlarmSpec[] = [
        groupCpuAlarm(
            "http-cpu",
            targets.httpGroupName,
            ALARM_WINDOWS.nodeCpu,
            thresholds.nodeCpuPercent,
            `Guide sign "CPU > 80 % in business hours": the HTTP fleet averaged over ${thresholds.nodeCpuPercent} % CPU for 15 minutes. ` +
                "Autoscaling should have added nodes; if the fleet is at its maximum, raise httpNodesMax or move to the next row of the capacity table.",
        ),
        {
            key: "response-time",
            description:
                `Guide sign "response time > 3–5 s": one request in ten took longer than ${thresholds.responseTimeSeconds} s at the nodes (p90). ` +
                "Check the database alarms first, then worker saturation (CPU, request count per node).",
            metric: alb("TargetResponseTime", "p90", tg),
            ...window(ALARM_WINDOWS.responseTime),
            comparison: "GreaterThanThreshold",
            threshold: thresholds.responseTimeSeconds * SECONDS,
            treatMissingData: "notBreaching",
        },
        {
            key: "target-5xx",
            description:
                `Guide signs "timeouts at peak" and "workers recycled at memory limits": over ${thresholds.target5xxPercent} % of requests ` +
                "got a 5XX from the nodes (a worker killed at limit_time_real or limit_memory_hard answers 502/504). Read the node logs for the cause.",
            expression: {
                // FILL: the ALB publishes no 5XX datapoint in a period without errors.
                expression: `IF(requests >= ${ALARM_THRESHOLDS.target5xxMinimumRequests}, 100 * FILL(errors, 0) / requests, 0)`,
                label: "Target 5XX, % of requests",
                metrics: {
                    errors: alb("HTTPCode_Target_5XX_Count", "Sum", tg),
                    requests: alb("RequestCount", "Sum", tg),
                },
            },
            ...window(ALARM_WINDOWS.target5xx),
            comparison: "GreaterThanThreshold",
            threshold: thresholds.target5xxPercent,
            treatMissingData: "notBreaching",
        },
        {
            // A count, not a rate: requests the ALB turns away before choosing a target are not in RequestCount.
            key: "elb-5xx",
            description:
                `The load balancer itself answered more than ${ALARM_THRESHOLDS.elb5xxCount} requests with 5XX in each of two 5-minute periods: ` +
                "no healthy node (503), nodes unreachable (502) or requests beyond the 720 s idle timeout (504).",
            metric: alb("HTTPCode_ELB_5XX_Count", "Sum", lb),
            ...window(ALARM_WINDOWS.elb5xx),
            comparison: "GreaterThanThreshold",
            threshold: ALARM_THRESHOLDS.elb5xxCount,
            treatMissingData: "notBreaching",
        },
        {
            key: "rejected-connections",
            description: 'Guide sign "timeouts at peak": the load balancer rejected connections because it reached its connection limit.',
            metric: alb("RejectedConnectionCount", "Sum", lb),
            ...window(ALARM_WINDOWS.rejectedConnections),
            comparison: "GreaterThanThreshold",
            threshold: ALARM_THRESHOLDS.rejectedConnections,
            treatMissingData: "notBreaching",
        },
        {
            key: "unhealthy-hosts",
            description:
                "An Odoo node has failed its load balancer health check for 5 minutes; the Auto Scaling group replaces it, " +
                "but a node that keeps failing points at a bad image, configuration or database.",
            metric: alb("UnHealthyHostCount", "Maximum", tg),
            ...window(ALARM_WINDOWS.unhealthyHosts),
            comparison: "GreaterThanThreshold",
            threshold: ALARM_THRESHOLDS.unhealthyHosts,
            treatMissingData: "notBreaching",
        },
        {
            key: "no-healthy-hosts",
            description: "No Odoo node is healthy behind the load balancer: the site is down.",
            metric: alb("HealthyHostCount", "Minimum", tg),
            ...window(ALARM_WINDOWS.noHealthyHosts),
            comparison: "LessThanThreshold",
            threshold: 1,
            treatMissingData: "breaching",
        },
    ];
    const groups: [string, pulumi.Input<string>][] = [["http", targets.httpGroupName]];
    if (targets.cronGroupName !== undefined) {
        groups.push(["cron", targets.cronGroupName]);
    }
    for (const [key, groupName] of groups) {
        const nodeMetric = (metricName: string, stat: string): MetricSpec => ({
            namespace: NODE_METRICS_NAMESPACE,
            metricName,
            dimensions: { AutoScalingGroupName: groupName },
            stat,
        });
        specs.push(
            {
                key: `${key}-memory`,
                description:
                    `Guide sign "workers recycled at memory limits": a ${key} node used more than ${ALARM_THRESHOLDS.nodeMemoryPercent} % of its memory ` +
                    "for 15 minutes; the kernel's OOM killer is next. Lower workers or limit_memory_soft, or use an instance type with more memory.",
                metric: nodeMetric("mem_used_percent", "Maximum"),
                ...window(ALARM_WINDOWS.nodeMemory),
                comparison: "GreaterThanThreshold",
                threshold: ALARM_THRESHOLDS.nodeMemoryPercent,
                treatMissingData: "missing",
            },
            {
                key: `${key}-boot-failed`,
                description:
                    `A ${key} node stopped booting for good: its image lacks an addon it must install. The node's boot log ` +
                    "(stream <instance id>/boot) names them; rebuild the image with them and roll it out.",
                metric: nodeMetric(NODE_BOOT_FAILURE_METRIC, "Sum"),
                ...window(ALARM_WINDOWS.bootFailure),
                comparison: "GreaterThanThreshold",
                threshold: 0,
                treatMissingData: "notBreaching",
            },
        );
    }
    if (targets.cronGroupName !== undefined) {
        specs.splice(
            1,
            0,
            groupCpuAlarm(
                "cron-cpu",
                targets.cronGroupName,
                ALARM_WINDOWS.cronCpu,
                thresholds.nodeCpuPercent,
                `Guide sign "large reports blocking users", on the cron node: it averaged over ${thresholds.nodeCpuPercent} % CPU for 30 minutes, ` +
                    "so scheduled jobs queue up. Give it a larger cronInstanceType or more cron threads.",
            ),
        );
    }
    return specs;
}

/** Alarms on the PostgreSQL primary and every replica. */
export function databaseAlarms(targets: DatabaseAlarmTargets, thresholds: ResolvedAlarmThresholds): AlarmSpec[] {
    const instances: { key: string; label: string; id: pulumi.Input<string>; replica: boolean }[] = [
        { key: "db-primary", label: "The database primary", id: targets.primaryIdentifier, replica: false },
        ...targets.replicaIdentifiers.map((id, i) => ({ key: `db-replica-${i + 1}`, label: `Read replica ${i + 1}`, id, replica: true })),
    ];
    const rds = (metricName: string, stat: string, id: pulumi.Input<string>): MetricSpec => ({
        namespace: "AWS/RDS",
        metricName,
        dimensions: { DBInstanceIdentifier: id },
        stat,
    });
    const connectionLimit = Math.floor((targets.maxConnections * thresholds.databaseConnectionsPercent) / 100);
    const memoryFloor = Math.round((targets.memoryGiB * GIB * ALARM_THRESHOLDS.databaseFreeMemoryPercent) / 100);
    const specs: AlarmSpec[] = [];
    for (const db of instances) {
        specs.push(
            {
                key: `${db.key}-cpu`,
                description:
                    `Guide sign "CPU > 80 %", on the database: ${db.label.toLowerCase()} averaged over ${thresholds.databaseCpuPercent} % CPU for 15 minutes. ` +
                    (db.replica
                        ? "Add a replica or a larger class."
                        : "Move to a larger class (the capacity table's next row) or add replicas for read-only routes."),
                metric: rds("CPUUtilization", "Average", db.id),
                ...window(ALARM_WINDOWS.databaseCpu),
                comparison: "GreaterThanThreshold",
                threshold: thresholds.databaseCpuPercent,
                treatMissingData: "missing",
            },
            {
                key: `${db.key}-memory`,
                description:
                    `${db.label} has had less than ${ALARM_THRESHOLDS.databaseFreeMemoryPercent} % of its memory available for 15 minutes: ` +
                    "PostgreSQL's cache is squeezed and queries go to disk. Move to a class with more memory.",
                metric: rds("FreeableMemory", "Average", db.id),
                ...window(ALARM_WINDOWS.databaseMemory),
                comparison: "LessThanThreshold",
                threshold: memoryFloor,
                treatMissingData: "missing",
            },
            {
                key: `${db.key}-connections`,
                description:
                    `Guide sign "timeouts at peak": ${db.label.toLowerCase()} has more than ${connectionLimit} connections, ` +
                    `${thresholds.databaseConnectionsPercent} % of its max_connections (${targets.maxConnections}). New Odoo processes will soon be refused.`,
                metric: rds("DatabaseConnections", "Maximum", db.id),
                ...window(ALARM_WINDOWS.databaseConnections),
                comparison: "GreaterThanThreshold",
                threshold: connectionLimit,
                treatMissingData: "missing",
            },
        );
        if (targets.allocatedStorageGb !== undefined && !targets.aurora) {
            specs.push({
                key: `${db.key}-storage`,
                description:
                    `${db.label} has less than ${ALARM_THRESHOLDS.databaseFreeStoragePercent} % of its ${targets.allocatedStorageGb} GB free for 15 minutes ` +
                    "and storage autoscaling has not caught up (or reached its maximum). A full disk stops PostgreSQL.",
                metric: rds("FreeStorageSpace", "Minimum", db.id),
                ...window(ALARM_WINDOWS.databaseStorage),
                comparison: "LessThanThreshold",
                threshold: Math.round((targets.allocatedStorageGb * GIB * ALARM_THRESHOLDS.databaseFreeStoragePercent) / 100),
                treatMissingData: "missing",
            });
        }
        if (db.replica) {
            specs.push({
                key: `${db.key}-lag`,
                description: `${db.label} is more than ${thresholds.replicaLagSeconds} s behind the primary: read-only routes served from it show stale data.`,
                metric: targets.aurora ? rds("AuroraReplicaLag", "Maximum", db.id) : rds("ReplicaLag", "Maximum", db.id),
                ...window(ALARM_WINDOWS.replicaLag),
                comparison: "GreaterThanThreshold",
                threshold: targets.aurora ? thresholds.replicaLagSeconds * 1000 : thresholds.replicaLagSeconds,
                treatMissingData: "missing",
            });
        }
    }
    return specs;
}

/**
 * Member cluster ids of a replication group with cluster mode disabled: ElastiCache names them
 * `<group id>-001`, `-002`, …, and publishes the engine metrics per member under `CacheClusterId`
 * (there is no group-level dimension for DatabaseMemoryUsagePercentage or Evictions).
 */
export function replicationGroupMemberIds(groupId: string, nodes: number): string[] {
    return Array.from({ length: nodes }, (_, i) => `${groupId}-${String(i + 1).padStart(3, "0")}`);
}

/** Alarms on every node of the session cache. */
export function cacheAlarms(cacheClusterIds: pulumi.Input<string>[], thresholds: ResolvedAlarmThresholds): AlarmSpec[] {
    return cacheClusterIds.flatMap((id, i) => {
        const node = cacheClusterIds.length > 1 ? `Session cache node ${i + 1}` : "The session cache";
        const metric = (metricName: string, stat: string): MetricSpec => ({
            namespace: "AWS/ElastiCache",
            metricName,
            dimensions: { CacheClusterId: id },
            stat,
        });
        const specs: AlarmSpec[] = [
            {
                key: `sessions-${i + 1}-memory`,
                description: `${node} uses more than ${thresholds.cacheMemoryPercent} % of its memory; at 100 % it evicts sessions, logging users out. Use a larger cacheNodeType.`,
                metric: metric("DatabaseMemoryUsagePercentage", "Maximum"),
                ...window(ALARM_WINDOWS.cacheMemory),
                comparison: "GreaterThanThreshold",
                threshold: thresholds.cacheMemoryPercent,
                treatMissingData: "missing",
            },
            {
                key: `sessions-${i + 1}-evictions`,
                description: `${node} evicted keys: every evicted session is a user logged out. Use a larger cacheNodeType.`,
                metric: metric("Evictions", "Sum"),
                ...window(ALARM_WINDOWS.cacheEvictions),
                comparison: "GreaterThanThreshold",
                threshold: ALARM_THRESHOLDS.cacheEvictions,
                treatMissingData: "notBreaching",
            },
        ];
        return specs;
    });
}

/** CloudWatch's standard statistics; anything else (`p90`) is an extended statistic. */
export const STANDARD_STATISTICS: readonly string[] = ["Average", "Sum", "Minimum", "Maximum", "SampleCount"];

/**
 * Key policy of the customer-managed key that encrypts the alarm topic. CloudWatch alarms cannot
 * publish to a topic encrypted with the AWS-managed `alias/aws/sns` key — its policy, which nobody
 * can edit, does not let the CloudWatch service use it (AWS re:Post knowledge center,
 * "cloudwatch-configure-alarm-sns") — so the topic gets its own key that CloudWatch may use.
 */
export function alarmKeyPolicy(partition: string, accountId: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AccountAdministersTheKey",
                Effect: "Allow",
                Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
                Action: "kms:*",
                Resource: "*",
            },
            {
                Sid: "CloudWatchAlarmsEncryptNotifications",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
            },
        ],
    });
}

/**
 * Topic policy: only this account's CloudWatch alarms may publish (the confused-deputy guard is
 * `aws:SourceArn`, as AWS documents for alarm topics), and nothing may publish without TLS.
 */
export function alarmTopicPolicy(topicArn: string, partition: string, region: string, accountId: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "CloudWatchAlarmsOfThisAccountPublish",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: "sns:Publish",
                Resource: topicArn,
                Condition: { ArnLike: { "aws:SourceArn": `arn:${partition}:cloudwatch:${region}:${accountId}:alarm:*` } },
            },
            {
                Sid: "AccountManagesTheTopic",
                Effect: "Allow",
                Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
                Action: [
                    "sns:GetTopicAttributes",
                    "sns:SetTopicAttributes",
                    "sns:Subscribe",
                    "sns:ListSubscriptionsByTopic",
                    "sns:Publish",
                ],
                Resource: topicArn,
            },
            {
                Sid: "DenyPublishWithoutTls",
                Effect: "Deny",
                Principal: "*",
                Action: "sns:Publish",
                Resource: topicArn,
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    });
}

/**
 * Checks an ALB or target-group ARN suffix (`app/<name>/<id>`, `targetgroup/<name>/<id>`), the
 * form CloudWatch dimensions and scaling resource labels use. Values not yet known (outputs of
 * the load balancer component) pass; they are checked by AWS when the alarm is created.
 */
export function requireAlbArnSuffix(property: string, value: unknown, kind: "app" | "targetgroup"): void {
    if (value === undefined || value === null || value === "") {
        throw new OdooArgumentError(property, value, `the ${kind === "app" ? "load balancer's" : "target group's"} arnSuffix output`);
    }
    if (typeof value === "string" && !new RegExp(`^${kind}/[A-Za-z0-9-]{1,32}/[0-9a-f]{1,32}$`).test(value)) {
        throw new OdooArgumentError(property, value, `an ARN suffix of the form ${kind}/<name>/<id> (the resource's arnSuffix output)`);
    }
}

/** Checks an Auto Scaling group name argument: present, and when known, a valid name (1–255 characters, no colon). */
export function requireGroupName(property: string, value: unknown): void {
    if (value === undefined || value === null || (typeof value === "string" && !/^[^:\s][^:]{0,254}$/.test(value))) {
        throw new OdooArgumentError(property, value, "the name of an Auto Scaling group (the nodes component's output)");
    }
}

/** Validates an e-mail address for the alarm subscription (a plain address, no display name). */
export function requireAlarmEmail(value: unknown, property = "alarmEmail"): string {
    if (typeof value !== "string" || value.length > 254 || !/^[^@\s"'<>,;]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(value)) {
        throw new OdooArgumentError(property, value, "one e-mail address such as ops@example.com");
    }
    return value;
}

/** Validates the number of nodes of the session cache (ElastiCache: 1 primary + up to 5 replicas). */
export function requireCacheNodes(value: unknown, property: string): number {
    return requireWholeNumber(property, value, { min: 1, max: 6 });
}
