/**
 * `OdooFleetScaling`: target-tracking scaling of the HTTP fleet on ALB requests per node and on
 * average CPU, plus the instance-refresh preferences the HTTP and cron groups roll out with.
 *
 * The Auto Scaling groups belong to `OdooNodes`; their min/max stay the capacity plan's bounds.
 * This component only adds the policies that move the desired capacity between them (OdooNodes
 * creates none), and exports the pure rollout functions OdooNodes builds its groups'
 * `instanceRefresh` and `instanceMaintenancePolicy` from.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ALARM_THRESHOLDS, requireAlbArnSuffix, requireGroupName } from "./alarms";
import { OdooClusterContext, ResolvedClusterContext, capacityPlanOf, resolveClusterContext } from "../contract/clusterContext";
import { OdooArgumentError, requireWholeNumber } from "../contract/errors";

/**
 * Requests per minute one Odoo worker is asked to carry before the fleet grows. A worker serves one
 * request at a time; Odoo's back-office requests take roughly 100–500 ms on the server, so a worker
 * saturates somewhere between 120 and 600 requests a minute. Tracking 60 (one a second) keeps a
 * worker about half busy at a 0.5 s mean, which leaves room for bursts during the few minutes a new
 * node needs to boot and for the one-minute granularity of the ALB metric.
 */
export const REQUESTS_PER_WORKER_PER_MINUTE = 60;

/** Average CPU the fleet is held at: well below the 80 % alarm, so the alarm means "scaling could not keep up". */
export const DEFAULT_CPU_TARGET_PERCENT = 60;
/** The CPU target must stay this many points below the CPU alarm. */
const CPU_TARGET_MARGIN = 5;

/** Seconds a new node needs (Docker pull, Odoo start, first health checks) before its metrics count. */
export const DEFAULT_INSTANCE_WARMUP_SECONDS = 300;

/**
 * Bounds, in seconds, of the time a replacement node gets before a rollout moves on: its image pull,
 * database setup and Odoo's first start (OdooNodes' health check grace period has the same bounds).
 */
export const NODE_WARMUP_SECONDS = { min: 60, max: 7200 } as const;

/**
 * The HTTP fleet's default maximum healthy percentage during a rollout. The capacity plan budgets
 * database connections for `httpNodesMax` ≈ 1.5 × `httpNodes` nodes, so a 150 % launch-first
 * replacement of the fleet at its normal size stays inside that budget; 200 % would not.
 */
export const HTTP_ROLLOUT_MAX_HEALTHY_PERCENT = 150;

/** The default `requestsPerTarget` for nodes with `workersPerNode` workers. */
export function defaultRequestsPerTarget(workersPerNode: number): number {
    return workersPerNode * REQUESTS_PER_WORKER_PER_MINUTE;
}

/** The resource label of `ALBRequestCountPerTarget`: `app/<lb>/<id>/targetgroup/<tg>/<id>`. */
export function albResourceLabel(loadBalancerArnSuffix: string, targetGroupArnSuffix: string): string {
    return `${loadBalancerArnSuffix}/${targetGroupArnSuffix}`;
}

/** Instance-refresh preferences in the shape of `aws.autoscaling.Group`'s `instanceRefresh.preferences`. */
export interface InstanceRefreshPreferences {
    minHealthyPercentage: number;
    maxHealthyPercentage: number;
    /** Seconds, as a string (the provider's type). */
    instanceWarmup: string;
    skipMatching: boolean;
    autoRollback: boolean;
    alarmSpecification?: { alarms: pulumi.Input<string>[] };
}

/** `aws.autoscaling.Group`'s `instanceRefresh` argument. */
export interface InstanceRefresh {
    strategy: string;
    preferences: InstanceRefreshPreferences;
}

/**
 * `aws.autoscaling.Group`'s `instanceMaintenancePolicy`: the same bounds as the refresh, for the
 * replacements Auto Scaling makes on its own (failed health checks, rebalancing).
 */
export interface InstanceMaintenancePolicy {
    minHealthyPercentage: number;
    maxHealthyPercentage: number;
}

