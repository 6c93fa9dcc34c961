/**
 * In production, plain HTTP only ever redirects to HTTPS.
 *
 * Odoo's session cookie and every form (the login page included) would otherwise cross the network
 * in clear text. The ALB's port-80 listener exists so typed-in `http://` addresses still work: its
 * default action redirects to HTTPS, and no listener rule on it forwards to the nodes. The redirect
 * must name the HTTPS port: the ALB's default `#{port}` keeps port 80 and loops into a TLS error.
 */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { HTTP_PORT } from "../../components/contract/ports";
import { isType } from "../support/awsTypes";
import { clustersOf, environmentsOf, isProductionCluster, membersOfType } from "../support/clusters";
import { PRODUCTION_CONFIG_SCHEMA, ProductionConfig, productionEnvironmentsFrom } from "../support/policyConfig";
import { NOT_KNOWN, describe, known, knownArray, knownNumber, knownString } from "../support/previewValues";
import { isLinkedTo } from "../support/resourceLinks";

/** Why an action is not a redirect to HTTPS on an explicit port, or undefined when it is. */
export function redirectProblem(action: unknown): string | undefined {
    if (action === NOT_KNOWN) {
        return "an action is not known at preview";
    }
    const a = action as { type?: unknown; redirect?: unknown };
    const type = knownString(() => a.type);
    if (type !== "redirect") {
        return `an action of type ${describe(type)}`;
    }
    const redirect = known(() => a.redirect) as { protocol?: unknown; port?: unknown } | undefined | typeof NOT_KNOWN;
    if (redirect === NOT_KNOWN) {
        return "a redirect whose target is not known at preview";
    }
    const protocol = knownString(() => redirect?.protocol);
    const port = knownString(() => redirect?.port);
    if (protocol !== "HTTPS") {
        return `a redirect to protocol ${describe(protocol)}`;
    }
    if (port === NOT_KNOWN || port === undefined || port === "#{port}" || port === String(HTTP_PORT)) {
        return `a redirect to HTTPS on port ${describe(port)} (ALB default "#{port}" keeps ${HTTP_PORT})`;
    }
    return undefined;
}

/** Whether a listener serves plain HTTP; an ALB listener without a protocol does (the provider's default is HTTP). */
function isPlainHttp(listener: PolicyResource): boolean | typeof NOT_KNOWN {
    const protocol = knownString(() => listener.props.protocol);
    const port = knownNumber(() => listener.props.port);
    if (protocol === "HTTP" || protocol === undefined) {
        return true;
    }
    if (protocol === NOT_KNOWN) {
        return port === HTTP_PORT ? true : NOT_KNOWN;
    }
    return false;
}

export const httpsOnlyInProduction: StackValidationPolicy = {
    name: "odoo-https-only-in-production",
    description:
        "In production, every plain-HTTP listener of an Odoo cluster's load balancer only redirects to HTTPS (default action and every rule).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        'Give the port-80 listener defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] ' +
        "and attach forwarding rules only to the HTTPS listener.",
    configSchema: PRODUCTION_CONFIG_SCHEMA,
    validateStack: (args, reportViolation) => {
        const productionEnvironments = productionEnvironmentsFrom(args.getConfig<ProductionConfig>());
        const listenerRules = args.resources.filter((r) => isType(r.type, "ListenerRule"));
        for (const cluster of clustersOf(args.resources)) {
            if (!isProductionCluster(cluster, productionEnvironments)) {
                continue;
            }
            const why = `cluster "${cluster.name}" is production (odoo:environment ${environmentsOf(cluster).join(", ")})`;
            for (const { resource: listener } of membersOfType(cluster, "Listener")) {
                const plain = isPlainHttp(listener);
                if (plain === false) {
                    continue;
                }
                if (plain === NOT_KNOWN) {
                    reportViolation(
                        `Listener ${listener.name}: protocol is not known at preview; ${why}, so it must be shown to be HTTPS or to redirect.`,
                        listener.urn,
                    );
                    continue;
                }
                const actions = knownArray(() => listener.props.defaultActions);
                const problems = (actions === NOT_KNOWN ? [NOT_KNOWN] : actions)
                    .map(redirectProblem)
                    .filter((p): p is string => p !== undefined);
                if (actions !== NOT_KNOWN && actions.length === 0) {
                    problems.push("no default action");
                }
                if (problems.length > 0) {
                    reportViolation(
                        `Plain-HTTP listener ${listener.name} has ${problems.join(", ")}; ${why}, so it may only redirect to HTTPS.`,
                        listener.urn,
                    );
                }
                const rules = listenerRules.filter((r) => isLinkedTo(r, ["listenerArn"], listener));
                for (const rule of rules) {
                    const ruleActions = knownArray(() => rule.props.actions);
                    const ruleProblems = (ruleActions === NOT_KNOWN ? [NOT_KNOWN] : ruleActions)
                        .map(redirectProblem)
                        .filter((p): p is string => p !== undefined);
                    if (ruleProblems.length > 0) {
                        reportViolation(
                            `Listener rule ${rule.name} on plain-HTTP listener ${listener.name} has ${ruleProblems.join(", ")}; ${why}, so it may only redirect to HTTPS.`,
                            rule.urn,
                        );
                    }
                }
            }
        }
    },
};
