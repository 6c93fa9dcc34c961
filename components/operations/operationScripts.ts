/**
 * Shell scripts of the deploy-time operations: the database initialise/upgrade step (a driver that
 * runs where `pulumi up` runs, and the script it sends to the cron node through SSM Run Command)
 * and the health gate.
 *
 * The drivers are fixed text: every value they need arrives in environment variables, so nothing
 * is spliced into a command line and the command text changes only with this package. The node
 * script embeds validated values (image reference, database name, module names), single-quoted.
 * None of them carries a secret: the node reads its database credentials itself.
 *
 * Pure: strings in, strings out. Every script passes `shellcheck` (see the tests).
 */
import { OdooVersion, odooMajor } from "../contract/odooVersion";

/**
 * What the upgrade step assumes of a node (the nodes component provides it):
 * - the systemd unit `odoo.service` runs Odoo;
 * - `/usr/local/bin/odoo-run ARG…` runs the node's Odoo image once (`docker run --rm`) with the
 *   node's odoo.conf, data dir, network and database credentials, and returns its exit status.
 *   Arguments starting with `-` go to `odoo` (the official image's entrypoint rule); a first
 *   argument `psql` runs psql against the node's database server (libpq's PGHOST, PGPORT, PGUSER,
 *   PGPASSWORD set in the container). `ODOO_IMAGE` in its environment overrides the image.
 * - cloud-init finished means the node's own boot (and its one-shot `-i base`) is over.
 */
export const NODE_CONTRACT = {
    odooRun: "/usr/local/bin/odoo-run",
    service: "odoo.service",
    /** `odoo shell` script that gives a freshly installed database's admin user the cluster's admin secret. */
    adminLogin: "/usr/local/lib/odoo-aws/adminlogin.py",
} as const;

/** Node roles whose instance runs cron: the upgrade runs on the one node that has one of them. */
export const CRON_ROLES: readonly string[] = ["cron", "http+cron"];

/** Quotes a value for a POSIX shell: `'…'`, with embedded single quotes closed and escaped. */
export function shellQuote(value: string): string {
    return `'${value.replace(/'/g, `'"'"'`)}'`;
}

/** What the node-side upgrade script needs. */
export interface UpgradeNodeScriptOptions {
    odooVersion: OdooVersion;
    /** Image reference the upgrade runs (the one the fleet is about to run). */
    image: string;
    databaseName: string;
    /** Module technical names to upgrade (`-u`), or `["all"]`; empty: only initialise a fresh database. */
    modules: string[];
}

/**
 * The script SSM Run Command (`AWS-RunShellScript`, as root, POSIX sh) runs on the cron node:
 * wait for the node's boot, pull the target image, stop Odoo on this node (no cron job runs
 * half-way through an upgrade), initialise the database if it is empty (`-i base`), upgrade the
 * listed modules (`-u`), and start Odoo again whatever happened. Exits non-zero when Odoo fails.
 *
 * `-i base` runs only on an uninitialised database: on an initialised one it would reload (and,
 * since 19.0, re-initialise) base and everything depending on it.
 */
