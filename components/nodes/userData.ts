/**
 * The cloud-init user data of an Odoo node (Amazon Linux 2023). Pure: values in, `#cloud-config`
 * text out, built with the `yaml` library so quoting is never hand-written.
 *
 * What a node does at boot, all under systemd so a failure is retried rather than left half done:
 * - installs docker, jq, diffutils and the CloudWatch agent (plus nginx on serving nodes,
 *   amazon-efs-utils for an EFS filestore); the agent ships cloud-init's output, the boot steps'
 *   log and nginx's logs to the node log group, and memory use per Auto Scaling group;
 * - `odoo.service` (after the data dir's mount) runs four steps at every start:
 *   1. prepare: pull the image once per node (a running node never changes build under a moving
 *      tag), fetch the database's CA bundle, mount EFS with TLS and IAM at the data dir, hand the
 *      data dir to the image's user;
 *   2. secrets: read the database and master passwords (and the Redis token) from Secrets
 *      Manager with the instance role and write the runtime odoo.conf and session env to
 *      tmpfs, mode 0400 — never in user data, never on a command line, never in docker inspect;
 *   3. db: the node that runs cron prepares the database as Odoo would have created it (pg_trgm,
 *      unaccent), checks that the image carries every addon it must install (a missing one fails
 *      the unit for good, with a FATAL line in the boot log and an alarm, instead of a restart
 *      loop), installs base and the modules the configuration needs into an empty database and,
 *      with S3, moves what the install wrote to the bucket; HTTP nodes wait until that is done,
 *      so a fleet booting at once never runs two installs against one database;
 *   4. run: Odoo in the foreground in Docker with host networking, logs to CloudWatch.
 *   A restored copy's nodes have one more step before run (RESTORE_STEPS): the cron node
 *   neutralizes the copy in safe mode and points web.base.url at it, once; HTTP nodes wait for it.
 *   On the node that runs cron, cloud-init waits for that first start (steps 1–3), so "cloud-init
 *   finished" means the boot and the one-shot install are over, as OdooUpgrade assumes.
 * - `odoo-run ARG…` runs the same image once the same way, for OdooUpgrade and operators
 *   (`NODE_CONTRACT` in operationScripts.ts); one shell library holds the pull and the
 *   `docker run` all of them share;
 * - nothing watches the secrets: Odoo reads the database password when it starts, and a new
 *   password reaches a node only when it is refreshed, one node at a time and drained first (README,
 *   "Rotating the database password"). A watcher would restart every node within minutes of each
 *   other, the fleet-wide outage the rolling refresh avoids.
 */
import { gzipSync } from "node:zlib";
import { stringify } from "yaml";
import { OdooArgumentError } from "../contract/errors";
import { NODE_BOOT_FAILURE_METRIC, NODE_METRICS_NAMESPACE } from "../operations/alarms";
import { NODE_CONTRACT } from "../operations/operationScripts";
import { OdooVersion } from "../contract/odooVersion";
import { NODE_ROLES, OdooRole } from "../contract/tags";
import { SPOT_WATCH_PATHS, SPOT_WATCH_SCRIPT, renderSpotWatchUnit } from "./spotInterruption";

/** EC2 refuses user data above 16 KB (before base64); the nodes' is gzipped, which cloud-init reads as is. */
export const USER_DATA_LIMIT_BYTES = 16384;
/** The share of {@link USER_DATA_LIMIT_BYTES} a node's user data may use: room for the next script. */
export const USER_DATA_BUDGET_SHARE = 0.9;

/** Where the node keeps what the user data writes. */
export const NODE_PATHS = {
    env: "/etc/odoo-aws/node.env",
    baseConf: "/etc/odoo-aws/odoo.conf",
    nginxConf: "/etc/nginx/conf.d/odoo.conf",
    prepare: "/usr/local/sbin/odoo-aws-prepare",
    secrets: "/usr/local/sbin/odoo-aws-secrets",
    db: "/usr/local/sbin/odoo-aws-db",
    run: "/usr/local/sbin/odoo-aws-run",
    odooRun: NODE_CONTRACT.odooRun,
    imageLib: "/usr/local/lib/odoo-aws/image.sh",
    dbState: "/usr/local/lib/odoo-aws/dbstate.sql",
    dbPrepare: "/usr/local/lib/odoo-aws/dbprepare.sql",
    addonsCheck: "/usr/local/lib/odoo-aws/addons.py",
    s3Storage: "/usr/local/lib/odoo-aws/s3storage.py",
    adminLogin: NODE_CONTRACT.adminLogin,
    dbCa: "/etc/odoo-aws/db-ca.pem",
    bootLog: "/var/log/odoo-aws/boot.log",
    cloudWatchAgent: "/opt/aws/amazon-cloudwatch-agent/etc/odoo-aws.json",
    restoreSteps: "/usr/local/sbin/odoo-aws-restore",
    odooUnit: "/etc/systemd/system/odoo.service",
} as const;