/** How the HTTP fleet rolls out a new launch template version. */
export interface HttpFleetRollout {
    /**
     * The group must judge instances by the load balancer's health check: a refresh only moves on
     * when the new node answers `/web/health` through nginx, not merely when EC2 says it runs.
     */
    healthCheckType: string;
    instanceRefresh: InstanceRefresh;
    instanceMaintenancePolicy: InstanceMaintenancePolicy;
}

/** How the node that runs cron is replaced. */
export interface CronNodeRollout {
    instanceRefresh: InstanceRefresh;
    instanceMaintenancePolicy: InstanceMaintenancePolicy;
}

/** Options of {@link httpFleetRollout}. */
export interface HttpFleetRolloutOptions {
    /** Seconds a new node gets before the refresh moves on. Default: {@link DEFAULT_INSTANCE_WARMUP_SECONDS}; 60–7200. */
    instanceWarmupSeconds?: number;
    /** Share of the desired capacity that stays in service. Default: 100; 50–100. */
    minHealthyPercentage?: number;
    /**
     * Share of the desired capacity the group may run while replacing. Default: 150
     * ({@link HTTP_ROLLOUT_MAX_HEALTHY_PERCENT}); 100–200, above the minimum, at most 100 points above it.
     */
    maxHealthyPercentage?: number;
    /** Alarms that stop the refresh when they fire (at most 10, e.g. the monitoring's target-5xx alarm). */
    failOnAlarmNames?: pulumi.Input<string>[];
}

function warmup(value: number | undefined, property: string): number {
    return value === undefined ? DEFAULT_INSTANCE_WARMUP_SECONDS : requireWholeNumber(property, value, { min: 60, max: 1800 });
}

function rolloutWarmup(value: number | undefined): string {
    return String(
        value === undefined ? DEFAULT_INSTANCE_WARMUP_SECONDS : requireWholeNumber("instanceWarmupSeconds", value, NODE_WARMUP_SECONDS),
    );
}

/**
 * Rollout of the HTTP fleet: a rolling refresh that launches new nodes before it terminates old
 * ones (min 100 %, max 150 % by default), so a deploy never removes capacity during business hours;
 * nodes already on the new launch template are skipped; the load balancer's health decides. The
 * maintenance policy carries the same bounds, so a health replacement also launches first.
 *
 * Auto rollback stays off: EC2 Auto Scaling cannot roll back a group whose launch template takes its
 * AMI from an SSM parameter (`resolve:ssm:…`, as the nodes do) or a refresh started without a desired
 * configuration (as the provider starts it). Alarms can still stop a bad refresh midway.
 */
export function httpFleetRollout(options: HttpFleetRolloutOptions = {}): HttpFleetRollout {
    const min =
        options.minHealthyPercentage === undefined
            ? 100
            : requireWholeNumber("minHealthyPercentage", options.minHealthyPercentage, { min: 50, max: 100 });
    const max =
        options.maxHealthyPercentage === undefined
            ? HTTP_ROLLOUT_MAX_HEALTHY_PERCENT
            : requireWholeNumber("maxHealthyPercentage", options.maxHealthyPercentage, { min: 100, max: 200 });
    if (max <= min && !(max === 100 && min < 100)) {
        throw new OdooArgumentError(
            "maxHealthyPercentage",
            max,
            `a value above minHealthyPercentage (${min}), or 100 with a minimum below 100`,
            "otherwise the refresh can neither launch nor terminate",
        );
    }
    if (max - min > 100) {
        throw new OdooArgumentError("maxHealthyPercentage", max, `at most 100 points above minHealthyPercentage (${min})`);
    }
    const alarms = options.failOnAlarmNames ?? [];
    if (!Array.isArray(alarms) || alarms.length > 10) {
        throw new OdooArgumentError("failOnAlarmNames", alarms, "a list of at most 10 alarm names");
    }
    const preferences: InstanceRefreshPreferences = {
        minHealthyPercentage: min,
        maxHealthyPercentage: max,
        instanceWarmup: rolloutWarmup(options.instanceWarmupSeconds),
        skipMatching: true,
        autoRollback: false,
    };
    if (alarms.length > 0) {
        preferences.alarmSpecification = { alarms };
    }
    return {
        healthCheckType: "ELB",
        instanceRefresh: { strategy: "Rolling", preferences },
        instanceMaintenancePolicy: { minHealthyPercentage: min, maxHealthyPercentage: max },
    };
}

