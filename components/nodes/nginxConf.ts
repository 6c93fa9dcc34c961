/**
 * The nginx site every serving node runs in front of Odoo. Pure.
 *
 * Why a proxy on the node at all: Odoo's `proxy_mode` only rewrites the request when it carries
 * X-Forwarded-Host, and an Application Load Balancer never sends that header (it sends
 * X-Forwarded-For/-Proto/-Port). Without it Odoo builds URLs and redirects with its own
 * 127.0.0.1 address and plain http. nginx adds the header, keeps the ALB's client address and
 * scheme, and routes `/websocket` to the gevent port, the way the guide's configuration does.
 */
import { NODE_PROXY_PORT, ODOO_GEVENT_PORT, ODOO_HTTP_PORT } from "../contract/ports";
import { REQUEST_TIMEOUTS } from "../contract/timeouts";

/**
 * The proxy timeouts (seconds): above Odoo's `limit_time_real`, below the ALB's idle timeout
 * (contract/timeouts.ts), so Odoo ends a long request first and rolls it back.
 */
export const PROXY_TIMEOUT_SECONDS = REQUEST_TIMEOUTS.nodeProxySeconds;
/**
 * Connecting to Odoo on the same host is immediate even when every worker is busy (the kernel
 * accepts into the listen backlog); nginx caps this timeout at 75 s anyway.
 */
export const PROXY_CONNECT_TIMEOUT_SECONDS = 10;

/**
 * The path the load balancer's health check asks for. nginx answers it from Odoo's gevent process
 * (`/web/health` on the gevent port), not from the HTTP workers, so the check tells "Odoo is dead"
 * from "every worker is busy":
 *
 * - In prefork mode (workers > 0) each HTTP worker takes one request at a time from the shared
 *   socket (odoo/service/server.py, `WorkerHTTP.process_work`). With every worker on a long report
 *   (up to `limit_time_real`, 1,200 s) a `/web/health` on 8069 waits in the backlog, the ALB's
 *   check times out, and the Auto Scaling group (health type ELB) would replace a node that is
 *   merely busy — at peak, when it is needed most.
 * - The gevent process is a separate process the same master spawns and respawns
 *   (`PreforkServer.long_polling_spawn` / `process_spawn`), serving the same WSGI application, so
 *   it answers `/web/health` while the workers are busy. It exits when its parent changes
 *   (`GeventServer.process_limits`), and the container stops when the master does: a dead Odoo
 *   (or a dead nginx) still fails the check, and the node is replaced within minutes.
 *
 * The check does not ask for `db_server_status`: a PostgreSQL outage would otherwise mark every
 * node unhealthy and have them all replaced, which fixes nothing.
 */
export const NODE_ALIVE_PATH = "/odoo-aws/alive";
/**
 * Largest request body nginx accepts (attachments, imports): Odoo's own cap since 16.0
 * (`DEFAULT_MAX_CONTENT_LENGTH`, 128 MiB, in odoo/http.py), so nginx answers 413 before a worker
 * spends time reading a body Odoo would refuse anyway.
 */
export const CLIENT_MAX_BODY_SIZE = "128m";

/** Ports and limits of the node proxy. */
export interface NginxSettings {
    listenPort: number;
    httpPort: number;
    geventPort: number;
    timeoutSeconds: number;
    clientMaxBodySize: string;
    /** `keepalive_timeout`, seconds: above the ALB's idle timeout (see contract/timeouts.ts). */
    keepaliveTimeoutSeconds: number;
}

export const DEFAULT_NGINX_SETTINGS: NginxSettings = {
    listenPort: NODE_PROXY_PORT,
    httpPort: ODOO_HTTP_PORT,
    geventPort: ODOO_GEVENT_PORT,
    timeoutSeconds: PROXY_TIMEOUT_SECONDS,
    clientMaxBodySize: CLIENT_MAX_BODY_SIZE,
    keepaliveTimeoutSeconds: REQUEST_TIMEOUTS.nodeKeepaliveSeconds,
};

