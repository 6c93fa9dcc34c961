/**
 * `OdooBackupPlan`: an AWS Backup vault, a plan with a retention per environment, and a selection
 * of the cluster's database and filestore by ARN, backed up by a role with AWS's managed
 * service-role policies.
 *
 * It complements the native mechanisms rather than replacing them: RDS automated backups give
 * point-in-time restore (to the second, within the instance's retention, at most 35 days) but die
 * with the instance unless retained, and EFS's automatic backup policy keeps 35 days in a vault
 * AWS manages. The plan adds what those lack: a vault of its own that outlives the stack, monthly
 * recovery points kept a year in production, one place to restore both from, and optional copies
 * to another region or account.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { OdooClusterContext, ResolvedClusterContext, resolveClusterContext, tagsFor } from "../contract/clusterContext";
import { OdooArgumentError, requireWholeNumber } from "../contract/errors";
import { OdooRole, TAG } from "../contract/tags";

/** Days recovery points are kept: daily ones, and monthly ones (0: no monthly rule). */
export interface BackupRetention {
    dailyDays: number;
    monthlyDays: number;
}

/**
 * Retention per environment. Production keeps 35 daily recovery points — the longest window RDS
 * point-in-time restore reaches, so a snapshot exists for every day PITR covers — and 12 monthly
 * ones for a year (month-end closing, audits). Staging keeps two weeks, anything else one.
 */
export const BACKUP_RETENTION = {
    production: { dailyDays: 35, monthlyDays: 365 },
    staging: { dailyDays: 14, monthlyDays: 0 },
    other: { dailyDays: 7, monthlyDays: 0 },
} as const;

/** Daily at 03:00 UTC: after the business day in Europe and the Americas' evening. */
export const DEFAULT_BACKUP_SCHEDULE = "cron(0 3 * * ? *)";
/** The 1st of every month at 05:00 UTC, clear of the daily job's start window. */
export const MONTHLY_BACKUP_SCHEDULE = "cron(0 5 1 * ? *)";
/** A job that has not started within an hour is skipped (AWS Backup's minimum). */
const START_WINDOW_MINUTES = 60;
/** A week to finish: the first, full backup of a large filestore can take a day or more. */
const COMPLETION_WINDOW_MINUTES = 7 * 24 * 60;

/** The retention the environment gets by default. */
export function backupRetentionFor(context: { production: boolean; environment: string }): BackupRetention {
    if (context.production) {
        return { ...BACKUP_RETENTION.production };
    }
    return context.environment === "staging" ? { ...BACKUP_RETENTION.staging } : { ...BACKUP_RETENTION.other };
}

/** Trust policy: only AWS Backup may assume the role. */
export function backupAssumeRolePolicy(): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
}

/**
 * AWS's managed policies for the backup role: backup and restore of RDS and EFS, plus the S3
 * pair when a bucket is selected (S3 needs its own; the generic ones do not cover it).
 */
export function backupManagedPolicyArns(partition: string, s3: boolean): string[] {
    const arns = [
        `arn:${partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup`,
        `arn:${partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores`,
    ];
    if (s3) {
        arns.push(
            `arn:${partition}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup`,
            `arn:${partition}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore`,
        );
    }
    return arns;
}

/** Arguments of {@link OdooBackupPlan}. */
export interface OdooBackupPlanArgs extends OdooBackupPlanOptions {
    /** The cluster; production decides the retention, the vault's survival and its tags. */
    cluster: OdooClusterContext;
    /** ARN of the RDS instance (or Aurora cluster) to back up. At least one of the three ARNs is required. */
    databaseArn?: pulumi.Input<string>;
    /** ARN of the EFS file system holding the filestore. */
    fileSystemArn?: pulumi.Input<string>;
    /** ARN of the S3 bucket holding the filestore (it must be versioned, as the filestore component makes it). */
    bucketArn?: pulumi.Input<string>;
    /**
     * Region of `copyToVaultArn` when that ARN is an output (a vault this stack creates), written on
     * the plan as `odoo:backup-copy-region` for the policy pack, which reads only preview-known
     * values. Default: the region in a literal `copyToVaultArn`.
     */
    copyRegion?: string;
}

/** Settings of {@link OdooBackupPlan}; also `operations.backups` of OdooCluster. */
export interface OdooBackupPlanOptions {
    /**
     * Days daily recovery points are kept. Default: 35 in production, 14 in `staging`, 7 otherwise.
     * 1–3650.
     */
    dailyRetentionDays?: number;
    /**
     * Days monthly recovery points (the 1st of each month) are kept; 0 turns the monthly rule off.
     * Default: 365 in production, otherwise 0. 0 or 30–3650.
     */
    monthlyRetentionDays?: number;
    /** Schedule of the daily backup, an AWS Backup cron expression. Default: `cron(0 3 * * ? *)` (03:00 daily). */
    schedule?: string;
    /** Time zone of both schedules, an IANA name such as `Europe/Brussels`. Default: UTC. */
    scheduleTimezone?: string;
    /** KMS key of the vault (applies to EFS and S3 recovery points; RDS snapshots keep the instance's key). Default: AWS Backup's AWS-managed key. */
    kmsKeyArn?: pulumi.Input<string>;
    /** ARN of a vault in another region or account that receives a copy of every recovery point, kept as long. Default: none. */
    copyToVaultArn?: pulumi.Input<string>;
    /**
     * Let `pulumi destroy` delete the vault with its recovery points. Default: false in production
     * (the vault is also retained when the stack is destroyed), true elsewhere.
     */
    forceDestroy?: boolean;
}