/** Where the node's data dir (filestore, sessions) lives on the host; EFS is mounted here. */
export const HOST_DATA_DIR = "/var/lib/odoo";

/** An ECR registry the node logs in to before pulling. */
export interface EcrRegistry {
    /** `<account>.dkr.ecr.<region>.amazonaws.com` */
    host: string;
    region: string;
}

/** Redis (ElastiCache, TLS) for sessions through camptocamp's session_redis. */
export interface RedisSessions {
    host: string;
    port: number;
    authTokenSecretArn: string;
    /** Key prefix, so several clusters can share one cache. */
    prefix: string;
}

/** Everything a node's user data needs; all values are resolved strings. */
export interface NodeUserDataSpec {
    role: OdooRole;
    version: OdooVersion;
    image: string;
    ecr?: EcrRegistry;
    /** Rendered odoo.conf without secrets (see odooConf.ts). */
    odooConf: string;
    /** Rendered nginx site; serving roles only. */
    nginxConf?: string;
    region: string;
    dbName: string;
    dbPasswordSecretArn: string;
    /** Where the node fetches the CA bundle that signs the database's certificate (`db_sslmode = verify-full`); empty: none. */
    dbCaBundleUrl: string;
    adminPasswordSecretArn: string;
    /** Modules the node that runs cron installs, and HTTP nodes wait for. Starts with `base`. */
    modules: string[];
    redis?: RedisSessions;
    efs?: { fileSystemId: string; accessPointId?: string };
    s3?: { bucket: string; region: string };
    logGroupName: string;
    /** A node that may run on Spot: the target groups it leaves on an interruption warning (spotInterruption.ts). */
    spotInterruption?: { targetGroupArns: string[] };
    /** A cluster restored from another's backup (see {@link RestoredCopy}). */
    restored?: RestoredCopy;
}

/**
 * A cluster restored from another cluster's backup. On its first boot the node that runs cron,
 * before Odoo serves anyone: in safe mode runs Odoo's own `odoo neutralize` (mail servers off and
 * a dummy one that cannot send, every cron but the autovacuum off, webhooks off, the
 * `database.is_neutralized` banner) and gives the copy a database.uuid of its own; then points
 * `web.base.url` at this cluster and records the restore. HTTP nodes wait for that record. It runs
 * once per restore label: turning safe mode off later does not neutralize again.
 */
export interface RestoredCopy {
    /** The restore's label (`snapshot:…`, `point-in-time:…`), recorded in the database. */
    from: string;
    safeMode: boolean;
    /** The URL of this cluster, for `web.base.url`. */
    baseUrl?: string;
}

/**
 * Sourced by the scripts below: the one way a node pulls its Odoo image and runs it — with the
 * runtime odoo.conf (secrets included, tmpfs, 0400), the data dir, the database's CA bundle,
 * host networking and the session env — so odoo.service, the boot steps and odoo-run cannot
 * drift apart.
 *
 * The session env (the Redis URL carries the token) is sourced inside the container instead of
 * passed with `--env-file`: docker inspect shows every `--env`/`--env-file` value.
 */
const IMAGE_LIB = `# shellcheck shell=bash
# Sourced. boot_log: copy this script's output to the boot log CloudWatch receives. pull_image: fetch
# $ODOO_IMAGE once. in_image DOCKER-OPTION... --entrypoint PROGRAM IMAGE ARG...: run it as odoo.service does.
# PG_PY: python3 -c "$PG_PY" ARG... is psql on the node's database, libpq's variables set from odoo.conf.
boot_log() {
  mkdir -p "\${BOOT_LOG%/*}"
  exec > >(tee -a "$BOOT_LOG") 2>&1
}
pull_image() {
  docker image inspect "$ODOO_IMAGE" >/dev/null 2>&1 && return
  if [ -n "$ECR_REGISTRY" ]; then
    aws ecr get-login-password --region "$ECR_REGION" | docker login --username AWS --password-stdin "$ECR_REGISTRY"
  fi
  docker pull --quiet "$ODOO_IMAGE"
}
in_image() {
  local opts=() entry=""
  while [ $# -gt 0 ] && [ "$1" != "$ODOO_IMAGE" ]; do
    if [ "$1" = --entrypoint ]; then entry=$2; shift 2; else opts+=("$1"); shift; fi
  done
  shift
  local program=(--entrypoint "$entry" "$ODOO_IMAGE")
  if [ -s /run/odoo-aws/odoo.env ]; then
    opts+=(-v /run/odoo-aws/odoo.env:/etc/odoo/odoo.env:ro)
    # shellcheck disable=SC2016 # expanded by the container's shell
    program=(--entrypoint /bin/sh "$ODOO_IMAGE" -c 'set -a; . /etc/odoo/odoo.env; set +a; exec "$0" "$@"' "$entry")
  fi
  # libpq verifies the server against this bundle; without the file, sslmode=require skips the check.
  if [ -s "$DB_CA_FILE" ]; then opts+=(-v "$DB_CA_FILE:/etc/odoo/db-ca.pem:ro"); fi
  docker run --rm --network host -v /run/odoo-aws/odoo.conf:/etc/odoo/odoo.conf:ro \\
    -v "$DATA_DIR:/var/lib/odoo" -e PGSSLROOTCERT=/etc/odoo/db-ca.pem "\${opts[@]}" "\${program[@]}" "$@"
}
# shellcheck disable=SC2034
PG_PY='import configparser,os,sys
c=configparser.RawConfigParser();c.read(os.environ.get("ODOO_RC","/etc/odoo/odoo.conf"));o=c["options"]
for k in "host","port","user","password","sslmode","name":
 v=o.get("db_"+k,"False")
 if v not in("","False"):os.environ["PGDATABASE"if k=="name"else"PG"+k.upper()]=v
os.execvp("psql",["psql"]+sys.argv[1:])'
`;

