/**
 * CloudWatch metric alarms: a period of 10, 20, 30 or a multiple of 60 s; an evaluation range of at
 * most a day (periods under an hour) or 7 days; no more datapoints to alarm than evaluation periods;
 * a name of at most 255 characters.
 */
import { ALARM_DOCS, ALARM_NAME_MAX_LENGTH, alarmEvaluationProblems } from "../../components/contract/awsLimits";
import { numberField, preflightRule, stringField } from "../support/preflightRule";

export const alarmEvaluation = preflightRule({
    name: "aws-cloudwatch-alarm-evaluation",
    description:
        "A metric alarm's period is 10, 20, 30 or a multiple of 60 s, period × evaluationPeriods stays within 1 day (7 days for hourly periods), datapointsToAlarm ≤ evaluationPeriods, and its name has at most 255 characters",
    url: ALARM_DOCS,
    types: ["aws:cloudwatch/metricAlarm:MetricAlarm"],
    remediationSteps:
        "Use a period of 60 s or a multiple; shorten the evaluation range or raise the period; keep datapointsToAlarm ≤ evaluationPeriods.",
    check: (fields) => {
        const problems = alarmEvaluationProblems(
            numberField(fields, "period"),
            numberField(fields, "evaluationPeriods"),
            numberField(fields, "datapointsToAlarm"),
        );
        const name = stringField(fields, "name");
        if (name !== undefined && (name.length === 0 || name.length > ALARM_NAME_MAX_LENGTH)) {
            problems.push(`the alarm name is ${name.length} characters long; accepted: 1–${ALARM_NAME_MAX_LENGTH}`);
        }
        return problems;
    },
});
