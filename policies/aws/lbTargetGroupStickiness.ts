/**
 * ALB stickiness: a cookie duration of 1 s to 7 days; application cookies need a cookie name that is
 * not one the ALB reserves (AWSALB, AWSALBAPP, AWSALBTG).
 */
import { ALB_RESERVED_COOKIE_NAMES, ELB_DOCS, stickinessDurationProblems } from "../../components/contract/awsLimits";
import { AwsType } from "../support/awsTypes";
import { booleanField, numberField, objectField, preflightRule, stringField } from "../support/preflightRule";

export const lbTargetGroupStickiness = preflightRule({
    name: "aws-lb-target-group-stickiness",
    description: "Target-group stickiness lasts 1–604800 seconds, and app_cookie stickiness names a cookie the ALB does not reserve",
    url: ELB_DOCS.targetGroupAttributes,
    types: AwsType.TargetGroup,
    remediationSteps:
        "Keep cookieDuration within 1–604800 s; with type app_cookie set cookieName to the application's cookie (Odoo: session_id), never AWSALB*.",
    check: (fields) => {
        const stickiness = objectField(fields, "stickiness");
        if (!stickiness || booleanField(stickiness, "enabled") === false) {
            return [];
        }
        const problems: string[] = [];
        const duration = numberField(stickiness, "cookieDuration");
        if (duration !== undefined) {
            problems.push(...stickinessDurationProblems(duration));
        }
        if (stringField(stickiness, "type") === "app_cookie") {
            const cookie = stringField(stickiness, "cookieName");
            if (cookie === undefined && stickiness.cookieName === undefined) {
                problems.push("app_cookie stickiness has no cookieName; accepted: the application's cookie name");
            } else if (cookie !== undefined && ALB_RESERVED_COOKIE_NAMES.includes(cookie as (typeof ALB_RESERVED_COOKIE_NAMES)[number])) {
                problems.push(
                    `the cookie name "${cookie}" is reserved by the load balancer; accepted: any name but AWSALB, AWSALBAPP and AWSALBTG`,
                );
            }
        }
        return problems;
    },
});
