import { autoscalingTargetTracking } from "../../../policies/aws/autoscalingTargetTracking";
import { describePreflightRule, single } from "./preflightCases";

type Props = { targetTrackingConfiguration: Record<string, Record<string, unknown>> };

describePreflightRule({
    rule: autoscalingTargetTracking,
    fixture: single({
        type: "aws:autoscaling/policy:Policy",
        props: {
            autoscalingGroupName: "erp-http",
            policyType: "TargetTrackingScaling",
            targetTrackingConfiguration: {
                targetValue: 360,
                predefinedMetricSpecification: {
                    predefinedMetricType: "ALBRequestCountPerTarget",
                    resourceLabel: "app/erp/1/targetgroup/erp-web/2",
                },
            },
        },
    }),
    subject: "subject",
    accepts: [
        {
            title: "a CPU target without a label",
            change: (p) =>
                ((p as Props).targetTrackingConfiguration.predefinedMetricSpecification = {
                    predefinedMetricType: "ASGAverageCPUUtilization",
                }),
        },
    ],
    rejects: [
        {
            title: "ALBRequestCountPerTarget without its resource label",
            change: (p) => delete (p as Props).targetTrackingConfiguration.predefinedMetricSpecification.resourceLabel,
            message: /ALBRequestCountPerTarget has no resourceLabel/,
        },
        {
            title: "a configuration naming no metric",
            change: (p) => delete (p as Props).targetTrackingConfiguration.predefinedMetricSpecification,
            message: /names no metric/,
        },
    ],
    unknown: {
        title: "a metric type from an output",
        change: (p, unknown) =>
            ((p as Props).targetTrackingConfiguration.predefinedMetricSpecification = {
                predefinedMetricType: unknown("ALBRequestCountPerTarget"),
            }),
    },
});
