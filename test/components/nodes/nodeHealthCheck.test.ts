/**
 * The node proxy's health check under a real nginx (Debian's nginx-light): with every Odoo HTTP
 * worker busy the load balancer's check still passes, and with Odoo dead it fails. Odoo is played
 * by two local servers: a "worker" port that accepts and never answers (all workers on long
 * reports) and a "gevent" port that answers `/web/health` as Odoo's gevent process does.
 */
import { strict as assert } from "node:assert";
import { ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Server, createServer, get } from "node:http";
import { AddressInfo, Socket, createServer as createTcpServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_NGINX_SETTINGS, NODE_ALIVE_PATH, renderNginxConf } from "../../../components/nodes/nginxConf";
import { HEALTH_CHECK } from "../../../components/loadBalancer/loadBalancer";
import { requireTool } from "../../harness/debianTools";

function freePort(): Promise<number> {
    return new Promise((resolve) => {
        const s = createTcpServer().listen(0, "127.0.0.1", () => {
            const port = (s.address() as AddressInfo).port;
            s.close(() => resolve(port));
        });
    });
}

function status(port: number, path: string, timeoutMs: number): Promise<number | "timeout"> {
    return new Promise((resolve, reject) => {
        const req = get({ host: "127.0.0.1", port, path, timeout: timeoutMs }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
        });
        req.on("timeout", () => {
            req.destroy();
            resolve("timeout");
        });
        req.on("error", reject);
    });
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
        if (await check().catch(() => false)) {
            return;
        }
        await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
}

describe("the node proxy's health check under nginx", function () {
    this.timeout(60_000);
    let dir: string;
    let nginx: ChildProcess | undefined;
    let listenPort: number;
    let gevent: Server | undefined;
    let geventPort: number;
    const held: Socket[] = [];
    let workers: ReturnType<typeof createTcpServer>;

    before(async () => {
        requireTool("nginx");
        dir = mkdtempSync(join(tmpdir(), "odoo-aws-nginx-"));
        listenPort = await freePort();
        geventPort = await freePort();
        // Every HTTP worker busy: the connection is accepted and nothing is ever answered.
        workers = createTcpServer((socket) => held.push(socket)).listen(0, "127.0.0.1");
        await new Promise((r) => workers.once("listening", r));
        const httpPort = (workers.address() as AddressInfo).port;
        gevent = createServer((req, res) => {
            res.writeHead(req.url === "/web/health" ? 200 : 404, { "Content-Type": "application/json" });
            res.end('{"status": "pass"}');
        }).listen(geventPort, "127.0.0.1");
        await new Promise((r) => gevent!.once("listening", r));

        const site = renderNginxConf({ ...DEFAULT_NGINX_SETTINGS, listenPort, httpPort, geventPort });
        writeFileSync(join(dir, "site.conf"), site.replace(`listen ${listenPort} default_server;`, `listen 127.0.0.1:${listenPort};`));
        writeFileSync(
            join(dir, "nginx.conf"),
            [
                "daemon off;",
                "worker_processes 1;",
                `pid ${join(dir, "nginx.pid")};`,
                "error_log stderr error;",
                "events { worker_connections 64; }",
                "http {",
                "    access_log off;",
                ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `    ${t}_temp_path ${join(dir, t)};`),
                `    include ${join(dir, "site.conf")};`,
                "}",
                "",
            ].join("\n"),
        );
        const syntax = spawnSync("nginx", ["-t", "-q", "-p", dir, "-c", join(dir, "nginx.conf")], { encoding: "utf8" });
        assert.equal(syntax.status, 0, syntax.stderr);
        nginx = spawn("nginx", ["-p", dir, "-c", join(dir, "nginx.conf")], { stdio: ["ignore", "ignore", "inherit"] });
        await waitFor(async () => (await status(listenPort, NODE_ALIVE_PATH, 1000)) === 200, "nginx to answer");
    });

    after(() => {
        nginx?.kill("SIGTERM");
        held.forEach((s) => s.destroy());
        workers?.close();
        gevent?.close();
        rmSync(dir, { recursive: true, force: true });
    });

    it("passes the load balancer's check while every HTTP worker is busy", async () => {
        const checkTimeoutMs = HEALTH_CHECK.timeout * 1000;
        // The workers' own /web/health would time out the ALB's check…
        assert.equal(await status(listenPort, "/web/health", 2000), "timeout");
        // …while the liveness path answers at once from the gevent process.
        assert.equal(HEALTH_CHECK.path, NODE_ALIVE_PATH);
        assert.equal(await status(listenPort, NODE_ALIVE_PATH, checkTimeoutMs), 200);
    });

    it("fails the check once Odoo is dead (its gevent process gone), so the node is replaced", async () => {
        await new Promise((r) => gevent!.close(r));
        gevent = undefined;
        const answer = await status(listenPort, NODE_ALIVE_PATH, HEALTH_CHECK.timeout * 1000);
        assert.notEqual(answer, 200);
        assert.equal(answer, 502);
    });
});
