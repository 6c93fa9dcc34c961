/** Route 53 health checks run every 10 or 30 seconds and fail after 1–10 consecutive failures. */
import { ROUTE53_DOCS, ROUTE53_FAILURE_THRESHOLD, ROUTE53_HEALTH_CHECK_INTERVALS } from "../../components/contract/awsLimits";
import { numberField, preflightRule } from "../support/preflightRule";

export const route53HealthCheck = preflightRule({
    name: "aws-route53-health-check",
    description: "A Route 53 health check's requestInterval is 10 or 30 seconds and its failureThreshold 1–10",
    url: ROUTE53_DOCS.healthCheck,
    types: ["aws:route53/healthCheck:HealthCheck"],
    remediationSteps: "Use requestInterval 10 or 30 and failureThreshold 1–10.",
    check: (fields) => {
        const problems: string[] = [];
        const interval = numberField(fields, "requestInterval");
        if (interval !== undefined && !ROUTE53_HEALTH_CHECK_INTERVALS.includes(interval)) {
            problems.push(`requestInterval ${interval} s is neither 10 nor 30`);
        }
        const threshold = numberField(fields, "failureThreshold");
        if (threshold !== undefined && (threshold < ROUTE53_FAILURE_THRESHOLD.min || threshold > ROUTE53_FAILURE_THRESHOLD.max)) {
            problems.push(`failureThreshold ${threshold} is outside ${ROUTE53_FAILURE_THRESHOLD.min}–${ROUTE53_FAILURE_THRESHOLD.max}`);
        }
        return problems;
    },
});
