/** EC2 accepts a launch template name of 3–128 characters from a-z A-Z 0-9 ( ) . - / _. */
import { preflightRule, stringField } from "../support/preflightRule";

const URL = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html";

export const launchTemplateName = preflightRule({
    name: "aws-launch-template-name",
    description: "A launch template's name has 3–128 characters from a-z A-Z 0-9 ( ) . - / _",
    url: URL,
    types: ["aws:ec2/launchTemplate:LaunchTemplate"],
    remediationSteps: "Use 3–128 letters, digits and ( ) . - / _ (a name prefix leaves 26 characters to Pulumi's suffix).",
    check: (fields) => {
        const problems: string[] = [];
        const name = stringField(fields, "name");
        if (name !== undefined && !/^[a-zA-Z0-9().\-/_]{3,128}$/.test(name)) {
            problems.push(`the name "${name}" is not 3–128 characters from a-z A-Z 0-9 ( ) . - / _`);
        }
        const prefix = stringField(fields, "namePrefix");
        if (prefix !== undefined && !/^[a-zA-Z0-9().\-/_]{0,102}$/.test(prefix)) {
            problems.push(`the name prefix "${prefix}" is not up to 102 characters from a-z A-Z 0-9 ( ) . - / _`);
        }
        return problems;
    },
});
