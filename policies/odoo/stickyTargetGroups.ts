/**
 * The cluster's ALB target groups keep a browser on one node.
 *
 * The guide puts sticky sessions on the load balancer even with shared sessions: a user's requests
 * and their websocket (bus) connection stay on one node, whose caches are warm for them, and a
 * multi-request flow does not bounce between nodes mid-way. Judged per target group from its own
 * `stickiness` input, which is a literal known at preview.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { isType } from "../support/awsTypes";
import { odooTagsOf } from "../support/clusters";
import { NOT_KNOWN } from "../support/previewValues";
import { DEFAULT_STICKINESS_SECONDS, ODOO_SESSION_COOKIE } from "../../components/contract/stickiness";
import { stickinessOf } from "../support/targetGroupStickiness";

export const stickyTargetGroups: ResourceValidationPolicy = {
    name: "odoo-sticky-target-groups",
    description: "Every ALB target group of an Odoo cluster has cookie stickiness enabled (lb_cookie, or app_cookie on Odoo's session_id).",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps:
        `Set stickiness on the target group: { enabled: true, type: "lb_cookie", cookieDuration: ${DEFAULT_STICKINESS_SECONDS} } or ` +
        `{ enabled: true, type: "app_cookie", cookieName: "${ODOO_SESSION_COOKIE}" }.`,
    validateResource: (args, reportViolation) => {
        if (!isType(args.type, "TargetGroup")) {
            return;
        }
        const tags = odooTagsOf(args);
        if (tags.cluster === undefined) {
            return;
        }
        const verdict = stickinessOf(args.props);
        if (verdict.sticky !== true) {
            reportViolation(
                `Target group ${args.name} of cluster "${tags.cluster}" is not sticky: ${verdict.problem}.` +
                    (verdict.sticky === NOT_KNOWN ? " A guardrail cannot pass what it cannot see." : ""),
            );
        }
    },
};
