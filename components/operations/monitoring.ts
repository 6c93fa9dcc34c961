/**
 * `OdooMonitoring`: CloudWatch alarms for the guide's "signs you need to scale" and the failure
 * signals of the load balancer, PostgreSQL and the session cache; an optional encrypted SNS topic
 * with an e-mail subscription that every alarm notifies; and a dashboard of the same metrics.
 *
 * The alarm definitions live in `alarms.ts`, the dashboard body in `dashboard.ts`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    DatabaseAlarmTargets,
    AlarmSpec,
    OdooAlarmThresholds,
    ResolvedAlarmThresholds,
    STANDARD_STATISTICS,
    alarmKeyPolicy,
    alarmTopicPolicy,
    cacheAlarms,
    databaseAlarms,
    fleetAlarms,
    replicationGroupMemberIds,
    requireAlarmEmail,
    requireAlbArnSuffix,
    requireGroupName,
    requireCacheNodes,
    resolveAlarmThresholds,
} from "./alarms";
import { databaseInstanceClass } from "../contract/catalog";
import { OdooClusterContext, ResolvedClusterContext, capacityPlanOf, resolveClusterContext, tagsFor } from "../contract/clusterContext";
import { renderDashboardBody } from "./dashboard";
import { OdooArgumentError, optionalBoolean, requireInputList, requireWholeNumber } from "../contract/errors";
import { MAX_READ_REPLICAS } from "../contract/sizing";
import { OdooRole } from "../contract/tags";

/** The PostgreSQL instances to watch. */
export interface OdooMonitoringDatabase {
    /** `DBInstanceIdentifier` of the primary (for Aurora: of the writer instance). */
    primaryIdentifier: pulumi.Input<string>;
    /** `DBInstanceIdentifier` of every read replica (Aurora: reader instance). Default: none; at most 15. */
    replicaIdentifiers?: pulumi.Input<string>[];
    /**
     * RDS class of the instances: its memory sets the FreeableMemory threshold and, unless
     * `maxConnections` is given, its default `max_connections`. Default: the capacity plan's class
     * for the declared users. Must be in the package's catalog.
     */
    instanceClass?: string;
    /**
     * `max_connections` of the instances; the connections alarm fires at 80 % of it. Default: the
     * class's value in the catalog (RDS's default formula, which the database component also sets).
     * 10–262143.
     */
    maxConnections?: number;
    /** Allocated storage, GB, for the free-storage alarm. Default: the capacity plan's. 20–65536. Ignored for Aurora. */
    allocatedStorageGb?: number;
    /** Aurora PostgreSQL: no FreeStorageSpace alarm, replica lag from AuroraReplicaLag. Default: false. */
    aurora?: boolean;
}

/** The session cache to watch. */
export interface OdooMonitoringSessions {
    /**
     * Id of the ElastiCache replication group (cluster mode disabled). Its engine metrics are
     * published per member cluster, `<id>-001` … `<id>-00N`, which is what the alarms watch.
     */
    replicationGroupId: pulumi.Input<string>;
    /** Nodes of the group. Default: the capacity plan's (2 in production, otherwise 1). 1–6. */
    nodes?: number;
}

/** Arguments of {@link OdooMonitoring}. */
export interface OdooMonitoringArgs extends OdooMonitoringOptions {
    /** The cluster the alarms belong to; they carry its odoo:* tags with role `ops`. */
    cluster: OdooClusterContext;
    /** Name of the HTTP fleet's Auto Scaling group (in single-node mode: the one `http+cron` group). */
    httpGroupName: pulumi.Input<string>;
    /** Name of the cron node's Auto Scaling group, for its own CPU alarm. Leave out in single-node mode. */
    cronGroupName?: pulumi.Input<string>;
    /** ARN suffix of the Application Load Balancer (`app/<name>/<id>`), the `LoadBalancer` dimension. */
    loadBalancerArnSuffix: pulumi.Input<string>;
    /** ARN suffix of the HTTP fleet's target group (`targetgroup/<name>/<id>`), the `TargetGroup` dimension. */
    targetGroupArnSuffix: pulumi.Input<string>;
    /** The PostgreSQL primary and replicas. Default: no database alarms. */
    database?: OdooMonitoringDatabase;
    /** The Redis/Valkey session cache. Default: no cache alarms (sessions on the filestore). */
    sessions?: OdooMonitoringSessions;
}

