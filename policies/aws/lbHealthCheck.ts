/**
 * An HTTP(S) target group's health check: interval 5–300 s, timeout 2–120 s and shorter than the
 * interval, thresholds 2–10.
 */
import {
    ELB_DOCS,
    HEALTH_CHECK_INTERVAL_SECONDS,
    HEALTH_CHECK_THRESHOLD,
    HEALTH_CHECK_TIMEOUT_SECONDS,
    IntRange,
} from "../../components/contract/awsLimits";
import { AwsType } from "../support/awsTypes";
import { booleanField, numberField, objectField, preflightRule, stringField } from "../support/preflightRule";

function outside(what: string, value: number | undefined, range: IntRange): string[] {
    return value === undefined || (value >= range.min && value <= range.max)
        ? []
        : [`${what} ${value} is outside ${range.min}–${range.max}`];
}

export const lbHealthCheck = preflightRule({
    name: "aws-lb-target-group-health-check",
    description: "An HTTP(S) target group's health check has interval 5–300 s, timeout 2–120 s below the interval, and thresholds 2–10",
    url: ELB_DOCS.createTargetGroup,
    types: AwsType.TargetGroup,
    remediationSteps: "Keep interval 5–300 s, timeout 2–120 s and less than the interval, healthy and unhealthy thresholds 2–10.",
    check: (fields) => {
        const check = objectField(fields, "healthCheck");
        const protocol = stringField(fields, "protocol") ?? "HTTP";
        if (!check || booleanField(check, "enabled") === false || !protocol.startsWith("HTTP")) {
            return [];
        }
        const interval = numberField(check, "interval");
        const timeout = numberField(check, "timeout");
        const problems = [
            ...outside("the interval", interval, HEALTH_CHECK_INTERVAL_SECONDS),
            ...outside("the timeout", timeout, HEALTH_CHECK_TIMEOUT_SECONDS),
            ...outside("the healthy threshold", numberField(check, "healthyThreshold"), HEALTH_CHECK_THRESHOLD),
            ...outside("the unhealthy threshold", numberField(check, "unhealthyThreshold"), HEALTH_CHECK_THRESHOLD),
        ];
        // AWS defaults: interval 30 s, timeout 5 s for HTTP(S).
        if ((timeout ?? 5) >= (interval ?? 30) && (timeout !== undefined || interval !== undefined)) {
            problems.push(`the timeout ${timeout ?? 5} s is not shorter than the interval ${interval ?? 30} s`);
        }
        return problems;
    },
});
