/** A target group's deregistration delay is 0–3600 seconds. */
import { ELB_DOCS, deregistrationDelayProblems } from "../../components/contract/awsLimits";
import { AwsType } from "../support/awsTypes";
import { numberField, preflightRule } from "../support/preflightRule";

export const lbDeregistrationDelay = preflightRule({
    name: "aws-lb-target-group-deregistration-delay",
    description: "A target group's deregistration delay is 0–3600 seconds",
    url: ELB_DOCS.targetGroupAttributes,
    types: AwsType.TargetGroup,
    remediationSteps: "Set deregistrationDelay between 0 and 3600 seconds.",
    check: (fields) => {
        const seconds = numberField(fields, "deregistrationDelay");
        return seconds === undefined ? [] : deregistrationDelayProblems(seconds);
    },
});
