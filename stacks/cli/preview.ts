/**
 * `npm run preview -- --stack <name> [--set key=value ...] [--json]`
 *
 * An offline `pulumi preview --policy-pack policies`: loads stacks/Pulumi.<stack>.yaml, runs the
 * environment program under mocks in preview mode — IDs, ARNs, endpoints and everything built
 * from them unknown, as in a first real preview — sends every resource and then the whole stack to
 * the real policy pack over its analyzer gRPC interface, and prints the capacity plan, the
 * resources by type, the monthly cost and every policy verdict with its enforcement level.
 * Exit code 1 on a mandatory violation (as the CLI fails), 2 on a usage or configuration error.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { repositoryRoot } from "./repository";
import { parseArgs } from "node:util";
import { OdooArgumentError } from "../../components/contract/errors";
import { CapacityPlan } from "../../components/contract/sizing";
import { StackOutputs, defineStack } from "../program";
import { CONFIG_NAMESPACE } from "../stackConfig";
import { RecordedResource, UNKNOWN, resolveOutput, runWithMocks } from "../engine/mockRuntime";
import { buildPolicyPack } from "./buildPolicyPack";
import { renderPlan } from "./plan";
import {
    AnalyzerInfo,
    EnforcementLevel,
    PolicyAnalyzerClient,
    PolicyDiagnostic,
    PolicyResourceInput,
    startPolicyAnalyzer,
} from "../engine/policyAnalyzer";
import { StackFileError, applyOverrides, loadStackConfig, toEngineConfig } from "./stackFile";

const REPO_ROOT = repositoryRoot();
export const STACKS_DIR = path.join(REPO_ROOT, "stacks");
export const POLICY_PACK_DIR = path.join(REPO_ROOT, "policies");

const USAGE = "usage: npm run preview -- --stack <dev|staging|prod> [--set key=value ...] [--json]";

/** One policy's outcome. */
export interface PolicyVerdict {
    name: string;
    enforcementLevel: EnforcementLevel;
    violations: { message: string; urn: string; enforcementLevel: EnforcementLevel }[];
}

/** What the preview found. */
export interface PreviewReport {
    stack: string;
    plan: CapacityPlan;
    resourceTotal: number;
    resourceCounts: Record<string, number>;
    monthlyCost: CapacityPlan["monthlyCost"];
    policyPack: { name: string; version: string };
    policies: PolicyVerdict[];
    mandatoryViolations: number;
    advisoryViolations: number;
}

/** Options of {@link runPreview}. */
export interface PreviewOptions {
    stack: string;
    overrides?: string[];
    /** A running pack to reuse (tests run several what-ifs against one); started and closed otherwise. */
    analyzer?: PolicyAnalyzerClient;
}

/** The resource as the engine shows it to a policy pack. */
function toPolicyResource(r: RecordedResource): PolicyResourceInput {
    return {
        type: r.type,
        name: r.name,
        urn: r.urn,
        props: r.inputs,
        options: {
            protect: r.options.protect,
            ignoreChanges: r.options.ignoreChanges,
            deleteBeforeReplace: r.options.deleteBeforeReplace,
            parent: r.options.parent || undefined,
        },
        parent: r.options.parent || undefined,
        dependencies: r.options.dependsOn,
        propertyDependencies: r.options.propertyDependencies,
    };
}

function verdicts(info: AnalyzerInfo, diagnostics: PolicyDiagnostic[]): PolicyVerdict[] {
    return info.policies.map((p) => ({
        name: p.name,
        enforcementLevel: p.enforcementLevel,
        violations: diagnostics
            .filter((d) => d.policyName === p.name)
            .map((d) => ({ message: d.message, urn: d.urn, enforcementLevel: d.enforcementLevel })),
    }));
}

/** Where the preview keeps its compiled copy of the policy pack. */
export const PREVIEW_PACK_DIR = path.join(REPO_ROOT, "dist", "preview-policy-pack");

function newestSource(dir: string): number {
    let newest = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== "node_modules") {
            newest = Math.max(newest, newestSource(file));
        } else if (entry.isFile()) {
            newest = Math.max(newest, fs.statSync(file).mtimeMs);
        }
    }
    return newest;
}

/**
 * The policy pack the preview boots: policies/ compiled to JavaScript with the component modules
 * it imports — the same pack `npm run pack:policies` builds for `pulumi policy publish` — rebuilt
 * whenever a source is newer. The CLI would type-check policies/ with ts-node on every start
 * (≈ 6 s here); the compiled pack starts in about one, and runs the same code.
 */
export async function policyPackDirForPreview(): Promise<string> {
    const stamp = path.join(PREVIEW_PACK_DIR, "package.json");
    const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
    if (built < Math.max(newestSource(POLICY_PACK_DIR), newestSource(path.join(REPO_ROOT, "components")))) {
        buildPolicyPack(PREVIEW_PACK_DIR);
    }
    return PREVIEW_PACK_DIR;
}

