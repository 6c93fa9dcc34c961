import { iamName } from "../../../policies/aws/iamName";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: iamName,
    fixture: single({ type: "aws:iam/role:Role", props: { name: "erp-prod-node-role", assumeRolePolicy: "{}" } }),
    subject: "subject",
    accepts: [{ title: "a 64-character role name", change: (p) => (p.name = "r".repeat(64)) }],
    rejects: [
        { title: "a 65-character role name", change: (p) => (p.name = "r".repeat(65)), message: /65 characters long; accepted: 1–64/ },
        { title: "a space", change: (p) => (p.name = "erp node"), message: /characters other than letters, digits and _\+=,\.@-/ },
        {
            title: "a role name prefix over 38 characters",
            change: (p) => ((p.namePrefix = "p".repeat(39)), delete p.name),
            message: /role prefix name/,
        },
    ],
    unknown: { title: "a name from an output", change: (p, unknown) => (p.name = unknown("erp node")) },
});

describePreflightRule({
    rule: iamName,
    fixture: single({ type: "aws:iam/rolePolicy:RolePolicy", props: { role: "erp-role", name: "read-secrets", policy: "{}" } }),
    subject: "subject",
    rejects: [{ title: "an inline policy name with a slash", change: (p) => (p.name = "read/secrets"), message: /inline policy name/ }],
    unknown: { title: "an inline policy name from an output", change: (p, unknown) => (p.name = unknown("a b")) },
});
