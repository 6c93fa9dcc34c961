import { iamRoleSessionDuration } from "../../../policies/aws/iamRoleSessionDuration";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: iamRoleSessionDuration,
    fixture: single({ type: "aws:iam/role:Role", props: { assumeRolePolicy: "{}", maxSessionDuration: 3600 } }),
    subject: "subject",
    accepts: [{ title: "12 hours", change: (p) => (p.maxSessionDuration = 43200) }],
    rejects: [
        { title: "30 minutes", change: (p) => (p.maxSessionDuration = 1800), message: /1800 s is outside 3600–43200/ },
        { title: "a day", change: (p) => (p.maxSessionDuration = 86400), message: /86400 s/ },
    ],
    unknown: { title: "a duration from an output", change: (p, unknown) => (p.maxSessionDuration = unknown(60)) },
});