/** Runs the offline preview of a stack and returns its report. */
export async function runPreview(options: PreviewOptions): Promise<PreviewReport> {
    const structured = applyOverrides(loadStackConfig(STACKS_DIR, options.stack), options.overrides ?? []);
    const config = toEngineConfig(structured);
    // The pack boots in its own process while this one runs the program: two cores, two jobs.
    const starting = options.analyzer
        ? Promise.resolve(options.analyzer)
        : policyPackDirForPreview().then((packDir) => startPolicyAnalyzer({ packDir }));
    let run: Awaited<ReturnType<typeof runWithMocks<StackOutputs>>>;
    try {
        run = await runWithMocks(() => defineStack(config), { preview: true, project: CONFIG_NAMESPACE, stack: options.stack, config });
    } catch (e) {
        if (!options.analyzer) {
            await starting.then(
                (a) => a.close(),
                () => undefined,
            );
        }
        throw e;
    }
    const analyzer = await starting;
    try {
        await analyzer.configureStack({ project: CONFIG_NAMESPACE, stack: options.stack, dryRun: true, config });
        const info = await analyzer.getAnalyzerInfo();
        await analyzer.configure({});
        const resources = run.resources.map(toPolicyResource);
        const diagnostics: PolicyDiagnostic[] = [];
        for (const resource of resources) {
            const result = await analyzer.analyze(resource);
            diagnostics.push(...result.diagnostics.map((d) => ({ ...d, urn: d.urn || resource.urn })));
        }
        diagnostics.push(...(await analyzer.analyzeStack(resources)).diagnostics);

        const plan = (await resolveOutput(run.result.capacityPlan)).value;
        if (plan === UNKNOWN) {
            throw new Error("the capacity plan is unknown at preview; it must be a plain value");
        }
        const counts: Record<string, number> = {};
        for (const r of run.resources.filter((x) => x.custom)) {
            counts[r.type] = (counts[r.type] ?? 0) + 1;
        }
        const policies = verdicts(info, diagnostics);
        const all = policies.flatMap((p) => p.violations);
        return {
            stack: options.stack,
            plan: plan as CapacityPlan,
            resourceTotal: Object.values(counts).reduce((a, b) => a + b, 0),
            resourceCounts: Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b))),
            monthlyCost: (plan as CapacityPlan).monthlyCost,
            policyPack: { name: info.name, version: info.version },
            policies,
            mandatoryViolations: all.filter((v) => v.enforcementLevel === "mandatory").length,
            advisoryViolations: all.filter((v) => v.enforcementLevel === "advisory").length,
        };
    } finally {
        if (!options.analyzer) {
            await analyzer.close();
        }
    }
}

function resourceName(urn: string): string {
    return urn.split("::").pop() ?? urn;
}

/** The human-readable report. */
export function renderReport(report: PreviewReport): string {
    const lines: string[] = [];
    lines.push(
        `Offline preview of stack "${report.stack}": no AWS calls; IDs, ARNs and endpoints unknown as in a first pulumi preview.`,
        "",
    );
    lines.push(renderPlan(report.plan));
    lines.push(`Resources: ${report.resourceTotal}`);
    const width = Math.max(...Object.keys(report.resourceCounts).map((t) => t.length));
    for (const [type, count] of Object.entries(report.resourceCounts)) {
        lines.push(`  ${type.padEnd(width)}  ${count}`);
    }
    lines.push("", `Policies (${report.policyPack.name} ${report.policyPack.version}):`);
    for (const p of report.policies) {
        if (p.violations.length === 0) {
            lines.push(`  ok    ${p.name} (${p.enforcementLevel})`);
            continue;
        }
        for (const v of p.violations) {
            const mark = v.enforcementLevel === "mandatory" ? "FAIL" : "warn";
            lines.push(
                `  ${mark}  ${p.name} (${v.enforcementLevel})${v.urn ? ` on ${resourceName(v.urn)}` : ""}: ${v.message.replace(/\s*\n\s*/g, " ")}`,
            );
        }
    }
    lines.push("", `${report.mandatoryViolations} mandatory violation(s), ${report.advisoryViolations} advisory.`);
    return lines.join("\n") + "\n";
}

/** Runs the CLI; returns the exit code. `analyzer` lets tests reuse one running pack. */
export async function main(
    argv: string[],
    out: (s: string) => void = (s) => process.stdout.write(s),
    err: (s: string) => void = (s) => process.stderr.write(s),
    analyzer?: PolicyAnalyzerClient,
): Promise<number> {
    let values: { stack?: string; set?: string[]; json?: boolean };
    try {
        values = parseArgs({
            args: argv,
            strict: true,
            options: { stack: { type: "string" }, set: { type: "string", multiple: true }, json: { type: "boolean" } },
        }).values;
    } catch (e) {
        err(`${(e as Error).message}\n${USAGE}\n`);
        return 2;
    }
    if (!values.stack) {
        err(`--stack is required\n${USAGE}\n`);
        return 2;
    }
    try {
        const report = await runPreview({ stack: values.stack, overrides: values.set ?? [], analyzer });
        out(values.json ? JSON.stringify(report, null, 2) + "\n" : renderReport(report));
        return report.mandatoryViolations > 0 ? 1 : 0;
    } catch (e) {
        if (e instanceof StackFileError || e instanceof OdooArgumentError) {
            err(`${e.message}\n`);
            return 2;
        }
        throw e;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => {
            process.exitCode = code;
        },
        (e) => {
            process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
            process.exitCode = 2;
        },
    );
}
