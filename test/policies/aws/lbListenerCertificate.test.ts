import { lbListenerCertificate } from "../../../policies/aws/lbListenerCertificate";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: lbListenerCertificate,
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
    accepts: [{ title: "a plain HTTP listener", change: (p) => ((p.protocol = "HTTP"), delete p.certificateArn, delete p.sslPolicy) }],
    rejects: [
        {
            title: "an HTTPS listener without a certificate",
            change: (p) => delete p.certificateArn,
            message: /HTTPS listener has no certificateArn/,
        },
    ],
    unknown: {
        title: "an HTTPS listener whose certificate ARN is not known yet (then it is there)",
        change: (p, unknown) => ((p.certificateArn = unknown("")), (p.protocol = "HTTPS")),
    },
});
