/** Application Load Balancers take only AWS's predefined security policies. */
import { ELB_DOCS, sslPolicyProblems } from "../../components/contract/awsLimits";
import { AwsType } from "../support/awsTypes";
import { preflightRule, stringField } from "../support/preflightRule";

export const lbListenerSslPolicy = preflightRule({
    name: "aws-lb-listener-ssl-policy",
    description: "An HTTPS listener's security policy is one of AWS's predefined ELBSecurityPolicy-* policies",
    url: ELB_DOCS.securityPolicies,
    types: AwsType.Listener,
    remediationSteps:
        "Use a predefined policy, e.g. ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 (aws elbv2 describe-ssl-policies lists them).",
    check: (fields) => {
        const protocol = stringField(fields, "protocol");
        const policy = stringField(fields, "sslPolicy");
        return protocol !== "HTTPS" || policy === undefined ? [] : sslPolicyProblems(policy);
    },
});
