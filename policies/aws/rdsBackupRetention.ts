/** RDS keeps automated backups 0–35 days (an Aurora cluster 1–35). */
import { RDS_BACKUP_RETENTION_DAYS, RDS_DOCS } from "../../components/contract/awsLimits";
import { numberField, preflightRule } from "../support/preflightRule";

export const rdsBackupRetention = preflightRule({
    name: "aws-rds-backup-retention",
    description: "An RDS instance keeps automated backups 0–35 days, an Aurora cluster 1–35",
    url: RDS_DOCS.createInstance,
    types: ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"],
    remediationSteps:
        "Set backupRetentionPeriod to at most 35 days (and at least 1 on an Aurora cluster); keep snapshots longer with AWS Backup.",
    check: (fields, type) => {
        const days = numberField(fields, "backupRetentionPeriod");
        const min = type === "aws:rds/cluster:Cluster" ? 1 : RDS_BACKUP_RETENTION_DAYS.min;
        return days === undefined || (Number.isInteger(days) && days >= min && days <= RDS_BACKUP_RETENTION_DAYS.max)
            ? []
            : [`backupRetentionPeriod ${days} days is outside ${min}–${RDS_BACKUP_RETENTION_DAYS.max}`];
    },
});
