/**
 * The CloudWatch dashboard of a cluster, as the JSON body CloudWatch expects
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html).
 *
 * It shows the same metrics the alarms watch, with each alarm threshold drawn as a line, so the
 * on-call engineer who follows an alarm e-mail lands on the graph that explains it.
 *
 * Pure: plain values in, a plain object out. The component resolves the resource names first.
 */
import { ALARM_THRESHOLDS, ResolvedAlarmThresholds } from "./alarms";

/** What the dashboard shows; every name is already resolved. */
export interface DashboardSpec {
    /** Heading, e.g. `Odoo erp (prod)`. */
    title: string;
    /** Region of every metric (widgets do not inherit the dashboard's region). */
    region: string;
    httpGroupName: string;
    /** Absent in single-node mode. */
    cronGroupName?: string;
    loadBalancer: string;
    targetGroup: string;
    database?: {
        primaryIdentifier: string;
        replicaIdentifiers: string[];
        maxConnections: number;
        aurora: boolean;
    };
    cacheClusterIds: string[];
    alarmArns: string[];
    thresholds: ResolvedAlarmThresholds;
}

/** A metric line in CloudWatch's array form: namespace, name, dimension pairs, then rendering options. */
type MetricLine = (string | { stat?: string; label?: string; id?: string; visible?: boolean; expression?: string })[];

interface Widget {
    type: "metric" | "text" | "alarm";
    x: number;
    y: number;
    width: number;
    height: number;
    properties: Record<string, unknown>;
}

/** The dashboard body, an object to `JSON.stringify`. */
export interface DashboardBody {
    widgets: Widget[];
}

const FULL_WIDTH = 24;
const HALF_WIDTH = 12;
const GRAPH_HEIGHT = 6;
/** CloudWatch's limit of alarms in one alarm-status widget. */
const ALARMS_PER_WIDGET = 100;

/** Lays out graphs two per row below `top`; returns the widgets and the next free row. */
function grid(graphs: Record<string, unknown>[], top: number): { widgets: Widget[]; bottom: number } {
    const widgets = graphs.map((properties, i) => ({
        type: "metric" as const,
        x: (i % 2) * HALF_WIDTH,
        y: top + Math.floor(i / 2) * GRAPH_HEIGHT,
        width: HALF_WIDTH,
        height: GRAPH_HEIGHT,
        properties,
    }));
    return { widgets, bottom: top + Math.ceil(graphs.length / 2) * GRAPH_HEIGHT };
}

function graph(
    title: string,
    region: string,
    metrics: MetricLine[],
    options: { stat?: string; threshold?: { label: string; value: number }; period?: number } = {},
): Record<string, unknown> {
    const properties: Record<string, unknown> = {
        title,
        region,
        view: "timeSeries",
        stacked: false,
        period: options.period ?? 300,
        stat: options.stat ?? "Average",
        metrics,
        yAxis: { left: { min: 0 } },
    };
    if (options.threshold) {
        properties.annotations = { horizontal: [{ label: options.threshold.label, value: options.threshold.value }] };
    }
    return properties;
}

