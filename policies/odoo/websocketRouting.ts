/**
 * `/websocket` reaches Odoo's gevent process.
 *
 * Since Odoo 16 the live bus (chat, notifications, multi-tab sync) is a websocket on the gevent
 * port (8072); the HTTP port 8069 answers it with an error, and the web client falls back to
 * polling or shows "connection lost". The package's nodes run nginx on NODE_PROXY_PORT (8080),
 * which routes /websocket to 8072 — so a target group on that port is enough. Otherwise a listener
 * rule must send /websocket to a target group on the gevent port.
 */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { NODE_PROXY_PORT, ODOO_GEVENT_PORT } from "../../components/contract/ports";
import { isType } from "../support/awsTypes";
import { clustersOf, membersOfType } from "../support/clusters";
import { NOT_KNOWN, knownArray, knownNumber } from "../support/previewValues";
import { linkedResources } from "../support/resourceLinks";

function routesWebsocket(rule: PolicyResource): boolean {
    const conditions = knownArray(() => rule.props.conditions);
    if (conditions === NOT_KNOWN) {
        return false;
    }
    return conditions.some((c) => {
        const values = knownArray(() => (c as { pathPattern?: { values?: unknown } }).pathPattern?.values);
        return values !== NOT_KNOWN && values.some((v) => typeof v === "string" && /^\/websocket(\*|\/\*)?$/.test(v));
    });
}

export const websocketRouting: StackValidationPolicy = {
    name: "odoo-websocket-routing",
    description: `The cluster's load balancer sends /websocket to Odoo's gevent port: its target group targets the node proxy (${NODE_PROXY_PORT}), or a listener rule forwards /websocket to a target group on ${ODOO_GEVENT_PORT}.`,
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        `Point the target group at the node's nginx on port ${NODE_PROXY_PORT} (the package's nodes route /websocket to ${ODOO_GEVENT_PORT} there), ` +
        `or add a listener rule with pathPattern /websocket forwarding to a target group on port ${ODOO_GEVENT_PORT}.`,
    validateStack: (args, reportViolation) => {
        const listenerRules = args.resources.filter((r) => isType(r.type, "ListenerRule"));
        for (const cluster of clustersOf(args.resources)) {
            const targetGroups = membersOfType(cluster, "TargetGroup");
            if (targetGroups.length === 0) {
                continue;
            }
            const ports = targetGroups.map((tg) => knownNumber(() => tg.resource.props.port));
            if (ports.some((p) => p === NODE_PROXY_PORT)) {
                continue;
            }
            const geventGroups = new Set(targetGroups.filter((_, i) => ports[i] === ODOO_GEVENT_PORT).map((tg) => tg.resource));
            const routed = listenerRules.some(
                (r) => routesWebsocket(r) && linkedResources(r, ["actions"], "TargetGroup").some((tg) => geventGroups.has(tg)),
            );
            if (!routed) {
                const described = targetGroups.map(
                    (tg, i) => `${tg.resource.name} on port ${ports[i] === NOT_KNOWN ? "not known at preview" : (ports[i] ?? "not set")}`,
                );
                reportViolation(
                    `Cluster "${cluster.name}": no target group targets the node proxy (${NODE_PROXY_PORT}) and no listener rule forwards /websocket to a target group on ${ODOO_GEVENT_PORT} ` +
                        `(${described.join(", ")}); Odoo's live bus will not connect.`,
                    targetGroups[0].resource.urn,
                );
            }
        }
    },
};
