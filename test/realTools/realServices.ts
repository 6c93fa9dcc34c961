/**
 * Real nginx, PostgreSQL and Redis for the real-tools tier, from the Debian packages `.ci/run`
 * installs: each on 127.0.0.1 at a free port, in a scratch directory, stopped and removed after.
 *
 * A tool that `.ci/run` could not install is named in REAL_TOOLS_MISSING (comma-separated); only
 * then does a test skip, with a banner. A tool missing without that notice fails the test.
 */
import { ChildProcess, spawn, spawnSync } from "node:child_process";
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { AddressInfo, createConnection, createServer } from "node:net";
import { join } from "node:path";
import { scratchDir } from "../harness/scratch";

/** Where Debian installs what the tier runs. */
export const TOOLS = {
    nginx: "/usr/sbin/nginx",
    postgres: "/usr/lib/postgresql/15/bin",
    redis: "/usr/bin/redis-server",
    openssl: "/usr/bin/openssl",
} as const;

/** The Debian package of each tool, as `.ci/run` installs it and REAL_TOOLS_MISSING names it. */
export type RealTool = "nginx" | "postgresql" | "redis-server" | "python3";

/** Skips the suite (loudly) when `.ci/run` reported the package as not installable; otherwise it must be there. */
export function requireRealTool(ctx: Mocha.Context, tool: RealTool): void {
    const missing = (process.env.REAL_TOOLS_MISSING ?? "").split(",").filter((t) => t !== "");
    if (missing.includes(tool)) {
        console.warn(
            `\n${"!".repeat(78)}\n!!! REAL-TOOLS TIER: ${tool} could not be installed; its tests are SKIPPED\n${"!".repeat(78)}\n`,
        );
        ctx.skip();
    }
}

/** A TCP port nothing listens on at 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
}

/** Resolves once something accepts connections on 127.0.0.1:`port`; rejects after `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const ok = await new Promise<boolean>((resolve) => {
            const socket = createConnection({ host: "127.0.0.1", port }, () => {
                socket.destroy();
                resolve(true);
            });
            socket.on("error", () => resolve(false));
        });
        if (ok) {
            return;
        }
        if (Date.now() > deadline) {
            throw new Error(`nothing listens on 127.0.0.1:${port}`);
        }
        await new Promise((r) => setTimeout(r, 100));
    }
}

/**
 * A scratch directory any user can enter (PostgreSQL runs as `postgres` when the tests run as root);
 * the shared harness removes it at exit even when a test fails before `remove`.
 */
export function scratch(prefix: string): { dir: string; remove(): void } {
    const dir = scratchDir(`real-${prefix}`);
    chmodSync(dir, 0o755);
    return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function run(argv: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): string {
    const r = spawnSync(argv[0], argv.slice(1), { encoding: "utf8", timeout: 60_000, ...options });
    if (r.status !== 0) {
        throw new Error(`${argv.join(" ")} exited ${r.status}: ${r.stderr}${r.stdout}`);
    }
    return r.stdout;
}

/** A throwaway CA and a server certificate it signed for 127.0.0.1 and localhost. */
export interface TestPki {
    caFile: string;
    certFile: string;
    keyFile: string;
}

export function makeTestPki(dir: string): TestPki {
    const at = (f: string) => join(dir, f);
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    run([
        TOOLS.openssl,
        "req",
        "-x509",
        ...ec,
        "-subj",
        "/CN=odoo-aws test CA",
        "-days",
        "2",
        "-keyout",
        at("ca.key"),
        "-out",
        at("ca.pem"),
    ]);
    run([TOOLS.openssl, "req", "-new", ...ec, "-subj", "/CN=127.0.0.1", "-keyout", at("server.key"), "-out", at("server.csr")]);
    writeFileSync(at("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    run([
        TOOLS.openssl,
        "x509",
        "-req",
        "-in",
        at("server.csr"),
        "-CA",
        at("ca.pem"),
        "-CAkey",
        at("ca.key"),
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        at("san.ext"),
        "-out",
        at("server.pem"),
    ]);
    chmodSync(at("server.key"), 0o600);
    return { caFile: at("ca.pem"), certFile: at("server.pem"), keyFile: at("server.key") };
}

/** A running server process and how to stop it. */
export interface RealServer {
    port: number;
    stop(): Promise<void>;
}

async function stopChild(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) {
        return;
    }
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
}

/**
 * nginx in the foreground with `site` inside an `http` block like the node's /etc/nginx/nginx.conf
 * (mime.types, the distribution's `keepalive_timeout 65`), its logs and temp files in `dir`.
 */
export async function startNginx(dir: string, site: string, port: number): Promise<RealServer & { errorLog: string }> {
    const conf = join(dir, "nginx.conf");
    const errorLog = join(dir, "error.log");
    for (const d of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) {
        mkdirSync(join(dir, d), { recursive: true });
    }
    writeFileSync(
        conf,
        [
            "daemon off;",
            "master_process off;",
            `pid ${join(dir, "nginx.pid")};`,
            `error_log ${errorLog} info;`,
            "events { worker_connections 64; }",
            "http {",
            "    include /etc/nginx/mime.types;",
            "    default_type application/octet-stream;",
            `    access_log ${join(dir, "access.log")};`,
            `    client_body_temp_path ${join(dir, "body")};`,
            `    proxy_temp_path ${join(dir, "proxy")};`,
            `    fastcgi_temp_path ${join(dir, "fastcgi")};`,
            `    uwsgi_temp_path ${join(dir, "uwsgi")};`,
            `    scgi_temp_path ${join(dir, "scgi")};`,
            "    keepalive_timeout 65;",
            site,
            "}",
            "",
        ].join("\n"),
    );
    run([TOOLS.nginx, "-t", "-q", "-p", dir, "-c", conf, "-e", errorLog]);
    const child = spawn(TOOLS.nginx, ["-p", dir, "-c", conf, "-e", errorLog], { stdio: "ignore" });
    await waitForPort(port);
    return { port, errorLog, stop: () => stopChild(child) };
}