/** Options of {@link cronNodeRollout}. */
export interface CronNodeRolloutOptions {
    /** Seconds the new node gets before the refresh counts it. Default: {@link DEFAULT_INSTANCE_WARMUP_SECONDS}; 60–7200. */
    instanceWarmupSeconds?: number;
}

/**
 * Rollout of the node that runs cron (the cron node, or the single `http+cron` node): terminate,
 * then launch (min 0 %, max 100 %), so two nodes never run cron at once, not even for a minute —
 * in an instance refresh and, through the maintenance policy, in a health replacement.
 */
export function cronNodeRollout(options: CronNodeRolloutOptions = {}): CronNodeRollout {
    const bounds = { minHealthyPercentage: 0, maxHealthyPercentage: 100 };
    return {
        instanceRefresh: {
            strategy: "Rolling",
            preferences: {
                ...bounds,
                instanceWarmup: rolloutWarmup(options.instanceWarmupSeconds),
                skipMatching: true,
                autoRollback: false,
            },
        },
        instanceMaintenancePolicy: bounds,
    };
}

/** Arguments of {@link OdooFleetScaling}. */
export interface OdooFleetScalingArgs extends OdooFleetScalingOptions {
    /** The cluster; its declared users give the defaults through the capacity plan. */
    cluster: OdooClusterContext;
    /** Name of the HTTP fleet's Auto Scaling group (the nodes component's `httpGroupName`). */
    httpGroupName: pulumi.Input<string>;
    /** ARN suffix of the Application Load Balancer (`app/<name>/<id>`). */
    loadBalancerArnSuffix: pulumi.Input<string>;
    /** ARN suffix of the HTTP fleet's target group (`targetgroup/<name>/<id>`). */
    targetGroupArnSuffix: pulumi.Input<string>;
    /**
     * Single-node mode: the one `http+cron` node must never be duplicated, so no policy is created.
     * Default: the capacity plan's (single node up to 50 users).
     */
    singleNode?: boolean;
    /** Odoo workers per HTTP node; sets the default `requestsPerTarget`. Default: the capacity plan's. 1–64. */
    workersPerNode?: number;
}

/** Settings of {@link OdooFleetScaling}; also `operations.scaling` of OdooCluster. */
export interface OdooFleetScalingOptions {
    /**
     * ALB requests per node per minute the fleet is held at. Default: 60 per worker
     * (`workersPerNode` × 60, i.e. 360 for the guide's 6-worker node): a worker serves one request
     * at a time and this keeps it about half busy. 10–100000.
     */
    requestsPerTarget?: number;
    /** Average CPU of the fleet the CPU policy holds, percent. Default: 60; 20–75 (below the 80 % alarm). */
    cpuTargetPercent?: number;
    /** Seconds before a new node's metrics count towards the fleet's. Default: 300 (in OdooCluster: the nodes' health-check grace period, 900); 60–1800. */
    instanceWarmupSeconds?: number;
    /** Let the policies shrink the fleet back to its minimum when load drops. Default: true. */
    scaleIn?: boolean;
}

/** Validated arguments with their defaults. */
export interface ResolvedFleetScalingArgs {
    context: ResolvedClusterContext;
    singleNode: boolean;
    requestsPerTarget: number;
    cpuTargetPercent: number;
    instanceWarmupSeconds: number;
    scaleIn: boolean;
}

