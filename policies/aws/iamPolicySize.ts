/** IAM managed policies hold at most 6,144 characters and a role's inline policy at most 10,240 (whitespace not counted). */
import {
    IAM_MANAGED_POLICY_MAX_CHARS,
    IAM_QUOTAS_DOCS,
    IAM_ROLE_INLINE_POLICIES_MAX_CHARS,
    policyDocumentSize,
} from "../../components/contract/awsLimits";
import { preflightRule, stringField } from "../support/preflightRule";

const LIMITS: Record<string, { what: string; max: number }> = {
    "aws:iam/policy:Policy": { what: "managed policy", max: IAM_MANAGED_POLICY_MAX_CHARS },
    "aws:iam/rolePolicy:RolePolicy": { what: "inline role policy", max: IAM_ROLE_INLINE_POLICIES_MAX_CHARS },
};

export const iamPolicySize = preflightRule({
    name: "aws-iam-policy-size",
    description:
        "An IAM managed policy document has at most 6,144 characters and an inline role policy at most 10,240, whitespace not counted",
    url: IAM_QUOTAS_DOCS,
    types: Object.keys(LIMITS),
    remediationSteps: "Split the document into several policies, or use wildcards and conditions instead of long resource lists.",
    check: (fields, type) => {
        const document = stringField(fields, "policy");
        const limit = LIMITS[type];
        const size = document === undefined ? 0 : policyDocumentSize(document);
        return size > limit.max ? [`the ${limit.what} document has ${size} characters; accepted: at most ${limit.max}`] : [];
    },
});
