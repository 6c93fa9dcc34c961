/** The ports of the cluster, named once: security groups, listeners, nginx and odoo.conf all use these. */

/** Odoo's HTTP port (`http_port`), reached only through the node's nginx. */
export const ODOO_HTTP_PORT = 8069;
/** Odoo's gevent port (`gevent_port`) serving `/websocket`, reached only through the node's nginx. */
export const ODOO_GEVENT_PORT = 8072;
/** The node's nginx, which adds X-Forwarded-Host and routes `/websocket`; the ALB targets it. */
export const NODE_PROXY_PORT = 8080;
export const POSTGRES_PORT = 5432;
export const REDIS_PORT = 6379;
/** NFS, for EFS mount targets. */
export const NFS_PORT = 2049;
export const HTTPS_PORT = 443;
export const HTTP_PORT = 80;