/** How a node script loads {@link IMAGE_LIB}; shellcheck is told not to look for it. */
const SOURCE_IMAGE_LIB = `# shellcheck source=/dev/null
. ${NODE_PATHS.imageLib}`;

const PREPARE = `#!/bin/bash
# Pulls the image once per node, so a running node never changes build under a moving tag, fetches
# the database's CA bundle (db_sslmode verify-full), mounts EFS (TLS, IAM auth) at the data dir and
# hands the data dir to the image's user.
set -euo pipefail
${SOURCE_IMAGE_LIB}
boot_log
install -d -m 0700 /run/odoo-aws
pull_image
docker run --rm --entrypoint id "$ODOO_IMAGE" -u >/run/odoo-aws/uid
if [ -n "$DB_CA_URL" ] && [ ! -s "$DB_CA_FILE" ]; then
  curl --fail --silent --show-error --retry 5 --max-time 60 -o "$DB_CA_FILE.new" "$DB_CA_URL"
  mv -f "$DB_CA_FILE.new" "$DB_CA_FILE"
fi
mkdir -p "$DATA_DIR"
if [ -n "$EFS_ID" ] && ! mountpoint -q "$DATA_DIR"; then
  grep -q "^$EFS_ID:/ " /etc/fstab ||
    echo "$EFS_ID:/ $DATA_DIR efs _netdev,noresvport,tls,iam\${EFS_AP:+,accesspoint=$EFS_AP} 0 0" >>/etc/fstab
  mount "$DATA_DIR"
fi
# An access point maps every write to its own POSIX user, whatever the image's. Without one, a new
# image whose user differs (17.0 runs as uid 101, 18.0 as 100) takes over the existing tree once.
uid=$(cat /run/odoo-aws/uid)
if [ -z "$EFS_AP" ] && [ "$(stat -c %u "$DATA_DIR")" != "$uid" ]; then chown -R "$uid" "$DATA_DIR"; fi
`;

const SECRETS = `#!/bin/bash
# Renders the runtime odoo.conf (base + passwords) and the session env (Redis URL) on tmpfs from
# Secrets Manager, with the instance role. The env is sourced inside the container, never passed to docker.
set -euo pipefail
${SOURCE_IMAGE_LIB}
boot_log
umask 077
out=$(mktemp -d /run/odoo-aws/new.XXXXXX)
trap 'rm -rf "$out"' EXIT
value() {
  aws secretsmanager get-secret-value --secret-id "$1" --query SecretString --output text |
    jq -Rsr --arg key "$2" 'rtrimstr("\\n") | (fromjson? // .) | if type == "object" then .[$key] else . end | tostring'
}
db_password=$(value "$DB_SECRET_ARN" password)
admin_password=$(value "$ADMIN_SECRET_ARN" password)
token=""
if [ -n "$REDIS_SECRET_ARN" ]; then token=$(value "$REDIS_SECRET_ARN" authToken); fi
for secret in "$db_password" "$admin_password" "\${REDIS_SECRET_ARN:+$token}"; do
  case $secret in null | *$'\\n'*) echo "odoo-aws: a secret is null or spans lines" >&2; exit 1 ;; esac
done
if [ -z "$db_password" ] || [ -z "$admin_password" ]; then echo "odoo-aws: empty password" >&2; exit 1; fi
{ cat /etc/odoo-aws/odoo.conf; printf 'db_password = %s\\nadmin_passwd = %s\\n' "$db_password" "$admin_password"; } >"$out/odoo.conf"
: >"$out/odoo.env"
if [ -n "$token" ]; then
  printf "ODOO_SESSION_REDIS=1\\nODOO_SESSION_REDIS_URL='rediss://:%s@%s:%s/0'\\nODOO_SESSION_REDIS_PREFIX='%s'\\n" \\
    "$(printf %s "$token" | jq -Rr @uri)" "$REDIS_HOST" "$REDIS_PORT" "$REDIS_PREFIX" >"$out/odoo.env"
fi
chown "$(cat /run/odoo-aws/uid)" "$out/odoo.conf" "$out/odoo.env"
chmod 0400 "$out/odoo.conf" "$out/odoo.env"
mv -f "$out/odoo.conf" "$out/odoo.env" /run/odoo-aws/
`;

