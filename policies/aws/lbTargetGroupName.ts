/** ELB accepts a target-group name of at most 32 alphanumerics or hyphens, no hyphen at either end. */
import { ELB_DOCS, ELB_NAME_PREFIX_MAX_LENGTH, elbNameProblems } from "../../components/contract/awsLimits";
import { AwsType } from "../support/awsTypes";
import { preflightRule, stringField } from "../support/preflightRule";

export const lbTargetGroupName = preflightRule({
    name: "aws-lb-target-group-name",
    description: "A target group's name has at most 32 alphanumerics or hyphens, no hyphen first or last",
    url: ELB_DOCS.createTargetGroup,
    types: AwsType.TargetGroup,
    remediationSteps: `Shorten or rename it (a name prefix has at most ${ELB_NAME_PREFIX_MAX_LENGTH} characters), using only letters, digits and inner hyphens.`,
    check: (fields) => {
        const name = stringField(fields, "name");
        const prefix = stringField(fields, "namePrefix");
        const problems = name === undefined ? [] : elbNameProblems("target group", name);
        if (prefix !== undefined && (prefix.length > ELB_NAME_PREFIX_MAX_LENGTH || !/^[a-zA-Z0-9][a-zA-Z0-9-]*$/.test(prefix))) {
            problems.push(
                `the name prefix "${prefix}" is not 1–${ELB_NAME_PREFIX_MAX_LENGTH} alphanumerics or hyphens starting with one of the former`,
            );
        }
        return problems;
    },
});
