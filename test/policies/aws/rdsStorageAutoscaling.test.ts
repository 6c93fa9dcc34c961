import { rdsStorageAutoscaling } from "../../../policies/aws/rdsStorageAutoscaling";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: rdsStorageAutoscaling,
    fixture: single({ type: "aws:rds/instance:Instance", props: { engine: "postgres", allocatedStorage: 200, maxAllocatedStorage: 800 } }),
    subject: "subject",
    accepts: [{ title: "autoscaling turned off with 0", change: (p) => (p.maxAllocatedStorage = 0) }],
    rejects: [
        {
            title: "a maximum equal to the allocated storage",
            change: (p) => (p.maxAllocatedStorage = 200),
            message: /maxAllocatedStorage 200 GiB is not above allocatedStorage 200 GiB/,
        },
        { title: "a maximum below the allocated storage", change: (p) => (p.maxAllocatedStorage = 100), message: /not above/ },
    ],
    unknown: { title: "a maximum computed from another stack", change: (p, unknown) => (p.maxAllocatedStorage = unknown(50)) },
});
