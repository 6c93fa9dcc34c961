/** CloudWatch dashboard names: up to 255 letters, digits, hyphens and underscores. */
import { DASHBOARD_DOCS } from "../../components/contract/awsLimits";
import { preflightRule, stringField } from "../support/preflightRule";

export const dashboardName = preflightRule({
    name: "aws-cloudwatch-dashboard-name",
    description: "A CloudWatch dashboard name has 1–255 letters, digits, hyphens or underscores",
    url: DASHBOARD_DOCS,
    types: ["aws:cloudwatch/dashboard:Dashboard"],
    remediationSteps: "Use only letters, digits, - and _ (no dots or spaces), at most 255 characters.",
    check: (fields) => {
        const name = stringField(fields, "dashboardName");
        return name === undefined || /^[A-Za-z0-9_-]{1,255}$/.test(name)
            ? []
            : [`the dashboard name "${name}" is not 1–255 letters, digits, - or _`];
    },
});