/** PostgreSQL 15 with TLS only (hostssl, scram), a superuser `postgres` and `superPassword`. */
export interface RealPostgres extends RealServer {
    superPassword: string;
    /** psql as the superuser on `database` with `sql`; returns stdout (-tA). */
    psql(sql: string, database?: string, vars?: Record<string, string>): string;
}

/** runuser lives in /usr/sbin or /sbin, which a non-login PATH may leave out. */
const RUNUSER = ["/usr/sbin/runuser", "/sbin/runuser"].find((p) => existsSync(p)) ?? "runuser";
const asPostgres = (argv: string[]): string[] => (process.getuid?.() === 0 ? [RUNUSER, "-u", "postgres", "--", ...argv] : argv);

export async function startPostgres(dir: string, pki: TestPki): Promise<RealPostgres> {
    const port = await freePort();
    const data = join(dir, "data");
    const superPassword = "super-secret-for-tests";
    const pwfile = join(dir, "pwfile");
    writeFileSync(pwfile, `${superPassword}\n`);
    const root = process.getuid?.() === 0;
    const owner = root ? Number(run(["id", "-u", "postgres"]).trim()) : undefined;
    const group = root ? Number(run(["id", "-g", "postgres"]).trim()) : undefined;
    const tls = join(dir, "tls");
    mkdirSync(tls, { mode: 0o700 });
    for (const [from, to] of [
        [pki.certFile, "server.pem"],
        [pki.keyFile, "server.key"],
    ]) {
        run(["cp", from, join(tls, to)]);
        chmodSync(join(tls, to), 0o600);
    }
    if (owner !== undefined && group !== undefined) {
        for (const f of [pwfile, tls, join(tls, "server.pem"), join(tls, "server.key")]) {
            chownSync(f, owner, group);
        }
        chownSync(dir, owner, group);
    }
    run(
        asPostgres([
            join(TOOLS.postgres, "initdb"),
            "-D",
            data,
            "-U",
            "postgres",
            "--pwfile",
            pwfile,
            "-A",
            "scram-sha-256",
            "-E",
            "UTF8",
            "--locale",
            "C.UTF-8",
        ]),
    );
    writeFileSync(join(data, "pg_hba.conf"), "hostssl all all 127.0.0.1/32 scram-sha-256\nhostnossl all all 0.0.0.0/0 reject\n");
    const settings = [
        `listen_addresses = '127.0.0.1'`,
        `port = ${port}`,
        `unix_socket_directories = ''`,
        "ssl = on",
        `ssl_cert_file = '${join(tls, "server.pem")}'`,
        `ssl_key_file = '${join(tls, "server.key")}'`,
        "fsync = off",
        "max_connections = 40",
        "",
    ];
    // In postgresql.conf, not postgresql.auto.conf: ALTER SYSTEM RESET ALL must not take TLS away.
    appendFileSync(join(data, "postgresql.conf"), settings.join("\n"));
    if (owner !== undefined && group !== undefined) {
        for (const f of ["pg_hba.conf"]) {
            chownSync(join(data, f), owner, group);
        }
    }
    run(asPostgres([join(TOOLS.postgres, "pg_ctl"), "-D", data, "-l", join(dir, "postgres.log"), "-w", "-t", "60", "start"]));
    const psql = (sql: string, database = "postgres", vars: Record<string, string> = {}) =>
        run(
            [
                "psql",
                "-X",
                "-q",
                "-tA",
                "-v",
                "ON_ERROR_STOP=1",
                ...Object.entries(vars).flatMap(([k, v]) => ["-v", `${k}=${v}`]),
                `host=127.0.0.1 port=${port} user=postgres dbname=${database} sslmode=verify-full sslrootcert=${pki.caFile}`,
            ],
            { input: sql, env: { ...process.env, PGPASSWORD: superPassword } },
        );
    return {
        port,
        superPassword,
        psql,
        stop: async () => {
            const stop = asPostgres([join(TOOLS.postgres, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"]);
            spawnSync(stop[0], stop.slice(1), { timeout: 60_000 });
        },
    };
}

/** Redis with TLS only (no plain port) and `password`, as ElastiCache runs with in-transit encryption and an AUTH token. */
export async function startRedis(dir: string, pki: TestPki, password: string): Promise<RealServer> {
    const port = await freePort();
    const child = spawn(
        TOOLS.redis,
        [
            "--port",
            "0",
            "--tls-port",
            String(port),
            "--bind",
            "127.0.0.1",
            "--tls-cert-file",
            pki.certFile,
            "--tls-key-file",
            pki.keyFile,
            "--tls-ca-cert-file",
            pki.caFile,
            "--tls-auth-clients",
            "no",
            "--requirepass",
            password,
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            dir,
        ],
        { stdio: "ignore" },
    );
    await waitForPort(port);
    return { port, stop: () => stopChild(child) };
}
