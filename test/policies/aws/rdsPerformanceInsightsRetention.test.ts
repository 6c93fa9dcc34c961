import { rdsPerformanceInsightsRetention } from "../../../policies/aws/rdsPerformanceInsightsRetention";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: rdsPerformanceInsightsRetention,
    fixture: single({
        type: "aws:rds/instance:Instance",
        props: { engine: "postgres", performanceInsightsEnabled: true, performanceInsightsRetentionPeriod: 7 },
    }),
    subject: "subject",
    accepts: [
        { title: "three months (93 days)", change: (p) => (p.performanceInsightsRetentionPeriod = 93) },
        { title: "two years (731 days)", change: (p) => (p.performanceInsightsRetentionPeriod = 731) },
    ],
    rejects: [
        { title: "30 days", change: (p) => (p.performanceInsightsRetentionPeriod = 30), message: /retention 30 days is not offered/ },
        {
            title: "94 days (AWS's own example of a refused value)",
            change: (p) => (p.performanceInsightsRetentionPeriod = 94),
            message: /94 days/,
        },
    ],
    unknown: { title: "a retention from an output", change: (p, unknown) => (p.performanceInsightsRetentionPeriod = unknown(30)) },
});
