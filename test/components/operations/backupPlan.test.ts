import { strict as assert } from "node:assert";
import * as aws from "@pulumi/aws";
import { BACKUP_RETENTION, OdooBackupPlan, OdooBackupPlanArgs, backupRetentionFor } from "../../../components/operations/backupPlan";
import { UNKNOWN, resolveOutput, runWithMocks } from "../../harness/pulumiMocks";
import { rejectsArgumentError } from "../../harness/argumentErrors";
import { TYPE } from "../../harness/resourceTypes";

const DB_ARN = "arn:aws:rds:us-east-1:123456789012:db:erp-db";
const EFS_ARN = "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123456789abcdef0";
const prod = { name: "erp", environment: "prod", concurrentUsers: 400 };
const args: OdooBackupPlanArgs = { cluster: prod, databaseArn: DB_ARN, fileSystemArn: EFS_ARN };

type Rule = {
    ruleName: string;
    schedule: string;
    lifecycle: { deleteAfter: number };
    targetVaultName: unknown;
    startWindow: number;
    completionWindow: number;
    copyActions?: unknown;
    recoveryPointTags: Record<string, string>;
};

describe("backup retention per environment", () => {
    it("keeps 35 daily and 365-day monthly recovery points in production, 14 days in staging, 7 elsewhere", () => {
        assert.deepEqual(backupRetentionFor({ production: true, environment: "prod" }), { dailyDays: 35, monthlyDays: 365 });
        assert.deepEqual(backupRetentionFor({ production: false, environment: "staging" }), { dailyDays: 14, monthlyDays: 0 });
        assert.deepEqual(backupRetentionFor({ production: false, environment: "dev" }), { dailyDays: 7, monthlyDays: 0 });
        assert.equal(BACKUP_RETENTION.production.dailyDays, 35, "RDS point-in-time restore reaches 35 days at most");
    });
});