/** Settings of {@link OdooMonitoring}; also `operations.monitoring` of OdooCluster. */
export interface OdooMonitoringOptions {
    /**
     * E-mail address that receives every alarm and its recovery. Creates an SNS topic encrypted
     * with a customer-managed KMS key (CloudWatch cannot publish to a topic under the AWS-managed
     * SNS key) and an e-mail subscription, which the recipient must confirm from the first message.
     * Production requires this or `alarmTopicArns`. Default: no topic.
     */
    alarmEmail?: string;
    /**
     * Existing SNS topics (a pager, a chat integration) that also receive every alarm, up to 5.
     * Production requires this or `alarmEmail`. Default: none.
     */
    alarmTopicArns?: pulumi.Input<string>[];
    /** Overrides of the alarm thresholds. Default: the guide's (see alarms.ts). */
    thresholds?: OdooAlarmThresholds;
    /** Create the CloudWatch dashboard `odoo-<cluster>-<environment>`. Default: true. */
    dashboard?: boolean;
}

/** The validated arguments with their defaults, computed before any resource exists. */
export interface ResolvedMonitoringArgs {
    context: ResolvedClusterContext;
    thresholds: ResolvedAlarmThresholds;
    database?: DatabaseAlarmTargets;
    cacheClusterIds: pulumi.Input<string>[];
    alarmEmail?: string;
    alarmTopicArns: pulumi.Input<string>[];
    dashboard: boolean;
    /** The alarms, in the order they are created. */
    alarms: AlarmSpec[];
}

/** PostgreSQL's ceiling for `max_connections`. */
const POSTGRES_MAX_CONNECTIONS = 262143;

/** Validates {@link OdooMonitoringArgs} and plans the alarms. Pure; throws an OdooArgumentError. */
export function resolveMonitoringArgs(args: OdooMonitoringArgs): ResolvedMonitoringArgs {
    if (!args || typeof args !== "object") {
        throw new OdooArgumentError("args", args, "an object with cluster, httpGroupName, loadBalancerArnSuffix and targetGroupArnSuffix");
    }
    const context = resolveClusterContext(args.cluster);
    // Alone, a monitor given a cache plans for one: its node count is then the plan's.
    const plan = capacityPlanOf(context, args.sessions === undefined ? {} : { sessions: "redis", imageAddons: { sessionRedis: true } });
    requireGroupName("httpGroupName", args.httpGroupName);
    if (args.cronGroupName !== undefined) {
        requireGroupName("cronGroupName", args.cronGroupName);
    }
    requireAlbArnSuffix("loadBalancerArnSuffix", args.loadBalancerArnSuffix, "app");
    requireAlbArnSuffix("targetGroupArnSuffix", args.targetGroupArnSuffix, "targetgroup");
    const thresholds = resolveAlarmThresholds(args.thresholds);

    let database: ResolvedMonitoringArgs["database"];
    if (args.database !== undefined) {
        const db = args.database;
        if (!db || typeof db !== "object" || db.primaryIdentifier === undefined || db.primaryIdentifier === "") {
            throw new OdooArgumentError("database.primaryIdentifier", db?.primaryIdentifier, "the DBInstanceIdentifier of the primary");
        }
        const aurora = optionalBoolean("database.aurora", db.aurora) ?? false;
        const dbClass = databaseInstanceClass(db.instanceClass ?? plan.database.instanceClass, "database.instanceClass");
        database = {
            primaryIdentifier: db.primaryIdentifier,
            replicaIdentifiers: requireInputList("database.replicaIdentifiers", db.replicaIdentifiers ?? [], {
                min: 0,
                max: MAX_READ_REPLICAS,
                what: "DB instance identifiers",
            }),
            memoryGiB: dbClass.memoryGiB,
            maxConnections:
                db.maxConnections === undefined
                    ? dbClass.maxConnections
                    : requireWholeNumber("database.maxConnections", db.maxConnections, { min: 10, max: POSTGRES_MAX_CONNECTIONS }),
            allocatedStorageGb: aurora
                ? undefined
                : db.allocatedStorageGb === undefined
                  ? plan.database.storageGb
                  : requireWholeNumber("database.allocatedStorageGb", db.allocatedStorageGb, { min: 20, max: 65536 }),
            aurora,
        };
    }

    let cacheClusterIds: pulumi.Input<string>[] = [];
    if (args.sessions !== undefined) {
        const s = args.sessions;
        if (!s || typeof s !== "object" || s.replicationGroupId === undefined || s.replicationGroupId === "") {
            throw new OdooArgumentError(
                "sessions.replicationGroupId",
                s?.replicationGroupId,
                "the id of the ElastiCache replication group",
            );
        }
        const nodes = s.nodes === undefined ? plan.cache.nodes : requireCacheNodes(s.nodes, "sessions.nodes");
        const groupId = s.replicationGroupId;
        cacheClusterIds =
            typeof groupId === "string"
                ? replicationGroupMemberIds(groupId, nodes)
                : Array.from({ length: nodes }, (_, i) => pulumi.output(groupId).apply((id) => replicationGroupMemberIds(id, nodes)[i]));
    }

    const alarmEmail = args.alarmEmail === undefined ? undefined : requireAlarmEmail(args.alarmEmail);
    const alarmTopicArns = requireInputList("alarmTopicArns", args.alarmTopicArns ?? [], { min: 0, max: 5, what: "SNS topic ARNs" });
    alarmTopicArns.forEach((arn, i) => {
        if (typeof arn === "string" && !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/.test(arn)) {
            throw new OdooArgumentError(`alarmTopicArns[${i}]`, arn, "an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)");
        }
    });
    // An alarm without an action only colours the console: in production someone must be told.
    if (context.production && alarmEmail === undefined && alarmTopicArns.length === 0) {
        throw new OdooArgumentError(
            "alarmEmail",
            undefined,
            "an e-mail address (or alarmTopicArns: SNS topic ARNs) in production, so that its alarms notify someone",
        );
    }
    const dashboard = optionalBoolean("dashboard", args.dashboard) ?? true;

    const alarms = [
        ...fleetAlarms(
            {
                httpGroupName: args.httpGroupName,
                cronGroupName: args.cronGroupName,
                loadBalancer: args.loadBalancerArnSuffix,
                targetGroup: args.targetGroupArnSuffix,
            },
            thresholds,
        ),
        ...(database ? databaseAlarms(database, thresholds) : []),
        ...cacheAlarms(cacheClusterIds, thresholds),
    ];
    return { context, thresholds, database, cacheClusterIds, alarmEmail, alarmTopicArns, dashboard, alarms };
}

