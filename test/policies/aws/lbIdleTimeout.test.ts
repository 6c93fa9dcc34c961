import { lbIdleTimeout } from "../../../policies/aws/lbIdleTimeout";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: lbIdleTimeout,
    fixture: single({ type: "aws:alb/loadBalancer:LoadBalancer", props: { loadBalancerType: "application", idleTimeout: 720 } }),
    subject: "subject",
    accepts: [
        { title: "the maximum of 4000 s", change: (p) => (p.idleTimeout = 4000) },
        {
            title: "a network load balancer (no idle timeout attribute of this kind)",
            change: (p) => ((p.loadBalancerType = "network"), (p.idleTimeout = 5000)),
        },
    ],
    rejects: [
        { title: "an idle timeout of 4001 s", change: (p) => (p.idleTimeout = 4001), message: /idle timeout 4001 is outside 1–4000/ },
        { title: "an idle timeout of 0", change: (p) => (p.idleTimeout = 0), message: /outside 1–4000/ },
    ],
    unknown: { title: "an idle timeout from config computed at deploy", change: (p, unknown) => (p.idleTimeout = unknown(5000)) },
});
