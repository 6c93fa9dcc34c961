import { autoscalingHealthyPercentages } from "../../../policies/aws/autoscalingHealthyPercentages";
import { describePreflightRule, single } from "./preflightCases";

type Props = Record<string, Record<string, Record<string, unknown>>>;

describePreflightRule({
    rule: autoscalingHealthyPercentages,
    fixture: single({
        type: "aws:autoscaling/group:Group",
        props: {
            minSize: 1,
            maxSize: 1,
            instanceRefresh: { strategy: "Rolling", preferences: { minHealthyPercentage: 100, maxHealthyPercentage: 200 } },
            instanceMaintenancePolicy: { minHealthyPercentage: 100, maxHealthyPercentage: 200 },
        },
    }),
    subject: "subject",
    accepts: [
        {
            title: "terminate-first percentages (0 and 100)",
            change: (p) => ((p as Props).instanceRefresh.preferences = { minHealthyPercentage: 0, maxHealthyPercentage: 100 }),
        },
        { title: "no maintenance policy", change: (p) => delete p.instanceMaintenancePolicy },
    ],
    rejects: [
        {
            title: "a refresh with percentages more than 100 apart",
            change: (p) => ((p as Props).instanceRefresh.preferences.minHealthyPercentage = 50),
            message: /instance refresh: maxHealthyPercentage 200 is 150 above minHealthyPercentage 50/,
        },
        {
            title: "a refresh minimum above 100 %",
            change: (p) => ((p as Props).instanceRefresh.preferences.minHealthyPercentage = 110),
            message: /minHealthyPercentage 110 is outside 0–100/,
        },
        {
            title: "a maintenance policy with only one percentage",
            change: (p) => delete (p as Props).instanceMaintenancePolicy.minHealthyPercentage,
            message: /only one of/,
        },
    ],
    unknown: {
        title: "a refresh minimum from an output",
        change: (p, unknown) => ((p as Props).instanceRefresh.preferences.minHealthyPercentage = unknown(50)),
    },
});
