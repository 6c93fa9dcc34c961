/**
 * How many instances an Auto Scaling group runs while it replaces one. An instance refresh (and any
 * replacement under an instance maintenance policy) whose maxHealthyPercentage is above 100 launches
 * the new instance before terminating the old one: a group of one runs two for a while. At 100 or
 * below (or without either setting) it terminates first.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-instance-maintenance-policy.html
 */
import { launchesBeforeTerminating } from "../../components/contract/awsLimits";
import { Fields, numberField, objectField } from "./preflightRule";
import { NOT_KNOWN, NotKnown, unproxied } from "./previewValues";

/** Where a group's replacements launch first, and how far above its size they may go. */
export interface LaunchFirst {
    /** Which setting says so: "instanceRefresh" or "instanceMaintenancePolicy". */
    setting: string;
    maxHealthyPercentage: number;
}

function percentageOf(block: Fields | undefined): number | NotKnown | undefined {
    if (!block || block.maxHealthyPercentage === undefined) {
        return undefined;
    }
    return numberField(block, "maxHealthyPercentage") ?? NOT_KNOWN;
}

/**
 * The setting that makes a group launch before terminating, NOT_KNOWN when a percentage that
 * decides it is not known yet, or undefined when the group terminates first.
 */
export function launchFirstOf(props: Record<string, unknown>): LaunchFirst | NotKnown | undefined {
    const fields = unproxied(props) as Fields;
    const candidates: [string, number | NotKnown | undefined][] = [
        ["instanceRefresh", percentageOf(objectField(objectField(fields, "instanceRefresh"), "preferences"))],
        ["instanceMaintenancePolicy", percentageOf(objectField(fields, "instanceMaintenancePolicy"))],
    ];
    let unknown = false;
    for (const [setting, pct] of candidates) {
        if (pct === NOT_KNOWN) {
            unknown = true;
        } else if (pct !== undefined && launchesBeforeTerminating(pct)) {
            return { setting, maxHealthyPercentage: pct };
        }
    }
    return unknown ? NOT_KNOWN : undefined;
}

/** The most instances a group of `maxSize` runs while replacing with `pct` % healthy at most: at least one more. */
export function peakDuringReplacement(maxSize: number, pct: number): number {
    return Math.max(maxSize + 1, Math.ceil((maxSize * pct) / 100));
}