/** Validates {@link OdooFleetScalingArgs}. Pure; throws an OdooArgumentError. */
export function resolveFleetScalingArgs(args: OdooFleetScalingArgs): ResolvedFleetScalingArgs {
    if (!args || typeof args !== "object") {
        throw new OdooArgumentError("args", args, "an object with cluster, httpGroupName, loadBalancerArnSuffix and targetGroupArnSuffix");
    }
    const context = resolveClusterContext(args.cluster);
    const plan = capacityPlanOf(context);
    requireGroupName("httpGroupName", args.httpGroupName);
    requireAlbArnSuffix("loadBalancerArnSuffix", args.loadBalancerArnSuffix, "app");
    requireAlbArnSuffix("targetGroupArnSuffix", args.targetGroupArnSuffix, "targetgroup");
    if (args.singleNode !== undefined && typeof args.singleNode !== "boolean") {
        throw new OdooArgumentError("singleNode", args.singleNode, "true or false");
    }
    if (args.scaleIn !== undefined && typeof args.scaleIn !== "boolean") {
        throw new OdooArgumentError("scaleIn", args.scaleIn, "true or false");
    }
    const workersPerNode =
        args.workersPerNode === undefined
            ? plan.workersPerNode
            : requireWholeNumber("workersPerNode", args.workersPerNode, { min: 1, max: 64 });
    const requestsPerTarget =
        args.requestsPerTarget === undefined
            ? defaultRequestsPerTarget(workersPerNode)
            : requireWholeNumber("requestsPerTarget", args.requestsPerTarget, { min: 10, max: 100000 });
    const cpuTargetPercent =
        args.cpuTargetPercent === undefined
            ? DEFAULT_CPU_TARGET_PERCENT
            : requireWholeNumber("cpuTargetPercent", args.cpuTargetPercent, {
                  min: 20,
                  max: ALARM_THRESHOLDS.nodeCpuPercent - CPU_TARGET_MARGIN,
              });
    return {
        context,
        singleNode: args.singleNode ?? plan.singleNode,
        requestsPerTarget,
        cpuTargetPercent,
        instanceWarmupSeconds: warmup(args.instanceWarmupSeconds, "instanceWarmupSeconds"),
        scaleIn: args.scaleIn ?? true,
    };
}

/**
 * Target-tracking policies on the HTTP fleet: ALB requests per node, and average CPU. Auto Scaling
 * scales out when either asks and in only when both agree.
 */
export class OdooFleetScaling extends pulumi.ComponentResource {
    /** Names of the scaling policies (empty in single-node mode). */
    public readonly policyNames: pulumi.Output<string[]>;
    /** The ALB requests per node per minute the fleet is held at. */
    public readonly requestsPerTarget: pulumi.Output<number>;
    /** The average CPU the fleet is held at, percent. */
    public readonly cpuTargetPercent: pulumi.Output<number>;
    /** The resource label of the request-count metric (`app/…/…/targetgroup/…/…`). */
    public readonly resourceLabel: pulumi.Output<string>;

    constructor(name: string, args: OdooFleetScalingArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveFleetScalingArgs(args);
        super("odoo-aws:index:OdooFleetScaling", name, {}, opts);
        const resourceLabel = pulumi
            .all([args.loadBalancerArnSuffix, args.targetGroupArnSuffix])
            .apply(([lb, tg]) => albResourceLabel(lb, tg));
        const policies: aws.autoscaling.Policy[] = [];
        if (!resolved.singleNode) {
            const common = {
                autoscalingGroupName: args.httpGroupName,
                policyType: "TargetTrackingScaling",
                estimatedInstanceWarmup: resolved.instanceWarmupSeconds,
            };
            policies.push(
                new aws.autoscaling.Policy(
                    `${name}-requests`,
                    {
                        ...common,
                        targetTrackingConfiguration: {
                            predefinedMetricSpecification: { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel },
                            targetValue: resolved.requestsPerTarget,
                            disableScaleIn: !resolved.scaleIn,
                        },
                    },
                    { parent: this },
                ),
                new aws.autoscaling.Policy(
                    `${name}-cpu`,
                    {
                        ...common,
                        targetTrackingConfiguration: {
                            predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
                            targetValue: resolved.cpuTargetPercent,
                            disableScaleIn: !resolved.scaleIn,
                        },
                    },
                    { parent: this },
                ),
            );
        }
        this.policyNames = pulumi.all(policies.map((p) => p.name));
        this.requestsPerTarget = pulumi.output(resolved.requestsPerTarget);
        this.cpuTargetPercent = pulumi.output(resolved.cpuTargetPercent);
        this.resourceLabel = resourceLabel;
        this.registerOutputs({
            policyNames: this.policyNames,
            requestsPerTarget: this.requestsPerTarget,
            cpuTargetPercent: this.cpuTargetPercent,
            resourceLabel: this.resourceLabel,
        });
    }
}