export function renderUpgradeNodeScript(options: UpgradeNodeScriptOptions): string {
    const run = NODE_CONTRACT.odooRun;
    // 19.0 loads demo data only when asked (--with-demo); 17.0 and 18.0 load it unless told not to.
    const noDemo = odooMajor(options.odooVersion) < 19 ? " --without-demo=all" : "";
    return [
        "#!/bin/sh",
        "# odoo-aws OdooUpgrade, on the node that runs cron.",
        "set -eu",
        `ODOO_IMAGE=${shellQuote(options.image)}`,
        "export ODOO_IMAGE",
        `database=${shellQuote(options.databaseName)}`,
        `modules=${shellQuote(options.modules.join(","))}`,
        'log() { printf \'%s odoo-upgrade: %s\\n\' "$(date -u +%H:%M:%S)" "$*"; }',
        "if command -v cloud-init >/dev/null 2>&1; then",
        '    cloud-init status --wait >/dev/null 2>&1 || log "cloud-init reported a problem during boot; continuing"',
        "fi",
        `if [ ! -x ${run} ]; then`,
        `    log "${run} is missing: this node was not built by odoo-aws"`,
        "    exit 2",
        "fi",
        'log "pulling and checking $ODOO_IMAGE"',
        `${run} --version`,
        `exists=$(${run} psql -d postgres -tAc "SELECT count(*) FROM pg_catalog.pg_database WHERE datname = '$database'")`,
        "exists=$(printf '%s' \"$exists\" | tr -d '[:space:]')",
        'case "$exists" in',
        `    1) tables=$(${run} psql -d "$database" -tAc "SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename = 'ir_module_module'") ;;`,
        "    0) tables=0 ;;",
        '    *) log "unexpected answer from PostgreSQL: $exists"; exit 3 ;;',
        "esac",
        "tables=$(printf '%s' \"$tables\" | tr -d '[:space:]')",
        `restart() { systemctl start ${NODE_CONTRACT.service} || log "could not start ${NODE_CONTRACT.service}"; }`,
        `log "stopping ${NODE_CONTRACT.service} for the upgrade"`,
        `systemctl stop ${NODE_CONTRACT.service}`,
        "trap restart EXIT",
        "trap 'exit 143' TERM",
        "trap 'exit 130' INT",
        'if [ "$tables" = 0 ]; then',
        '    log "database $database is not initialised: installing base"',
        `    ${run} -d "$database" -i base${noDemo} --stop-after-init --no-http`,
        // Odoo gives the admin user the password "admin"; the node's secret replaces it at once.
        `    ${run} odoo shell -c /etc/odoo/odoo.conf -d "$database" --no-http <${NODE_CONTRACT.adminLogin}`,
        "fi",
        'if [ -n "$modules" ]; then',
        '    log "upgrading $modules"',
        `    ${run} -d "$database" -u "$modules" --stop-after-init --no-http`,
        "fi",
        'log "database $database is up to date for $ODOO_IMAGE"',
        "",
    ].join("\n");
}

/** The `--parameters` of `aws ssm send-command` for `AWS-RunShellScript`. */
export function renderUpgradeParameters(nodeScript: string, executionTimeoutSeconds: number): string {
    return JSON.stringify({ commands: nodeScript.split("\n"), executionTimeout: [String(executionTimeoutSeconds)] });
}

/**
 * The upgrade driver, run by `local.Command` where `pulumi up` runs (bash 3.2+, the AWS CLI v2,
 * credentials for the stack's account). Environment: AWS_REGION, ODOO_CLUSTER, ODOO_ENVIRONMENT,
 * ODOO_NODE_ROLES (comma-separated), ODOO_UPGRADE_PARAMETERS, ODOO_UPGRADE_TIMEOUT,
 * ODOO_NODE_WAIT, ODOO_POLL_SECONDS, ODOO_UPGRADE_COMMENT; optional ODOO_CRON_GROUP, ODOO_LOG_GROUP.
 *
 * 1. Waits until the cron group's latest instance refresh is over (a replacement of the cron node
 *    must not kill the upgrade half-way).
 * 2. Finds the node by the tag contract — odoo:cluster, odoo:environment, odoo:role in cron or
 *    http+cron, running — and requires exactly one, online in Systems Manager. It then sends to that
 *    instance id rather than to the tag query, so the command can never reach a second node.
 * 3. Sends the node script with AWS-RunShellScript and polls get-command-invocation until it ends,
 *    printing the node's output; exits non-zero (failing `pulumi up`) on failure or time-out, after
 *    cancelling the command.
 */
