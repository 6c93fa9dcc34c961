import { dashboardName } from "../../../policies/aws/dashboardName";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: dashboardName,
    fixture: single({ type: "aws:cloudwatch/dashboard:Dashboard", props: { dashboardName: "odoo-erp-prod", dashboardBody: "{}" } }),
    subject: "subject",
    rejects: [
        { title: "a dot", change: (p) => (p.dashboardName = "odoo.erp"), message: /not 1–255 letters, digits, - or _/ },
        { title: "a space", change: (p) => (p.dashboardName = "odoo erp"), message: /not 1–255/ },
    ],
    unknown: { title: "a name from an output", change: (p, unknown) => (p.dashboardName = unknown("a.b")) },
});
