/** CloudWatch Logs group names: 1–512 characters from a-z A-Z 0-9 . - _ / #. */
import { LOGS_DOCS, logGroupNameProblems } from "../../components/contract/awsLimits";
import { preflightRule, stringField } from "../support/preflightRule";

export const logGroupName = preflightRule({
    name: "aws-cloudwatch-log-group-name",
    description: "A log group name has 1–512 characters from a-z A-Z 0-9 . - _ / #",
    url: LOGS_DOCS.createLogGroup,
    types: ["aws:cloudwatch/logGroup:LogGroup"],
    remediationSteps: "Name log groups like /odoo/<cluster>/<env>/odoo: letters, digits and . - _ / # only.",
    check: (fields) => {
        const name = stringField(fields, "name");
        return name === undefined ? [] : logGroupNameProblems(name);
    },
});
