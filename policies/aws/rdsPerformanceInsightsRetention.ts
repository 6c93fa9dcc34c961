/** Performance Insights keeps data 7 days, 31 × 1–23 months, or 731 days: nothing else. */
import { RDS_DOCS, performanceInsightsRetentionProblems } from "../../components/contract/awsLimits";
import { booleanField, numberField, preflightRule } from "../support/preflightRule";

export const rdsPerformanceInsightsRetention = preflightRule({
    name: "aws-rds-performance-insights-retention",
    description: "Performance Insights retention is 7, a multiple of 31 up to 713, or 731 days",
    url: RDS_DOCS.createInstance,
    types: ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster", "aws:rds/clusterInstance:ClusterInstance"],
    remediationSteps: "Use 7 (free tier), 31 × months (1–23) or 731.",
    check: (fields) => {
        const days = numberField(fields, "performanceInsightsRetentionPeriod");
        return days === undefined || booleanField(fields, "performanceInsightsEnabled") === false
            ? []
            : performanceInsightsRetentionProblems(days);
    },
});
