/**
 * The timeout chain of a request, from the load balancer down to Odoo (the lead's decision; ALB
 * docs: "we recommend that you configure the idle timeout of your targets to be larger than the
 * idle timeout of the load balancer", otherwise the target may close a connection the ALB is about
 * to reuse and the client gets a 502):
 *
 *   Odoo `limit_time_real` ≤ nginx proxy timeouts ≤ ALB idle timeout < nginx `keepalive_timeout`.
 *
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#connection-idle-timeout
 */

/** The largest idle timeout an Application Load Balancer accepts, seconds (`idle_timeout.timeout_seconds`, 1–4000). */
export const ALB_MAX_IDLE_TIMEOUT_SECONDS = 4000;

/**
 * nginx's `keepalive_timeout` on the node proxy, seconds. Above the largest idle timeout an ALB
 * can have, so it outlives whatever idle timeout the load balancer is given; the ALB closes its
 * idle connections first, so nginx never holds one this long. (nginx's default is 75 s.)
 */
export const NODE_KEEPALIVE_TIMEOUT_SECONDS = ALB_MAX_IDLE_TIMEOUT_SECONDS + 60;

/** Whether a node proxy keeping idle connections `keepaliveSeconds` outlives an ALB idle timeout. */
export function keepaliveOutlivesAlb(keepaliveSeconds: number, albIdleTimeoutSeconds: number): boolean {
    return keepaliveSeconds > albIdleTimeoutSeconds;
}
