/**
 * Who a resource belongs to. Every component takes this as its `cluster` argument and writes it
 * onto each AWS resource as the odoo:* tags of the tag contract, which is all the policies see.
 */
import { isProductionEnvironment, requireEnvironmentName } from "./environment";
import { OdooArgumentError } from "./errors";
import { CapacityPlan, CapacityRequest, planCapacity, requireConcurrentUsers } from "./sizing";
import { NodeTagValues, OdooRole, RESERVED_TAG_KEYS, clusterTags } from "./tags";

/** The cluster a component's resources belong to. */
export interface OdooClusterContext {
    /**
     * Cluster name: the `odoo:cluster` tag and the prefix of AWS resource names. 1–20 lower-case
     * letters, digits or dashes, starting with a letter (AWS caps load balancer and target group
     * names at 32 characters, and a suffix is added).
     */
    name: string;
    /** Environment name, e.g. `dev`, `staging`, `prod`: the `odoo:environment` tag. */
    environment: string;
    /** Declared concurrent users, a whole number from 1 to 5000: the `odoo:concurrent-users` tag. */
    concurrentUsers: number;
    /**
     * Whether the environment is production: Multi-AZ, deletion protection, final snapshots and
     * retained data. Default: true when `environment` is `prod` or `production`.
     */
    production?: boolean;
    /** Extra tags for every resource. Keys starting with `odoo:` are reserved for the tag contract. */
    tags?: Record<string, string>;
    /**
     * The capacity plan the component takes its defaults from, when a composing component (such
     * as OdooCluster) made one for the whole cluster; it must be for the same `concurrentUsers`
     * and `production`. Default: the component plans for itself with `planCapacity`.
     */
    capacityPlan?: CapacityPlan;
}

/** A validated {@link OdooClusterContext} with its defaults applied. */
export interface ResolvedClusterContext {
    name: string;
    environment: string;
    concurrentUsers: number;
    production: boolean;
    tags: Record<string, string>;
    /** The plan a composing component handed down, if any; read it through {@link capacityPlanOf}. */
    capacityPlan?: CapacityPlan;
}

/** Validates the context, naming `property.<field>` in any error. */
export function resolveClusterContext(context: OdooClusterContext | undefined, property = "cluster"): ResolvedClusterContext {
    if (!context || typeof context !== "object") {
        throw new OdooArgumentError(property, context, "an object with name, environment and concurrentUsers");
    }
    if (typeof context.name !== "string" || !/^[a-z][a-z0-9-]{0,19}$/.test(context.name)) {
        throw new OdooArgumentError(`${property}.name`, context.name, "1–20 lower-case letters, digits or dashes, starting with a letter");
    }
    const environment = requireEnvironmentName(context.environment, `${property}.environment`);
    const concurrentUsers = requireConcurrentUsers(context.concurrentUsers, `${property}.concurrentUsers`);
    if (context.production !== undefined && typeof context.production !== "boolean") {
        throw new OdooArgumentError(`${property}.production`, context.production, "true or false");
    }
    const tags = context.tags ?? {};
    if (typeof tags !== "object" || Array.isArray(tags)) {
        throw new OdooArgumentError(`${property}.tags`, tags, "a map of tag keys to string values");
    }
    for (const [key, value] of Object.entries(tags)) {
        if (RESERVED_TAG_KEYS.includes(key) || key.startsWith("odoo:")) {
            throw new OdooArgumentError(
                `${property}.tags["${key}"]`,
                value,
                "a key that does not start with odoo: (reserved for the tag contract)",
            );
        }
        if (typeof value !== "string") {
            throw new OdooArgumentError(`${property}.tags["${key}"]`, value, "a string value");
        }
    }
    const production = context.production ?? isProductionEnvironment(environment);
    const plan = context.capacityPlan;
    if (plan !== undefined) {
        if (!plan || typeof plan !== "object" || plan.concurrentUsers !== concurrentUsers || plan.production !== production) {
            throw new OdooArgumentError(
                `${property}.capacityPlan`,
                plan && typeof plan === "object" ? `a plan for ${plan.concurrentUsers} users, production ${plan.production}` : plan,
                `a plan from planCapacity for ${concurrentUsers} users, production ${production} (or none)`,
            );
        }
    }
    return {
        name: context.name,
        environment,
        concurrentUsers,
        production,
        tags: { ...tags },
        ...(plan === undefined ? {} : { capacityPlan: plan }),
    };
}

/**
 * The capacity plan a component takes its defaults from: the one the composing component handed
 * down, or, for a component used on its own, a plan of its own from `planCapacity` with what the
 * component itself knows (`own`).
 */
export function capacityPlanOf(
    context: ResolvedClusterContext,
    own: Omit<CapacityRequest, "concurrentUsers" | "production"> = {},
): CapacityPlan {
    return context.capacityPlan ?? planCapacity({ ...own, concurrentUsers: context.concurrentUsers, production: context.production });
}

/** The tags of one resource of the cluster in `role` (plus the node tags for resources that run Odoo). */
export function tagsFor(context: ResolvedClusterContext, role: OdooRole, node?: NodeTagValues): Record<string, string> {
    return clusterTags(
        { cluster: context.name, environment: context.environment, concurrentUsers: context.concurrentUsers },
        role,
        context.tags,
        node,
    );
}
