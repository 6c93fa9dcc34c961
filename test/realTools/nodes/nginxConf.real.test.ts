/**
 * The node proxy's rendered site served by a real nginx (Debian's 1.22, as on the nodes' AL2023
 * within a minor) in front of two fake Odoo ports: what the load balancer and Odoo see of it.
 */
import { strict as assert } from "node:assert";
import { IncomingHttpHeaders, Server, createServer, request } from "node:http";
import { Socket, connect } from "node:net";
import { DEFAULT_NGINX_SETTINGS, NODE_ALIVE_PATH, NginxSettings, renderNginxConf } from "../../../components/nodes/nginxConf";
import { ALB_MAX_IDLE_TIMEOUT_SECONDS } from "../../../components/contract/timeouts";
import { RealServer, freePort, requireRealTool, scratch, startNginx } from "../realServices";

/** What a fake Odoo port answers: the request it got, as JSON, with the port's name. */
function fakeOdoo(name: string): Server {
    const server = createServer((req, res) => {
        let size = 0;
        req.on("data", (chunk: Buffer) => (size += chunk.length));
        req.on("end", () => {
            if (req.url === "/web/assets/app.js") {
                res.writeHead(200, { "Content-Type": "text/javascript" });
                res.end("odoo.define('x', function () { return 1; });\n".repeat(200));
                return;
            }
            res.writeHead(200, { "Content-Type": "application/json" });
            res.end(JSON.stringify({ backend: name, url: req.url, method: req.method, headers: req.headers, bodyBytes: size }));
        });
    });
    server.on("upgrade", (_req, socket) => {
        socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Backend: ${name}\r\n\r\n`);
        socket.on("data", (data: Buffer) => socket.write(`echo:${data.toString()}`));
    });
    return server;
}

interface Answer {
    status: number;
    headers: IncomingHttpHeaders;
    body: Buffer;
}

function get(port: number, path: string, headers: Record<string, string> = {}, method = "GET", body?: Buffer): Promise<Answer> {
    return new Promise((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port, path, method, headers, agent: false }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on("error", reject);
        req.end(body);
    });
}

/** A site rendered with `overrides`, listening on 127.0.0.1 only (the node listens on every interface for the ALB). */
async function serve(overrides: Partial<NginxSettings>, httpPort: number, geventPort: number) {
    const listenPort = await freePort();
    const settings = { ...DEFAULT_NGINX_SETTINGS, ...overrides, listenPort, httpPort, geventPort };
    const site = renderNginxConf(settings).replace(
        `listen ${listenPort} default_server;`,
        `listen 127.0.0.1:${listenPort} default_server;`,
    );
    const dir = scratch("nginx");
    const nginx = await startNginx(dir.dir, site, listenPort);
    return {
        port: listenPort,
        stop: async () => {
            await nginx.stop();
            dir.remove();
        },
    };
}

/** Sends one keep-alive request on a raw socket and resolves with the socket once the answer is in. */
function keptAlive(port: number): Promise<Socket> {
    return new Promise((resolve, reject) => {
        const socket = connect({ host: "127.0.0.1", port }, () => {
            socket.write("GET /web/login HTTP/1.1\r\nHost: erp.example.com\r\nConnection: keep-alive\r\n\r\n");
        });
        socket.once("data", () => resolve(socket));
        socket.on("error", reject);
    });
}

/** Whether nginx closed the idle socket within `ms`. */
function closedWithin(socket: Socket, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), ms);
        socket.once("end", () => {
            clearTimeout(timer);
            resolve(true);
        });
    });
}

describe("the node proxy under a real nginx", function () {
    this.timeout(60_000);
    let http: Server;
    let gevent: Server;
    let httpPort: number;
    let geventPort: number;
    let proxy: RealServer;

    before(async function () {
        requireRealTool(this, "nginx");
        [httpPort, geventPort] = [await freePort(), await freePort()];
        http = fakeOdoo("http");
        gevent = fakeOdoo("gevent");
        await new Promise<void>((r) => http.listen(httpPort, "127.0.0.1", r));
        await new Promise<void>((r) => gevent.listen(geventPort, "127.0.0.1", r));
        proxy = await serve({}, httpPort, geventPort);
    });

    after(async () => {
        await proxy?.stop();
        http?.close();
        gevent?.close();
    });

    it("upgrades /websocket to the gevent port and carries frames both ways", async () => {
        const socket = connect({ host: "127.0.0.1", port: proxy.port });
        const received: string[] = [];
        socket.on("data", (d: Buffer) => received.push(d.toString()));
        await new Promise((r) => socket.once("connect", r));
        socket.write(
            "GET /websocket HTTP/1.1\r\nHost: erp.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
        );
        await new Promise((r) => setTimeout(r, 300));
        socket.write("ping");
        await new Promise((r) => setTimeout(r, 300));
        socket.destroy();
        const text = received.join("");
        assert.match(text, /^HTTP\/1\.1 101 /);
        assert.match(text, /X-Backend: gevent/i);
        assert.match(text, /echo:ping/);
    });

    it("sends everything else to the HTTP port with the headers Odoo's proxy_mode reads, the port of the Host kept", async () => {
        const answer = await get(proxy.port, "/web/login", {
            Host: "erp.example.com:8443",
            "X-Forwarded-For": "203.0.113.7",
            "X-Forwarded-Proto": "https",
        });
        const seen = JSON.parse(answer.body.toString()) as { backend: string; headers: IncomingHttpHeaders };
        assert.equal(seen.backend, "http");
        assert.equal(seen.headers["x-forwarded-host"], "erp.example.com:8443");
        assert.equal(seen.headers.host, "erp.example.com:8443");
        assert.equal(seen.headers["x-forwarded-for"], "203.0.113.7", "the client the ALB saw, not the ALB appended");
        assert.equal(seen.headers["x-forwarded-proto"], "https");
    });

    it("fills in the client address and scheme when no load balancer wrote them", async () => {
        const seen = JSON.parse((await get(proxy.port, "/web/login", { Host: "10.0.1.5:8080" })).body.toString()) as {
            headers: IncomingHttpHeaders;
        };
        assert.equal(seen.headers["x-forwarded-for"], "127.0.0.1");
        assert.equal(seen.headers["x-forwarded-proto"], "http");
        assert.equal(seen.headers["x-forwarded-host"], "10.0.1.5:8080");
    });

    it("answers the load balancer's health check path from the gevent port, as Odoo's /web/health", async () => {
        const answer = await get(proxy.port, NODE_ALIVE_PATH, { Host: "10.0.1.5:8080" });
        assert.equal(answer.status, 200);
        const seen = JSON.parse(answer.body.toString()) as { backend: string; url: string };
        assert.deepEqual([seen.backend, seen.url], ["gevent", "/web/health"]);
    });

    it("still sends /web/health itself to the HTTP workers", async () => {
        const answer = await get(proxy.port, "/web/health", { Host: "10.0.1.5:8080" });
        const seen = JSON.parse(answer.body.toString()) as { backend: string; url: string };
        assert.deepEqual([seen.backend, seen.url], ["http", "/web/health"]);
    });

    it("accepts a 1 MiB upload and refuses a body above Odoo's 128 MiB cap with 413 before it reaches Odoo", async () => {
        const small = await get(proxy.port, "/web/binary/upload", { Host: "erp.example.com" }, "POST", Buffer.alloc(1024 * 1024, 120));
        assert.equal((JSON.parse(small.body.toString()) as { bodyBytes: number }).bodyBytes, 1024 * 1024);
        const socket = connect({ host: "127.0.0.1", port: proxy.port });
        const answer = await new Promise<string>((resolve) => {
            socket.on("data", (d: Buffer) => resolve(d.toString()));
            socket.write(`POST /web/binary/upload HTTP/1.1\r\nHost: erp.example.com\r\nContent-Length: ${128 * 1024 * 1024 + 1}\r\n\r\n`);
        });
        socket.destroy();
        assert.match(answer, /^HTTP\/1\.1 413 /);
    });

    it("compresses JavaScript served as text/javascript", async () => {
        const answer = await get(proxy.port, "/web/assets/app.js", { Host: "erp.example.com", "Accept-Encoding": "gzip" });
        assert.equal(answer.headers["content-type"], "text/javascript");
        assert.equal(answer.headers["content-encoding"], "gzip");
    });

    it("is configured to keep idle connections longer than any ALB idle timeout, and nginx accepts the value", async () => {
        const configured = Number(/keepalive_timeout (\d+)s;/.exec(renderNginxConf())?.[1]);
        assert.ok(configured > ALB_MAX_IDLE_TIMEOUT_SECONDS, `keepalive_timeout ${configured} s`);
        // The server block's value, not the http block's 65 s, governs the ALB's connections: an idle one is still open after 2 s.
        const socket = await keptAlive(proxy.port);
        const closed = await closedWithin(socket, 2_000);
        socket.destroy();
        assert.equal(closed, false);
    });

    it("closes idle connections when its keep-alive runs out, which the ALB must never see first (short-timeout variant)", async () => {
        const short = await serve({ keepaliveTimeoutSeconds: 1 }, httpPort, geventPort);
        try {
            const socket = await keptAlive(short.port);
            const closed = await closedWithin(socket, 4_000);
            socket.destroy();
            assert.equal(closed, true, "nginx closes an idle connection after keepalive_timeout");
        } finally {
            await short.stop();
        }
    });
});
