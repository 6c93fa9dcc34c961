/**
 * Odoo cannot open more PostgreSQL connections than the database accepts.
 *
 * Every Odoo process keeps its own pool of up to `db_maxconn` connections: each HTTP worker, each
 * cron worker and the gevent (websocket) process, so a node holds up to
 * (workers + max_cron_threads + 1) × db_maxconn at once, and a group maxSize times that. When a
 * read replica is configured, the same processes open the same pools against it. Past
 * `max_connections`, PostgreSQL refuses new connections and Odoo fails requests at peak, exactly when
 * every worker is busy — the failure a load test rarely reaches and a Monday morning does.
 *
 * The limit is RDS's default `max_connections` for the class (components/contract/catalog.ts
 * maxConnectionsFor), which the database component also sets explicitly in its parameter group.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { maxConnectionsFor } from "../../components/contract/catalog";
import { TAG } from "../../components/contract/tags";
import { clustersOf } from "../support/clusters";
import { DatabaseServer, databaseTopologyOf, instanceClassProblem } from "../support/databaseTopology";
import { OdooNode, describeNode, nodesOf } from "../support/nodeFleet";
import { NOT_KNOWN } from "../support/previewValues";

/** Worst-case connections of one node group at its maxSize. */
export function worstCaseConnections(node: OdooNode): number {
    const count = node.count === NOT_KNOWN ? 0 : node.count;
    return count * (node.workers.value + node.maxCronThreads.value + 1) * node.dbMaxconn.value;
}

function breakdown(nodes: readonly OdooNode[]): string {
    return nodes
        .map(
            (n) =>
                `${describeNode(n)}: ${n.count === NOT_KNOWN ? "?" : n.count} × (${n.workers.value} workers + ${n.maxCronThreads.value} cron + 1 gevent) × db_maxconn ${n.dbMaxconn.value} = ${worstCaseConnections(n)}`,
        )
        .join("; ");
}

export const connectionBudget: StackValidationPolicy = {
    name: "odoo-connection-budget",
    description:
        "The cluster's worst-case PostgreSQL connections — Σ maxSize × (workers + max_cron_threads + 1) × db_maxconn — fit the max_connections of the primary and of every replica.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Lower db_maxconn (tag odoo:db-maxconn and odoo.conf; the plan picks the largest value that fits), lower the groups' maxSize or workers, " +
        "or use a larger database class (max_connections grows with memory: LEAST(memory / 9531392, 5000)). npm run plan -- --users N shows a budget that fits.",
    validateStack: (args, reportViolation) => {
        for (const cluster of clustersOf(args.resources)) {
            const nodes = nodesOf(cluster, args.resources);
            const db = databaseTopologyOf(cluster);
            const servers: DatabaseServer[] = [...db.primaries, ...db.replicas];
            if (nodes.length === 0 || servers.length === 0) {
                continue;
            }
            const unknownCount = nodes.filter((n) => n.count === NOT_KNOWN);
            const unknownWorkers = nodes.filter((n) => n.workers.source === "Odoo's default");
            if (unknownCount.length > 0 || unknownWorkers.length > 0) {
                for (const n of unknownCount) {
                    reportViolation(
                        `Cluster "${cluster.name}": the maxSize of ${describeNode(n)} is not known at preview, so its connections cannot be counted. Set maxSize as a literal.`,
                        n.member.resource.urn,
                    );
                }
                for (const n of unknownWorkers) {
                    reportViolation(
                        `Cluster "${cluster.name}": ${describeNode(n)} has no ${TAG.workers} tag and no known odoo.conf, so its connections cannot be counted.`,
                        n.member.resource.urn,
                    );
                }
                continue;
            }
            const demand = nodes.reduce((sum, n) => sum + worstCaseConnections(n), 0);
            for (const server of servers) {
                const problem = instanceClassProblem(server);
                if (problem) {
                    reportViolation(
                        `${problem}. Cluster "${cluster.name}" can open ${demand} connections against it.`,
                        server.member.resource.urn,
                    );
                    continue;
                }
                // A replica's parameter group may raise max_connections above its class's default to the
                // primary's (odoo-replica-connections judges its memory); a primary counts at its class's default.
                const replicaTag = server.member.tags.role === "db-replica" ? server.member.tags.maxConnections : undefined;
                const limit = replicaTag ?? maxConnectionsFor(server.instanceClass as string);
                if (demand > limit) {
                    const role = server.member.tags.role === "db-replica" ? "replica" : "primary";
                    reportViolation(
                        `Cluster "${cluster.name}" can open ${demand} PostgreSQL connections, more than the ${limit} max_connections of ${role} ` +
                            `${server.member.resource.name} (${String(server.instanceClass)}). ${breakdown(nodes)}.`,
                        server.member.resource.urn,
                    );
                }
            }
        }
    },
};
