/**
 * Reads a stack's configuration file (stacks/Pulumi.<stack>.yaml) the way the Pulumi engine hands
 * configuration to a program — `namespace:key` → string, structured values as JSON — and applies
 * what-if overrides (`--set key=value`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument, parse as parseYaml } from "yaml";
import { CONFIG_NAMESPACE } from "../stackConfig";

/** A problem with the stack file or an override, reported to the user as is. */
export class StackFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackFileError";
    }
}

/** What a `secure:` value becomes offline: the program sees a value, never the ciphertext. */
export const SECURE_PLACEHOLDER = "offline-preview-placeholder";

/** The stacks shipped in `dir` (from the Pulumi.<stack>.yaml files). */
export function availableStacks(dir: string): string[] {
    return fs
        .readdirSync(dir)
        .map((f) => /^Pulumi\.([^.]+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

function replaceSecure(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(replaceSecure);
    }
    if (value && typeof value === "object") {
        const entries = Object.entries(value as Record<string, unknown>);
        if (entries.length === 1 && entries[0][0] === "secure") {
            return SECURE_PLACEHOLDER;
        }
        return Object.fromEntries(entries.map(([k, v]) => [k, replaceSecure(v)]));
    }
    return value;
}

/** Loads the stack's configuration as a structured map (`namespace:key` → value). */
export function loadStackConfig(dir: string, stack: string): Record<string, unknown> {
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    if (!/^[A-Za-z0-9_.-]+$/.test(stack) || !fs.existsSync(file)) {
        throw new StackFileError(`unknown stack "${stack}"; available: ${availableStacks(dir).join(", ")}`);
    }
    const document = parseDocument(fs.readFileSync(file, "utf8"), { prettyErrors: true });
    if (document.errors.length > 0) {
        throw new StackFileError(`${path.relative(process.cwd(), file)} is not valid YAML: ${document.errors[0].message}`);
    }
    const content = document.toJS() as unknown;
    if (content === null || content === undefined) {
        return {};
    }
    const config = (content as { config?: unknown }).config;
    if (
        typeof content !== "object" ||
        Array.isArray(content) ||
        (config !== undefined && (config === null || typeof config !== "object" || Array.isArray(config)))
    ) {
        throw new StackFileError(
            `${path.relative(process.cwd(), file)} must be a mapping with a "config:" mapping of namespace:key entries`,
        );
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries((config ?? {}) as Record<string, unknown>)) {
        if (!/^[A-Za-z0-9_-]+:[A-Za-z0-9_]+$/.test(key)) {
            throw new StackFileError(
                `${path.relative(process.cwd(), file)}: "${key}" is not a namespace:key configuration key (e.g. ${CONFIG_NAMESPACE}:concurrentUsers)`,
            );
        }
        out[key] = replaceSecure(value);
    }
    return out;
}

/**
 * Applies `key=value` overrides. `key` is a config key (`concurrentUsers`, `odoo-aws:image`) with an
 * optional dotted path into a structured value (`database.replicas=3`); `value` is read as YAML, so
 * `2000` is a number, `true` a boolean and `db.r7g.large` a string.
 */
export function applyOverrides(config: Record<string, unknown>, overrides: string[]): Record<string, unknown> {
    const out = structuredClone(config);
    for (const override of overrides) {
        const eq = override.indexOf("=");
        if (eq <= 0) {
            throw new StackFileError(`--set ${JSON.stringify(override)}: expected key=value, e.g. --set concurrentUsers=2000`);
        }
        const [rawKey, rawValue] = [override.slice(0, eq), override.slice(eq + 1)];
        const [namespaced, ...path] = rawKey.includes(":")
            ? [rawKey.split(".")[0], ...rawKey.split(".").slice(1)]
            : [`${CONFIG_NAMESPACE}:${rawKey.split(".")[0]}`, ...rawKey.split(".").slice(1)];
        let value: unknown;
        try {
            value = parseYaml(rawValue);
        } catch {
            value = rawValue;
        }
        if (path.length === 0) {
            out[namespaced] = value;
            continue;
        }
        const root = (out[namespaced] ?? {}) as Record<string, unknown>;
        if (typeof root !== "object" || Array.isArray(root)) {
            throw new StackFileError(`--set ${rawKey}: ${namespaced} is not a mapping`);
        }
        out[namespaced] = root;
        let node = root;
        for (const segment of path.slice(0, -1)) {
            const next = node[segment] ?? {};
            if (typeof next !== "object" || next === null || Array.isArray(next)) {
                throw new StackFileError(`--set ${rawKey}: ${segment} is not a mapping`);
            }
            node[segment] = next;
            node = next as Record<string, unknown>;
        }
        node[path[path.length - 1]] = value;
    }
    return out;
}

/** The engine's form: every value a string, structured values as JSON. */
export function toEngineConfig(config: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}
