/**
 * Checks every component test needs on what a mock run recorded: which resources AWS lets carry
 * tags (read from the provider's own type definitions, so a new resource type cannot slip through
 * untagged) and where generated secrets ended up. Rejected arguments: argumentErrors.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { MockRun, RecordedResource } from "./pulumiMocks";

const taggableCache = new Map<string, boolean>();

/**
 * Whether resources of `type` (e.g. `aws:rds/instance:Instance`) take a `tags` argument, read from
 * the `<Resource>Args` interface in the package's `.d.ts`. Throws when the file is missing, so a
 * type the check cannot judge fails the test instead of passing it.
 */
export function isTaggableType(type: string): boolean {
    const cached = taggableCache.get(type);
    if (cached !== undefined) {
        return cached;
    }
    const [pkg, moduleAndFile, className] = type.split(":");
    const [module, file] = moduleAndFile.split("/");
    const root = path.dirname(require.resolve(`@pulumi/${pkg}/package.json`));
    const dts = path.join(root, module === "index" ? "" : module, `${file}.d.ts`);
    const text = fs.readFileSync(dts, "utf8");
    const start = text.indexOf(`export interface ${className}Args {`);
    if (start < 0) {
        throw new Error(`no ${className}Args in ${dts}`);
    }
    const end = text.indexOf("\n}", start);
    const taggable = /\n {4}tags\?:/.test(text.slice(start, end));
    taggableCache.set(type, taggable);
    return taggable;
}

/** The AWS resources of a run that take tags. */
export function taggableResources(resources: RecordedResource[]): RecordedResource[] {
    return resources.filter((r) => r.custom && r.type.startsWith("aws:") && isTaggableType(r.type));
}

function stringsWithPaths(value: unknown, at: string, into: { path: string; value: string }[]): { path: string; value: string }[] {
    if (typeof value === "string") {
        into.push({ path: at, value });
    } else if (Array.isArray(value)) {
        value.forEach((v, i) => stringsWithPaths(v, `${at}[${i}]`, into));
    } else if (value && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) {
            stringsWithPaths(v, at ? `${at}.${k}` : k, into);
        }
    }
    return into;
}

/**
 * Every input, across all recorded resources, that contains a generated secret without having
 * arrived as a secret (or inside one): `type name path`. Empty means no leak.
 */
export function secretLeaks(run: MockRun<unknown>): string[] {
    const leaks: string[] = [];
    for (const r of run.resources) {
        for (const { path: p, value } of stringsWithPaths(r.inputs, "", [])) {
            if (!run.generatedSecrets.some((s) => value.includes(s))) {
                continue;
            }
            const covered = r.secretInputs.some((s) => p === s || p.startsWith(`${s}.`) || p.startsWith(`${s}[`));
            if (!covered) {
                leaks.push(`${r.type} ${r.name} ${p}`);
            }
        }
    }
    return leaks;
}