/** The metric part of an alarm's arguments: one metric, or metric math over several. */
function alarmMetricArgs(spec: AlarmSpec): Partial<aws.cloudwatch.MetricAlarmArgs> {
    if (spec.metric) {
        const standard = STANDARD_STATISTICS.includes(spec.metric.stat);
        return {
            namespace: spec.metric.namespace,
            metricName: spec.metric.metricName,
            dimensions: spec.metric.dimensions,
            period: spec.period,
            ...(standard ? { statistic: spec.metric.stat } : { extendedStatistic: spec.metric.stat }),
        };
    }
    const expression = spec.expression!;
    return {
        metricQueries: [
            { id: "result", expression: expression.expression, label: expression.label, returnData: true },
            ...Object.entries(expression.metrics).map(([id, m]) => ({
                id,
                returnData: false,
                metric: { namespace: m.namespace, metricName: m.metricName, dimensions: m.dimensions, stat: m.stat, period: spec.period },
            })),
        ],
    };
}

/**
 * CloudWatch alarms, an optional alarm topic with an e-mail subscription, and a dashboard for an
 * Odoo cluster.
 */
export class OdooMonitoring extends pulumi.ComponentResource {
    /** ARNs of every alarm, in creation order. */
    public readonly alarmArns: pulumi.Output<string[]>;
    /** Names of every alarm, in creation order. */
    public readonly alarmNames: pulumi.Output<string[]>;
    /** ARN of the alarm topic this component created (only with `alarmEmail`). */
    public readonly topicArn?: pulumi.Output<string>;
    /** Every alarm's actions: the created topic and `alarmTopicArns`, for alarms other components own. */
    public readonly alarmActions: pulumi.Output<string[]>;
    /** Name of the CloudWatch dashboard (unless `dashboard` is false). */
    public readonly dashboardName?: pulumi.Output<string>;

