/**
 * The Spot share of the HTTP fleet: an on-demand base that always runs, Spot above it, over several
 * instance types of one shape. The cron node is never on Spot (the pack's odoo-cron-on-demand).
 *
 * Why the HTTP fleet tolerates Spot: it sits behind the load balancer with shared sessions (Redis or
 * the EFS data dir), so losing a node loses no session and no data; its requests move to the other
 * nodes. The interruption is handled on the node (see components/nodes/spotInterruption.ts): it
 * leaves the target group on the two-minute warning, so the load balancer drains it before EC2 stops it.
 *
 * Pure: validation and the plan, no Pulumi resources.
 */
import { NODE_INSTANCE_TYPES, NodeInstanceType, nodeInstanceType, sameShapeInstanceTypes } from "./catalog";
import { OdooArgumentError, optionalBoolean, requireWholeNumber } from "./errors";

/** The `odoo:capacity` tag's values: how a node group buys its instances. */
export const CapacityKind = {
    /** Every instance on-demand. */
    OnDemand: "on-demand",
    /** An on-demand base and Spot above it (HTTP fleet only). */
    SpotShare: "spot-share",
} as const;
export type CapacityKind = (typeof CapacityKind)[keyof typeof CapacityKind];
export const CAPACITY_KINDS: readonly CapacityKind[] = Object.values(CapacityKind);

/** EC2 Auto Scaling accepts at most 40 launch template overrides (instance types) in a mixed instances policy. */
export const MAX_INSTANCE_TYPE_OVERRIDES = 40;
/** Fewer pools than this leave a Spot fleet exposed to one pool's interruptions. */
export const MIN_SPOT_INSTANCE_TYPES = 2;

/**
 * Spot allocation AWS recommends: pools with the most spare capacity among the cheapest
 * (https://docs.aws.amazon.com/autoscaling/ec2/userguide/allocation-strategies.html).
 */
export const SPOT_ALLOCATION_STRATEGY = "price-capacity-optimized";
/** On-demand nodes take the first instance type of the list: the planned one. */
export const ON_DEMAND_ALLOCATION_STRATEGY = "prioritized";

/** A Spot share for the HTTP fleet; also `nodes.spot` of OdooCluster. */
export interface HttpSpotOptions {
    /** Run the HTTP fleet's nodes above the on-demand base on Spot. Default: false. */
    enabled?: boolean;
    /**
     * HTTP nodes that are always on-demand, 0 to the fleet's maximum. Default: the capacity table's
     * minimum HTTP nodes for the declared users (4 for 301–500 users), at most the fleet's minimum:
     * the capacity the guide asks for never depends on Spot.
     */
    onDemandBaseNodes?: number;
    /** Share of the nodes above the base that are on-demand, percent, 0–100. Default: 0 (all Spot). */
    onDemandPercentageAboveBase?: number;
    /**
     * Instance types the fleet may run, all with the shape (architecture, vCPU, memory) of
     * `instanceType`, which always comes first: workers and memory limits are computed from the
     * shape. 2–40 types. Default: `instanceType` and every catalog type of its shape, cheapest first.
     */
    instanceTypes?: string[];
}

/** A validated Spot share. */
export interface SpotPlan {
    /** Whether nodes above the base may run on Spot. */
    enabled: boolean;
    /** HTTP nodes always on-demand (the group's maximum when Spot is off). */
    onDemandBaseNodes: number;
    /** Share of the nodes above the base that are on-demand, percent. */
    onDemandPercentageAboveBase: number;
    /** The instance types, the planned one first. */
    instanceTypes: string[];
    /** The `odoo:capacity` tag of the HTTP fleet. */
    capacity: CapacityKind;
}

/** Nodes of a group at `nodes` that run on Spot under `plan` (AWS rounds the on-demand share up). */
export function spotNodesAt(plan: SpotPlan, nodes: number): number {
    if (!plan.enabled) {
        return 0;
    }
    const above = Math.max(0, nodes - plan.onDemandBaseNodes);
    return above - Math.ceil((above * plan.onDemandPercentageAboveBase) / 100);
}

