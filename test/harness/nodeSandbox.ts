/**
 * Runs a node's own scripts here: the files its rendered user data writes are placed under a
 * scratch root with the host paths rewritten into it, and the commands they call (docker,
 * systemctl, psql inside the image…) are stubs on the PATH that record what they were asked.
 *
 * The docker stub behaves like the parts of docker the scripts use: `image inspect` answers from
 * IMAGE_PRESENT (1 or 0), `pull` and `login` print to stdout as docker does, and `run` plays the
 * container: it reads the odoo.conf mounted at /etc/odoo/odoo.conf, runs a python3 entrypoint for
 * real against it (so code meant for the container is exercised), and answers any other
 * entrypoint by printing it with its arguments and exiting with ODOO_EXIT.
 */
import { spawnSync, SpawnSyncReturns } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { NodeCloudConfig } from "../../components/nodes/userData";

/** Host paths the node scripts read and write; everything else (container paths) stays as is. */
const HOST_PREFIXES = [
    "/etc/odoo-aws/",
    "/usr/local/lib/odoo-aws/",
    "/usr/local/sbin/odoo-aws-",
    "/usr/local/bin/odoo-run",
    "/run/odoo-aws",
    "/var/lib/cloud/data/",
    "/var/log/odoo-aws/",
];
const HOST_PATH = new RegExp(HOST_PREFIXES.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|"), "g");

/**
 * Every docker call as its argument list (one argument a line, a call ends with a line `--`).
 * `run` plays the container: mounts under /etc/odoo/ map to their host files, `-e KEY=VALUE` is
 * exported (paths mapped), the session env's `/bin/sh` wrapper is honoured by sourcing the mounted
 * env file, a `python3 -c` program runs for real with ODOO_RC at the mounted odoo.conf (so psql
 * through it is the real psql when no psql stub is on the PATH), and any other program answers
 * by printing itself with its arguments and exiting with ODOO_EXIT.
 */
export const DOCKER_STUB = `#!/bin/bash
{ printf '%s\\n' "$@"; echo --; } >>"$DOCKER_CALLS"
case $1 in
  image) [ "\${IMAGE_PRESENT:-1}" = 1 ] ;;
  pull) echo "\${@: -1}" ;;
  login) cat >/dev/null; echo "Login Succeeded" ;;
  run)
    shift
    declare -A mounts=()
    envs=() entry=""
    while [ $# -gt 0 ]; do
      case $1 in
        -v) case $2 in *:/etc/odoo/*) target=\${2#*:}; mounts[\${target%%:*}]=\${2%%:*} ;; esac; shift 2 ;;
        -e) case $2 in *=*) envs+=("$2") ;; esac; shift 2 ;;
        --entrypoint) entry=$2; shift 2 ;;
        --env-file | --name | --network | --log-driver | --log-opt | --stop-timeout) shift 2 ;;
        -*) shift ;;
        *) break ;;
      esac
    done
    shift
    map() { local text=$1 k; for k in "\${!mounts[@]}"; do text=\${text//$k/\${mounts[$k]}}; done; printf '%s' "$text"; }
    for e in "\${envs[@]}"; do export "$(map "$e")"; done
    if [ "$entry" = /bin/sh ] && [ "$1" = -c ]; then
      set -a
      # shellcheck source=/dev/null
      . "\${mounts[/etc/odoo/odoo.env]}"
      set +a
      entry=$3
      shift 3
    fi
    if [ "$entry" = python3 ] && [ "$1" = -c ]; then
      ODOO_RC=\${mounts[/etc/odoo/odoo.conf]} exec python3 -c "$(map "$2")" "\${@:3}"
    fi
    # An odoo shell reads its script from stdin: keep the script's first line, in order, for the tests.
    if [ "$entry" = odoo ] && [ "$1" = shell ]; then head -n 1 >>"$DOCKER_CALLS.stdin"; fi
    echo "$entry $*"
    exit "\${ODOO_EXIT:-0}" ;;
  *) echo "docker stub: unexpected $1" >&2; exit 9 ;;
esac
`;

/** systemctl for odoo.service: active while the file SERVICE_STATE exists; every call is logged to CALLS. */
export const SYSTEMCTL_STUB = `#!/bin/bash
echo "systemctl $*" >>"$CALLS"
case $1 in
  is-active) [ -f "$SERVICE_STATE" ] ;;
  stop) rm -f "$SERVICE_STATE" ;;
  start) touch "$SERVICE_STATE" ;;
esac
`;

/** psql as the image runs it: answers the upgrade step's two queries, otherwise prints libpq's variables and its arguments. */
export const PSQL_STUB = `#!/bin/bash
case "$*" in
  *pg_database*) echo " \${DB_EXISTS:-1}"; exit 0 ;;
  *pg_tables*) echo " \${TABLES:-1}"; exit 0 ;;
esac
for v in PGHOST PGPORT PGUSER PGPASSWORD PGSSLMODE PGDATABASE; do echo "$v=\${!v-unset}"; done
printf 'arg=%s\\n' "$@"
`;

/** A node laid out under a scratch root. */
export interface NodeSandbox {
    root: string;
    /** The host path `path` of the node, inside the sandbox. */
    at(path: string): string;
    /** The file CALLS the systemctl stub (and any test stub) appends to. */
    calls: string;
    /** Runs `command` with the stubs first on the PATH; CALLS, DOCKER_CALLS and SERVICE_STATE are set. */
    run(command: string[], env?: Record<string, string>): SpawnSyncReturns<string>;
    /** The docker calls so far, each as its argument list. */
    dockerCalls(): string[][];
    /** The first line of each script an `odoo shell` call read from stdin, in order. */
    shellScripts(): string[];
    /** Text rewritten so the node's host paths point into the sandbox. */
    relocate(text: string): string;
}

/**
 * Lays out `userData`'s files (with `overrides`: path → content, e.g. stubbed secrets) under a
 * scratch root, puts `stubs` (name → script; "" for the real program) and the docker/systemctl/psql stubs on the PATH,
 * runs `body`, and removes everything.
 */
export function withNodeSandbox(
    userData: string,
    overrides: Record<string, string>,
    stubs: Record<string, string>,
    body: (sandbox: NodeSandbox) => void,
): void {
    const root = mkdtempSync(join(tmpdir(), "odoo-node-"));
    try {
        const relocate = (text: string) => text.replace(HOST_PATH, (prefix) => `${root}${prefix}`);
        const at = (path: string) => relocate(path);
        const config = parse(userData) as NodeCloudConfig;
        const files: Record<string, { content: string; permissions: string }> = {};
        for (const f of config.write_files) {
            files[f.path] = { content: f.content, permissions: f.permissions };
        }
        for (const [path, content] of Object.entries(overrides)) {
            files[path] = { content, permissions: files[path]?.permissions ?? "0755" };
        }
        for (const [path, f] of Object.entries(files)) {
            const target = join(root, path);
            mkdirSync(dirname(target), { recursive: true });
            writeFileSync(target, relocate(f.content));
            chmodSync(target, parseInt(f.permissions, 8));
        }
        mkdirSync(join(root, "run/odoo-aws"), { recursive: true });
        mkdirSync(join(root, "var/lib/cloud/data"), { recursive: true });
        writeFileSync(join(root, "var/lib/cloud/data/instance-id"), "i-0123456789abcdef0\n");
        const bin = join(root, "stub-bin");
        mkdirSync(bin);
        for (const [name, text] of Object.entries({ docker: DOCKER_STUB, systemctl: SYSTEMCTL_STUB, psql: PSQL_STUB, ...stubs })) {
            // An empty stub leaves the real program on the PATH (psql against a real server).
            if (text !== "") {
                writeFileSync(join(bin, name), text, { mode: 0o755 });
            }
        }
        const calls = join(root, "calls");
        const dockerCalls = join(root, "docker-calls");
        writeFileSync(calls, "");
        writeFileSync(dockerCalls, "");
        body({
            root,
            at,
            calls,
            relocate,
            run: (command, env = {}) =>
                spawnSync(command[0], command.slice(1), {
                    encoding: "utf8",
                    env: {
                        PATH: `${bin}:/usr/bin:/bin`,
                        HOME: root,
                        CALLS: calls,
                        DOCKER_CALLS: dockerCalls,
                        SERVICE_STATE: join(root, "service-active"),
                        ...env,
                    },
                    timeout: 60_000,
                }),
            dockerCalls: () =>
                readFileSync(dockerCalls, "utf8")
                    .split("--\n")
                    .filter((c) => c !== "")
                    .map((c) => c.replace(/\n$/, "").split("\n")),
            shellScripts: () =>
                existsSync(`${dockerCalls}.stdin`)
                    ? readFileSync(`${dockerCalls}.stdin`, "utf8")
                          .split("\n")
                          .filter((l) => l !== "")
                    : [],
        });
    } finally {
        rmSync(root, { recursive: true, force: true });
    }
}
