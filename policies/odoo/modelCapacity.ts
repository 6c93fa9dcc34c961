/**
 * The declared users fit the cluster by the capacity model, not only by the guide's table.
 *
 * The model (components/contract/capacityModel.ts) runs on what the stack shows at preview: the
 * HTTP groups' maxSize, their workers (odoo:workers) and instance type (vCPUs from the catalog),
 * the database's classes, and the workload the nodes carry (odoo:workload; the default workload
 * when absent). Odoo's read-only routing to replicas is counted only when the nodes' odoo.conf is
 * known and sets db_replica_host. Advisory: the model is an estimate that the operator calibrates
 * with their own logs (npm run calibrate); the table-based rules stay mandatory.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { capacityModelFor } from "../../components/contract/capacityModel";
import { NODE_INSTANCE_TYPES } from "../../components/contract/catalog";
import { DEFAULT_WORKLOAD, Workload, parseWorkloadTag } from "../../components/contract/workload";
import { clustersOf, declaredUsersOf, declaredUsersProblem, odooTagsOf } from "../support/clusters";
import { databaseTopologyOf } from "../support/databaseTopology";
import { OdooNode, nodesOf } from "../support/nodeFleet";
import { odooConfOf } from "../support/nodeUserDataReader";
import { NOT_KNOWN, knownString } from "../support/previewValues";

const NAME = "odoo-capacity-model";

function vcpuOf(node: OdooNode): number | undefined {
    const types = node.launchTemplates.map((t) => knownString(() => t.props.instanceType));
    const known = types.map((name) => NODE_INSTANCE_TYPES.find((c) => c.name === name));
    if (known.length === 0 || known.some((k) => k === undefined)) {
        return undefined;
    }
    return Math.min(...known.map((k) => (k as { vcpu: number }).vcpu));
}

function workloadOf(node: OdooNode): Workload {
    return parseWorkloadTag(odooTagsOf(node.member.resource).workload) ?? DEFAULT_WORKLOAD;
}

function routesToReplica(nodes: OdooNode[]): boolean {
    return nodes.some((n) => n.userData.some((u) => u.state === "known" && (odooConfOf(u.data)?.get("db_replica_host") ?? "") !== ""));
}

export const modelCapacity: StackValidationPolicy = {
    name: NAME,
    description:
        "The declared concurrent users stay within what the capacity model predicts the cluster takes under its workload " +
        "(light p95 ≤ 1 s, heavy p95 ≤ 5 s, node cores and database CPUs ≤ 70 % busy).",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "Run `npm run plan -- --stack <stack>` to see the model's maxUsers, utilisation and bottleneck, then add HTTP nodes, " +
        "a larger node type or a larger database class (whichever is the bottleneck). Calibrate the workload from your own " +
        "request log with `npm run calibrate` and set it under odoo-aws:workload.",
    validateStack: (args, reportViolation) => {
        for (const cluster of clustersOf(args.resources)) {
            const http = nodesOf(cluster, args.resources).filter((n) => n.servesHttp);
            const declared = declaredUsersOf(cluster);
            if (http.length === 0 || declaredUsersProblem(cluster, declared)) {
                continue; // other policies report a cluster without HTTP nodes or declared users
            }
            const topology = databaseTopologyOf(cluster);
            const primary = topology.primaries[0]?.catalogEntry;
            const vcpus = http.map(vcpuOf);
            if (!primary || http.some((n) => n.count === NOT_KNOWN) || vcpus.some((v) => v === undefined)) {
                continue; // not known at preview, or a class outside the catalog: the model cannot run
            }
            const nodes = http.reduce((sum, n) => sum + (n.count as number), 0);
            const workers = http.reduce((sum, n) => sum + (n.count as number) * n.workers.value, 0);
            if (nodes === 0 || workers === 0) {
                continue; // no HTTP worker at all (Odoo's threaded mode, or a group of 0): the table's rules speak to it
            }
            const cores = http.reduce((sum, n, i) => sum + (n.count as number) * (vcpus[i] as number), 0);
            const replicaVcpu = topology.replicas.reduce((sum, r) => sum + (r.catalogEntry?.vcpu ?? 0), 0);
            const model = capacityModelFor(
                {
                    httpNodes: nodes,
                    workersPerNode: workers / nodes,
                    vcpuPerNode: cores / nodes,
                    databaseVcpu: primary.vcpu,
                    replicaVcpu,
                    replicaRouting: replicaVcpu > 0 && routesToReplica(http),
                },
                workloadOf(http[0]),
            );
            const users = declared.users as number;
            // The targets are monotone in users: the declared count misses one exactly when it is
            // above maxUsers, so one prediction decides and the search runs only for the message.
            const missed = model.missedTargets(users);
            if (missed.length > 0) {
                const maxUsers = model.maxUsers(users);
                reportViolation(
                    `Cluster "${cluster.name}" declares ${users} concurrent users; the capacity model gives it ${maxUsers} ` +
                        `(bottleneck: ${model.bottleneck()}; at ${users} users: ${missed.join(", ")}).`,
                    http[0].member.resource.urn,
                );
            }
        }
    },
};
