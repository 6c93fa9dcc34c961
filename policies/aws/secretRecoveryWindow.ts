/** Secrets Manager deletes a secret at once (0) or after a 7–30 day recovery window. */
import { SECRETS_MANAGER_DOCS, SECRET_RECOVERY_WINDOW_DAYS } from "../../components/contract/awsLimits";
import { numberField, preflightRule } from "../support/preflightRule";

export const secretRecoveryWindow = preflightRule({
    name: "aws-secretsmanager-recovery-window",
    description: "A secret's recoveryWindowInDays is 0 or 7–30",
    url: SECRETS_MANAGER_DOCS,
    types: ["aws:secretsmanager/secret:Secret"],
    remediationSteps: "Set recoveryWindowInDays to 7–30 (or 0 to delete without recovery).",
    check: (fields) => {
        const days = numberField(fields, "recoveryWindowInDays");
        const { min, max } = SECRET_RECOVERY_WINDOW_DAYS;
        return days === undefined || days === 0 || (days >= min && days <= max)
            ? []
            : [`recoveryWindowInDays ${days} is neither 0 nor within ${min}–${max}`];
    },
});