/** Exit status of the db step when the image cannot install what the node needs; odoo.service does not retry it. */
export const BOOT_FATAL_STATUS = 78;
/** The log line a fatal boot error starts with; a metric filter counts it. */
export const BOOT_FATAL_MARK = "odoo-aws: FATAL:";

const DB = `#!/bin/bash
# Only the node that runs cron (one per cluster, by construction) prepares the database and
# installs modules; HTTP nodes wait until it has, so a fleet booting at once never runs two
# installs on one database.
set -euo pipefail
${SOURCE_IMAGE_LIB}
boot_log
sql() {
  in_image -i --entrypoint python3 "$ODOO_IMAGE" -c "$PG_PY" -X -q -v ON_ERROR_STOP=1 \\
    -v "db=$ODOO_DB_NAME" -v "modules=$ODOO_MODULES" "$@"
}
missing() { sql -tA <${NODE_PATHS.dbState}; }
# Retrying cannot fix the image: say so in the boot log, count it for the alarm, and stop for good.
fatal() {
  echo "${BOOT_FATAL_MARK} $*" >&2
  if group=$(aws ec2 describe-tags --region "$AWS_REGION" --output text --query 'Tags[0].Value' \\
    --filters "Name=resource-id,Values=$(cat /var/lib/cloud/data/instance-id)" Name=key,Values=aws:autoscaling:groupName); then
    aws cloudwatch put-metric-data --region "$AWS_REGION" --namespace "${NODE_METRICS_NAMESPACE}" \\
      --metric-name ${NODE_BOOT_FAILURE_METRIC} --dimensions "AutoScalingGroupName=$group" --value 1 || true
  fi
  exit ${BOOT_FATAL_STATUS}
}
if [ "$ODOO_ROLE" = http ]; then
  until todo=$(missing) && [ -z "$todo" ]; do
    echo "odoo-aws: waiting for the cron node to install \${todo:-$ODOO_DB_NAME}"
    sleep 20
  done
  exit 0
fi
# What Odoo does when it creates a database itself, which it skips on one created beforehand (RDS).
sql -d postgres <${NODE_PATHS.dbPrepare}
todo=$(missing)
if [ -n "$todo" ]; then
  absent=$(in_image --entrypoint python3 "$ODOO_IMAGE" -c "$(cat ${NODE_PATHS.addonsCheck})" "$todo") ||
    fatal "cannot list the addons of $ODOO_IMAGE"
  if [ -n "$absent" ]; then fatal "$ODOO_IMAGE lacks the addons $absent (needed to install $todo); build the image with them"; fi
  in_image --entrypoint odoo "$ODOO_IMAGE" -c /etc/odoo/odoo.conf -i "$todo" --stop-after-init --no-http
  # A fresh database: Odoo created its admin user with the password "admin", which must never face
  # the internet. The cluster's admin secret replaces it before any node serves (HTTP nodes are
  # still waiting for this step).
  case ",$todo," in
    *,base,*) in_image -i --entrypoint odoo "$ODOO_IMAGE" shell -c /etc/odoo/odoo.conf --no-http <${NODE_PATHS.adminLogin} ;;
  esac
fi
if [ -n "$S3_BUCKET" ]; then
  in_image -i -e S3_BUCKET -e S3_REGION --entrypoint odoo "$ODOO_IMAGE" shell -c /etc/odoo/odoo.conf --no-http <${NODE_PATHS.s3Storage}
fi
`;

const RUN = `#!/bin/bash
# Odoo in the foreground for systemd. Host networking: Odoo binds 127.0.0.1 so only the local
# nginx reaches it, and the instance metadata service stays one hop away (hop limit 1). The
# image's entrypoint is bypassed: it re-reads db_host…db_password from odoo.conf (or falls back
# to the image's default password "odoo") and appends them to the command lines of
# wait-for-psql.py and odoo, where ps shows the password. Any image FROM odoo:<version> has odoo
# on its PATH.
set -euo pipefail
${SOURCE_IMAGE_LIB}
docker rm --force odoo >/dev/null 2>&1 || true
in_image --name odoo --stop-timeout 60 \\
  --log-driver awslogs --log-opt "awslogs-region=$AWS_REGION" --log-opt "awslogs-group=$LOG_GROUP" \\
  --log-opt "awslogs-stream=$(cat /var/lib/cloud/data/instance-id)/odoo" \\
  --entrypoint odoo "$ODOO_IMAGE" -c /etc/odoo/odoo.conf
`;

/**
 * `odoo-run ARG…` (the upgrade step's `NODE_CONTRACT`): the node's image, run once as odoo.service
 * runs it. psql gets libpq's variables from odoo.conf inside the container (by Python's
 * configparser, as Odoo reads the file), so the password never reaches a command line or
 * `docker inspect`. While odoo.service is stopped (an upgrade), the runtime conf is rendered
 * afresh: the password may have been rotated since the service last started.
 */