/** Validates the Spot share of a fleet of `type`; `tableMinimumNodes` sets the default base. */
export function planSpot(
    options: HttpSpotOptions | undefined,
    fleet: { type: NodeInstanceType; minNodes: number; maxNodes: number; tableMinimumNodes: number; singleNode: boolean },
    property = "spot",
): SpotPlan {
    const off: SpotPlan = {
        enabled: false,
        onDemandBaseNodes: fleet.maxNodes,
        onDemandPercentageAboveBase: 100,
        instanceTypes: [fleet.type.name],
        capacity: CapacityKind.OnDemand,
    };
    if (options === undefined) {
        return off;
    }
    if (options === null || typeof options !== "object" || Array.isArray(options)) {
        throw new OdooArgumentError(property, options, "an object of settings");
    }
    if (!(optionalBoolean(`${property}.enabled`, options.enabled) ?? false)) {
        return off;
    }
    if (fleet.singleNode) {
        throw new OdooArgumentError(
            `${property}.enabled`,
            true,
            "false in single-node mode",
            "the single node runs cron, and the node that runs cron is always on-demand",
        );
    }
    const base =
        options.onDemandBaseNodes === undefined
            ? Math.min(fleet.tableMinimumNodes, fleet.minNodes)
            : requireWholeNumber(`${property}.onDemandBaseNodes`, options.onDemandBaseNodes, { min: 0, max: fleet.maxNodes });
    const percentage =
        options.onDemandPercentageAboveBase === undefined
            ? 0
            : requireWholeNumber(`${property}.onDemandPercentageAboveBase`, options.onDemandPercentageAboveBase, { min: 0, max: 100 });
    let types: NodeInstanceType[];
    if (options.instanceTypes === undefined) {
        types = sameShapeInstanceTypes(fleet.type);
    } else {
        if (!Array.isArray(options.instanceTypes)) {
            throw new OdooArgumentError(`${property}.instanceTypes`, options.instanceTypes, "a list of EC2 instance types");
        }
        const listed = options.instanceTypes.map((name, i) => {
            const t = nodeInstanceType(name, `${property}.instanceTypes[${i}]`);
            if (
                t.architecture !== fleet.type.architecture ||
                t.vcpu !== fleet.type.vcpu ||
                t.memoryGiB !== fleet.type.memoryGiB ||
                t.burstable
            ) {
                const shape = NODE_INSTANCE_TYPES.filter((s) => sameShapeInstanceTypes(fleet.type).includes(s)).map((s) => s.name);
                throw new OdooArgumentError(
                    `${property}.instanceTypes[${i}]`,
                    name,
                    `a type of the shape of ${fleet.type.name} (${fleet.type.architecture}, ${fleet.type.vcpu} vCPU, ${fleet.type.memoryGiB} GiB, not burstable): ${shape.join(", ")}`,
                    "workers and memory limits are computed from that shape",
                );
            }
            return t;
        });
        types = [fleet.type, ...listed.filter((t) => t.name !== fleet.type.name)];
        types = types.filter((t, i) => types.findIndex((u) => u.name === t.name) === i);
    }
    if (types.length < MIN_SPOT_INSTANCE_TYPES || types.length > MAX_INSTANCE_TYPE_OVERRIDES) {
        throw new OdooArgumentError(
            `${property}.instanceTypes`,
            types.map((t) => t.name),
            `${MIN_SPOT_INSTANCE_TYPES} to ${MAX_INSTANCE_TYPE_OVERRIDES} distinct types of the shape of ${fleet.type.name}`,
            "one Spot pool alone is interrupted all at once",
        );
    }
    return {
        enabled: true,
        onDemandBaseNodes: base,
        onDemandPercentageAboveBase: percentage,
        instanceTypes: types.map((t) => t.name),
        capacity: CapacityKind.SpotShare,
    };
}
