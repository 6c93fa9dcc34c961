/** EC2 accepts a security-group rule's description only in the security-group character set, up to 255 characters. */
import { SECURITY_GROUP_TEXT_MAX_LENGTH, securityGroupTextProblems } from "../../components/contract/awsLimits";
import { objectList, preflightRule, stringField } from "../support/preflightRule";

const INLINE_RULES = ["ingress", "egress"];
const GROUP_TYPES = ["aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"];

export const securityGroupRuleDescription = preflightRule({
    name: "aws-security-group-rule-description",
    description: `A security-group rule's description uses only a-z A-Z 0-9, space and ._-:/()#,@[]+=&;{}!$* and has at most ${SECURITY_GROUP_TEXT_MAX_LENGTH} characters`,
    url: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html",
    types: [
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        "aws:ec2/securityGroupRule:SecurityGroupRule",
        "aws:ec2/securityGroup:SecurityGroup",
        "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    ],
    remediationSteps: "Rewrite the rule description without apostrophes, quotes, accents or other characters outside the set.",
    check: (fields, type) => {
        // A group's own description is aws-security-group-description's; here only its inline rules count.
        const own = GROUP_TYPES.includes(type) ? undefined : stringField(fields, "description");
        const problems = own === undefined ? [] : securityGroupTextProblems("the rule description", own);
        for (const key of INLINE_RULES) {
            objectList(fields, key).forEach((rule, i) => {
                const d = stringField(rule, "description");
                if (d !== undefined) {
                    problems.push(...securityGroupTextProblems(`the description of ${key}[${i}]`, d));
                }
            });
        }
        return problems;
    },
});