const ODOO_RUN = `#!/bin/bash
# Runs this node's Odoo image once as odoo.service does (odoo, psql on its database, or a program
# of the image) and exits with its status. ODOO_IMAGE in the environment overrides the image.
set -euo pipefail
image=\${ODOO_IMAGE:-}
set -a
# shellcheck source=/dev/null
. ${NODE_PATHS.env}
set +a
ODOO_IMAGE=\${image:-$ODOO_IMAGE}
${SOURCE_IMAGE_LIB}
if [ $# -eq 0 ]; then echo "usage: odoo-run -ODOO-OPTION... | psql ARG... | PROGRAM ARG..." >&2; exit 2; fi
systemctl is-active --quiet ${NODE_CONTRACT.service} || ${NODE_PATHS.secrets} >&2
if [ ! -s /run/odoo-aws/odoo.conf ]; then echo "odoo-run: odoo.service has not prepared this node yet" >&2; exit 1; fi
pull_image >&2
opts=(-i)
if [ -t 0 ]; then opts+=(-t); fi
case $1 in
  psql) in_image "\${opts[@]}" --entrypoint python3 "$ODOO_IMAGE" -c "$PG_PY" "\${@:2}" ;;
  -*) in_image "\${opts[@]}" --entrypoint odoo "$ODOO_IMAGE" -c /etc/odoo/odoo.conf "$@" ;;
  *) in_image "\${opts[@]}" --entrypoint "$1" "$ODOO_IMAGE" "\${@:2}" ;;
esac
`;

/**
 * psql, on the server's `postgres` database (variables `db`, `modules`): creates the database as
 * Odoo's `_create_empty_database` does (UTF-8, C collation from template0) when it is absent, and
 * the extensions Odoo creates only in a database it created itself: pg_trgm (without it Odoo
 * silently skips every trigram index, and name searches scan whole tables) and unaccent (for the
 * `unaccent` option). Both are trusted extensions, which the database owner may create without
 * superuser. Idempotent.
 */
const DB_PREPARE = `-- odoo-aws: the database as Odoo would have created it; safe to run at every start.
SELECT format('CREATE DATABASE %I ENCODING ''unicode'' LC_COLLATE ''C'' TEMPLATE template0', :'db')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \\gexec
\\connect :"db"
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
`;

/** psql on the node's database (variable `modules`): the wanted modules not installed yet, comma-separated; empty = ready. */
const DB_STATE = `-- odoo-aws: the modules of :modules the database lacks; an empty line when it has them all.
SELECT to_regclass('ir_module_module') IS NOT NULL AS initialised \\gset
\\if :initialised
SELECT coalesce(string_agg(m, ',' ORDER BY n), '') FROM unnest(string_to_array(:'modules', ',')) WITH ORDINALITY AS w(m, n)
WHERE NOT EXISTS (SELECT 1 FROM ir_module_module WHERE name = m AND state = 'installed');
\\else
SELECT :'modules';
\\endif
`;

/**
 * Run with the image's python3 (argv[1]: modules to install): prints the addons the image lacks
 * among them and their dependencies, searched on odoo.conf's addons_path as Odoo does. An image
 * without OCA's server_environment cannot install fs_storage 17.0, for instance.
 */
const ADDONS_CHECK = `import os, sys
from odoo.modules import module
from odoo.tools import config
config.parse_config(["-c", os.environ.get("ODOO_RC", "/etc/odoo/odoo.conf")])
module.initialize_sys_path()
todo, seen, absent = sys.argv[1].split(","), set(), []
while todo:
    name = todo.pop()
    if name in seen:
        continue
    seen.add(name)
    manifest = module.get_manifest(name)
    if not manifest:
        absent.append(name)
        continue
    todo.extend(manifest.get("depends", []))
print(",".join(sorted(absent)))
`;

/**
 * Runs in `odoo shell` (which provides `env` and `odoo`) on the node that runs cron, right after
 * `-i base` created a database: the admin user's login password becomes the cluster's admin secret,
 * which the runtime odoo.conf (tmpfs, from Secrets Manager) carries as admin_passwd. Nothing secret
 * is on a command line or in user data.
 */
const ADMIN_LOGIN = `# odoo-aws: Odoo creates the admin user with the password "admin"; give it the cluster's secret.
password = odoo.tools.config.get("admin_passwd") or ""  # noqa: F821
if not password or password == "admin":
    raise SystemExit("odoo-aws: odoo.conf has no admin secret; the admin user keeps Odoo's default password")
env.ref("base.user_admin").password = password  # noqa: F821
env.cr.commit()  # noqa: F821
print("odoo-aws: the admin user's password is the cluster's admin secret")
`;