    constructor(name: string, args: OdooMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveMonitoringArgs(args);
        super("odoo-aws:index:OdooMonitoring", name, {}, opts);
        const ctx = resolved.context;
        const tags = tagsFor(ctx, OdooRole.Ops);
        const partition = aws.getPartitionOutput({}, { parent: this }).partition;
        const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        const region = aws.getRegionOutput({}, { parent: this }).region;

        const actions: pulumi.Input<string>[] = [...resolved.alarmTopicArns];
        let topic: aws.sns.Topic | undefined;
        if (resolved.alarmEmail !== undefined) {
            const key = new aws.kms.Key(
                `${name}-alarms-key`,
                {
                    description: `Encrypts the alarm notifications of Odoo cluster ${ctx.name} (${ctx.environment})`,
                    enableKeyRotation: true,
                    deletionWindowInDays: ctx.production ? 30 : 7,
                    policy: pulumi.all([partition, accountId]).apply(([p, a]) => alarmKeyPolicy(p, a)),
                    tags,
                },
                { parent: this },
            );
            topic = new aws.sns.Topic(
                `${name}-alarms`,
                {
                    displayName: `Odoo ${ctx.name} (${ctx.environment}) alarms`,
                    kmsMasterKeyId: key.arn,
                    tags,
                },
                { parent: this },
            );
            new aws.sns.TopicPolicy(
                `${name}-alarms-policy`,
                {
                    arn: topic.arn,
                    policy: pulumi.all([topic.arn, partition, region, accountId]).apply(([t, p, r, a]) => alarmTopicPolicy(t, p, r, a)),
                },
                { parent: this },
            );
            new aws.sns.TopicSubscription(
                `${name}-alarms-email`,
                {
                    topic: topic.arn,
                    protocol: "email",
                    endpoint: resolved.alarmEmail,
                },
                { parent: this },
            );
            actions.unshift(topic.arn);
        }

        const alarms = resolved.alarms.map(
            (spec) =>
                new aws.cloudwatch.MetricAlarm(
                    `${name}-${spec.key}`,
                    {
                        alarmDescription: spec.description,
                        comparisonOperator: spec.comparison,
                        threshold: spec.threshold,
                        evaluationPeriods: spec.evaluationPeriods,
                        datapointsToAlarm: spec.datapointsToAlarm,
                        treatMissingData: spec.treatMissingData,
                        ...alarmMetricArgs(spec),
                        actionsEnabled: true,
                        alarmActions: actions,
                        okActions: actions,
                        tags,
                    },
                    { parent: this },
                ),
        );

        let dashboard: aws.cloudwatch.Dashboard | undefined;
        if (resolved.dashboard) {
            const db = resolved.database;
            dashboard = new aws.cloudwatch.Dashboard(
                `${name}-dashboard`,
                {
                    dashboardName: `odoo-${ctx.name}-${ctx.environment}`,
                    dashboardBody: pulumi
                        .output({
                            region,
                            httpGroupName: args.httpGroupName,
                            cronGroupName: args.cronGroupName,
                            loadBalancer: args.loadBalancerArnSuffix,
                            targetGroup: args.targetGroupArnSuffix,
                            primaryIdentifier: db?.primaryIdentifier,
                            replicaIdentifiers: db?.replicaIdentifiers ?? [],
                            cacheClusterIds: resolved.cacheClusterIds,
                            alarmArns: alarms.map((a) => a.arn),
                        })
                        .apply((v) =>
                            JSON.stringify(
                                renderDashboardBody({
                                    title: `Odoo ${ctx.name} (${ctx.environment})`,
                                    region: v.region,
                                    httpGroupName: v.httpGroupName,
                                    cronGroupName: v.cronGroupName,
                                    loadBalancer: v.loadBalancer,
                                    targetGroup: v.targetGroup,
                                    database:
                                        db && v.primaryIdentifier !== undefined
                                            ? {
                                                  primaryIdentifier: v.primaryIdentifier,
                                                  replicaIdentifiers: v.replicaIdentifiers,
                                                  maxConnections: db.maxConnections,
                                                  aurora: db.aurora,
                                              }
                                            : undefined,
                                    cacheClusterIds: v.cacheClusterIds,
                                    alarmArns: v.alarmArns,
                                    thresholds: resolved.thresholds,
                                }),
                            ),
                        ),
                },
                { parent: this },
            );
        }

        this.alarmArns = pulumi.all(alarms.map((a) => a.arn));
        this.alarmNames = pulumi.all(alarms.map((a) => a.name));
        this.topicArn = topic?.arn;
        this.alarmActions = pulumi.all(actions);
        this.dashboardName = dashboard?.dashboardName;
        this.registerOutputs({
            alarmArns: this.alarmArns,
            alarmNames: this.alarmNames,
            topicArn: this.topicArn,
            alarmActions: this.alarmActions,
            dashboardName: this.dashboardName,
        });
    }
}
