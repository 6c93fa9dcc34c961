import { kmsDeletionWindow } from "../../../policies/aws/kmsDeletionWindow";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: kmsDeletionWindow,
    fixture: single({ type: "aws:kms/key:Key", props: { description: "erp", enableKeyRotation: true, deletionWindowInDays: 30 } }),
    subject: "subject",
    accepts: [{ title: "the shortest window", change: (p) => (p.deletionWindowInDays = 7) }],
    rejects: [
        { title: "a window of 3 days", change: (p) => (p.deletionWindowInDays = 3), message: /deletionWindowInDays 3 is outside 7–30/ },
        { title: "a window of 90 days", change: (p) => (p.deletionWindowInDays = 90), message: /90 is outside 7–30/ },
    ],
    unknown: { title: "a window from an output", change: (p, unknown) => (p.deletionWindowInDays = unknown(1)) },
});
