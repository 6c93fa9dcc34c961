/** A role's maximum session duration is 1–12 hours. */
import { IAM_ROLE_MAX_SESSION_SECONDS } from "../../components/contract/awsLimits";
import { numberField, preflightRule } from "../support/preflightRule";

export const iamRoleSessionDuration = preflightRule({
    name: "aws-iam-role-session-duration",
    description: "An IAM role's maxSessionDuration is 3600–43200 seconds",
    url: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html",
    types: ["aws:iam/role:Role"],
    remediationSteps: "Set maxSessionDuration between 3600 (1 hour) and 43200 (12 hours).",
    check: (fields) => {
        const seconds = numberField(fields, "maxSessionDuration");
        const { min, max } = IAM_ROLE_MAX_SESSION_SECONDS;
        return seconds === undefined || (seconds >= min && seconds <= max)
            ? []
            : [`maxSessionDuration ${seconds} s is outside ${min}–${max}`];
    },
});
