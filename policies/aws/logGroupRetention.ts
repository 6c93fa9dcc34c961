/** CloudWatch Logs keeps events for one of a fixed list of retentions. */
import { LOGS_DOCS, LOG_RETENTION_DAYS } from "../../components/contract/awsLimits";
import { numberField, preflightRule } from "../support/preflightRule";

export const logGroupRetention = preflightRule({
    name: "aws-cloudwatch-log-group-retention",
    description: `A log group's retentionInDays is one of ${LOG_RETENTION_DAYS.join(", ")} (or 0 / absent: never expire)`,
    url: LOGS_DOCS.retention,
    types: ["aws:cloudwatch/logGroup:LogGroup"],
    remediationSteps: "Round the retention to an offered value (e.g. 365 or 400, not 366).",
    check: (fields) => {
        const days = numberField(fields, "retentionInDays");
        return days === undefined || days === 0 || LOG_RETENTION_DAYS.includes(days)
            ? []
            : [`retentionInDays ${days} is not offered; accepted: ${LOG_RETENTION_DAYS.join(", ")}`];
    },
});
