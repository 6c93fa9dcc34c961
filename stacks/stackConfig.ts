/**
 * The stack configuration of the environment program: every `odoo-aws:*` key, its type, and how
 * it becomes `OdooClusterArgs`. A key outside this list is an error (a typo such as
 * `odoo-aws:concurentUsers` must not silently fall back to a default).
 */
import { OdooClusterArgs } from "../components/cluster/clusterArgs";
import { OdooArgumentError } from "../components/contract/errors";

/** The project's config namespace (`name` in Pulumi.yaml). */
export const CONFIG_NAMESPACE = "odoo-aws";

/** Kind of value a key holds in Pulumi.<stack>.yaml. */
export type ConfigValueType = "number" | "string" | "boolean" | "object";

/** One documented configuration key. */
export interface StackConfigKey {
    key: keyof OdooClusterArgs;
    type: ConfigValueType;
    required: boolean;
}

/** Every key the program reads, in the order the README documents them. */
export const STACK_CONFIG_KEYS: readonly StackConfigKey[] = [
    { key: "concurrentUsers", type: "number", required: true },
    { key: "clusterName", type: "string", required: false },
    { key: "environment", type: "string", required: false },
    { key: "production", type: "boolean", required: false },
    { key: "odooVersion", type: "string", required: false },
    { key: "image", type: "string", required: false },
    { key: "imageAddons", type: "object", required: false },
    { key: "tags", type: "object", required: false },
    { key: "network", type: "object", required: false },
    { key: "loadBalancer", type: "object", required: false },
    { key: "nodes", type: "object", required: false },
    { key: "database", type: "object", required: false },
    { key: "filestore", type: "object", required: false },
    { key: "sessions", type: "object", required: false },
    { key: "operations", type: "object", required: false },
];

/** Default cluster name when the stack sets none. */
export const DEFAULT_CLUSTER_NAME = "odoo";

function parseValue(key: string, raw: string, type: ConfigValueType): unknown {
    if (type === "string") {
        return raw;
    }
    let value: unknown;
    try {
        value = JSON.parse(raw);
    } catch {
        throw new OdooArgumentError(`${CONFIG_NAMESPACE}:${key}`, raw, `a ${type === "object" ? "YAML mapping" : type}`);
    }
    const ok = type === "object" ? value !== null && typeof value === "object" && !Array.isArray(value) : typeof value === type;
    if (!ok) {
        throw new OdooArgumentError(`${CONFIG_NAMESPACE}:${key}`, value, `a ${type === "object" ? "YAML mapping" : type}`);
    }
    return value;
}

/**
 * Turns the stack's raw configuration (`project:key` → string, as the Pulumi engine hands it
 * over) into the cluster's arguments. Keys of other namespaces (aws:region, …) are left to their
 * providers.
 */
export function clusterArgsFromConfig(config: Record<string, string>): OdooClusterArgs {
    const known = new Map(STACK_CONFIG_KEYS.map((k) => [k.key as string, k]));
    const args: Record<string, unknown> = {};
    for (const [fullKey, raw] of Object.entries(config)) {
        const [namespace, key] = fullKey.split(":", 2);
        if (namespace !== CONFIG_NAMESPACE) {
            continue;
        }
        const spec = known.get(key);
        if (!spec) {
            throw new OdooArgumentError(
                fullKey,
                raw,
                `one of the documented keys: ${STACK_CONFIG_KEYS.map((k) => `${CONFIG_NAMESPACE}:${k.key}`).join(", ")}`,
            );
        }
        args[key] = parseValue(key, raw, spec.type);
    }
    for (const spec of STACK_CONFIG_KEYS) {
        if (spec.required && args[spec.key] === undefined) {
            throw new OdooArgumentError(
                `${CONFIG_NAMESPACE}:${spec.key}`,
                undefined,
                `a ${spec.type} in stacks/Pulumi.<stack>.yaml (e.g. ${CONFIG_NAMESPACE}:${spec.key}: 300)`,
            );
        }
    }
    return args as unknown as OdooClusterArgs;
}