/** Validated arguments with their defaults. */
export interface ResolvedBackupPlanArgs {
    context: ResolvedClusterContext;
    retention: BackupRetention;
    schedule: string;
    scheduleTimezone?: string;
    resources: pulumi.Input<string>[];
    s3: boolean;
    forceDestroy: boolean;
    /** Region the copy actions send recovery points to, when known. */
    copyRegion?: string;
}

/** AWS Backup's cron: minutes, hours, day of month, month, day of week, year. */
const CRON = /^cron\((\S+ ){5}\S+\)$/;

function requireArn(property: string, value: unknown, service: string, what: string): void {
    if (value === null || value === "" || (typeof value === "string" && !new RegExp(`^arn:aws[a-z-]*:${service}:`).test(value))) {
        throw new OdooArgumentError(property, value, `the ARN of ${what} (arn:aws:${service}:…)`);
    }
}

/** Validates {@link OdooBackupPlanArgs}. Pure; throws an OdooArgumentError. */
export function resolveBackupPlanArgs(args: OdooBackupPlanArgs): ResolvedBackupPlanArgs {
    if (!args || typeof args !== "object") {
        throw new OdooArgumentError("args", args, "an object with cluster and at least one of databaseArn, fileSystemArn, bucketArn");
    }
    const context = resolveClusterContext(args.cluster);
    const resources: pulumi.Input<string>[] = [];
    if (args.databaseArn !== undefined) {
        requireArn("databaseArn", args.databaseArn, "rds", "an RDS instance or Aurora cluster");
        resources.push(args.databaseArn);
    }
    if (args.fileSystemArn !== undefined) {
        requireArn("fileSystemArn", args.fileSystemArn, "elasticfilesystem", "an EFS file system");
        resources.push(args.fileSystemArn);
    }
    if (args.bucketArn !== undefined) {
        requireArn("bucketArn", args.bucketArn, "s3", "an S3 bucket");
        resources.push(args.bucketArn);
    }
    if (resources.length === 0) {
        throw new OdooArgumentError(
            "databaseArn",
            undefined,
            "at least one of databaseArn, fileSystemArn and bucketArn",
            "a plan that selects nothing backs up nothing",
        );
    }
    const defaults = backupRetentionFor(context);
    const dailyDays =
        args.dailyRetentionDays === undefined
            ? defaults.dailyDays
            : requireWholeNumber("dailyRetentionDays", args.dailyRetentionDays, { min: 1, max: 3650 });
    let monthlyDays = defaults.monthlyDays;
    if (args.monthlyRetentionDays !== undefined) {
        monthlyDays =
            args.monthlyRetentionDays === 0
                ? 0
                : requireWholeNumber("monthlyRetentionDays", args.monthlyRetentionDays, { min: 30, max: 3650 });
    }
    const schedule = args.schedule ?? DEFAULT_BACKUP_SCHEDULE;
    if (typeof schedule !== "string" || !CRON.test(schedule)) {
        throw new OdooArgumentError("schedule", schedule, "an AWS Backup cron expression with six fields, e.g. cron(0 3 * * ? *)");
    }
    if (
        args.scheduleTimezone !== undefined &&
        (typeof args.scheduleTimezone !== "string" || !/^[A-Za-z]+(\/[A-Za-z0-9_+-]+){0,2}$/.test(args.scheduleTimezone))
    ) {
        throw new OdooArgumentError("scheduleTimezone", args.scheduleTimezone, "an IANA time zone name such as Europe/Brussels or UTC");
    }
    if (args.forceDestroy !== undefined && typeof args.forceDestroy !== "boolean") {
        throw new OdooArgumentError("forceDestroy", args.forceDestroy, "true or false");
    }
    const literalCopyRegion =
        typeof args.copyToVaultArn === "string" ? /^arn:aws[a-z-]*:backup:([a-z0-9-]+):/.exec(args.copyToVaultArn)?.[1] : undefined;
    if (typeof args.copyToVaultArn === "string" && literalCopyRegion === undefined) {
        throw new OdooArgumentError(
            "copyToVaultArn",
            args.copyToVaultArn,
            "the ARN of an AWS Backup vault (arn:aws:backup:<region>:<account>:backup-vault:<name>)",
        );
    }
    if (args.copyRegion !== undefined && (typeof args.copyRegion !== "string" || !/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(args.copyRegion))) {
        throw new OdooArgumentError("copyRegion", args.copyRegion, "an AWS region name such as us-west-2");
    }
    if (args.copyRegion !== undefined && args.copyToVaultArn === undefined) {
        throw new OdooArgumentError("copyRegion", args.copyRegion, "no value without copyToVaultArn");
    }
    return {
        copyRegion: args.copyRegion ?? literalCopyRegion,
        context,
        retention: { dailyDays, monthlyDays },
        schedule,
        scheduleTimezone: args.scheduleTimezone,
        resources,
        s3: args.bucketArn !== undefined,
        forceDestroy: args.forceDestroy ?? !context.production,
    };
}

