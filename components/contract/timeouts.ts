/**
 * The request-timeout chain, from the Odoo worker to the load balancer. Pure; shared with the
 * policy pack.
 *
 *   Odoo limit_time_real  ≤  nginx proxy timeouts  ≤  ALB idle timeout  <  nginx keepalive_timeout
 *
 * - Odoo gives up first: a worker past `limit_time_real` is killed and its transaction rolled
 *   back. If the proxy or the ALB gave up first, the user would get a 504 for work that goes on
 *   and may still commit (the guide's 720 s ALB timeout against its 1,200 s `limit_time_real`).
 * - The ALB's idle timeout covers the node proxy's, so the ALB never cuts a request nginx still
 *   waits for.
 * - nginx keeps an idle keep-alive connection longer than the ALB may: otherwise nginx closes a
 *   connection the ALB is about to reuse and the ALB answers 502
 *   (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#connection-idle-timeout).
 *   The ALB idle timeout is configurable up to AWS's 4,000 s, so the keep-alive covers that maximum.
 */
import { GUIDE_WORKER_LIMITS } from "./sizing";

/** Seconds between two links of the chain: Odoo's kill (checked about every second) lands first. */
export const TIMEOUT_CHAIN_MARGIN_SECONDS = 30;

/** AWS's largest ALB idle timeout, seconds. */
export const ALB_MAX_IDLE_TIMEOUT_SECONDS = 4000;

/** The chain, in seconds. */
export interface RequestTimeouts {
    /** Odoo's `limit_time_real` of an HTTP worker. */
    odooLimitTimeRealSeconds: number;
    /** nginx `proxy_read_timeout` / `proxy_send_timeout` / `send_timeout` of the node proxy. */
    nodeProxySeconds: number;
    /** The ALB's default idle timeout (configurable from `nodeProxySeconds` to 4,000). */
    albIdleSeconds: number;
    /** nginx `keepalive_timeout` of the node proxy: above every idle timeout the ALB accepts. */
    nodeKeepaliveSeconds: number;
}

/** The chain for an Odoo `limit_time_real` of `limitTimeRealSeconds`. */
export function requestTimeouts(limitTimeRealSeconds: number): RequestTimeouts {
    const nodeProxySeconds = limitTimeRealSeconds + TIMEOUT_CHAIN_MARGIN_SECONDS;
    return {
        odooLimitTimeRealSeconds: limitTimeRealSeconds,
        nodeProxySeconds,
        albIdleSeconds: nodeProxySeconds + TIMEOUT_CHAIN_MARGIN_SECONDS,
        nodeKeepaliveSeconds: ALB_MAX_IDLE_TIMEOUT_SECONDS + TIMEOUT_CHAIN_MARGIN_SECONDS,
    };
}

/** The chain for the guide's worker limits: 1,200 ≤ 1,230 ≤ 1,260 < 4,030. */
export const REQUEST_TIMEOUTS: RequestTimeouts = requestTimeouts(GUIDE_WORKER_LIMITS.timeReal);
