import { lbTargetGroupName } from "../../../policies/aws/lbTargetGroupName";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: lbTargetGroupName,
    fixture: single({ type: "aws:lb/targetGroup:TargetGroup", props: { name: "erp-prod-web", port: 8080, protocol: "HTTP" } }),
    subject: "subject",
    accepts: [{ title: "the older alb token's target group", change: (p) => (p.name = "erp-web") }],
    rejects: [
        {
            title: "a name one character too long",
            change: (p) => (p.name = "odoo-erp-production-web-8080-tg-x"),
            message: /33 characters long/,
        },
        { title: "a leading hyphen", change: (p) => (p.name = "-erp"), message: /begins or ends with a hyphen/ },
        { title: "a dot", change: (p) => (p.name = "erp.web"), message: /"\."/ },
    ],
    unknown: { title: "a name from an output", change: (p, unknown) => (p.name = unknown("erp.web")) },
});
