/** EC2 accepts a security group's description only in its character set and up to 255 characters. */
import { SECURITY_GROUP_DOCS, securityGroupTextProblems } from "../../components/contract/awsLimits";
import { preflightRule, stringField } from "../support/preflightRule";

export const securityGroupDescription = preflightRule({
    name: "aws-security-group-description",
    description: "A security group's description uses only a-z A-Z 0-9, space and ._-:/()#,@[]+=&;{}!$* and has at most 255 characters",
    url: SECURITY_GROUP_DOCS,
    types: ["aws:ec2/securityGroup:SecurityGroup"],
    remediationSteps:
        "Rewrite the description without apostrophes, quotes, accents or other characters outside the set, in at most 255 characters.",
    check: (fields) => {
        const description = stringField(fields, "description");
        return description === undefined ? [] : securityGroupTextProblems("the description", description);
    },
});
