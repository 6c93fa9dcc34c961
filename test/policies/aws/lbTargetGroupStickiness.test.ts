import { lbTargetGroupStickiness } from "../../../policies/aws/lbTargetGroupStickiness";
import { describePreflightRule, single } from "./preflightCases";

type Props = { stickiness: Record<string, unknown> };

describePreflightRule({
    rule: lbTargetGroupStickiness,
    fixture: single({
        type: "aws:lb/targetGroup:TargetGroup",
        props: { port: 8080, protocol: "HTTP", stickiness: { enabled: true, type: "lb_cookie", cookieDuration: 3600 } },
    }),
    subject: "subject",
    accepts: [
        {
            title: "application cookies on Odoo's session_id",
            change: (p) =>
                ((p as Props).stickiness = { enabled: true, type: "app_cookie", cookieName: "session_id", cookieDuration: 86400 }),
        },
        {
            title: "disabled stickiness with an out-of-range duration",
            change: (p) => ((p as Props).stickiness = { enabled: false, type: "lb_cookie", cookieDuration: 0 }),
        },
    ],
    rejects: [
        {
            title: "a cookie duration over 7 days",
            change: (p) => ((p as Props).stickiness.cookieDuration = 604801),
            message: /604801 is outside 1–604800/,
        },
        {
            title: "app_cookie without a cookie name",
            change: (p) => ((p as Props).stickiness.type = "app_cookie"),
            message: /no cookieName/,
        },
        {
            title: "app_cookie on the ALB's own cookie name",
            change: (p) => Object.assign((p as Props).stickiness, { type: "app_cookie", cookieName: "AWSALBAPP" }),
            message: /reserved by the load balancer/,
        },
    ],
    unknown: { title: "a cookie duration from an output", change: (p, unknown) => ((p as Props).stickiness.cookieDuration = unknown(0)) },
});
