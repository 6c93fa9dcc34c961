/**
 * The failover runbook as a script: what an operator runs, in order, to move production to the
 * standby region when the primary region is lost (or for a drill). Fixed text: every value comes
 * from environment variables (the stack outputs), so nothing is spliced into a command line.
 * `npm run runbook -- failover` prints it. Pure; passes shellcheck (see the tests).
 *
 * Order, and why:
 * 1. Promote the cross-region replica (`promote-read-replica`): from then on it takes writes and
 *    nothing more arrives from the old primary — the point of no return, so it comes first and
 *    only after a confirmation variable. Backups are turned on at promotion.
 * 2. Delete the EFS replication from the standby region: the destination becomes writable
 *    (EFS user guide, "Deleting replication configurations"). With the primary region down the
 *    delete of both sides can fail; then only the local side is deleted (LOCAL_CONFIGURATION_ONLY).
 * 3. Start the one cron node first (it runs the module check against the promoted database),
 *    wait until it is in service, then the HTTP fleet.
 * 4. Point the domain at the standby's load balancer (Route 53 alias UPSERT).
 * Each step checks whether it was already done, so the script can be run again after a failure.
 */
import { WAIT_EFS_WRITABLE, operatorShellPrelude } from "../operations/operatorShell";

/** Environment variables the failover script reads. */
export const FAILOVER_ENV = {
    required: [
        "AWS_REGION",
        "ODOO_REPLICA_ID",
        "ODOO_CRON_GROUP",
        "ODOO_HTTP_GROUP",
        "ODOO_HTTP_NODES",
        "ODOO_HTTP_NODES_MAX",
        "ODOO_BACKUP_RETENTION_DAYS",
        "ODOO_CONFIRM",
    ],
    optional: [
        "ODOO_EFS_SOURCE_ID",
        "ODOO_EFS_DESTINATION_ID",
        "ODOO_HOSTED_ZONE_ID",
        "ODOO_DOMAIN",
        "ODOO_LB_DNS_NAME",
        "ODOO_LB_ZONE_ID",
        "ODOO_WAIT_SECONDS",
        "ODOO_POLL_SECONDS",
    ],
} as const;

/** The confirmation ODOO_CONFIRM must hold: promotion cannot be undone. */
export const FAILOVER_CONFIRMATION = "promote-the-standby";

