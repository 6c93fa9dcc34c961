import { autoscalingGroupSizes } from "../../../policies/aws/autoscalingGroupSizes";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: autoscalingGroupSizes,
    fixture: single({ type: "aws:autoscaling/group:Group", props: { minSize: 2, maxSize: 8, desiredCapacity: 5 } }),
    subject: "subject",
    accepts: [{ title: "no desired capacity", change: (p) => delete p.desiredCapacity }],
    rejects: [
        {
            title: "a desired capacity above maxSize",
            change: (p) => (p.desiredCapacity = 9),
            message: /desiredCapacity 9 exceeds maxSize 8/,
        },
        { title: "a desired capacity below minSize", change: (p) => (p.desiredCapacity = 1), message: /below minSize 2/ },
        {
            title: "minSize above maxSize",
            change: (p) => ((p.minSize = 9), delete p.desiredCapacity),
            message: /minSize 9 exceeds maxSize 8/,
        },
    ],
    unknown: { title: "a desired capacity from an output", change: (p, unknown) => (p.desiredCapacity = unknown(12)) },
});