/** Runs in `odoo shell` (which provides `env`) on the cron node when attachments go to S3. */
const S3_STORAGE = `# Makes the cluster's bucket the default attachment storage (OCA fs_storage + fs_attachment),
# idempotently: fs_storage reads its settings from a database record, not from odoo.conf. The
# install wrote attachments (icons, images) to the local filestore before the storage existed:
# force_storage moves every attachment not on the default storage yet to it.
# Credentials come from the instance role through botocore's default chain.
import json
import os

values = {
    "name": "odoo-aws S3",
    "protocol": "s3",
    "directory_path": os.environ["S3_BUCKET"],
    "options": json.dumps({"client_kwargs": {"region_name": os.environ["S3_REGION"]}}),
    "use_as_default_for_attachments": True,
}
storage = env["fs.storage"].search([("code", "=", "odoo_aws_s3")])  # noqa: F821
if storage:
    storage.write(values)
else:
    storage.create(dict(values, code="odoo_aws_s3"))
env.cr.commit()  # noqa: F821
env["ir.attachment"].force_storage()  # noqa: F821
env.cr.commit()  # noqa: F821
`;

/** The CloudWatch agent's settings: boot and nginx logs to the node log group, memory to {@link NODE_METRICS_NAMESPACE}. */
function cloudWatchAgentConfig(spec: NodeUserDataSpec, serves: boolean): string {
    const log = (path: string, stream: string) => ({
        file_path: path,
        log_group_name: spec.logGroupName,
        log_stream_name: `{instance_id}/${stream}`,
        retention_in_days: -1,
    });
    return `${JSON.stringify({
        // Without host (and instance) dimensions every node of a group writes one series; its Maximum
        // is the fullest node, which the alarm watches, and the group pays for one metric, not one per node.
        agent: { metrics_collection_interval: 60, run_as_user: "root", omit_hostname: true },
        metrics: {
            namespace: NODE_METRICS_NAMESPACE,
            append_dimensions: { AutoScalingGroupName: "${aws:AutoScalingGroupName}" },
            metrics_collected: {
                mem: { measurement: ["mem_used_percent"] },
                swap: { measurement: ["swap_used_percent"] },
            },
        },
        logs: {
            logs_collected: {
                files: {
                    collect_list: [
                        log("/var/log/cloud-init-output.log", "cloud-init"),
                        log(NODE_PATHS.bootLog, "boot"),
                        ...(serves
                            ? [log("/var/log/nginx/access.log", "nginx-access"), log("/var/log/nginx/error.log", "nginx-error")]
                            : []),
                    ],
                },
            },
        },
    })}\n`;
}

/**
 * The restore step of a restored copy's nodes, after the db step (a unit step only they have): the
 * cron node prepares the copy once — Odoo's `neutralize` in safe mode, then web.base.url, in safe
 * mode a database.uuid of its own (Odoo's subscription service must not take it for the source),
 * and the restore record `odoo_aws.restored_from` — and HTTP nodes wait for the record before Odoo
 * serves. psql variables carry the values (`:'label'` quotes them), through odoo-run's psql.
 */
const RESTORE_STEPS = `#!/bin/bash
# A restored copy: the cron node prepares it once, HTTP nodes wait for that (odoo-aws).
set -euo pipefail
${SOURCE_IMAGE_LIB}
boot_log
recorded() {
  [ "$(${NODE_PATHS.odooRun} psql -tAc "SELECT value FROM ir_config_parameter WHERE key = 'odoo_aws.restored_from'")" = "$ODOO_RESTORED_FROM" ]
}
if [ "$ODOO_ROLE" = http ]; then
  until recorded; do
    echo "odoo-aws: waiting for the cron node to prepare the restored copy"
    sleep 20
  done
elif ! recorded; then
  if [ "$ODOO_SAFE_MODE" = 1 ]; then
    in_image --entrypoint odoo "$ODOO_IMAGE" neutralize -c /etc/odoo/odoo.conf -d "$ODOO_DB_NAME"
  fi
  ${NODE_PATHS.odooRun} psql -v ON_ERROR_STOP=1 -v "label=$ODOO_RESTORED_FROM" -v "url=$ODOO_BASE_URL" -v "safe=$ODOO_SAFE_MODE" <<'SQL'
INSERT INTO ir_config_parameter (key, value) SELECT 'web.base.url', :'url' WHERE :'url' <> ''
  ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
INSERT INTO ir_config_parameter (key, value) SELECT 'database.uuid', gen_random_uuid()::text WHERE :'safe' = '1'
  ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
INSERT INTO ir_config_parameter (key, value) VALUES ('odoo_aws.restored_from', :'label')
  ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
SQL
fi
`;

