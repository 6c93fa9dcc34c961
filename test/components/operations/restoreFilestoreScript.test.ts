import { strict as assert } from "node:assert";
import { renderFilestoreRestoreScript } from "../../../components/operations/restoreFilestoreScript";
import { runWithStubs, shellcheck } from "../../harness/shellScripts";

const awsStub = `#!/bin/bash
echo "$*" >> "$CALLS"
case "$1 $2" in
    "backup start-restore-job") echo job-1 ;;
    "backup describe-restore-job")
        case "$*" in
            *CreatedResourceArn*) echo "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0ccccccccccccccccc" ;;
            *) echo "\${JOB_STATUS:-COMPLETED}" ;;
        esac ;;
    "efs update-file-system") ;;
    "efs create-replication-configuration") echo fs-0ddddddddddddddddd ;;
    "efs describe-replication-configurations") echo 1764490000.0 ;;
    "efs delete-replication-configuration") touch "$STATE/deleted" ;;
    "efs describe-file-systems") if [ -e "$STATE/deleted" ]; then echo ENABLED; else echo REPLICATING; fi ;;
    "s3 sync") ;;
    *) echo "unexpected: $*" >&2; exit 9 ;;
esac
`;

function restore(env: Record<string, string>) {
    return runWithStubs(
        "bash",
        renderFilestoreRestoreScript(),
        { aws: awsStub },
        { AWS_REGION: "us-east-1", ODOO_POLL_SECONDS: "0", ...env },
    );
}

describe("the filestore restore script", () => {
    it("passes shellcheck", () => {
        const { ok, output } = shellcheck(renderFilestoreRestoreScript(), "bash");
        assert.ok(ok, output);
    });

    it("restores an AWS Backup recovery point to a new encrypted file system and prints the stack settings", () => {
        const r = restore({
            ODOO_RESTORE_MODE: "recovery-point",
            ODOO_RECOVERY_POINT_ARN: "arn:aws:backup:us-east-1:123456789012:recovery-point:abc",
            ODOO_BACKUP_ROLE_ARN: "arn:aws:iam::123456789012:role/erp-backups",
            ODOO_SOURCE_FILE_SYSTEM_ID: "fs-0aaaaaaaaaaaaaaaa",
        });
        assert.equal(r.status, 0, r.output);
        const start = r.calls.find((c) => c.startsWith("backup start-restore-job"))!;
        assert.match(
            start,
            /--metadata file-system-id=fs-0aaaaaaaaaaaaaaaa,newFileSystem=true,Encrypted=true,PerformanceMode=generalPurpose/,
        );
        assert.ok(r.calls.includes("efs update-file-system --file-system-id fs-0ccccccccccccccccc --throughput-mode elastic"));
        assert.match(r.output, /efsFileSystemId: fs-0ccccccccccccccccc/);
    });

    it("fails when the restore job fails", () => {
        const r = restore({
            ODOO_RESTORE_MODE: "recovery-point",
            ODOO_RECOVERY_POINT_ARN: "arn:aws:backup:us-east-1:123456789012:recovery-point:abc",
            ODOO_BACKUP_ROLE_ARN: "arn:aws:iam::123456789012:role/erp-backups",
            ODOO_SOURCE_FILE_SYSTEM_ID: "fs-0aaaaaaaaaaaaaaaa",
            JOB_STATUS: "FAILED",
        });
        assert.equal(r.status, 1);
        assert.match(r.output, /restore job job-1 ended with FAILED/);
    });

    it("copies a file system by replication and deletes the replication once synced, leaving the copy writable", () => {
        const r = restore({ ODOO_RESTORE_MODE: "efs-copy", ODOO_SOURCE_FILE_SYSTEM_ID: "fs-0aaaaaaaaaaaaaaaa" });
        assert.equal(r.status, 0, r.output);
        const create = r.calls.findIndex((c) => c.startsWith("efs create-replication-configuration"));
        const del = r.calls.findIndex((c) => c.startsWith("efs delete-replication-configuration"));
        assert.ok(create >= 0 && del > create);
        assert.match(r.output, /efsFileSystemId: fs-0ddddddddddddddddd\n\s+efsDataPath: \/odoo/);
    });

    it("copies an S3 filestore into the restored cluster's bucket and refuses to copy a bucket onto itself", () => {
        const ok = restore({ ODOO_RESTORE_MODE: "s3-copy", ODOO_SOURCE_BUCKET: "erp-filestore-a", ODOO_TARGET_BUCKET: "erp-filestore-b" });
        assert.equal(ok.status, 0, ok.output);
        assert.deepEqual(ok.calls, ["s3 sync s3://erp-filestore-a s3://erp-filestore-b --only-show-errors"]);
        const same = restore({
            ODOO_RESTORE_MODE: "s3-copy",
            ODOO_SOURCE_BUCKET: "erp-filestore-a",
            ODOO_TARGET_BUCKET: "erp-filestore-a",
        });
        assert.equal(same.status, 1);
        assert.equal(same.calls.length, 0);
    });

    it("refuses an unknown mode", () => {
        const r = restore({ ODOO_RESTORE_MODE: "magic" });
        assert.equal(r.status, 1);
        assert.match(r.output, /must be one of recovery-point, efs-copy, s3-copy/);
    });
});
