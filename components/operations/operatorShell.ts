/**
 * Bash shared by the scripts an operator runs where the AWS CLI is (the filestore restore, the
 * failover): logging with the script's name, failing with a message, required environment
 * variables, and waiting for a replicated EFS file system to become writable. Pure text.
 */

/** Logging, failing, `need VAR…`, the AWS CLI check and no pager; `tag` names the script in each log line. */
export function operatorShellPrelude(tag: string): string {
    return `log() { printf '%s ${tag}: %s\\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
fail() { log "$*"; exit 1; }
need() {
    for name in "$@"; do
        [ -n "\${!name:-}" ] || fail "environment variable $name is not set"
    done
}
command -v aws >/dev/null 2>&1 || fail "the AWS CLI v2 must be installed"
export AWS_PAGER=""`;
}

/**
 * \`wait_writable FS\`: waits (with the script's \`poll\` and \`in_time\`) until EFS has switched the
 * replication overwrite protection of FS, a replication destination, back on after its
 * replication configuration was deleted: only then does the file system accept writes (EFS user
 * guide, "Deleting replication configurations").
 */
export const WAIT_EFS_WRITABLE = `wait_writable() {
    until [ "$(aws efs describe-file-systems --file-system-id "$1" \\
        --query 'FileSystems[0].FileSystemProtection.ReplicationOverwriteProtection' --output text)" = "ENABLED" ]; do
        in_time "$1 becoming writable"
        log "waiting for $1 to become writable"
        sleep "$poll"
    done
}`;
