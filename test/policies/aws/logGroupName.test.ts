import { logGroupName } from "../../../policies/aws/logGroupName";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: logGroupName,
    fixture: single({ type: "aws:cloudwatch/logGroup:LogGroup", props: { name: "/odoo/erp/prod/odoo", retentionInDays: 365 } }),
    subject: "subject",
    accepts: [{ title: "a # and underscores", change: (p) => (p.name = "/aws/vpc/flow_logs#erp") }],
    rejects: [
        { title: "a space", change: (p) => (p.name = "/odoo/erp prod"), message: /has characters other than/ },
        { title: "a colon", change: (p) => (p.name = "odoo:erp"), message: /has characters other than/ },
        { title: "513 characters", change: (p) => (p.name = `/${"l".repeat(512)}`), message: /513 characters long; accepted: 1–512/ },
    ],
    unknown: { title: "a name from an output", change: (p, unknown) => (p.name = unknown("a b")) },
});