/** What nginx compresses: text/javascript is what nginx's mime.types (1.22+) sends for .js. */
export const GZIP_TYPES = [
    "text/css",
    "text/plain",
    "text/xml",
    "text/javascript",
    "application/javascript",
    "application/xml",
    "application/json",
    "image/svg+xml",
];

/**
 * The headers both locations send. Repeated per location on purpose: nginx drops every inherited
 * `proxy_set_header` in a block that sets one of its own, as `/websocket` must.
 * X-Forwarded-For is passed through as the ALB wrote it: Odoo trusts exactly one hop, and the
 * last entry must be the client the ALB saw, not the ALB's own address that
 * `$proxy_add_x_forwarded_for` would append. `$http_host` rather than `$host`: `$host` drops a
 * non-default port, and Odoo (proxy_mode, werkzeug's ProxyFix) builds its URLs from X-Forwarded-Host.
 */
const FORWARDED_HEADERS = [
    "proxy_set_header Host $http_host;",
    "proxy_set_header X-Forwarded-Host $http_host;",
    "proxy_set_header X-Forwarded-For $odoo_forwarded_for;",
    "proxy_set_header X-Forwarded-Proto $odoo_forwarded_proto;",
];

/** The site for /etc/nginx/conf.d (inside nginx's `http` block). */
export function renderNginxConf(settings: NginxSettings = DEFAULT_NGINX_SETTINGS): string {
    const t = `${settings.timeoutSeconds}s`;
    const headers = (indent: string) => FORWARDED_HEADERS.map((h) => `${indent}${h}`);
    return [
        "# odoo-aws: the node proxy the load balancer targets.",
        "map $http_upgrade $odoo_connection_upgrade {",
        "    default upgrade;",
        "    '' close;",
        "}",
        "map $http_x_forwarded_proto $odoo_forwarded_proto {",
        "    default $http_x_forwarded_proto;",
        "    '' $scheme;",
        "}",
        "map $http_x_forwarded_for $odoo_forwarded_for {",
        "    default $http_x_forwarded_for;",
        "    '' $remote_addr;",
        "}",
        "upstream odoo_http {",
        `    server 127.0.0.1:${settings.httpPort};`,
        "    keepalive 16;",
        "}",
        "upstream odoo_gevent {",
        `    server 127.0.0.1:${settings.geventPort};`,
        "}",
        "server {",
        `    listen ${settings.listenPort} default_server;`,
        "    server_name _;",
        `    client_max_body_size ${settings.clientMaxBodySize};`,
        `    proxy_connect_timeout ${PROXY_CONNECT_TIMEOUT_SECONDS}s;`,
        `    proxy_send_timeout ${t};`,
        `    proxy_read_timeout ${t};`,
        `    send_timeout ${t};`,
        // The ALB reuses idle connections up to its idle timeout; nginx closing one first is a 502.
        `    keepalive_timeout ${settings.keepaliveTimeoutSeconds}s;`,
        "    gzip on;",
        `    gzip_types ${GZIP_TYPES.join(" ")};`,
        `    location = ${NODE_ALIVE_PATH} {`,
        "        proxy_pass http://odoo_gevent/web/health;",
        "        proxy_http_version 1.1;",
        ...headers("        "),
        "    }",
        "    location /websocket {",
        "        proxy_pass http://odoo_gevent;",
        "        proxy_http_version 1.1;",
        "        proxy_set_header Upgrade $http_upgrade;",
        "        proxy_set_header Connection $odoo_connection_upgrade;",
        ...headers("        "),
        "    }",
        "    location / {",
        "        proxy_pass http://odoo_http;",
        "        proxy_http_version 1.1;",
        '        proxy_set_header Connection "";',
        "        proxy_redirect off;",
        ...headers("        "),
        "    }",
        "}",
        "",
    ].join("\n");
}