export function renderUpgradeDriverScript(): string {
    return `#!/usr/bin/env bash
# odoo-aws OdooUpgrade driver: runs where \`pulumi up\` runs.
set -euo pipefail

log() { printf '%s odoo-upgrade: %s\\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
fail() { log "$*"; exit 1; }

for name in AWS_REGION ODOO_CLUSTER ODOO_ENVIRONMENT ODOO_NODE_ROLES ODOO_UPGRADE_PARAMETERS ODOO_UPGRADE_TIMEOUT ODOO_NODE_WAIT ODOO_POLL_SECONDS ODOO_UPGRADE_COMMENT; do
    [ -n "\${!name:-}" ] || fail "environment variable $name is not set"
done
command -v aws >/dev/null 2>&1 || fail "the AWS CLI v2 must be installed where pulumi up runs"
export AWS_PAGER=""

node_deadline=$(( $(date +%s) + ODOO_NODE_WAIT ))

if [ -n "\${ODOO_CRON_GROUP:-}" ]; then
    while :; do
        refresh=$(aws autoscaling describe-instance-refreshes --auto-scaling-group-name "$ODOO_CRON_GROUP" --max-records 1 --query 'InstanceRefreshes[0].Status' --output text)
        case "$refresh" in
            None | Successful | Failed | Cancelled | RollbackSuccessful | RollbackFailed) break ;;
        esac
        [ "$(date +%s)" -lt "$node_deadline" ] || fail "the cron group's instance refresh is still $refresh after $ODOO_NODE_WAIT s"
        log "waiting for the cron group's instance refresh ($refresh)"
        sleep "$ODOO_POLL_SECONDS"
    done
fi

instance=""
while :; do
    ids=$(aws ec2 describe-instances \\
        --filters "Name=tag:odoo:cluster,Values=$ODOO_CLUSTER" "Name=tag:odoo:environment,Values=$ODOO_ENVIRONMENT" \\
        "Name=tag:odoo:role,Values=$ODOO_NODE_ROLES" "Name=instance-state-name,Values=running" \\
        --query 'Reservations[].Instances[].InstanceId' --output text | tr -s '[:space:]' ' ')
    read -r -a found <<<"$ids"
    if [ "\${#found[@]}" -eq 1 ]; then
        ping=$(aws ssm describe-instance-information --filters "Key=InstanceIds,Values=\${found[0]}" --query 'InstanceInformationList[0].PingStatus' --output text)
        if [ "$ping" = "Online" ]; then
            instance=\${found[0]}
            break
        fi
        log "node \${found[0]} is not online in Systems Manager yet ($ping)"
    elif [ "\${#found[@]}" -gt 1 ]; then
        log "\${#found[@]} running nodes carry a cron role (\${found[*]}); waiting until exactly one does"
    else
        log "no running node with a cron role yet"
    fi
    [ "$(date +%s)" -lt "$node_deadline" ] || fail "no single cron node of $ODOO_CLUSTER ($ODOO_ENVIRONMENT) was ready within $ODOO_NODE_WAIT s"
    sleep "$ODOO_POLL_SECONDS"
done

output_args=()
if [ -n "\${ODOO_LOG_GROUP:-}" ]; then
    output_args=(--cloud-watch-output-config "CloudWatchOutputEnabled=true,CloudWatchLogGroupName=$ODOO_LOG_GROUP")
fi
log "running the upgrade on $instance"
command_id=$(aws ssm send-command --instance-ids "$instance" --document-name AWS-RunShellScript \\
    --comment "$ODOO_UPGRADE_COMMENT" --timeout-seconds 600 --parameters "$ODOO_UPGRADE_PARAMETERS" \\
    \${output_args[@]+"\${output_args[@]}"} --query Command.CommandId --output text)

show_output() {
    aws ssm get-command-invocation --command-id "$command_id" --instance-id "$instance" \\
        --query '[StandardOutputContent, StandardErrorContent]' --output text || true
}

run_deadline=$(( $(date +%s) + ODOO_UPGRADE_TIMEOUT + 120 ))
while :; do
    sleep "$ODOO_POLL_SECONDS"
    status=$(aws ssm get-command-invocation --command-id "$command_id" --instance-id "$instance" --query Status --output text 2>/dev/null) || status=Pending
    case "$status" in
        Success)
            show_output
            log "upgrade finished on $instance"
            exit 0
            ;;
        Failed | Cancelled | TimedOut | Cancelling)
            show_output
            fail "the upgrade on $instance ended with $status (command $command_id)"
            ;;
    esac
    if [ "$(date +%s)" -ge "$run_deadline" ]; then
        aws ssm cancel-command --command-id "$command_id" >/dev/null 2>&1 || true
        show_output
        fail "the upgrade on $instance did not finish within $ODOO_UPGRADE_TIMEOUT s; command $command_id cancelled"
    fi
done
`;
}

