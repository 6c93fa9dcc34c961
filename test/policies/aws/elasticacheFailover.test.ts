import { elasticacheFailover } from "../../../policies/aws/elasticacheFailover";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: elasticacheFailover,
    fixture: single({
        type: "aws:elasticache/replicationGroup:ReplicationGroup",
        props: { description: "sessions", numCacheClusters: 2, automaticFailoverEnabled: true, multiAzEnabled: true },
    }),
    subject: "subject",
    accepts: [
        {
            title: "one node without failover",
            change: (p) => Object.assign(p, { numCacheClusters: 1, automaticFailoverEnabled: false, multiAzEnabled: false }),
        },
    ],
    rejects: [
        {
            title: "automatic failover on one node",
            change: (p) => Object.assign(p, { numCacheClusters: 1, multiAzEnabled: false }),
            message: /automatic failover is on with 1 node/,
        },
        {
            title: "Multi-AZ without automatic failover",
            change: (p) => (p.automaticFailoverEnabled = false),
            message: /multiAzEnabled is true while automaticFailoverEnabled is false/,
        },
    ],
    unknown: { title: "a node count from an output", change: (p, unknown) => (p.numCacheClusters = unknown(1)) },
});
