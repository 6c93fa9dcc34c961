/**
 * The HTTP fleet can reach the workers the declared users need.
 *
 * Each Odoo worker serves one request at a time; the capacity table turns declared users into a
 * worker count (users ÷ usersPerWorker, held within the row's range — minimumHttpWorkers in
 * components/contract/sizing.ts). A fleet whose groups, even at maxSize, stay below it queues requests at
 * peak. Advisory: the table is a rule of thumb, and a workload of light users may need fewer.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { minimumHttpWorkers } from "../../components/contract/sizing";
import { clustersOf, declaredUsersOf, declaredUsersProblem } from "../support/clusters";
import { describeNode, nodesOf } from "../support/nodeFleet";
import { CAPACITY_CONFIG_SCHEMA, CapacityConfig, capacityTableFrom } from "../support/policyConfig";
import { NOT_KNOWN } from "../support/previewValues";

const NAME = "odoo-http-worker-capacity";

export const httpWorkerCapacity: StackValidationPolicy = {
    name: NAME,
    description:
        "The HTTP nodes at their maxSize (Σ maxSize × workers) reach the workers the capacity table gives for the declared concurrent users.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "Raise the HTTP group's maxSize, the workers per node (with a larger instance type), or both; npm run plan -- --users N shows the table's numbers. " +
        "If your users are lighter than the table assumes, raise usersPerWorker in this policy's config.",
    configSchema: CAPACITY_CONFIG_SCHEMA,
    validateStack: (args, reportViolation) => {
        const table = capacityTableFrom(args.getConfig<CapacityConfig>(), NAME);
        for (const cluster of clustersOf(args.resources)) {
            const http = nodesOf(cluster, args.resources).filter((n) => n.servesHttp);
            if (http.length === 0) {
                continue;
            }
            const declared = declaredUsersOf(cluster);
            const problem = declaredUsersProblem(cluster, declared);
            const anchor = http[0].member.resource.urn;
            if (problem) {
                reportViolation(`${problem}; the worker capacity cannot be judged.`, anchor);
                continue;
            }
            const users = declared.users as number;
            if (users < 1 || users > table.tiers[table.tiers.length - 1].maxUsers) {
                continue; // databaseSizedForUsers reports users outside the table
            }
            const unknown = http.filter((n) => n.count === NOT_KNOWN);
            if (unknown.length > 0) {
                reportViolation(
                    `Cluster "${cluster.name}": the maxSize of ${unknown.map(describeNode).join(", ")} is not known at preview; the worker capacity cannot be judged.`,
                    anchor,
                );
                continue;
            }
            const workers = http.reduce((sum, n) => sum + (n.count as number) * n.workers.value, 0);
            const needed = minimumHttpWorkers(users, table);
            if (workers < needed) {
                reportViolation(
                    `Cluster "${cluster.name}" reaches ${workers} HTTP workers at most (${http.map((n) => `${describeNode(n)} × ${n.workers.value} workers`).join(", ")}); ` +
                        `${users} concurrent users need ${needed} at ${table.usersPerWorker} users per worker.`,
                    anchor,
                );
            }
        }
    },
};
