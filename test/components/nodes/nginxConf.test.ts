import { strict as assert } from "node:assert";
import { GZIP_TYPES, NODE_ALIVE_PATH, PROXY_TIMEOUT_SECONDS, renderNginxConf } from "../../../components/nodes/nginxConf";
import { ALB_MAX_IDLE_TIMEOUT_SECONDS, REQUEST_TIMEOUTS } from "../../../components/contract/timeouts";
import { MAX_IDLE_TIMEOUT } from "../../../components/loadBalancer/loadBalancer";
import { NODE_PROXY_PORT, ODOO_GEVENT_PORT, ODOO_HTTP_PORT } from "../../../components/contract/ports";

/** The text of a `location <path> { … }` block (blocks do not nest in this site). */
function location(conf: string, path: string): string {
    const start = conf.indexOf(`location ${path} {`);
    assert.notEqual(start, -1, `no location ${path}`);
    return conf.slice(start, conf.indexOf("}", start));
}

function upstream(conf: string, name: string): string {
    const start = conf.indexOf(`upstream ${name} {`);
    assert.notEqual(start, -1, `no upstream ${name}`);
    return conf.slice(start, conf.indexOf("}", start));
}

describe("renderNginxConf", () => {
    const conf = renderNginxConf();

    it("listens on the node proxy port the load balancer targets", () => {
        assert.match(conf, new RegExp(`listen ${NODE_PROXY_PORT} default_server;`));
    });

    it("routes /websocket to the gevent port with the upgrade headers", () => {
        const ws = location(conf, "/websocket");
        assert.match(ws, /proxy_pass http:\/\/odoo_gevent;/);
        assert.match(ws, /proxy_set_header Upgrade \$http_upgrade;/);
        assert.match(ws, /proxy_set_header Connection \$odoo_connection_upgrade;/);
        assert.match(ws, /proxy_http_version 1\.1;/);
        assert.match(upstream(conf, "odoo_gevent"), new RegExp(`server 127\\.0\\.0\\.1:${ODOO_GEVENT_PORT};`));
    });

    it("routes everything else to the HTTP port", () => {
        assert.match(location(conf, "/"), /proxy_pass http:\/\/odoo_http;/);
        assert.match(upstream(conf, "odoo_http"), new RegExp(`server 127\\.0\\.0\\.1:${ODOO_HTTP_PORT};`));
    });

    it("sets X-Forwarded-Host in both locations, port included, which proxy_mode needs and the ALB never sends", () => {
        for (const path of ["/websocket", "/"]) {
            const block = location(conf, path);
            assert.match(block, /proxy_set_header X-Forwarded-Host \$http_host;/);
            assert.match(block, /proxy_set_header X-Forwarded-Proto \$odoo_forwarded_proto;/);
            assert.match(block, /proxy_set_header X-Forwarded-For \$odoo_forwarded_for;/);
        }
    });

    it("keeps the client address the ALB wrote instead of appending the ALB's own", () => {
        assert.doesNotMatch(conf, /\$proxy_add_x_forwarded_for/);
        assert.match(conf, /map \$http_x_forwarded_for \$odoo_forwarded_for \{\s+default \$http_x_forwarded_for;/);
        assert.match(conf, /map \$http_x_forwarded_proto \$odoo_forwarded_proto \{\s+default \$http_x_forwarded_proto;\s+'' \$scheme;/);
    });

    it("waits longer than Odoo's limit_time_real and less than the ALB's idle timeout", () => {
        assert.ok(REQUEST_TIMEOUTS.odooLimitTimeRealSeconds <= PROXY_TIMEOUT_SECONDS);
        assert.ok(PROXY_TIMEOUT_SECONDS <= REQUEST_TIMEOUTS.albIdleSeconds);
        for (const directive of ["proxy_read_timeout", "proxy_send_timeout", "send_timeout"]) {
            assert.match(conf, new RegExp(`${directive} ${PROXY_TIMEOUT_SECONDS}s;`));
        }
        // nginx caps the connect timeout at 75 s; the local Odoo accepts at once anyway.
        assert.match(conf, /proxy_connect_timeout 10s;/);
    });

    it("answers the load balancer's health check from Odoo's gevent process, not from the HTTP workers", () => {
        assert.match(conf, new RegExp(`location = ${NODE_ALIVE_PATH} \\{\\s+proxy_pass http://odoo_gevent/web/health;`));
    });

    it("keeps idle connections open longer than any idle timeout the ALB accepts", () => {
        const keepalive = Number(/keepalive_timeout (\d+)s;/.exec(conf)?.[1]);
        assert.ok(keepalive > ALB_MAX_IDLE_TIMEOUT_SECONDS, `keepalive_timeout ${keepalive}s`);
        assert.ok(keepalive > MAX_IDLE_TIMEOUT, "the load balancer's own upper bound");
    });

    it("compresses JavaScript under both MIME types nginx and Odoo send", () => {
        assert.ok(GZIP_TYPES.includes("text/javascript") && GZIP_TYPES.includes("application/javascript"));
        assert.match(conf, new RegExp(`gzip_types ${GZIP_TYPES.join(" ").replace(/[+/]/g, "\\$&")};`));
    });

    it("balances its braces", () => {
        assert.equal((conf.match(/\{/g) ?? []).length, (conf.match(/\}/g) ?? []).length);
    });
});