/** An AWS Backup vault, plan and selection for the cluster's database and filestore. */
export class OdooBackupPlan extends pulumi.ComponentResource {
    /** Name of the backup vault (restores start from its recovery points). */
    public readonly vaultName: pulumi.Output<string>;
    /** ARN of the backup vault. */
    public readonly vaultArn: pulumi.Output<string>;
    /** Id of the backup plan. */
    public readonly planId: pulumi.Output<string>;
    /** The role AWS Backup uses; restores from the console can use it too. */
    public readonly roleArn: pulumi.Output<string>;
    /** Days daily recovery points are kept. */
    public readonly dailyRetentionDays: pulumi.Output<number>;
    /** Days monthly recovery points are kept (0: none taken). */
    public readonly monthlyRetentionDays: pulumi.Output<number>;

    constructor(name: string, args: OdooBackupPlanArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveBackupPlanArgs(args);
        super("odoo-aws:index:OdooBackupPlan", name, {}, opts);
        const ctx = resolved.context;
        const tags = tagsFor(ctx, OdooRole.Ops);
        const planTags = resolved.copyRegion ? { ...tags, [TAG.backupCopyRegion]: resolved.copyRegion } : tags;
        const partition = aws.getPartitionOutput({}, { parent: this }).partition;

        // Production recovery points must outlive `pulumi destroy`; AWS also refuses to delete a
        // vault that still holds recovery points unless forceDestroy is set.
        const vault = new aws.backup.Vault(
            `${name}-vault`,
            {
                kmsKeyArn: args.kmsKeyArn,
                forceDestroy: resolved.forceDestroy,
                tags,
            },
            { parent: this, retainOnDelete: !resolved.forceDestroy },
        );

        const role = new aws.iam.Role(
            `${name}-role`,
            {
                description: `AWS Backup for Odoo cluster ${ctx.name} (${ctx.environment})`,
                assumeRolePolicy: backupAssumeRolePolicy(),
                tags,
            },
            { parent: this },
        );
        const policyCount = backupManagedPolicyArns("aws", resolved.s3).length;
        for (let i = 0; i < policyCount; i++) {
            new aws.iam.RolePolicyAttachment(
                `${name}-role-${i + 1}`,
                {
                    role: role.name,
                    policyArn: partition.apply((p) => backupManagedPolicyArns(p, resolved.s3)[i]),
                },
                { parent: this },
            );
        }

        const copy = (days: number) =>
            args.copyToVaultArn === undefined
                ? undefined
                : [{ destinationVaultArn: args.copyToVaultArn, lifecycle: { deleteAfter: days } }];
        const rule = (ruleName: string, schedule: string, days: number) => ({
            ruleName,
            targetVaultName: vault.name,
            schedule,
            scheduleExpressionTimezone: resolved.scheduleTimezone,
            startWindow: START_WINDOW_MINUTES,
            completionWindow: COMPLETION_WINDOW_MINUTES,
            lifecycle: { deleteAfter: days },
            recoveryPointTags: tags,
            copyActions: copy(days),
        });
        const rules = [rule("daily", resolved.schedule, resolved.retention.dailyDays)];
        if (resolved.retention.monthlyDays > 0) {
            rules.push(rule("monthly", MONTHLY_BACKUP_SCHEDULE, resolved.retention.monthlyDays));
        }
        const plan = new aws.backup.Plan(`${name}-plan`, { rules, tags: planTags }, { parent: this });
        new aws.backup.Selection(
            `${name}-selection`,
            {
                planId: plan.id,
                iamRoleArn: role.arn,
                resources: resolved.resources,
            },
            { parent: this },
        );

        this.vaultName = vault.name;
        this.vaultArn = vault.arn;
        this.planId = plan.id;
        this.roleArn = role.arn;
        this.dailyRetentionDays = pulumi.output(resolved.retention.dailyDays);
        this.monthlyRetentionDays = pulumi.output(resolved.retention.monthlyDays);
        this.registerOutputs({
            vaultName: this.vaultName,
            vaultArn: this.vaultArn,
            planId: this.planId,
            roleArn: this.roleArn,
            dailyRetentionDays: this.dailyRetentionDays,
            monthlyRetentionDays: this.monthlyRetentionDays,
        });
    }
}
