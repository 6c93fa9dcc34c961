/** A target-tracking policy on ALBRequestCountPerTarget needs the target group's resource label. */
import { objectField, preflightRule, stringField } from "../support/preflightRule";

const URL = "https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_PredefinedMetricSpecification.html";

export const autoscalingTargetTracking = preflightRule({
    name: "aws-autoscaling-target-tracking",
    description: "A target-tracking scaling policy names exactly one metric, and ALBRequestCountPerTarget comes with its resource label",
    url: URL,
    types: ["aws:autoscaling/policy:Policy"],
    remediationSteps:
        "Give the policy either predefinedMetricSpecification or customizedMetricSpecification; for ALBRequestCountPerTarget set resourceLabel to app/<lb-name>/<lb-id>/targetgroup/<tg-name>/<tg-id>.",
    check: (fields) => {
        if (stringField(fields, "policyType") !== "TargetTrackingScaling") {
            return [];
        }
        const config = objectField(fields, "targetTrackingConfiguration");
        if (!config) {
            return [];
        }
        const predefined = config.predefinedMetricSpecification;
        const customized = config.customizedMetricSpecification;
        if (predefined !== undefined && customized !== undefined) {
            return ["the target-tracking configuration has both a predefined and a customized metric; accepted: exactly one"];
        }
        if (predefined === undefined && customized === undefined) {
            return ["the target-tracking configuration names no metric; accepted: a predefined or a customized metric"];
        }
        const spec = objectField(config, "predefinedMetricSpecification");
        if (stringField(spec, "predefinedMetricType") === "ALBRequestCountPerTarget" && spec?.resourceLabel === undefined) {
            return ["ALBRequestCountPerTarget has no resourceLabel; accepted: the label of the target group it counts"];
        }
        return [];
    },
});
