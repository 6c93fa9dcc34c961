import { elasticacheReplicationGroupId } from "../../../policies/aws/elasticacheReplicationGroupId";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: elasticacheReplicationGroupId,
    fixture: single({
        type: "aws:elasticache/replicationGroup:ReplicationGroup",
        props: { replicationGroupId: "erp-prod-sessions", description: "sessions" },
    }),
    subject: "subject",
    rejects: [
        {
            title: "a 41-character ID",
            change: (p) => (p.replicationGroupId = `e${"s".repeat(40)}`),
            message: /41 characters long; accepted: 1–40/,
        },
        {
            title: "an ID with an underscore",
            change: (p) => (p.replicationGroupId = "erp_sessions"),
            message: /other than letters, digits and hyphens/,
        },
    ],
    unknown: { title: "an ID from an output", change: (p, unknown) => (p.replicationGroupId = unknown("erp_sessions")) },
});
