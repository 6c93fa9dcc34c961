import { backupNames } from "../../../policies/aws/backupNames";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: backupNames,
    fixture: single({ type: "aws:backup/vault:Vault", props: { name: "odoo-erp-prod" } }),
    subject: "subject",
    rejects: [
        {
            title: "a vault name with a dot",
            change: (p) => (p.name = "odoo.erp"),
            message: /vault name "odoo.erp" is not 2–50 letters, digits, - or _/,
        },
        { title: "a 51-character vault name", change: (p) => (p.name = "v".repeat(51)), message: /not 2–50/ },
    ],
    unknown: { title: "a vault name from an output", change: (p, unknown) => (p.name = unknown("a.b")) },
});

describePreflightRule({
    rule: backupNames,
    fixture: single({ type: "aws:backup/selection:Selection", props: { name: "odoo-erp-prod.data", planId: "p", iamRoleArn: "arn" } }),
    subject: "subject",
    rejects: [{ title: "a selection name with a space", change: (p) => (p.name = "erp data"), message: /selection name "erp data"/ }],
    unknown: { title: "a selection name from an output", change: (p, unknown) => (p.name = unknown("a b")) },
});