/** Renders the dashboard body for a cluster. */
export function renderDashboardBody(spec: DashboardSpec): DashboardBody {
    const { region, thresholds } = spec;
    const lb = ["LoadBalancer", spec.loadBalancer];
    const tg = ["TargetGroup", spec.targetGroup, "LoadBalancer", spec.loadBalancer];
    const widgets: Widget[] = [
        {
            type: "text",
            x: 0,
            y: 0,
            width: FULL_WIDTH,
            height: 2,
            properties: {
                markdown: `# ${spec.title}\nTraffic, the HTTP fleet, the cron node, PostgreSQL and the session cache. Horizontal lines are the alarm thresholds.`,
            },
        },
    ];
    let top = 2;
    for (let i = 0; i < spec.alarmArns.length; i += ALARMS_PER_WIDGET) {
        widgets.push({
            type: "alarm",
            x: 0,
            y: top,
            width: FULL_WIDTH,
            height: 4,
            properties: {
                title: "Alarms",
                alarms: spec.alarmArns.slice(i, i + ALARMS_PER_WIDGET),
                sortBy: "stateUpdatedTimestamp",
                states: [],
            },
        });
        top += 4;
    }

    const cpuLines: MetricLine[] = [["AWS/EC2", "CPUUtilization", "AutoScalingGroupName", spec.httpGroupName, { label: "HTTP fleet" }]];
    if (spec.cronGroupName !== undefined) {
        cpuLines.push(["AWS/EC2", "CPUUtilization", "AutoScalingGroupName", spec.cronGroupName, { label: "cron node" }]);
    }
    const graphs: Record<string, unknown>[] = [
        graph(
            "Requests",
            region,
            [
                ["AWS/ApplicationELB", "RequestCount", ...tg, { label: "requests" }],
                ["AWS/ApplicationELB", "RequestCountPerTarget", ...tg, { label: "per node" }],
            ],
            { stat: "Sum" },
        ),
        graph(
            "Response time at the nodes (s)",
            region,
            [
                ["AWS/ApplicationELB", "TargetResponseTime", ...tg, { stat: "p50", label: "p50" }],
                ["AWS/ApplicationELB", "TargetResponseTime", ...tg, { stat: "p90", label: "p90" }],
                ["AWS/ApplicationELB", "TargetResponseTime", ...tg, { stat: "p99", label: "p99" }],
            ],
            { threshold: { label: "p90 alarm", value: thresholds.responseTimeSeconds } },
        ),
        graph(
            "Errors",
            region,
            [
                ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", ...tg, { label: "5XX from nodes" }],
                ["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", ...lb, { label: "5XX from the load balancer" }],
                ["AWS/ApplicationELB", "RejectedConnectionCount", ...lb, { label: "rejected connections" }],
            ],
            { stat: "Sum" },
        ),
        graph(
            "Nodes behind the load balancer",
            region,
            [
                ["AWS/ApplicationELB", "HealthyHostCount", ...tg, { label: "healthy" }],
                ["AWS/ApplicationELB", "UnHealthyHostCount", ...tg, { label: "unhealthy" }],
            ],
            { stat: "Minimum", period: 60 },
        ),
        graph("Node CPU (%)", region, cpuLines, { threshold: { label: "CPU alarm", value: thresholds.nodeCpuPercent } }),
    ];
    if (spec.database) {
        const ids = [spec.database.primaryIdentifier, ...spec.database.replicaIdentifiers];
        const label = (i: number) => (i === 0 ? "primary" : `replica ${i}`);
        const perInstance = (metricName: string, stat?: string): MetricLine[] =>
            ids.map((id, i) => ["AWS/RDS", metricName, "DBInstanceIdentifier", id, stat ? { label: label(i), stat } : { label: label(i) }]);
        graphs.push(
            graph("Database CPU (%)", region, perInstance("CPUUtilization"), {
                threshold: { label: "CPU alarm", value: thresholds.databaseCpuPercent },
            }),
            graph("Database connections", region, perInstance("DatabaseConnections", "Maximum"), {
                threshold: {
                    label: "connections alarm",
                    value: Math.floor((spec.database.maxConnections * thresholds.databaseConnectionsPercent) / 100),
                },
            }),
            graph("Database memory available (bytes)", region, perInstance("FreeableMemory")),
        );
        if (!spec.database.aurora) {
            graphs.push(graph("Database free storage (bytes)", region, perInstance("FreeStorageSpace", "Minimum")));
        }
        if (spec.database.replicaIdentifiers.length > 0) {
            const lagMetric = spec.database.aurora ? "AuroraReplicaLag" : "ReplicaLag";
            graphs.push(
                graph(
                    `Replica lag (${spec.database.aurora ? "ms" : "s"})`,
                    region,
                    spec.database.replicaIdentifiers.map((id, i) => [
                        "AWS/RDS",
                        lagMetric,
                        "DBInstanceIdentifier",
                        id,
                        { label: `replica ${i + 1}` },
                    ]),
                    {
                        stat: "Maximum",
                        threshold: {
                            label: "lag alarm",
                            value: spec.database.aurora ? thresholds.replicaLagSeconds * 1000 : thresholds.replicaLagSeconds,
                        },
                    },
                ),
            );
        }
    }
    if (spec.cacheClusterIds.length > 0) {
        graphs.push(
            graph(
                "Session cache memory (%)",
                region,
                spec.cacheClusterIds.map((id, i) => [
                    "AWS/ElastiCache",
                    "DatabaseMemoryUsagePercentage",
                    "CacheClusterId",
                    id,
                    { label: `node ${i + 1}` },
                ]),
                { stat: "Maximum", threshold: { label: "memory alarm", value: thresholds.cacheMemoryPercent } },
            ),
            graph(
                "Session cache evictions (sessions lost)",
                region,
                spec.cacheClusterIds.map((id, i) => ["AWS/ElastiCache", "Evictions", "CacheClusterId", id, { label: `node ${i + 1}` }]),
                { stat: "Sum", threshold: { label: "evictions alarm", value: ALARM_THRESHOLDS.cacheEvictions } },
            ),
        );
    }
    widgets.push(...grid(graphs, top).widgets);
    return { widgets };
}
