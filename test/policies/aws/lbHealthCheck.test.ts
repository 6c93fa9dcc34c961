import { lbHealthCheck } from "../../../policies/aws/lbHealthCheck";
import { describePreflightRule, single } from "./preflightCases";

type Props = { healthCheck: Record<string, unknown> };

describePreflightRule({
    rule: lbHealthCheck,
    fixture: single({
        type: "aws:lb/targetGroup:TargetGroup",
        props: {
            port: 8080,
            protocol: "HTTP",
            healthCheck: { path: "/web/health", interval: 15, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
        },
    }),
    subject: "subject",
    accepts: [
        { title: "AWS's defaults", change: (p) => ((p as Props).healthCheck = { path: "/web/health" }) },
        { title: "a TCP target group's checks", change: (p) => ((p.protocol = "TCP"), ((p as Props).healthCheck.timeout = 30)) },
    ],
    rejects: [
        {
            title: "a timeout as long as the interval",
            change: (p) => ((p as Props).healthCheck.timeout = 15),
            message: /timeout 15 s is not shorter than the interval 15 s/,
        },
        {
            title: "an interval over 300 s",
            change: (p) => ((p as Props).healthCheck.interval = 301),
            message: /interval 301 is outside 5–300/,
        },
        {
            title: "a healthy threshold of 1",
            change: (p) => ((p as Props).healthCheck.healthyThreshold = 1),
            message: /healthy threshold 1 is outside 2–10/,
        },
        {
            title: "a timeout above the default interval",
            change: (p) => ((p as Props).healthCheck = { timeout: 40 }),
            message: /not shorter than the interval 30 s/,
        },
    ],
    unknown: { title: "a timeout from an output", change: (p, unknown) => ((p as Props).healthCheck.timeout = unknown(20)) },
});
