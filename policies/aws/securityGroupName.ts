/** EC2 accepts a security group's name only in its character set, up to 255 characters, not starting with "sg-". */
import {
    SECURITY_GROUP_DOCS,
    SECURITY_GROUP_TEXT_MAX_LENGTH,
    securityGroupNameProblems,
    securityGroupTextProblems,
} from "../../components/contract/awsLimits";
import { preflightRule, stringField } from "../support/preflightRule";

/** The provider appends 26 characters to a name prefix. */
const PREFIX_SUFFIX_LENGTH = 26;

export const securityGroupName = preflightRule({
    name: "aws-security-group-name",
    description: "A security group's name uses the security-group character set, has at most 255 characters and does not start with sg-",
    url: SECURITY_GROUP_DOCS,
    types: ["aws:ec2/securityGroup:SecurityGroup"],
    remediationSteps:
        "Name the group with a-z A-Z 0-9, space and ._-:/()#,@[]+=&;{}!$* only, at most 255 characters, not starting with sg- (or leave the name to Pulumi).",
    check: (fields) => {
        const name = stringField(fields, "name");
        const prefix = stringField(fields, "namePrefix");
        const problems = name === undefined ? [] : securityGroupNameProblems(name);
        if (prefix !== undefined) {
            problems.push(...securityGroupTextProblems("the name prefix", prefix));
            if (prefix.length + PREFIX_SUFFIX_LENGTH > SECURITY_GROUP_TEXT_MAX_LENGTH) {
                problems.push(
                    `the name prefix is ${prefix.length} characters long; accepted: at most ${SECURITY_GROUP_TEXT_MAX_LENGTH - PREFIX_SUFFIX_LENGTH}`,
                );
            }
            if (prefix.toLowerCase().startsWith("sg-")) {
                problems.push(`the name prefix "${prefix}" starts with "sg-"; accepted: any other start`);
            }
        }
        return problems;
    },
});
