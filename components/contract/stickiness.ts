/**
 * Cookie stickiness of the cluster's target group: AWS's limits and the package's default. Pure,
 * so the policy pack judges a target group against the same bounds the load balancer enforces.
 */

/** AWS's limits for the stickiness cookie duration (1 s to 7 days). */
export const MIN_STICKINESS_SECONDS = 1;
export const MAX_STICKINESS_SECONDS = 604800;
/**
 * Default stickiness: one hour, renewed by the ALB on every request. An active user stays on
 * their node all day; one idle for an hour is balanced afresh, so nodes added by a scale-out get
 * a share of the existing users. Sessions are shared (Redis or EFS), so losing the pin never logs
 * anyone out.
 */
export const DEFAULT_STICKINESS_SECONDS = 3600;
/** Odoo's session cookie, the one `app_cookie` stickiness would follow. */
export const ODOO_SESSION_COOKIE = "session_id";
