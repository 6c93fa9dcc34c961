/** KMS schedules a key's deletion 7–30 days ahead. */
import { KMS_DELETION_WINDOW_DAYS, KMS_DOCS } from "../../components/contract/awsLimits";
import { numberField, preflightRule } from "../support/preflightRule";

export const kmsDeletionWindow = preflightRule({
    name: "aws-kms-deletion-window",
    description: "A KMS key's deletionWindowInDays is 7–30",
    url: KMS_DOCS,
    types: ["aws:kms/key:Key"],
    remediationSteps: "Set deletionWindowInDays between 7 and 30 (30, the default, gives the most time to notice a mistake).",
    check: (fields) => {
        const days = numberField(fields, "deletionWindowInDays");
        const { min, max } = KMS_DELETION_WINDOW_DAYS;
        return days === undefined || (days >= min && days <= max) ? [] : [`deletionWindowInDays ${days} is outside ${min}–${max}`];
    },
});