/**
 * The health gate, run by `local.Command` where `pulumi up` runs (bash 3.2+, curl; the AWS CLI v2
 * when groups are given). Environment: ODOO_HEALTH_URL, ODOO_HEALTH_TIMEOUT,
 * ODOO_HEALTH_INTERVAL, ODOO_HEALTH_SUCCESSES, ODOO_HEALTH_CHECK_DATABASE (1 or 0); optional
 * ODOO_HEALTH_GROUPS (space-separated Auto Scaling group names) with AWS_REGION.
 *
 * Waits for the groups' latest instance refreshes to end (a refresh that failed fails the gate),
 * then polls `<url>/web/health` until it answers `{"status": "pass"}` the required number of times
 * in a row — through the load balancer each request may reach another node — or fails once the
 * time is up.
 */
export function renderHealthGateScript(): string {
    return `#!/usr/bin/env bash
# odoo-aws OdooHealthGate: runs where \`pulumi up\` runs.
set -euo pipefail

log() { printf '%s odoo-health-gate: %s\\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
fail() { log "$*"; exit 1; }

for name in ODOO_HEALTH_URL ODOO_HEALTH_TIMEOUT ODOO_HEALTH_INTERVAL ODOO_HEALTH_SUCCESSES ODOO_HEALTH_CHECK_DATABASE; do
    [ -n "\${!name:-}" ] || fail "environment variable $name is not set"
done
case "$ODOO_HEALTH_URL" in
    https://* | http://*) ;;
    *) fail "ODOO_HEALTH_URL must start with https:// or http://" ;;
esac
command -v curl >/dev/null 2>&1 || fail "curl must be installed where pulumi up runs"

url="\${ODOO_HEALTH_URL%/}/web/health"
if [ "$ODOO_HEALTH_CHECK_DATABASE" = "1" ]; then
    url="$url?db_server_status=1"
fi
deadline=$(( $(date +%s) + ODOO_HEALTH_TIMEOUT ))

if [ -n "\${ODOO_HEALTH_GROUPS:-}" ]; then
    command -v aws >/dev/null 2>&1 || fail "the AWS CLI v2 must be installed where pulumi up runs"
    export AWS_PAGER=""
    read -r -a groups <<<"$ODOO_HEALTH_GROUPS"
    for group in "\${groups[@]}"; do
        while :; do
            status=$(aws autoscaling describe-instance-refreshes --auto-scaling-group-name "$group" --max-records 1 --query 'InstanceRefreshes[0].Status' --output text)
            case "$status" in
                None | Successful) break ;;
                Failed | Cancelled | RollbackSuccessful | RollbackFailed) fail "the instance refresh of $group ended with $status" ;;
            esac
            [ "$(date +%s)" -lt "$deadline" ] || fail "the instance refresh of $group is still $status after $ODOO_HEALTH_TIMEOUT s"
            log "waiting for the instance refresh of $group ($status)"
            sleep "$ODOO_HEALTH_INTERVAL"
        done
    done
fi

passes=0
last="no answer yet"
while :; do
    remaining=$(( deadline - $(date +%s) ))
    [ "$remaining" -gt 0 ] || fail "$url did not pass $ODOO_HEALTH_SUCCESSES checks in a row within $ODOO_HEALTH_TIMEOUT s; last answer: $last"
    max_time=$(( remaining < 10 ? remaining : 10 ))
    if body=$(curl --silent --show-error --fail --proto '=https,http' --max-time "$max_time" "$url" 2>&1) \\
        && [[ $body =~ \\"status\\"[[:space:]]*:[[:space:]]*\\"pass\\" ]]; then
        passes=$(( passes + 1 ))
        log "pass $passes of $ODOO_HEALTH_SUCCESSES"
        if [ "$passes" -ge "$ODOO_HEALTH_SUCCESSES" ]; then
            exit 0
        fi
    else
        passes=0
        last=$body
    fi
    sleep "$ODOO_HEALTH_INTERVAL"
done
`;
}
