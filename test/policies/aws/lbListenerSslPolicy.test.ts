import { lbListenerSslPolicy } from "../../../policies/aws/lbListenerSslPolicy";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: lbListenerSslPolicy,
    fixture: single({
        type: "aws:lb/listener:Listener",
        props: {
            port: 443,
            protocol: "HTTPS",
            certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/1",
            sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
        },
    }),
    subject: "subject",
    accepts: [{ title: "the 2016 policy the API defaults to", change: (p) => (p.sslPolicy = "ELBSecurityPolicy-2016-08") }],
    rejects: [
        {
            title: "a policy name without the ELBSecurityPolicy- prefix",
            change: (p) => (p.sslPolicy = "TLS13-1-2-2021-06"),
            message: /not one of AWS's predefined policies/,
        },
    ],
    unknown: { title: "a policy name from config computed at deploy", change: (p, unknown) => (p.sslPolicy = unknown("tls13")) },
});
