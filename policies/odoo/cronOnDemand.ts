/**
 * The node that runs cron is always on-demand, never Spot.
 *
 * An interruption of the HTTP fleet costs one node of several behind the load balancer; an
 * interruption of the one cron node stops every scheduled job (mails, recurring invoices, the
 * module upgrade the cron node runs) mid-transaction, and the two-minute warning is shorter than
 * many jobs. So a Spot share is for the HTTP fleet only (components/contract/spotCapacity.ts).
 *
 * Decided from preview-known values: the `odoo:capacity` tag the nodes component writes, the
 * group's mixed instances distribution (literal numbers) and the launch template's
 * `instanceMarketOptions`. A value that is not known at preview is reported, not assumed on-demand.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { CapacityKind } from "../../components/contract/spotCapacity";
import { TAG } from "../../components/contract/tags";
import { odooTagsOf, clustersOf } from "../support/clusters";
import { OdooNode, describeNode, nodesOf } from "../support/nodeFleet";
import { NOT_KNOWN, knownNumber, knownString } from "../support/previewValues";

/** Why `node` may run on Spot (empty when it is on-demand by every known value). */
export function spotReasons(node: OdooNode): string[] {
    const reasons: string[] = [];
    const props = node.member.resource.props;
    if (node.member.tags.capacity === CapacityKind.SpotShare) {
        reasons.push(`its ${TAG.capacity} tag is ${CapacityKind.SpotShare}`);
    }
    if (node.kind === "group") {
        const mixed = props.mixedInstancesPolicy as { instancesDistribution?: Record<string, unknown> } | undefined;
        if (mixed !== undefined && mixed !== null) {
            // AWS's defaults: no on-demand base, 100 % on-demand above it.
            const base = knownNumber(() => mixed.instancesDistribution?.onDemandBaseCapacity) ?? 0;
            const share = knownNumber(() => mixed.instancesDistribution?.onDemandPercentageAboveBaseCapacity) ?? 100;
            if (base === NOT_KNOWN || share === NOT_KNOWN) {
                reasons.push(
                    "its mixed instances distribution is not known at preview (set onDemandPercentageAboveBaseCapacity: 100 as a literal)",
                );
            } else if (share < 100 && (node.count === NOT_KNOWN || base < node.count)) {
                reasons.push(`its mixed instances policy runs ${100 - share} % above an on-demand base of ${base} on Spot`);
            }
        }
    }
    const templates = node.kind === "instance" ? [node.member.resource, ...node.launchTemplates] : node.launchTemplates;
    for (const r of templates) {
        const market = knownString(() => (r.props.instanceMarketOptions as { marketType?: unknown } | undefined)?.marketType);
        if (market === NOT_KNOWN) {
            reasons.push(`the instanceMarketOptions of ${r.name} are not known at preview`);
        } else if (market === "spot") {
            reasons.push(`${r.name} asks for the spot market (instanceMarketOptions)`);
        }
        if (r !== node.member.resource && odooTagsOf(r).capacity === CapacityKind.SpotShare) {
            reasons.push(`${r.name}'s ${TAG.capacity} tag is ${CapacityKind.SpotShare}`);
        }
    }
    return reasons;
}

export const cronOnDemand: StackValidationPolicy = {
    name: "odoo-cron-on-demand",
    description: "The node that runs Odoo's cron is on-demand: no Spot share, no spot market, whatever the HTTP fleet does.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Keep the cron group on a plain launch template (no mixedInstancesPolicy, or onDemandPercentageAboveBaseCapacity: 100) without " +
        "instanceMarketOptions, tagged odoo:capacity=on-demand. A Spot share belongs on the HTTP fleet only (OdooNodes spot).",
    validateStack: (args, reportViolation) => {
        for (const cluster of clustersOf(args.resources)) {
            for (const node of nodesOf(cluster, args.resources)) {
                if (node.maxCronThreads.value === 0 && node.role === "http") {
                    continue;
                }
                const reasons = spotReasons(node);
                if (reasons.length > 0) {
                    reportViolation(
                        `Cluster "${cluster.name}": ${describeNode(node)} runs cron and may run on Spot: ${reasons.join("; ")}. ` +
                            "A Spot interruption would stop every scheduled job mid-run.",
                        node.member.resource.urn,
                    );
                }
            }
        }
    },
};