function odooUnit(role: OdooRole, restored: boolean): string {
    return `[Unit]
Description=Odoo ${role} node (odoo-aws)
Wants=network-online.target
After=network-online.target docker.service
Requires=docker.service
# EFS at the data dir: at a reboot Odoo must not start on the empty directory under the mount.
RequiresMountsFor=${HOST_DATA_DIR}
StartLimitIntervalSec=0

[Service]
EnvironmentFile=${NODE_PATHS.env}
ExecStartPre=${NODE_PATHS.prepare}
ExecStartPre=${NODE_PATHS.secrets}
ExecStartPre=${NODE_PATHS.db}
${restored ? `ExecStartPre=${NODE_PATHS.restoreSteps}\n` : ""}ExecStart=${NODE_PATHS.run}
ExecStop=/usr/bin/docker stop --time 60 odoo
Restart=always
RestartSec=15
# The image lacks addons: retrying cannot help. The unit fails and stays failed (boot log, alarm).
RestartPreventExitStatus=${BOOT_FATAL_STATUS}
TimeoutStartSec=infinity
TimeoutStopSec=90

[Install]
WantedBy=multi-user.target
`;
}

/** Characters a node.env value may not contain: it is read by systemd and by bash. */
const UNSAFE_ENV_VALUE = /['"\\$`\r\n]/;

/** The node's settings file: `KEY='value'` lines, read by systemd (EnvironmentFile) and bash alike. */
export function renderNodeEnv(values: Record<string, string>): string {
    return Object.entries(values)
        .map(([key, value]) => {
            if (!/^[A-Z][A-Z0-9_]*$/.test(key)) {
                throw new OdooArgumentError("node environment key", key, "upper-case letters, digits and underscores");
            }
            if (UNSAFE_ENV_VALUE.test(value)) {
                throw new OdooArgumentError(key, value, "a value without quotes, backslashes, $, backticks or line breaks");
            }
            return `${key}='${value}'\n`;
        })
        .join("");
}

/** The settings the boot scripts read, for `spec`. Every key is always present (empty when unused), except the three of a restored copy, which only its nodes carry. */
export function nodeEnvironment(spec: NodeUserDataSpec): Record<string, string> {
    return {
        ODOO_ROLE: spec.role,
        ODOO_VERSION: spec.version,
        ODOO_IMAGE: spec.image,
        ODOO_DB_NAME: spec.dbName,
        ODOO_MODULES: spec.modules.join(","),
        ECR_REGISTRY: spec.ecr?.host ?? "",
        ECR_REGION: spec.ecr?.region ?? "",
        AWS_REGION: spec.region,
        DB_SECRET_ARN: spec.dbPasswordSecretArn,
        DB_CA_URL: spec.dbCaBundleUrl,
        DB_CA_FILE: NODE_PATHS.dbCa,
        BOOT_LOG: NODE_PATHS.bootLog,
        ADMIN_SECRET_ARN: spec.adminPasswordSecretArn,
        REDIS_SECRET_ARN: spec.redis?.authTokenSecretArn ?? "",
        REDIS_HOST: spec.redis?.host ?? "",
        REDIS_PORT: spec.redis ? String(spec.redis.port) : "",
        REDIS_PREFIX: spec.redis?.prefix ?? "",
        DATA_DIR: HOST_DATA_DIR,
        EFS_ID: spec.efs?.fileSystemId ?? "",
        EFS_AP: spec.efs?.accessPointId ?? "",
        S3_BUCKET: spec.s3?.bucket ?? "",
        S3_REGION: spec.s3?.region ?? "",
        LOG_GROUP: spec.logGroupName,
        // Only a restored copy's nodes have these (user data is tight: EC2 takes 16 KB).
        ...(spec.restored
            ? {
                  ODOO_RESTORED_FROM: spec.restored.from,
                  ODOO_SAFE_MODE: spec.restored.safeMode ? "1" : "0",
                  ODOO_BASE_URL: spec.restored.baseUrl ?? "",
              }
            : {}),
    };
}

/** One `write_files` entry of cloud-config; cloud-init's default owner is root:root. */
interface WriteFile {
    path: string;
    content: string;
    permissions: string;
}

function file(path: string, content: string, permissions: string): WriteFile {
    return { path, content, permissions };
}

/** The parsed form of the cloud-config, for tests and for the renderer. */
export interface NodeCloudConfig {
    packages: string[];
    write_files: WriteFile[];
    runcmd: string[][];
}

/** The cloud-config document of a node, before serialisation. */
export function nodeCloudConfig(spec: NodeUserDataSpec): NodeCloudConfig {
    if (!NODE_ROLES.includes(spec.role)) {
        throw new OdooArgumentError("role", spec.role, `a role that runs Odoo: ${NODE_ROLES.join(", ")}`);
    }
    const serves = spec.role !== OdooRole.Cron;
    if (serves && spec.nginxConf === undefined) {
        throw new OdooArgumentError("nginxConf", undefined, `the node proxy's site: a ${spec.role} node serves users through nginx`);
    }
    if (spec.modules[0] !== "base") {
        throw new OdooArgumentError("modules", spec.modules, "a list starting with base");
    }
    const files: WriteFile[] = [
        file(NODE_PATHS.env, renderNodeEnv(nodeEnvironment(spec)), "0600"),
        file(NODE_PATHS.baseConf, spec.odooConf, "0600"),
        file(NODE_PATHS.prepare, PREPARE, "0755"),
        file(NODE_PATHS.secrets, SECRETS, "0755"),
        file(NODE_PATHS.db, DB, "0755"),
        file(NODE_PATHS.run, RUN, "0755"),
        file(NODE_PATHS.odooRun, ODOO_RUN, "0755"),
        file(NODE_PATHS.imageLib, IMAGE_LIB, "0644"),
        file(NODE_PATHS.dbState, DB_STATE, "0644"),
        file(NODE_PATHS.dbPrepare, DB_PREPARE, "0644"),
        file(NODE_PATHS.addonsCheck, ADDONS_CHECK, "0644"),
        file(NODE_PATHS.cloudWatchAgent, cloudWatchAgentConfig(spec, serves), "0644"),
        file(NODE_PATHS.odooUnit, odooUnit(spec.role, spec.restored !== undefined), "0644"),
    ];
    if (spec.role !== OdooRole.Http) {
        files.push(file(NODE_PATHS.adminLogin, ADMIN_LOGIN, "0644"));
    }
    if (spec.s3) {
        files.push(file(NODE_PATHS.s3Storage, S3_STORAGE, "0644"));
    }
    if (spec.restored) {
        files.push(file(NODE_PATHS.restoreSteps, RESTORE_STEPS, "0755"));
    }
    if (serves && spec.nginxConf !== undefined) {
        files.push(file(NODE_PATHS.nginxConf, spec.nginxConf, "0644"));
    }
    if (spec.spotInterruption) {
        files.push(
            file(SPOT_WATCH_PATHS.script, SPOT_WATCH_SCRIPT, "0755"),
            file(SPOT_WATCH_PATHS.unit, renderSpotWatchUnit(spec.spotInterruption.targetGroupArns), "0644"),
        );
    }
    // diffutils: cmp and diff, which operators' runbooks expect and AL2023's minimal AMI lacks.
    const packages = [
        "docker",
        "jq",
        "diffutils",
        "amazon-cloudwatch-agent",
        ...(serves ? ["nginx"] : []),
        ...(spec.efs ? ["amazon-efs-utils"] : []),
    ];
    const runcmd: string[][] = [
        ["systemctl", "daemon-reload"],
        ["amazon-cloudwatch-agent-ctl", "-a", "fetch-config", "-m", "ec2", "-s", "-c", `file:${NODE_PATHS.cloudWatchAgent}`],
        ["systemctl", "enable", "--now", "docker.service"],
        ...(serves ? [["systemctl", "enable", "--now", "nginx.service"]] : []),
        ...(spec.spotInterruption ? [["systemctl", "enable", "--now", "odoo-aws-spot-watch.service"]] : []),
        ["systemctl", "enable", "odoo.service"],
        // The node that runs cron installs the database at its first start: cloud-init waits for it,
        // so that "cloud-init finished" means the boot is over (OdooUpgrade waits for exactly that).
        // An HTTP node would wait for the cron node's install, so cloud-init does not wait for it.
        spec.role === OdooRole.Http ? ["systemctl", "start", "--no-block", "odoo.service"] : ["systemctl", "start", "odoo.service"],
    ];
    return { packages, write_files: files, runcmd };
}

/** The `#cloud-config` text of a node (what cloud-init reads once it has unzipped {@link encodeUserData}'s bytes). */
export function renderUserData(spec: NodeUserDataSpec): string {
    return `#cloud-config\n${stringify(nodeCloudConfig(spec), { lineWidth: 0, indentSeq: false })}`;
}

/** The gzipped bytes EC2 receives for `userData`: cloud-init recognises gzip and unzips it. */
export function compressUserData(userData: string): Buffer {
    const zipped = gzipSync(Buffer.from(userData, "utf8"), { level: 9 });
    // The header's OS byte says where it was zipped (3 Unix, 19 macOS, 10 Windows): "unknown", so
    // a deployment from another machine does not make a new launch template version.
    zipped[9] = 255;
    return zipped;
}

/**
 * The launch template's `userData`: the gzipped cloud-config, base64. Throws when it would use more
 * than {@link USER_DATA_BUDGET_SHARE} of EC2's 16 KB, which EC2 itself would only report (at
 * 100 %) when the launch template is created.
 */
export function encodeUserData(userData: string): string {
    const zipped = compressUserData(userData);
    const budget = Math.floor(USER_DATA_LIMIT_BYTES * USER_DATA_BUDGET_SHARE);
    if (zipped.length > budget) {
        throw new OdooArgumentError(
            "userData",
            `${zipped.length} bytes gzipped`,
            `at most ${budget} bytes (${USER_DATA_BUDGET_SHARE * 100} % of EC2's ${USER_DATA_LIMIT_BYTES}-byte user data limit)`,
        );
    }
    return zipped.toString("base64");
}
