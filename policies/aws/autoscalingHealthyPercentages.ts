/**
 * Auto Scaling refuses an instance refresh or instance maintenance policy whose healthy percentages
 * are outside min 0–100 / max 100–200 or more than 100 apart; a maintenance policy needs both.
 */
import { AUTOSCALING_DOCS, healthyPercentageProblems } from "../../components/contract/awsLimits";
import { Fields, numberField, objectField, preflightRule } from "../support/preflightRule";

function percentages(block: Fields | undefined): { min?: number; max?: number } {
    return { min: numberField(block, "minHealthyPercentage"), max: numberField(block, "maxHealthyPercentage") };
}

export const autoscalingHealthyPercentages = preflightRule({
    name: "aws-autoscaling-healthy-percentages",
    description:
        "An instance refresh or instance maintenance policy keeps minHealthyPercentage in 0–100, maxHealthyPercentage in 100–200, at most 100 apart",
    url: AUTOSCALING_DOCS.maintenancePolicy,
    types: ["aws:autoscaling/group:Group"],
    remediationSteps:
        "Keep minHealthyPercentage 0–100 and maxHealthyPercentage 100–200 with max − min ≤ 100; give a maintenance policy both values.",
    check: (fields) => {
        const problems: string[] = [];
        const preferences = objectField(objectField(fields, "instanceRefresh"), "preferences");
        const refresh = percentages(preferences);
        // Left out, AWS uses 90; present but not known yet, the gap cannot be judged.
        const minWhenAbsent = preferences?.minHealthyPercentage === undefined ? 90 : null;
        problems.push(...healthyPercentageProblems(refresh.min, refresh.max, minWhenAbsent).map((p) => `instance refresh: ${p}`));
        const policyBlock = objectField(fields, "instanceMaintenancePolicy");
        if (policyBlock) {
            const policy = percentages(policyBlock);
            const rawMin = policyBlock.minHealthyPercentage;
            const rawMax = policyBlock.maxHealthyPercentage;
            // -1 clears a value; absent and known-absent differ from unknown, which is never judged.
            if ((rawMin === undefined) !== (rawMax === undefined) && (policy.min !== undefined || policy.max !== undefined)) {
                problems.push(
                    "instance maintenance policy: only one of minHealthyPercentage and maxHealthyPercentage is set; accepted: both",
                );
            } else if (policy.min !== -1 && policy.max !== -1) {
                problems.push(...healthyPercentageProblems(policy.min, policy.max, null).map((p) => `instance maintenance policy: ${p}`));
            }
        }
        return problems;
    },
});