/** The failover script (bash 3.2+, AWS CLI v2, credentials in the standby region's account). */
export function renderFailoverScript(): string {
    return `#!/usr/bin/env bash
# odoo-aws failover: make the standby region serve production. Run where the AWS CLI has rights in
# the standby region; AWS_REGION is the standby region. Re-runnable: each step checks its state.
set -euo pipefail

${operatorShellPrelude("odoo-failover")}

need ${FAILOVER_ENV.required.join(" ")}
[ "$ODOO_CONFIRM" = "${FAILOVER_CONFIRMATION}" ] || fail "set ODOO_CONFIRM=${FAILOVER_CONFIRMATION}: promoting the replica cannot be undone"
wait_seconds=\${ODOO_WAIT_SECONDS:-3600}
poll=\${ODOO_POLL_SECONDS:-15}
deadline=$(( $(date +%s) + wait_seconds ))
in_time() { [ "$(date +%s)" -lt "$deadline" ] || fail "$1 did not happen within $wait_seconds s"; }
${WAIT_EFS_WRITABLE}

# 1. Promote the cross-region read replica.
source_db=$(aws rds describe-db-instances --db-instance-identifier "$ODOO_REPLICA_ID" \\
    --query 'DBInstances[0].ReadReplicaSourceDBInstanceIdentifier' --output text)
if [ "$source_db" != "None" ] && [ -n "$source_db" ]; then
    log "promoting $ODOO_REPLICA_ID (replica of $source_db)"
    aws rds promote-read-replica --db-instance-identifier "$ODOO_REPLICA_ID" \\
        --backup-retention-period "$ODOO_BACKUP_RETENTION_DAYS" >/dev/null
else
    log "$ODOO_REPLICA_ID is already a standalone instance"
fi
while :; do
    state=$(aws rds describe-db-instances --db-instance-identifier "$ODOO_REPLICA_ID" \\
        --query 'DBInstances[0].[DBInstanceStatus,ReadReplicaSourceDBInstanceIdentifier]' --output text)
    read -r status still_replica <<<"$state"
    if [ "$status" = "available" ] && [ "$still_replica" = "None" ]; then
        break
    fi
    in_time "the promotion of $ODOO_REPLICA_ID"
    log "waiting for the promotion ($status)"
    sleep "$poll"
done
log "database promoted"

# 2. Make the replicated filestore writable.
if [ -n "\${ODOO_EFS_SOURCE_ID:-}" ] && [ -n "\${ODOO_EFS_DESTINATION_ID:-}" ]; then
    protection=$(aws efs describe-file-systems --file-system-id "$ODOO_EFS_DESTINATION_ID" \\
        --query 'FileSystems[0].FileSystemProtection.ReplicationOverwriteProtection' --output text)
    if [ "$protection" = "REPLICATING" ] || [ "$protection" = "DISABLED" ]; then
        log "deleting the replication of $ODOO_EFS_SOURCE_ID into $ODOO_EFS_DESTINATION_ID"
        if ! aws efs delete-replication-configuration --source-file-system-id "$ODOO_EFS_SOURCE_ID" 2>/dev/null; then
            log "the primary region did not answer: deleting the standby side only"
            aws efs delete-replication-configuration --source-file-system-id "$ODOO_EFS_SOURCE_ID" \\
                --deletion-mode LOCAL_CONFIGURATION_ONLY
        fi
    fi
    wait_writable "$ODOO_EFS_DESTINATION_ID"
    log "filestore writable"
fi

# 3. The one cron node first, then the HTTP fleet.
log "starting the cron node ($ODOO_CRON_GROUP)"
aws autoscaling update-auto-scaling-group --auto-scaling-group-name "$ODOO_CRON_GROUP" \\
    --min-size 1 --max-size 1 --desired-capacity 1
until [ "$(aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names "$ODOO_CRON_GROUP" \\
    --query "length(AutoScalingGroups[0].Instances[?LifecycleState=='InService'])" --output text)" = "1" ]; do
    in_time "the cron node coming into service"
    log "waiting for the cron node"
    sleep "$poll"
done
log "starting the HTTP fleet ($ODOO_HTTP_GROUP: $ODOO_HTTP_NODES to $ODOO_HTTP_NODES_MAX nodes)"
aws autoscaling update-auto-scaling-group --auto-scaling-group-name "$ODOO_HTTP_GROUP" \\
    --min-size "$ODOO_HTTP_NODES" --max-size "$ODOO_HTTP_NODES_MAX" --desired-capacity "$ODOO_HTTP_NODES"

# 4. Move the name.
if [ -n "\${ODOO_HOSTED_ZONE_ID:-}" ]; then
    for name in ODOO_DOMAIN ODOO_LB_DNS_NAME ODOO_LB_ZONE_ID; do
        [ -n "\${!name:-}" ] || fail "environment variable $name is needed to move the DNS name"
    done
    change=$(printf '{"Comment":"odoo-aws failover","Changes":[{"Action":"UPSERT","ResourceRecordSet":{"Name":"%s","Type":"A","AliasTarget":{"HostedZoneId":"%s","DNSName":"%s","EvaluateTargetHealth":true}}}]}' \\
        "$ODOO_DOMAIN" "$ODOO_LB_ZONE_ID" "$ODOO_LB_DNS_NAME")
    log "pointing $ODOO_DOMAIN at $ODOO_LB_DNS_NAME"
    aws route53 change-resource-record-sets --hosted-zone-id "$ODOO_HOSTED_ZONE_ID" --change-batch "$change" >/dev/null
else
    log "no ODOO_HOSTED_ZONE_ID: point the domain at \${ODOO_LB_DNS_NAME:-the standby load balancer} yourself"
fi
log "failover done: check https://\${ODOO_DOMAIN:-<domain>}/web/health, then follow README Failover, after the failover"
`;
}
