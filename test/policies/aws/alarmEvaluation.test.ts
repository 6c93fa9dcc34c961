import { alarmEvaluation } from "../../../policies/aws/alarmEvaluation";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: alarmEvaluation,
    fixture: single({
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        props: {
            name: "odoo-erp-prod-http-cpu",
            comparisonOperator: "GreaterThanThreshold",
            metricName: "CPUUtilization",
            period: 300,
            evaluationPeriods: 3,
            datapointsToAlarm: 2,
            threshold: 80,
        },
    }),
    subject: "subject",
    accepts: [
        { title: "a high-resolution period of 10 s", change: (p) => ((p.period = 10), (p.evaluationPeriods = 6)) },
        { title: "a week of hourly periods", change: (p) => ((p.period = 3600), (p.evaluationPeriods = 168), (p.datapointsToAlarm = 1)) },
    ],
    rejects: [
        { title: "a 90-second period", change: (p) => (p.period = 90), message: /period 90 s is not offered/ },
        {
            title: "more than a day of 5-minute periods",
            change: (p) => (p.evaluationPeriods = 289),
            message: /period × evaluationPeriods = 86700 s; accepted: at most 86400 s/,
        },
        {
            title: "more datapoints than periods",
            change: (p) => (p.datapointsToAlarm = 4),
            message: /datapointsToAlarm 4 exceeds evaluationPeriods 3/,
        },
        { title: "a name over 255 characters", change: (p) => (p.name = "a".repeat(256)), message: /256 characters long; accepted: 1–255/ },
    ],
    unknown: { title: "an evaluation count from an output", change: (p, unknown) => (p.evaluationPeriods = unknown(1000)) },
});
