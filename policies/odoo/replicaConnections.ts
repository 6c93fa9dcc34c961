/**
 * A read replica smaller than its primary is allowed only when it can take the primary's load of
 * connections: its `max_connections` (the `odoo:max-connections` tag the database component
 * writes from the replica's parameter group) is at least the primary's — PostgreSQL refuses to run
 * a hot standby below it — and its memory holds the connections Odoo can open on it, at RDS's own
 * per-connection allowance within the connection budget (components/contract/replicaSizing.ts).
 *
 * Decided from preview-known values: the classes, the tags, and the node groups' maxSize and node tags.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { replicaHoldsConnections, replicaMemoryNeededGiB } from "../../components/contract/replicaSizing";
import { TAG } from "../../components/contract/tags";
import { clustersOf } from "../support/clusters";
import { DatabaseServer, databaseTopologyOf } from "../support/databaseTopology";
import { nodesOf } from "../support/nodeFleet";
import { NOT_KNOWN } from "../support/previewValues";
import { worstCaseConnections } from "./connectionBudget";

/** `max_connections` of a server: its tag, else RDS's default for its class; undefined when neither is known. */
export function maxConnectionsOf(server: DatabaseServer): number | undefined {
    return server.member.tags.maxConnections ?? server.catalogEntry?.maxConnections;
}

export const replicaConnections: StackValidationPolicy = {
    name: "odoo-replica-connections",
    description:
        "Every read replica allows at least the primary's max_connections (set in its parameter group) and has the memory for the connections Odoo can open on it.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Set max_connections in the replica's parameter group to the primary's value (tag odoo:max-connections), and pick a replica class " +
        "with at least the memory npm run plan prints (replica memory needed); the plan's default replica class already holds.",
    validateStack: (args, reportViolation) => {
        for (const cluster of clustersOf(args.resources)) {
            const db = databaseTopologyOf(cluster);
            const primary = db.primaries.find((p) => p.engine === "rds");
            const replicas = db.replicas.filter((r) => r.engine === "rds");
            if (!primary || replicas.length === 0) {
                continue;
            }
            const primaryMax = maxConnectionsOf(primary);
            const nodes = nodesOf(cluster, args.resources);
            const countable = nodes.length > 0 && nodes.every((n) => n.count !== NOT_KNOWN);
            const demand = nodes.reduce((sum, n) => sum + worstCaseConnections(n), 0);
            for (const replica of replicas) {
                const name = replica.member.resource.name;
                const replicaMax = maxConnectionsOf(replica);
                if (primaryMax !== undefined && replicaMax !== undefined && replicaMax < primaryMax) {
                    reportViolation(
                        `Cluster "${cluster.name}": replica ${name} allows ${replicaMax} connections (${replica.member.tags.maxConnections === undefined ? `RDS's default for ${String(replica.instanceClass)}` : `${TAG.maxConnections} tag`}), ` +
                            `below the primary's ${primaryMax}; PostgreSQL does not run a hot standby below its primary's max_connections.`,
                        replica.member.resource.urn,
                    );
                }
                if (countable && replica.catalogEntry && !replicaHoldsConnections(replica.catalogEntry, demand)) {
                    reportViolation(
                        `Cluster "${cluster.name}": replica ${name} (${replica.catalogEntry.name}, ${replica.catalogEntry.memoryGiB} GiB) lacks the memory for the ` +
                            `${demand} connections Odoo can open on it: at least ${replicaMemoryNeededGiB(demand).toFixed(1)} GiB.`,
                        replica.member.resource.urn,
                    );
                }
            }
        }
    },
};
