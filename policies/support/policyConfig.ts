/**
 * The pack's configuration: JSON schemas the CLI validates `--policy-pack-config` against, and
 * readers that apply the defaults. Every default is imported from the module that owns it — the
 * capacity table from components/contract/sizing.ts, the production environments from
 * components/contract/environment.ts — so the pack and the components never disagree on a threshold.
 */
import { PolicyConfigSchema } from "@pulumi/policy";
import { DEFAULT_PRODUCTION_ENVIRONMENTS } from "../../components/contract/environment";
import { OdooArgumentError } from "../../components/contract/errors";
import {
    CapacityTable,
    CapacityTier,
    DATABASE_VCPU_RANGE,
    GUIDE_CAPACITY_TABLE,
    MAX_CONCURRENT_USERS,
    MAX_READ_REPLICAS,
    TierSource,
    USERS_PER_WORKER_RANGE,
    validateTable,
} from "../../components/contract/sizing";

const countRange = (description: string) => ({
    type: "object" as const,
    description,
    required: ["min"],
    properties: {
        min: { type: "integer" as const, minimum: 1 },
        max: { type: "integer" as const, minimum: 1, description: "Absent: open-ended." },
    },
});

/** Config of the capacity policies: the capacity table and the users one worker serves. */
export interface CapacityConfig {
    usersPerWorker?: number;
    capacityTiers?: CapacityTier[];
}

/** Schema of {@link CapacityConfig}. */
export const CAPACITY_CONFIG_SCHEMA: PolicyConfigSchema = {
    properties: {
        usersPerWorker: {
            type: "number",
            minimum: USERS_PER_WORKER_RANGE.min,
            maximum: USERS_PER_WORKER_RANGE.max,
            default: GUIDE_CAPACITY_TABLE.usersPerWorker,
            description:
                "Concurrent users one HTTP worker serves (the guide's table implies 16; Odoo's documentation counts 6 for heavy use).",
        },
        capacityTiers: {
            type: "array",
            minItems: 1,
            default: GUIDE_CAPACITY_TABLE.tiers as unknown as object[],
            description: `Rows of the capacity table in ascending maxUsers; the last row must reach ${MAX_CONCURRENT_USERS} users. Default: the guide's table (components/contract/sizing.ts).`,
            items: {
                type: "object",
                required: ["maxUsers", "httpNodes", "workers", "databaseVcpu", "replicas"],
                properties: {
                    maxUsers: { type: "integer", minimum: 1, maximum: MAX_CONCURRENT_USERS },
                    httpNodes: countRange("HTTP nodes of the row."),
                    workers: countRange("HTTP workers across the fleet."),
                    databaseVcpu: { type: "integer", minimum: DATABASE_VCPU_RANGE.min, maximum: DATABASE_VCPU_RANGE.max },
                    replicas: { type: "integer", minimum: 0, maximum: MAX_READ_REPLICAS },
                    source: { type: "string", enum: Object.values(TierSource) },
                },
            },
        },
    },
};

/**
 * The capacity table a policy applies: the configured one (validated like the components validate
 * theirs) or the guide's. A bad table is an error of the pack's configuration, not a violation of
 * the stack, so it throws with the policy and property named.
 */
export function capacityTableFrom(config: CapacityConfig, policyName: string): CapacityTable {
    if (config.usersPerWorker === undefined && config.capacityTiers === undefined) {
        return GUIDE_CAPACITY_TABLE;
    }
    const table: CapacityTable = {
        usersPerWorker: config.usersPerWorker ?? GUIDE_CAPACITY_TABLE.usersPerWorker,
        tiers:
            config.capacityTiers === undefined
                ? GUIDE_CAPACITY_TABLE.tiers
                : config.capacityTiers.map((t) => ({ ...t, source: t.source ?? "guide" })),
    };
    try {
        return validateTable(table, `${policyName}.capacityTiers`);
    } catch (e) {
        if (e instanceof OdooArgumentError) {
            throw new OdooArgumentError(`policy config ${e.property}`, e.value, e.accepted);
        }
        throw e;
    }
}

/** Config of the policies that apply only to production. */
export interface ProductionConfig {
    productionEnvironments?: string[];
}

/** Schema of {@link ProductionConfig}. */
export const PRODUCTION_CONFIG_SCHEMA: PolicyConfigSchema = {
    properties: {
        productionEnvironments: {
            type: "array",
            items: { type: "string", minLength: 1 },
            default: [...DEFAULT_PRODUCTION_ENVIRONMENTS],
            description:
                "Values of the odoo:environment tag that mean production. Default: the components' own list (components/contract/environment.ts).",
        },
    },
};

/** The production environments a policy applies. */
export function productionEnvironmentsFrom(config: ProductionConfig): readonly string[] {
    return config.productionEnvironments ?? DEFAULT_PRODUCTION_ENVIRONMENTS;
}

/** Merges several schemas' properties (a policy with more than one kind of setting). */
export function mergeSchemas(...schemas: PolicyConfigSchema[]): PolicyConfigSchema {
    return { properties: Object.assign({}, ...schemas.map((s) => s.properties)) };
}
