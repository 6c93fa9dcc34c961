import { secretRecoveryWindow } from "../../../policies/aws/secretRecoveryWindow";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: secretRecoveryWindow,
    fixture: single({ type: "aws:secretsmanager/secret:Secret", props: { recoveryWindowInDays: 30 } }),
    subject: "subject",
    accepts: [{ title: "immediate deletion (0)", change: (p) => (p.recoveryWindowInDays = 0) }],
    rejects: [
        {
            title: "a 3-day window",
            change: (p) => (p.recoveryWindowInDays = 3),
            message: /recoveryWindowInDays 3 is neither 0 nor within 7–30/,
        },
    ],
    unknown: { title: "a window from an output", change: (p, unknown) => (p.recoveryWindowInDays = unknown(3)) },
});
