/**
 * The filestore half of a restore, as a script run before (EFS) or right after (S3) the restored
 * cluster's `pulumi up`. Pulumi cannot declare it: AWS Backup restores and EFS replication create
 * file systems only through API actions (StartRestoreJob, CreateReplicationConfiguration), and an
 * S3 copy is a data operation. `npm run runbook -- restore-filestore` prints it. Pure; passes
 * shellcheck (see the tests). Every value comes from the environment.
 *
 * Modes (ODOO_RESTORE_MODE):
 * - `recovery-point`: restore an EFS recovery point of the AWS Backup vault to a new, encrypted
 *   file system and wait for the job. AWS Backup puts a full restore under a recovery directory
 *   (`aws-backup-restore_<time>`) off the root (AWS Backup guide, "Restore an Amazon EFS file
 *   system"): `filestore.restore.efsDataPath` is `/aws-backup-restore_<time>/odoo`.
 * - `efs-copy`: the source file system as it is now, copied by EFS replication to a new file
 *   system; the replication is deleted once synced, which makes the copy writable. Data path `/odoo`.
 * - `s3-copy`: `aws s3 sync` of the source bucket into the restored cluster's bucket.
 * It prints the `filestore.restore` settings for the stack.
 */
import { WAIT_EFS_WRITABLE, operatorShellPrelude } from "./operatorShell";

/** What ODOO_RESTORE_MODE may be. */
export const FILESTORE_RESTORE_MODES = ["recovery-point", "efs-copy", "s3-copy"] as const;

/** The filestore restore script (bash 3.2+, AWS CLI v2). */
export function renderFilestoreRestoreScript(): string {
    return `#!/usr/bin/env bash
# odoo-aws restore-filestore: the filestore of a restored cluster. AWS_REGION is the restored
# cluster's region. Prints the filestore.restore settings of the stack.
set -euo pipefail

${operatorShellPrelude("odoo-restore-filestore")}

need AWS_REGION ODOO_RESTORE_MODE
poll=\${ODOO_POLL_SECONDS:-30}
deadline=$(( $(date +%s) + \${ODOO_WAIT_SECONDS:-86400} ))
in_time() { [ "$(date +%s)" -lt "$deadline" ] || fail "$1 did not finish in time"; }
${WAIT_EFS_WRITABLE}

case "$ODOO_RESTORE_MODE" in
    recovery-point)
        need ODOO_RECOVERY_POINT_ARN ODOO_BACKUP_ROLE_ARN ODOO_SOURCE_FILE_SYSTEM_ID
        metadata="file-system-id=$ODOO_SOURCE_FILE_SYSTEM_ID,newFileSystem=true,Encrypted=true,PerformanceMode=generalPurpose,CreationToken=odoo-restore-$(date -u +%Y%m%d%H%M%S)"
        if [ -n "\${ODOO_KMS_KEY_ARN:-}" ]; then
            metadata="$metadata,KmsKeyId=$ODOO_KMS_KEY_ARN"
        fi
        job=$(aws backup start-restore-job --recovery-point-arn "$ODOO_RECOVERY_POINT_ARN" \\
            --iam-role-arn "$ODOO_BACKUP_ROLE_ARN" --resource-type EFS --metadata "$metadata" \\
            --query RestoreJobId --output text)
        log "restore job $job started"
        while :; do
            status=$(aws backup describe-restore-job --restore-job-id "$job" --query Status --output text)
            case "$status" in
                COMPLETED) break ;;
                ABORTED | FAILED) fail "restore job $job ended with $status" ;;
            esac
            in_time "restore job $job"
            log "restore job $job: $status"
            sleep "$poll"
        done
        created=$(aws backup describe-restore-job --restore-job-id "$job" --query CreatedResourceArn --output text)
        fs=\${created##*/}
        aws efs update-file-system --file-system-id "$fs" --throughput-mode elastic >/dev/null
        printf 'filestore:\\n  restore:\\n    efsFileSystemId: %s\\n    efsDataPath: /aws-backup-restore_<time>/odoo\\n' "$fs"
        log "AWS Backup restored under a recovery directory: list the root of $fs once (mount it from any instance in the VPC) and put its name in efsDataPath"
        ;;
    efs-copy)
        need ODOO_SOURCE_FILE_SYSTEM_ID
        fs=$(aws efs create-replication-configuration --source-file-system-id "$ODOO_SOURCE_FILE_SYSTEM_ID" \\
            --destinations "Region=$AWS_REGION" --query 'Destinations[0].FileSystemId' --output text)
        log "copying $ODOO_SOURCE_FILE_SYSTEM_ID into $fs by EFS replication"
        until [ "$(aws efs describe-replication-configurations --file-system-id "$ODOO_SOURCE_FILE_SYSTEM_ID" \\
            --query 'Replications[0].Destinations[0].LastReplicatedTimestamp' --output text)" != "None" ]; do
            in_time "the first sync of $fs"
            log "waiting for the first complete sync of $fs"
            sleep "$poll"
        done
        aws efs delete-replication-configuration --source-file-system-id "$ODOO_SOURCE_FILE_SYSTEM_ID"
        wait_writable "$fs"
        aws efs update-file-system --file-system-id "$fs" --throughput-mode elastic >/dev/null
        printf 'filestore:\\n  restore:\\n    efsFileSystemId: %s\\n    efsDataPath: /odoo\\n' "$fs"
        ;;
    s3-copy)
        need ODOO_SOURCE_BUCKET ODOO_TARGET_BUCKET
        [ "$ODOO_SOURCE_BUCKET" != "$ODOO_TARGET_BUCKET" ] || fail "the source and target buckets are the same"
        log "copying s3://$ODOO_SOURCE_BUCKET into s3://$ODOO_TARGET_BUCKET"
        aws s3 sync "s3://$ODOO_SOURCE_BUCKET" "s3://$ODOO_TARGET_BUCKET" --only-show-errors
        printf 'filestore:\\n  restore:\\n    s3SourceBucketName: %s\\n' "$ODOO_SOURCE_BUCKET"
        ;;
    *)
        fail "ODOO_RESTORE_MODE must be one of ${FILESTORE_RESTORE_MODES.join(", ")}"
        ;;
esac
`;
}
