/** Auto Scaling refuses a group whose desired capacity is outside min…max, or whose min exceeds its max. */
import { AUTOSCALING_DOCS } from "../../components/contract/awsLimits";
import { numberField, preflightRule } from "../support/preflightRule";

export const autoscalingGroupSizes = preflightRule({
    name: "aws-autoscaling-group-sizes",
    description: "An Auto Scaling group has minSize ≤ desiredCapacity ≤ maxSize",
    url: AUTOSCALING_DOCS.createGroup,
    types: ["aws:autoscaling/group:Group"],
    remediationSteps: "Set minSize ≤ desiredCapacity ≤ maxSize (or leave desiredCapacity out to start at minSize).",
    check: (fields) => {
        const min = numberField(fields, "minSize");
        const max = numberField(fields, "maxSize");
        const desired = numberField(fields, "desiredCapacity");
        const problems: string[] = [];
        if (min !== undefined && max !== undefined && min > max) {
            problems.push(`minSize ${min} exceeds maxSize ${max}`);
        }
        if (desired !== undefined && min !== undefined && desired < min) {
            problems.push(`desiredCapacity ${desired} is below minSize ${min}`);
        }
        if (desired !== undefined && max !== undefined && desired > max) {
            problems.push(`desiredCapacity ${desired} exceeds maxSize ${max}`);
        }
        return problems;
    },
});
