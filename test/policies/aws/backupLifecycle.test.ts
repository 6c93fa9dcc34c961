import { backupLifecycle } from "../../../policies/aws/backupLifecycle";
import { describePreflightRule, single } from "./preflightCases";

type Rule = { lifecycle: Record<string, unknown>; copyActions?: { destinationVaultArn: string; lifecycle: Record<string, unknown> }[] };
const rules = (p: Record<string, unknown>) => p.rules as Rule[];

describePreflightRule({
    rule: backupLifecycle,
    fixture: single({
        type: "aws:backup/plan:Plan",
        props: {
            name: "odoo-erp-prod",
            rules: [
                { ruleName: "daily", targetVaultName: "v", schedule: "cron(0 3 * * ? *)", lifecycle: { deleteAfter: 35 } },
                {
                    ruleName: "monthly",
                    targetVaultName: "v",
                    schedule: "cron(0 3 1 * ? *)",
                    lifecycle: { coldStorageAfter: 30, deleteAfter: 365 },
                },
            ],
        },
    }),
    subject: "subject",
    accepts: [{ title: "exactly 90 days in cold storage", change: (p) => (rules(p)[1].lifecycle.deleteAfter = 120) }],
    rejects: [
        {
            title: "deletion 89 days after the move to cold storage",
            change: (p) => (rules(p)[1].lifecycle.deleteAfter = 119),
            message: /rule monthly: deleteAfter 119 days is less than 90 days after coldStorageAfter 30/,
        },
        {
            title: "a cross-region copy kept too briefly in cold storage",
            change: (p) =>
                (rules(p)[0].copyActions = [
                    {
                        destinationVaultArn: "arn:aws:backup:eu-west-1:1:backup-vault:dr",
                        lifecycle: { coldStorageAfter: 7, deleteAfter: 30 },
                    },
                ]),
            message: /rule daily copy action 0/,
        },
    ],
    unknown: {
        title: "a retention from config computed at deploy",
        change: (p, unknown) => (rules(p)[1].lifecycle.deleteAfter = unknown(40)),
    },
});
