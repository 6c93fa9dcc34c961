/**
 * In production, the Odoo nodes survive the loss of one availability zone.
 *
 * An Auto Scaling group relaunches instances only in the zones of its subnets: a group in one zone
 * stays down with that zone, and so does the ERP. The zones are read from the group's
 * `availabilityZones`, or from the subnets its `vpcZoneIdentifiers` came from (the engine records
 * them as property dependencies even while the subnet IDs are unknown, and a subnet's zone is
 * usually a literal). When neither says, the policy reports that it cannot tell — an advisory may.
 */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { clustersOf, isProductionCluster } from "../support/clusters";
import { OdooNode, describeNode, nodesOf } from "../support/nodeFleet";
import { PRODUCTION_CONFIG_SCHEMA, ProductionConfig, productionEnvironmentsFrom } from "../support/policyConfig";
import { NOT_KNOWN, NotKnown, knownArray, knownString } from "../support/previewValues";
import { linkedResources } from "../support/resourceLinks";

function zoneOfSubnet(subnet: PolicyResource): string | NotKnown | undefined {
    const zone = knownString(() => subnet.props.availabilityZone);
    return typeof zone === "string" ? zone : (knownString(() => subnet.props.availabilityZoneId) ?? zone);
}

/** The availability zones a node can run in, or NOT_KNOWN. */
export function zonesOf(node: OdooNode): Set<string> | NotKnown {
    const r = node.member.resource;
    if (node.kind === "instance") {
        const zone = knownString(() => r.props.availabilityZone);
        if (typeof zone === "string") {
            return new Set([zone]);
        }
        const subnets = linkedResources(r, ["subnetId"], "Subnet");
        const z = subnets.length === 1 ? zoneOfSubnet(subnets[0]) : NOT_KNOWN;
        return typeof z === "string" ? new Set([z]) : NOT_KNOWN;
    }
    const zones = knownArray(() => r.props.availabilityZones);
    if (zones !== NOT_KNOWN && zones.length > 0 && zones.every((z) => typeof z === "string")) {
        return new Set(zones as string[]);
    }
    const subnets = linkedResources(r, ["vpcZoneIdentifiers"], "Subnet");
    if (subnets.length > 0) {
        const subnetZones = subnets.map(zoneOfSubnet);
        if (subnetZones.every((z) => typeof z === "string")) {
            return new Set(subnetZones as string[]);
        }
    }
    const ids = knownArray(() => r.props.vpcZoneIdentifiers);
    // One subnet is one zone, whatever its ID turns out to be.
    return ids !== NOT_KNOWN && ids.length === 1 ? new Set(["(the zone of its only subnet)"]) : NOT_KNOWN;
}

export const multiAzFleet: StackValidationPolicy = {
    name: "odoo-multi-az-fleet",
    description: "In production, every Odoo node group spans at least two availability zones, and so does the HTTP fleet as a whole.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "Give each Auto Scaling group private subnets in at least two availability zones (vpcZoneIdentifiers), created in this stack or listed explicitly.",
    configSchema: PRODUCTION_CONFIG_SCHEMA,
    validateStack: (args, reportViolation) => {
        const productionEnvironments = productionEnvironmentsFrom(args.getConfig<ProductionConfig>());
        for (const cluster of clustersOf(args.resources)) {
            if (!isProductionCluster(cluster, productionEnvironments)) {
                continue;
            }
            const nodes = nodesOf(cluster, args.resources);
            const fleetZones = new Set<string>();
            let fleetKnown = true;
            for (const node of nodes) {
                const zones = zonesOf(node);
                if (zones === NOT_KNOWN) {
                    if (node.kind === "group") {
                        reportViolation(
                            `Cluster "${cluster.name}": cannot tell which availability zones ${describeNode(node)} uses (its subnets are not known at preview).`,
                            node.member.resource.urn,
                        );
                    }
                    fleetKnown = fleetKnown && !node.servesHttp;
                    continue;
                }
                if (node.kind === "group" && zones.size < 2) {
                    reportViolation(
                        `Cluster "${cluster.name}": ${describeNode(node)} runs in one availability zone only (${[...zones].join(", ")}); an outage of that zone stops it.`,
                        node.member.resource.urn,
                    );
                }
                if (node.servesHttp) {
                    zones.forEach((z) => fleetZones.add(z));
                }
            }
            const http = nodes.filter((n) => n.servesHttp);
            if (fleetKnown && http.length > 0 && fleetZones.size < 2 && !http.some((n) => n.kind === "group")) {
                reportViolation(
                    `Cluster "${cluster.name}": every HTTP node runs in ${[...fleetZones].join(", ")}; an outage of that zone stops the ERP.`,
                    http[0].member.resource.urn,
                );
            }
        }
    },
};
