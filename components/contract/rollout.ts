/**
 * How long a deploy's rollout can take, and so how long each step that waits for it must wait.
 * Pure; the cluster computes it once, hands the results to OdooUpgrade and OdooHealthGate, and the
 * offline preview prints it.
 *
 * A deploy rolls out in this order:
 *   1. the cron node (terminate first, then launch: never two cron nodes), which runs the module
 *      upgrade once it is up (OdooUpgrade);
 *   2. the HTTP fleet, only after the upgrade: new code never serves an old schema;
 *   3. the health gate, after the fleet's refresh.
 *
 * An instance refresh replaces instances in batches. Per batch: a launch, the warm-up (the
 * node's health-check grace period), then the old instances' deregistration delay (in-flight
 * requests and websockets drain) and their termination. The refresh with a launch-first window
 * (maximum healthy above 100 %) launches `desired × (max − 100) %` at a time; a terminate-first one
 * (maximum 100 %) replaces `desired × (100 − min) %` at a time, at least one instance either way.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/instance-refresh-overview.html
 */
import { requireWholeNumber } from "./errors";

/** Seconds from a launch request to an instance that starts its boot (EC2 pending → running). */
export const INSTANCE_LAUNCH_SECONDS = 180;
/** Seconds to stop Odoo (docker stop, 60 s) and shut an instance down. */
export const INSTANCE_TERMINATION_SECONDS = 180;
/** Margin on top of every computed wait: a slow API call, a retried launch. */
export const ROLLOUT_MARGIN_SECONDS = 600;

/** What the rollout's length depends on. */
export interface RolloutInputs {
    /** One `http+cron` node instead of a fleet plus a cron node. */
    singleNode: boolean;
    /** The largest size the HTTP fleet may have when a refresh starts (autoscaling may have grown it). */
    httpNodesMax: number;
    /** The HTTP refresh's minimum and maximum healthy percentages. */
    httpMinHealthyPercentage: number;
    httpMaxHealthyPercentage: number;
    /** Warm-up of a new node (its health-check grace period), seconds. */
    warmupSeconds: number;
    /** The target group's deregistration delay, seconds. */
    deregistrationDelaySeconds: number;
}

/** The rollout, in seconds, and what waits for it. */
export interface RolloutTimeline {
    /** Replacing the node that runs cron (terminate, launch, warm-up; a single node also drains). */
    cronNodeSeconds: number;
    /** Batches of the HTTP fleet's refresh at its largest size (0 for a single node). */
    httpBatches: number;
    /** The HTTP fleet's refresh (0 for a single node: its one group is the cron node's). */
    httpFleetSeconds: number;
    /** What OdooUpgrade waits at most for the cron node's refresh and the node to be online. */
    upgradeNodeWaitSeconds: number;
    /** What OdooHealthGate waits at most: the refresh it follows, plus its own checks. */
    healthGateSeconds: number;
}

/** Instances replaced per batch of a refresh of `desired` instances. */
export function refreshBatchSize(desired: number, minHealthyPercentage: number, maxHealthyPercentage: number): number {
    const share = maxHealthyPercentage > 100 ? maxHealthyPercentage - 100 : 100 - minHealthyPercentage;
    return Math.max(1, Math.floor((desired * share) / 100));
}

/** The rollout of a deploy and the waits computed from it. */
export function rolloutTimeline(input: RolloutInputs): RolloutTimeline {
    const perBatch = (drains: boolean) =>
        INSTANCE_LAUNCH_SECONDS + input.warmupSeconds + (drains ? input.deregistrationDelaySeconds : 0) + INSTANCE_TERMINATION_SECONDS;
    // The single node serves users, so it drains from the target group; the cron node is in none.
    const cronNodeSeconds = perBatch(input.singleNode);
    const httpBatches = input.singleNode
        ? 0
        : Math.ceil(
              input.httpNodesMax / refreshBatchSize(input.httpNodesMax, input.httpMinHealthyPercentage, input.httpMaxHealthyPercentage),
          );
    const httpFleetSeconds = httpBatches * perBatch(true);
    return {
        cronNodeSeconds,
        httpBatches,
        httpFleetSeconds,
        upgradeNodeWaitSeconds: cronNodeSeconds + ROLLOUT_MARGIN_SECONDS,
        // Without the upgrade step both groups refresh at once; with it, one after the other and the
        // gate starts after the upgrade. The longer of the two covers both orders.
        healthGateSeconds: Math.max(cronNodeSeconds, httpFleetSeconds) + ROLLOUT_MARGIN_SECONDS,
    };
}

/**
 * A wait of `property`: the rollout it waits for by default, and never less than it (a shorter
 * wait fails every deploy that replaces the node). 60 to 14400 seconds.
 */
export function waitAtLeastTheRollout(property: string, value: unknown, rolloutSeconds: number | undefined, fallback: number): number {
    const rollout =
        rolloutSeconds === undefined ? undefined : requireWholeNumber("rolloutSeconds", rolloutSeconds, { min: 1, max: MAX_WAIT_SECONDS });
    if (value === undefined) {
        return rollout ?? fallback;
    }
    return requireWholeNumber(property, value, { min: Math.max(60, rollout ?? 0), max: MAX_WAIT_SECONDS });
}

/** The longest any deploy step waits for a rollout: four hours. */
export const MAX_WAIT_SECONDS = 14400;
