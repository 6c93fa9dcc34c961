/** IAM names: roles and users up to 64 characters, groups, managed policies and instance profiles up to 128, from letters, digits and _+=,.@-. */
import { IAM_NAME_MAX_LENGTH, IAM_QUOTAS_DOCS, iamNameProblems, inlinePolicyNameProblems } from "../../components/contract/awsLimits";
import { preflightRule, stringField } from "../support/preflightRule";

const KINDS: Record<string, { what: string; max: number }> = {
    "aws:iam/role:Role": { what: "role", max: IAM_NAME_MAX_LENGTH.role },
    "aws:iam/user:User": { what: "user", max: IAM_NAME_MAX_LENGTH.user },
    "aws:iam/group:Group": { what: "group", max: IAM_NAME_MAX_LENGTH.group },
    "aws:iam/policy:Policy": { what: "policy", max: IAM_NAME_MAX_LENGTH.policy },
    "aws:iam/instanceProfile:InstanceProfile": { what: "instance profile", max: IAM_NAME_MAX_LENGTH.instanceProfile },
};
const INLINE_POLICY = "aws:iam/rolePolicy:RolePolicy";
/** The provider appends 26 characters to a name prefix. */
const PREFIX_SUFFIX_LENGTH = 26;

export const iamName = preflightRule({
    name: "aws-iam-name",
    description:
        "IAM role and user names have at most 64 characters, group, policy and instance profile names at most 128, from letters, digits and _+=,.@-",
    url: IAM_QUOTAS_DOCS,
    types: [...Object.keys(KINDS), INLINE_POLICY],
    remediationSteps: "Shorten the name (or its prefix, which Pulumi extends by 26 characters) and use only letters, digits and _+=,.@-.",
    check: (fields, type) => {
        const name = stringField(fields, "name");
        if (type === INLINE_POLICY) {
            return name === undefined ? [] : inlinePolicyNameProblems(name);
        }
        const kind = KINDS[type];
        const problems = name === undefined ? [] : iamNameProblems(kind.what, name, kind.max);
        const prefix = stringField(fields, "namePrefix");
        if (prefix !== undefined) {
            problems.push(...iamNameProblems(`${kind.what} prefix`, prefix, kind.max - PREFIX_SUFFIX_LENGTH));
        }
        return problems;
    },
});
