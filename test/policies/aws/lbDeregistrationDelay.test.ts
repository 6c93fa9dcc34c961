import { lbDeregistrationDelay } from "../../../policies/aws/lbDeregistrationDelay";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: lbDeregistrationDelay,
    fixture: single({ type: "aws:lb/targetGroup:TargetGroup", props: { port: 8080, protocol: "HTTP", deregistrationDelay: 720 } }),
    subject: "subject",
    accepts: [
        { title: "no delay at all", change: (p) => (p.deregistrationDelay = 0) },
        { title: "the delay as the provider's string", change: (p) => (p.deregistrationDelay = "3600") },
    ],
    rejects: [
        {
            title: "a delay above an hour",
            change: (p) => (p.deregistrationDelay = 4000),
            message: /deregistration delay 4000 is outside 0–3600/,
        },
    ],
    unknown: { title: "a delay computed from the idle timeout at deploy", change: (p, unknown) => (p.deregistrationDelay = unknown(4000)) },
});
