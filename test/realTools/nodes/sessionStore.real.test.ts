/**
 * The session store URL a node writes (from the Redis token in Secrets Manager), used as
 * session_redis uses it against a real Redis 7 with TLS and a password, as ElastiCache runs
 * with in-transit encryption and an AUTH token.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { TLSSocket, connect } from "node:tls";
import { renderNginxConf } from "../../../components/nodes/nginxConf";
import { odooConfSettings, renderOdooConf } from "../../../components/nodes/odooConf";
import { NODE_PATHS, renderUserData } from "../../../components/nodes/userData";
import { GUIDE_WORKER_LIMITS } from "../../../components/contract/sizing";
import { OdooRole } from "../../../components/contract/tags";
import { withNodeSandbox } from "../../harness/nodeSandbox";
import { RealServer, TestPki, makeTestPki, requireRealTool, scratch, startRedis } from "../realServices";

/** What ElastiCache accepts in an AUTH token and a URL must escape: `!&#$^<>-` (no `@`, `/`, `"` or spaces). */
const TOKEN = "s3ss!ons&Token#$^<>-0123456789abc";

/** A minimal RESP client: sends `args` as one command, resolves with the raw reply. */
function command(socket: TLSSocket, ...args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
        socket.once("data", (d: Buffer) => resolve(d.toString()));
        socket.once("error", reject);
        socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`);
    });
}

describe("the session store URL a node writes, against a real Redis with TLS and a password", function () {
    this.timeout(60_000);
    let dir: ReturnType<typeof scratch>;
    let pki: TestPki;
    let redis: RealServer;

    before(async function () {
        requireRealTool(this, "redis-server");
        dir = scratch("redis");
        pki = makeTestPki(dir.dir);
        redis = await startRedis(dir.dir, pki, TOKEN);
    });

    after(async () => {
        await redis?.stop();
        dir?.remove();
    });

    /** The session env as the node's secrets step writes it, read the way the container's shell does. */
    function sessionEnv(): { env: Record<string, string>; dockerArgs: string[][] } {
        const userData = renderUserData({
            role: OdooRole.Http,
            version: "18.0",
            image: "odoo:18.0",
            odooConf: renderOdooConf(
                OdooRole.Http,
                odooConfSettings(
                    { workers: 2, maxCronThreads: 0, limits: GUIDE_WORKER_LIMITS, limitTimeRealCron: 3600, dbMaxconn: 8 },
                    { host: "db.example", port: 5432, user: "odoo", name: "odoo", sslMode: "verify-full" },
                    { serverWideModules: ["session_redis"] },
                ),
                "18.0",
            ),
            nginxConf: renderNginxConf(),
            region: "eu-west-1",
            dbName: "odoo",
            dbPasswordSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:erp-db-AbCdEf",
            dbCaBundleUrl: "",
            adminPasswordSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:erp-admin-AbCdEf",
            modules: ["base"],
            redis: {
                host: "127.0.0.1",
                port: redis.port,
                authTokenSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:erp-redis-AbCdEf",
                prefix: "erp-prod",
            },
            logGroupName: "/odoo/erp/prod/erp-nodes",
        });
        const aws = `#!/bin/bash
case "$*" in
  *erp-redis*) printf '%s\\n' '{"authToken":"${TOKEN}"}' ;;
  *) echo DbPassword0123456789 ;;
esac
`;
        let result: { env: Record<string, string>; dockerArgs: string[][] } = { env: {}, dockerArgs: [] };
        withNodeSandbox(userData, {}, { aws, chown: "#!/bin/bash\n" }, (sandbox) => {
            sandbox.run(["bash", "-c", "echo 100 >$0", sandbox.at("/run/odoo-aws/uid")]);
            const nodeEnv = `set -a; . ${sandbox.at(NODE_PATHS.env)}; set +a;`;
            const secrets = sandbox.run(["bash", "-c", `${nodeEnv} exec ${sandbox.at(NODE_PATHS.secrets)}`]);
            assert.equal(secrets.status, 0, secrets.stdout + secrets.stderr);
            const runOdoo = sandbox.run(["bash", "-c", `${nodeEnv} exec ${sandbox.at(NODE_PATHS.run)}`]);
            assert.equal(runOdoo.status, 0, runOdoo.stdout + runOdoo.stderr);
            // The container's /bin/sh sources the file: what it exports is what session_redis reads.
            const sourced = spawnSync("sh", ["-c", `set -a; . "$0"; env`, sandbox.at("/run/odoo-aws/odoo.env")], {
                encoding: "utf8",
                env: {},
            });
            const env = Object.fromEntries(
                sourced.stdout
                    .split("\n")
                    .filter((l) => l.startsWith("ODOO_SESSION_REDIS"))
                    .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
            );
            assert.ok(readFileSync(sandbox.at("/run/odoo-aws/odoo.env"), "utf8").includes("rediss://"));
            result = { env, dockerArgs: sandbox.dockerCalls() };
        });
        return result;
    }

    it("authenticates over verified TLS with the URL's token and round-trips a session with a TTL", async () => {
        const { env } = sessionEnv();
        assert.equal(env.ODOO_SESSION_REDIS, "1");
        assert.equal(env.ODOO_SESSION_REDIS_PREFIX, "erp-prod");
        const url = new URL(env.ODOO_SESSION_REDIS_URL);
        assert.equal(url.protocol, "rediss:");
        assert.equal(url.pathname, "/0");
        const socket = connect({ host: url.hostname, port: Number(url.port), ca: readFileSync(pki.caFile) });
        await new Promise((r) => socket.once("secureConnect", r));
        try {
            assert.match(await command(socket, "GET", "erp-prod:session"), /^-NOAUTH/, "the server wants the token");
            assert.equal(await command(socket, "AUTH", decodeURIComponent(url.password)), "+OK\r\n");
            assert.equal(await command(socket, "SELECT", url.pathname.slice(1)), "+OK\r\n");
            assert.equal(await command(socket, "SET", "erp-prod:session", '{"uid": 2}', "EX", "604800"), "+OK\r\n");
            assert.equal(await command(socket, "GET", "erp-prod:session"), '$10\r\n{"uid": 2}\r\n');
            const ttl = Number(/^:(\d+)/.exec(await command(socket, "TTL", "erp-prod:session"))?.[1]);
            assert.ok(ttl > 604000 && ttl <= 604800, `TTL ${ttl}`);
        } finally {
            socket.destroy();
        }
    });

    it("keeps the token out of docker's arguments, so docker inspect does not show it", () => {
        const { dockerArgs } = sessionEnv();
        const run = dockerArgs.find((c) => c[0] === "run");
        assert.ok(run, "odoo.service ran the container");
        assert.ok(!run.some((a) => a.includes(TOKEN) || a.includes(encodeURIComponent(TOKEN))), run.join(" "));
        assert.ok(!run.includes("--env-file"));
        assert.ok(
            run.includes("/run/odoo-aws/odoo.env:/etc/odoo/odoo.env:ro".replace("/run", "")) ||
                run.some((a) => a.endsWith("/run/odoo-aws/odoo.env:/etc/odoo/odoo.env:ro")),
        );
    });
});