for (const preview of [true, false]) {
    describe(`OdooBackupPlan (${preview ? "preview" : "update"})`, () => {
        it("creates a vault, a role, a plan and a selection of the database and the file system", async () => {
            const run = await runWithMocks(() => new OdooBackupPlan("backup", args), { preview });
            assert.equal(run.ofType(TYPE.backupVault).length, 1);
            assert.equal(run.ofType(TYPE.backupPlan).length, 1);
            assert.equal(run.ofType(TYPE.role).length, 1);
            const selection = run.one(TYPE.backupSelection);
            assert.deepEqual(selection.inputs.resources, [DB_ARN, EFS_ARN]);
            if (preview) {
                assert.equal(selection.inputs.planId, UNKNOWN);
                assert.equal(selection.inputs.iamRoleArn, UNKNOWN);
            } else {
                assert.equal(selection.inputs.iamRoleArn, run.one(TYPE.role).state.arn);
            }
            for (const r of run.resources.filter((x) => x.custom)) {
                assert.ok(r.options.parent.endsWith("::backup"), `${r.name} is not a child of the component`);
            }
        });

        it("keeps production recovery points 35 days daily and a year monthly, in a vault that outlives the stack", async () => {
            const run = await runWithMocks(() => new OdooBackupPlan("backup", args), { preview });
            const rules = run.one(TYPE.backupPlan).inputs.rules as Rule[];
            assert.deepEqual(
                rules.map((r) => [r.ruleName, r.schedule, r.lifecycle.deleteAfter]),
                [
                    ["daily", "cron(0 3 * * ? *)", 35],
                    ["monthly", "cron(0 5 1 * ? *)", 365],
                ],
            );
            for (const r of rules) {
                assert.equal(r.startWindow, 60);
                assert.equal(r.completionWindow, 10080);
                assert.equal(r.recoveryPointTags["odoo:cluster"], "erp");
                assert.equal(r.copyActions, undefined);
            }
            const vault = run.one(TYPE.backupVault);
            assert.equal(vault.inputs.forceDestroy, false);
            assert.equal(vault.options.retainOnDelete, true);
            assert.equal((await resolveOutput(run.result.monthlyRetentionDays)).value, 365);
        });

        it("keeps staging 14 days and dev 7, with no monthly rule and a vault destroy may remove", async () => {
            for (const [environment, days] of [
                ["staging", 14],
                ["dev", 7],
            ] as const) {
                const run = await runWithMocks(() => new OdooBackupPlan("backup", { ...args, cluster: { ...prod, environment } }), {
                    preview,
                });
                const rules = run.one(TYPE.backupPlan).inputs.rules as Rule[];
                assert.deepEqual(
                    rules.map((r) => [r.ruleName, r.lifecycle.deleteAfter]),
                    [["daily", days]],
                );
                const vault = run.one(TYPE.backupVault);
                assert.equal(vault.inputs.forceDestroy, true);
                assert.equal(vault.options.retainOnDelete, false);
            }
        });

        it("lets AWS Backup, and only it, assume a role with AWS's backup and restore policies", async () => {
            const run = await runWithMocks(() => new OdooBackupPlan("backup", args), { preview });
            const trust = JSON.parse(String(run.one(TYPE.role).inputs.assumeRolePolicy));
            assert.deepEqual(trust.Statement, [
                { Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" },
            ]);
            const attached = run.ofType(TYPE.rolePolicyAttachment).map((a) => a.inputs.policyArn);
            assert.deepEqual(attached, [
                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
            ]);
        });

        it("adds the S3 backup and restore policies when a bucket is selected", async () => {
            const run = await runWithMocks(() => new OdooBackupPlan("backup", { cluster: prod, bucketArn: "arn:aws:s3:::erp-filestore" }), {
                preview,
            });
            const attached = run.ofType(TYPE.rolePolicyAttachment).map((a) => a.inputs.policyArn);
            assert.ok(attached.includes("arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup"));
            assert.ok(attached.includes("arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore"));
            assert.deepEqual(run.one(TYPE.backupSelection).inputs.resources, ["arn:aws:s3:::erp-filestore"]);
        });

        it("copies every recovery point to another vault when asked, kept as long", async () => {
            const copyTo = "arn:aws:backup:eu-central-1:123456789012:backup-vault:erp-dr";
            const run = await runWithMocks(
                () => new OdooBackupPlan("backup", { ...args, copyToVaultArn: copyTo, monthlyRetentionDays: 730 }),
                { preview },
            );
            const rules = run.one(TYPE.backupPlan).inputs.rules as Rule[];
            assert.deepEqual(
                rules.map((r) => r.copyActions),
                [
                    [{ destinationVaultArn: copyTo, lifecycle: { deleteAfter: 35 } }],
                    [{ destinationVaultArn: copyTo, lifecycle: { deleteAfter: 730 } }],
                ],
            );
        });

        it("selects resources by ARNs that are unknown until the data components exist", async () => {
            const run = await runWithMocks(
                () => {
                    const fs = new aws.efs.FileSystem("fs", {});
                    return new OdooBackupPlan("backup", { cluster: prod, fileSystemArn: fs.arn });
                },
                { preview },
            );
            const resources = run.one(TYPE.backupSelection).inputs.resources as unknown[];
            assert.equal(resources.length, 1);
            if (preview) {
                assert.equal(resources[0], UNKNOWN);
            } else {
                assert.match(String(resources[0]), /^arn:aws:elasticfilesystem:/);
            }
        });

        it("tags the vault, the plan and the role with the contract and role ops", async () => {
            const run = await runWithMocks(() => new OdooBackupPlan("backup", args), { preview });
            for (const type of [TYPE.backupVault, TYPE.backupPlan, TYPE.role]) {
                const tags = run.one(type).inputs.tags as Record<string, string>;
                assert.equal(tags["odoo:role"], "ops", type);
                assert.equal(tags["odoo:cluster"], "erp", type);
                assert.equal(tags["odoo:environment"], "prod", type);
                assert.equal(tags["odoo:concurrent-users"], "400", type);
            }
        });
    });
}

describe("OdooBackupPlan rejects invalid arguments before creating anything", () => {
    const cases: [string, Partial<OdooBackupPlanArgs>, string, RegExp][] = [
        ["a plan that selects nothing", { databaseArn: undefined, fileSystemArn: undefined }, "databaseArn", /at least one of/],
        ["a database ARN of another service", { databaseArn: EFS_ARN }, "databaseArn", /arn:aws:rds/],
        ["a daily retention of 0 days", { dailyRetentionDays: 0 }, "dailyRetentionDays", /1 to 3650/],
        ["a monthly retention shorter than a month", { monthlyRetentionDays: 10 }, "monthlyRetentionDays", /30 to 3650/],
        ["a schedule that is not a cron expression", { schedule: "daily" }, "schedule", /cron\(0 3 \* \* \? \*\)/],
        ["a time zone with spaces", { scheduleTimezone: "Central European Time" }, "scheduleTimezone", /IANA/],
    ];
    for (const [what, override, property, accepted] of cases) {
        it(`rejects ${what}`, async () => {
            await rejectsArgumentError(() => new OdooBackupPlan("backup", { ...args, ...override }), { property, message: accepted });
        });
    }

    it("accepts monthly retention 0 to turn the monthly rule off in production", async () => {
        const run = await runWithMocks(() => new OdooBackupPlan("backup", { ...args, monthlyRetentionDays: 0 }), { preview: true });
        assert.equal((run.one(TYPE.backupPlan).inputs.rules as Rule[]).length, 1);
    });
});
