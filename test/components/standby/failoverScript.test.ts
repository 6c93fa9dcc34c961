import { strict as assert } from "node:assert";
import { FAILOVER_CONFIRMATION, renderFailoverScript } from "../../../components/standby/failoverScript";
import { runWithStubs, shellcheck } from "../../harness/shellScripts";

/** A fake AWS CLI with state: the replica until promoted, the replication until deleted. */
const awsStub = `#!/bin/bash
echo "$*" >> "$CALLS"
case "$1 $2" in
    "rds describe-db-instances")
        if [ -e "$STATE/promoted" ]; then source_db=None; else source_db=erp-prod-db; fi
        case "$*" in
            *DBInstanceStatus*) printf 'available\\t%s\\n' "$source_db" ;;
            *) echo "$source_db" ;;
        esac ;;
    "rds promote-read-replica") touch "$STATE/promoted" ;;
    "efs describe-file-systems") if [ -e "$STATE/deleted" ]; then echo ENABLED; else echo REPLICATING; fi ;;
    "efs delete-replication-configuration")
        case "$*" in
            *LOCAL_CONFIGURATION_ONLY*) touch "$STATE/deleted" ;;
            *) if [ -n "\${PRIMARY_DOWN:-}" ]; then echo "could not reach us-east-1" >&2; exit 254; fi; touch "$STATE/deleted" ;;
        esac ;;
    "autoscaling update-auto-scaling-group") ;;
    "autoscaling describe-auto-scaling-groups") echo 1 ;;
    "route53 change-resource-record-sets") ;;
    *) echo "unexpected: $*" >&2; exit 9 ;;
esac
`;

const ENV = {
    AWS_REGION: "us-west-2",
    ODOO_REPLICA_ID: "erp-standby-db-1a2b",
    ODOO_CRON_GROUP: "erp-standby-nodes-cron",
    ODOO_HTTP_GROUP: "erp-standby-nodes-http",
    ODOO_HTTP_NODES: "5",
    ODOO_HTTP_NODES_MAX: "8",
    ODOO_BACKUP_RETENTION_DAYS: "14",
    ODOO_CONFIRM: FAILOVER_CONFIRMATION,
    ODOO_EFS_SOURCE_ID: "fs-0aaaaaaaaaaaaaaaa",
    ODOO_EFS_DESTINATION_ID: "fs-0bbbbbbbbbbbbbbbb",
    ODOO_HOSTED_ZONE_ID: "Z0123456789ABCDEFGHIJ",
    ODOO_DOMAIN: "erp.example.com",
    ODOO_LB_DNS_NAME: "erp-standby-lb-123.us-west-2.elb.amazonaws.com",
    ODOO_LB_ZONE_ID: "Z1H1FL5HABSF5",
    ODOO_POLL_SECONDS: "0",
    ODOO_WAIT_SECONDS: "5",
};

function failover(env: Record<string, string> = {}) {
    return runWithStubs("bash", renderFailoverScript(), { aws: awsStub }, { ...ENV, ...env });
}

function indexOf(calls: string[], prefix: string): number {
    const i = calls.findIndex((c) => c.startsWith(prefix));
    assert.ok(i >= 0, `no call starting with ${prefix}: ${calls.join(" | ")}`);
    return i;
}

describe("the failover runbook script", () => {
    it("passes shellcheck", () => {
        const { ok, output } = shellcheck(renderFailoverScript(), "bash");
        assert.ok(ok, output);
    });

    it("promotes the replica, makes the filestore writable, starts the cron node before the fleet, then moves DNS", () => {
        const r = failover();
        assert.equal(r.status, 0, r.output);
        const promote = indexOf(
            r.calls,
            "rds promote-read-replica --db-instance-identifier erp-standby-db-1a2b --backup-retention-period 14",
        );
        const efs = indexOf(r.calls, "efs delete-replication-configuration --source-file-system-id fs-0aaaaaaaaaaaaaaaa");
        const cron = indexOf(
            r.calls,
            "autoscaling update-auto-scaling-group --auto-scaling-group-name erp-standby-nodes-cron --min-size 1 --max-size 1 --desired-capacity 1",
        );
        const http = indexOf(
            r.calls,
            "autoscaling update-auto-scaling-group --auto-scaling-group-name erp-standby-nodes-http --min-size 5 --max-size 8 --desired-capacity 5",
        );
        const dns = indexOf(r.calls, "route53 change-resource-record-sets --hosted-zone-id Z0123456789ABCDEFGHIJ");
        assert.ok(promote < efs && efs < cron && cron < http && http < dns, r.calls.join("\n"));
        assert.match(
            r.calls[dns],
            /"Action":"UPSERT".*"Name":"erp\.example\.com".*"DNSName":"erp-standby-lb-123\.us-west-2\.elb\.amazonaws\.com"/,
        );
    });

    it("deletes only the standby side of the replication when the primary region does not answer", () => {
        const r = failover({ PRIMARY_DOWN: "1" });
        assert.equal(r.status, 0, r.output);
        assert.ok(r.calls.some((c) => c.includes("--deletion-mode LOCAL_CONFIGURATION_ONLY")));
    });

    it("refuses to promote anything without the confirmation", () => {
        const r = failover({ ODOO_CONFIRM: "yes" });
        assert.equal(r.status, 1);
        assert.equal(r.calls.length, 0);
        assert.match(r.output, /ODOO_CONFIRM=promote-the-standby/);
    });

    it("does not promote an instance that is already standalone when run again", () => {
        const first = runWithStubs(
            "bash",
            `touch "$STATE/promoted" "$STATE/deleted"\n${renderFailoverScript().replace("#!/usr/bin/env bash\n", "")}`,
            { aws: awsStub },
            ENV,
        );
        assert.equal(first.status, 0, first.output);
        assert.ok(!first.calls.some((c) => c.startsWith("rds promote-read-replica")));
        assert.ok(!first.calls.some((c) => c.startsWith("efs delete-replication-configuration")));
    });

    it("leaves DNS alone without a hosted zone and says what to point where", () => {
        const r = failover({ ODOO_HOSTED_ZONE_ID: "" });
        assert.equal(r.status, 0, r.output);
        assert.ok(!r.calls.some((c) => c.startsWith("route53")));
        assert.match(r.output, /point the domain at erp-standby-lb-123/);
    });
});
