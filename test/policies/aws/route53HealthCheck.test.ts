import { route53HealthCheck } from "../../../policies/aws/route53HealthCheck";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: route53HealthCheck,
    fixture: single({
        type: "aws:route53/healthCheck:HealthCheck",
        props: { type: "HTTPS", fqdn: "erp.example.com", resourcePath: "/web/health", requestInterval: 30, failureThreshold: 3 },
    }),
    subject: "subject",
    accepts: [{ title: "fast checks every 10 s", change: (p) => (p.requestInterval = 10) }],
    rejects: [
        { title: "an interval of 60 s", change: (p) => (p.requestInterval = 60), message: /requestInterval 60 s is neither 10 nor 30/ },
        { title: "a failure threshold of 11", change: (p) => (p.failureThreshold = 11), message: /failureThreshold 11 is outside 1–10/ },
    ],
    unknown: { title: "an interval from an output", change: (p, unknown) => (p.requestInterval = unknown(60)) },
});
