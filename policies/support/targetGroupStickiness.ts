/**
 * ALB target-group stickiness as the guide wants it: a cookie that keeps a browser on one node.
 * `lb_cookie` is the ALB's own AWSALB cookie (1–604800 s); `app_cookie` follows a cookie the
 * application sets — for Odoo `session_id`. (`source_ip` exists only on Network Load Balancers.)
 */
import { MAX_STICKINESS_SECONDS, MIN_STICKINESS_SECONDS, ODOO_SESSION_COOKIE } from "../../components/contract/stickiness";
import { NOT_KNOWN, NotKnown, describe, known, knownBoolean, knownNumber, knownString } from "./previewValues";

/** A target group's stickiness: sticky or not, and why not. */
export interface StickinessVerdict {
    sticky: boolean | NotKnown;
    /** Why the target group is not (or cannot be shown to be) sticky. */
    problem?: string;
}

/** Judges a target group's `stickiness` input. */
export function stickinessOf(props: Record<string, unknown>): StickinessVerdict {
    const block = known(() => props.stickiness);
    if (block === NOT_KNOWN) {
        return { sticky: NOT_KNOWN, problem: "stickiness is not known at preview; set it as a literal" };
    }
    if (!block || typeof block !== "object") {
        return { sticky: false, problem: "stickiness is not set" };
    }
    const stickiness = block as Record<string, unknown>;
    // The provider's default for `enabled` is true once a stickiness block is given.
    const enabled = knownBoolean(() => stickiness.enabled);
    const type = knownString(() => stickiness.type);
    if (enabled === NOT_KNOWN || type === NOT_KNOWN) {
        return {
            sticky: NOT_KNOWN,
            problem: `stickiness.enabled is ${describe(enabled)} and stickiness.type ${describe(type)}; both must be literals`,
        };
    }
    if (enabled === false) {
        return { sticky: false, problem: "stickiness.enabled is false" };
    }
    if (type === "lb_cookie") {
        const duration = knownNumber(() => stickiness.cookieDuration);
        if (duration !== undefined && duration !== NOT_KNOWN && (duration < MIN_STICKINESS_SECONDS || duration > MAX_STICKINESS_SECONDS)) {
            return {
                sticky: false,
                problem: `stickiness.cookieDuration ${duration} is outside ${MIN_STICKINESS_SECONDS}–${MAX_STICKINESS_SECONDS} s`,
            };
        }
        return { sticky: true };
    }
    if (type === "app_cookie") {
        const cookieName = knownString(() => stickiness.cookieName);
        if (cookieName === NOT_KNOWN || !cookieName) {
            return {
                sticky: cookieName === NOT_KNOWN ? NOT_KNOWN : false,
                problem: `stickiness type app_cookie needs cookieName (Odoo's is "${ODOO_SESSION_COOKIE}"), which is ${describe(cookieName)}`,
            };
        }
        return { sticky: true };
    }
    return { sticky: false, problem: `stickiness.type is ${describe(type)}; an ALB needs "lb_cookie" or "app_cookie"` };
}
