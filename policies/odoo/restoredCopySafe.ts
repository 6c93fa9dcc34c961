/**
 * A cluster restored from another cluster's backup sends no mail and runs no cron unless the stack
 * says otherwise.
 *
 * A restore drill holds real customers' addresses, open quotations and scheduled actions (mass
 * mailings, payment reminders, recurring invoices, synchronisations): a copy that starts up like
 * production sends them a second time. The components put a restored copy in safe mode unless the
 * stack turns it off; either way the nodes carry `odoo:safe-mode` (`on` or `off`). This policy
 * rejects the nodes of a restored cluster (its database tagged `odoo:restored-from`) that state
 * nothing, and nodes in safe mode that could still run cron. Mandatory; preview-known tags only.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { SafeModeState, TAG } from "../../components/contract/tags";
import { clustersOf } from "../support/clusters";
import { describeNode, nodesOf } from "../support/nodeFleet";

export const restoredCopySafe: StackValidationPolicy = {
    name: "odoo-restored-copy-safe",
    description:
        "The nodes of a cluster restored from a backup carry odoo:safe-mode: on (mail and cron off, max_cron_threads 0) unless the stack states off.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Build restored clusters with OdooCluster (database.restore): its nodes start in safe mode. To run the copy as production " +
        "(a recovery, not a drill), set odoo-aws:safeMode: false, which the nodes show as odoo:safe-mode=off.",
    validateStack: (args, reportViolation) => {
        for (const cluster of clustersOf(args.resources)) {
            const restored = cluster.members.find((m) => m.tags.restoredFrom !== undefined && m.tags.role === "db-primary");
            if (!restored) {
                continue;
            }
            for (const node of nodesOf(cluster, args.resources)) {
                const state = node.member.tags.safeMode;
                if (state === undefined) {
                    reportViolation(
                        `Cluster "${cluster.name}" is restored from ${restored.tags.restoredFrom}, but ${describeNode(node)} carries no ` +
                            `${TAG.safeMode} tag: nothing shows that its outgoing mail and scheduled actions are off, or deliberately on.`,
                        node.member.resource.urn,
                    );
                } else if (state === SafeModeState.On && node.maxCronThreads.value > 0) {
                    reportViolation(
                        `Cluster "${cluster.name}" is a restored copy in safe mode, but ${describeNode(node)} runs cron ` +
                            `(max_cron_threads ${node.maxCronThreads.value} from its ${node.maxCronThreads.source}).`,
                        node.member.resource.urn,
                    );
                }
            }
        }
    },
};
