/**
 * Exactly one node of each cluster runs Odoo's cron.
 *
 * Odoo claims cron jobs with `FOR NO KEY UPDATE SKIP LOCKED`, so two cron nodes do not run a job
 * twice — the guide's rule is about load: scheduled jobs (mass mailing, reports, imports) belong on
 * one node so they never compete with user requests on all of them, and nowhere else. With no cron
 * node at all, nothing runs the scheduler: mails queue, recurring invoices and backups never fire.
 *
 * A node can run cron when its `max_cron_threads` is above 0 — from the `odoo:max-cron-threads` tag,
 * the known odoo.conf in its user data, or Odoo's default of 2 when neither says. A group counts
 * for its `maxSize`: a cron group that can grow to two is two cron nodes. A cron group that replaces
 * instances launch-first (an instance refresh or maintenance policy with maxHealthyPercentage above
 * 100) runs one more during every refresh: a group of one is then two cron nodes; terminate-first is one.
 * A restored copy whose nodes all carry `odoo:safe-mode=on` runs no cron by design until the stack
 * turns safe mode off.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { SafeModeState, TAG } from "../../components/contract/tags";
import { clustersOf } from "../support/clusters";
import { launchFirstOf, peakDuringReplacement } from "../support/instanceReplacement";
import { OdooNode, describeNode, nodesOf } from "../support/nodeFleet";
import { NOT_KNOWN, NotKnown } from "../support/previewValues";

/** Config of {@link singleCronNode}. */
export interface SingleCronNodeConfig {
    allowNoCronNode?: boolean;
}

function cronReason(node: OdooNode): string {
    const s = node.maxCronThreads;
    return s.source === "Odoo's default"
        ? `no ${TAG.maxCronThreads} tag and no known odoo.conf: Odoo's default max_cron_threads is ${s.value}`
        : `max_cron_threads ${s.value} from its ${s.source === "tag" ? `${TAG.maxCronThreads} tag` : "odoo.conf"}`;
}

/** The most cron nodes a node runs at once: its count, raised while a launch-first replacement runs. */
function cronPeak(node: OdooNode): { count: number | NotKnown; why?: string } {
    if (node.count === NOT_KNOWN || node.kind !== "group") {
        return { count: node.count };
    }
    const launchFirst = launchFirstOf(node.member.resource.props);
    if (launchFirst === NOT_KNOWN) {
        return {
            count: NOT_KNOWN,
            why: "whether its replacements launch before terminating (maxHealthyPercentage) is not known at preview",
        };
    }
    if (!launchFirst) {
        return { count: node.count };
    }
    const peak = peakDuringReplacement(node.count, launchFirst.maxHealthyPercentage);
    return {
        count: peak,
        why: `its ${launchFirst.setting} has maxHealthyPercentage ${launchFirst.maxHealthyPercentage}, so each refresh launches a new node before terminating the old one (${peak} at once)`,
    };
}

export const singleCronNode: StackValidationPolicy = {
    name: "odoo-single-cron-node",
    description: "Each Odoo cluster runs cron on exactly one node: cron-capable instances (groups counted at maxSize) must total one.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Give every HTTP node max_cron_threads = 0 (tag odoo:max-cron-threads=0 and the same in odoo.conf) and run cron on one node: " +
        "a dedicated cron group with minSize = maxSize = desiredCapacity = 1 that refreshes terminate-first (maxHealthyPercentage 100), or one http+cron node in single-node mode. " +
        "If this stack deliberately has no cron node (cron runs in another stack), set allowNoCronNode: true in the policy config.",
    configSchema: {
        properties: {
            allowNoCronNode: {
                type: "boolean",
                default: false,
                description:
                    "Accept a cluster whose nodes in this stack run no cron (cron runs elsewhere). More than one cron node is never accepted.",
            },
        },
    },
    validateStack: (args, reportViolation) => {
        const config = args.getConfig<SingleCronNodeConfig>();
        for (const cluster of clustersOf(args.resources)) {
            const nodes = nodesOf(cluster, args.resources);
            if (nodes.length === 0) {
                // No Odoo node of this cluster lives in this stack: nothing here can run cron.
                continue;
            }
            const cron = nodes.filter((n) => n.maxCronThreads.value > 0);
            const peaks = new Map(cron.map((n) => [n, cronPeak(n)]));
            const unknownCount = cron.filter((n) => peaks.get(n)!.count === NOT_KNOWN);
            const total = cron.reduce((sum, n) => {
                const c = peaks.get(n)!.count;
                return sum + (c === NOT_KNOWN ? 0 : c);
            }, 0);
            const list = cron
                .map((n) => `${describeNode(n)}: ${cronReason(n)}${peaks.get(n)!.why ? `; ${peaks.get(n)!.why}` : ""}`)
                .join("; ");
            if (unknownCount.length > 0) {
                reportViolation(
                    `Cluster "${cluster.name}": how many nodes cron-capable ${unknownCount.map(describeNode).join(", ")} can run at once is not known at preview, ` +
                        `so nothing proves a single cron node. Set maxSize and the refresh percentages as literals. Cron-capable nodes: ${list}.`,
                    unknownCount[0].member.resource.urn,
                );
            } else if (total > 1) {
                reportViolation(
                    `Cluster "${cluster.name}" can run ${total} cron nodes; exactly one is allowed. Cron-capable nodes: ${list}.`,
                    (cron.find((n) => n.role === "http") ?? cron[cron.length - 1]).member.resource.urn,
                );
            } else if (total === 0 && config.allowNoCronNode !== true && !nodes.every((n) => n.member.tags.safeMode === SafeModeState.On)) {
                // A restored copy in safe mode runs no cron on purpose (odoo-restored-copy-safe judges it).
                reportViolation(
                    `Cluster "${cluster.name}" has no node that runs cron (${nodes.map(describeNode).join(", ")} all have max_cron_threads = 0), ` +
                        "so scheduled actions never run. Add one cron node, or set allowNoCronNode if cron runs in another stack.",
                    nodes[0].member.resource.urn,
                );
            }
        }
    },
};
