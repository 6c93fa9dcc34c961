/** An Application Load Balancer's idle timeout is 1–4000 seconds. */
import { ELB_DOCS, idleTimeoutProblems } from "../../components/contract/awsLimits";
import { AwsType } from "../support/awsTypes";
import { numberField, preflightRule, stringField } from "../support/preflightRule";

export const lbIdleTimeout = preflightRule({
    name: "aws-lb-idle-timeout",
    description: "An Application Load Balancer's idle timeout is 1–4000 seconds",
    url: ELB_DOCS.loadBalancerAttributes,
    types: AwsType.LoadBalancer,
    remediationSteps: "Set idleTimeout between 1 and 4000 seconds (Odoo wants at least 720 for long reports and websockets).",
    check: (fields) => {
        const kind = stringField(fields, "loadBalancerType") ?? "application";
        const seconds = numberField(fields, "idleTimeout");
        return kind !== "application" || seconds === undefined ? [] : idleTimeoutProblems(seconds);
    },
});
