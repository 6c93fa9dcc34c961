/**
 * `odoo-aws preview --stack <name> [--set key=value ...] [--json] [--verbose] [--diagram file.svg|png]`
 * (also `npm run -s preview -- …`)
 *
 * An offline `pulumi preview --policy-pack policies`: loads stacks/Pulumi.<stack>.yaml, runs the
 * environment program under mocks in preview mode — IDs, ARNs, endpoints and everything built
 * from them unknown, as in a first real preview — sends every resource and then the whole stack to
 * the real policy pack over its analyzer gRPC interface, and prints the capacity plan, the
 * resource tree with each violation under its resource, the stack outputs, every policy verdict
 * and the summary. Exit code 1 on a mandatory violation (as the CLI fails), 2 on a usage or
 * configuration error. Only the report goes to stdout; notes go to stderr.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { runAsCommand } from "./commandLine";
import { repositoryRoot } from "./repository";
import { parseArgs } from "node:util";
import { OdooArgumentError } from "../../components/contract/errors";
import { CapacityPlan } from "../../components/contract/sizing";
import { RolloutTimeline } from "../../components/contract/rollout";
import { StackOutputs, defineStack } from "../program";
import { CONFIG_NAMESPACE } from "../stackConfig";
import { RecordedResource, UNKNOWN, resolveOutput, runWithMocks } from "../engine/mockRuntime";
import { PACK_SOURCES, buildPolicyPack } from "./buildPolicyPack";
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
import { PREFLIGHT_POLICY_PREFIX } from "../../components/contract/awsLimits";
import { PreviewNode, PreviewViolation, buildPreviewTree, flattenTree, renderPreviewTree } from "./previewTree";
import { ArchitectureModel, architectureOf } from "./architectureModel";
import { architectureDot, diagramFormatOf, renderPng, renderSvg } from "./architectureDiagram";

const REPO_ROOT = repositoryRoot();
export const STACKS_DIR = path.join(REPO_ROOT, "stacks");

/** The preview's help, printed by `odoo-aws preview --help`. */
export const PREVIEW_HELP = `usage: odoo-aws preview --stack <dev|staging|prod> [--set key=value ...] [--json] [--verbose] [--diagram <file.svg|file.png>]

Offline pulumi preview of a shipped stack (stacks/Pulumi.<stack>.yaml) through the policy pack:
no AWS account, no Pulumi login. Prints the capacity plan, the resource tree (+ create, type,
name) with each policy violation under its resource, the stack outputs, the policy verdicts and
the summary.

  --stack <name>      the stack file to preview (required)
  --set key=value     a what-if override, repeatable: concurrentUsers=2000, database.replicas=3
                      (the value is read as YAML; the key is checked like the stack file)
  --json              the report as JSON on stdout (the same tree, outputs and verdicts), nothing else
  --verbose           each violation with the policy's full description; resource counts by type
  --diagram <file>    also draw the stack's architecture from its resource graph (.svg or .png)
  -h, --help          this help

Exit status: 0 clean, 1 a mandatory policy violation, 2 a usage or configuration error.
`;

const USAGE = "usage: odoo-aws preview --stack <dev|staging|prod> [--set key=value ...] [--json] [--verbose] [--diagram file]";

/** One policy's outcome. */
export interface PolicyVerdict {
    name: string;
    enforcementLevel: EnforcementLevel;
    violations: { message: string; urn: string; enforcementLevel: EnforcementLevel }[];
}

/** A stack output at preview: its value when known, as `pulumi preview` shows `output<string>` otherwise. */
export interface PreviewOutput {
    known: boolean;
    secret: boolean;
    value?: unknown;
}

/** What the preview found. */
export interface PreviewReport {
    stack: string;
    plan: CapacityPlan;
    /** The resource tree: the cluster component, its components, their resources, each with its violations. */
    resources: PreviewNode[];
    /** Violations of stack-wide policies that name no resource. */
    stackViolations: PreviewViolation[];
    outputs: Record<string, PreviewOutput>;
    /** What the diagram draws, read from the resource graph. */
    architecture: ArchitectureModel;
    resourceTotal: number;
    resourceCounts: Record<string, number>;
    monthlyCost: CapacityPlan["monthlyCost"];
    /** How long a deploy's rollout can take and what the upgrade step and the health gate wait. */
    rollout: RolloutTimeline;
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
/**
 * The stack's default AWS provider as the engine describes it to the analyzer (its region from the
 * stack's `aws:region`), or undefined when the stack sets no region.
 */
export function defaultAwsProvider(stack: string, config: Record<string, string>): PolicyResourceInput["provider"] {
    const region = config["aws:region"];
    return region === undefined
        ? undefined
        : {
              type: "pulumi:providers:aws",
              name: "default",
              urn: `urn:pulumi:${stack}::${CONFIG_NAMESPACE}::pulumi:providers:aws::default`,
              props: { region },
          };
}

/**
 * The provider a resource goes through, as the engine describes it to the analyzer: the explicit one
 * it names (a standby's second region), or the stack's default. The aws-* rules read the region from it.
 */
export function providerOf(
    resources: readonly RecordedResource[],
    r: RecordedResource,
    defaultProvider: PolicyResourceInput["provider"],
): PolicyResourceInput["provider"] {
    if (!r.options.provider) {
        return defaultProvider;
    }
    const urn = r.options.provider.slice(0, r.options.provider.lastIndexOf("::"));
    const explicit = resources.find((p) => p.urn === urn);
    if (explicit === undefined) {
        throw new Error(`${r.type} ${r.name} names a provider the run did not register: ${r.options.provider}`);
    }
    return { type: explicit.type, name: explicit.name, urn: explicit.urn, props: explicit.inputs };
}

export function toPolicyResource(r: RecordedResource, provider?: PolicyResourceInput["provider"]): PolicyResourceInput {
    return {
        ...(provider === undefined ? {} : { provider }),
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
 * The policy pack the preview boots: policies/ and components/contract/ compiled to JavaScript —
 * the same pack `npm run pack:policies` builds for `pulumi policy publish` — rebuilt whenever a
 * source is newer. The CLI would type-check policies/ with ts-node on every start (≈ 6 s here);
 * the compiled pack starts in about one, and runs the same code.
 */
export async function policyPackDirForPreview(): Promise<string> {
    const stamp = path.join(PREVIEW_PACK_DIR, "package.json");
    const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
    if (built < Math.max(...PACK_SOURCES.map((source) => newestSource(path.join(REPO_ROOT, source))))) {
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
        const provider = defaultAwsProvider(options.stack, config);
        const resources = run.resources.map((r) => toPolicyResource(r, providerOf(run.resources, r, provider)));
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
        const rollout = (await resolveOutput(run.result.rollout)).value as RolloutTimeline;
        const counts: Record<string, number> = {};
        for (const r of run.resources.filter((x) => x.custom)) {
            counts[r.type] = (counts[r.type] ?? 0) + 1;
        }
        const policies = verdicts(info, diagnostics);
        const all = policies.flatMap((p) => p.violations);
        const tree = buildPreviewTree(
            run.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, custom: r.custom, parent: r.options.parent })),
            diagnostics,
        );
        return {
            stack: options.stack,
            plan: plan as CapacityPlan,
            resources: tree.roots,
            stackViolations: tree.stackViolations,
            outputs: await previewOutputs(run.result),
            architecture: architectureOf(run.resources),
            resourceTotal: Object.values(counts).reduce((a, b) => a + b, 0),
            resourceCounts: Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b))),
            monthlyCost: (plan as CapacityPlan).monthlyCost,
            rollout,
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

/** Resolves the stack outputs as a first preview knows them. */
async function previewOutputs(outputs: StackOutputs): Promise<Record<string, PreviewOutput>> {
    const out: Record<string, PreviewOutput> = {};
    for (const [name, output] of Object.entries(outputs)) {
        if (output === undefined) {
            continue;
        }
        const { value, secret } = await resolveOutput(output as unknown);
        out[name] = value === UNKNOWN ? { known: false, secret } : secret ? { known: true, secret } : { known: true, secret, value };
    }
    return out;
}

function resourceName(urn: string): string {
    return urn.split("::").pop() ?? urn;
}

/** The rollout of a deploy and the waits computed from it, in minutes. */
export function renderRollout(r: RolloutTimeline): string {
    const min = (s: number) => `${Math.ceil(s / 60)} min`;
    const fleet = r.httpBatches > 0 ? `, then the HTTP fleet in ${r.httpBatches} batch(es) ≤ ${min(r.httpFleetSeconds)}` : "";
    return [
        `Rollout of a deploy: cron node ≤ ${min(r.cronNodeSeconds)}, module upgrade${fleet}, then the health gate.`,
        `  upgrade step waits ≤ ${min(r.upgradeNodeWaitSeconds)} for the cron node; health gate waits ≤ ${min(r.healthGateSeconds)}.`,
        "",
    ].join("\n");
}

/** The text of an output value, as `pulumi preview` prints it. */
function outputText(name: string, output: PreviewOutput): string {
    if (!output.known) {
        return "output<string>  (known after pulumi up)";
    }
    if (output.secret) {
        return "[secret]";
    }
    const value = output.value;
    if (value && typeof value === "object") {
        const total = (value as { total?: unknown }).total;
        if (typeof total === "number") {
            return `{ total: ${total.toFixed(2)} … }  (see the cost estimate above; every field in --json)`;
        }
        return `{ … }  (${name === "capacityPlan" ? "the capacity plan above" : "every field in --json"})`;
    }
    return JSON.stringify(value);
}

/**
 * Titles of the policy sections, by the prefix of the policy name: the Odoo rules, and the aws-*
 * preflight rules (what AWS would refuse when it creates the resources).
 */
const POLICY_SECTIONS: Record<string, string> = {
    odoo: "Odoo policies",
    [PREFLIGHT_POLICY_PREFIX.replace(/-$/, "")]: "AWS preflight: what AWS would refuse at create time",
};

function policySection(name: string): string {
    const prefix = name.split("-")[0];
    return POLICY_SECTIONS[prefix] ?? "Other policies";
}

/** The human-readable report, laid out as `pulumi preview` prints one. */
export function renderReport(report: PreviewReport, options: { verbose?: boolean } = {}): string {
    const verbose = options.verbose ?? false;
    const lines: string[] = [];
    lines.push(
        `Previewing stack "${report.stack}" offline: no AWS calls; IDs, ARNs and endpoints unknown as in a first pulumi preview.`,
        "",
    );
    lines.push(renderPlan(report.plan));
    lines.push(renderRollout(report.rollout));
    lines.push(...renderPreviewTree(`${CONFIG_NAMESPACE}-${report.stack}`, report.resources, report.stackViolations, verbose));
    lines.push("", "Outputs:");
    const outputWidth = Math.max(...Object.keys(report.outputs).map((k) => k.length));
    for (const [name, output] of Object.entries(report.outputs)) {
        lines.push(`    ${name.padEnd(outputWidth)}: ${outputText(name, output)}`);
    }
    const sections = new Map<string, PolicyVerdict[]>();
    for (const p of report.policies) {
        const title = policySection(p.name);
        sections.set(title, [...(sections.get(title) ?? []), p]);
    }
    for (const [title, policies] of sections) {
        lines.push("", `${title} (${report.policyPack.name} ${report.policyPack.version}):`);
        // The preflight rules are many and small: what fails is listed, what passes is counted.
        const countPassing = title === POLICY_SECTIONS[PREFLIGHT_POLICY_PREFIX.replace(/-$/, "")];
        for (const p of policies) {
            if (p.violations.length === 0) {
                if (!countPassing) {
                    lines.push(`    ok    ${p.name} (${p.enforcementLevel})`);
                }
                continue;
            }
            for (const v of p.violations) {
                const mark = v.enforcementLevel === "mandatory" ? "FAIL" : "warn";
                lines.push(`    ${mark}  ${p.name} (${v.enforcementLevel})${v.urn ? ` on ${resourceName(v.urn)}` : ""}`);
            }
        }
        if (countPassing) {
            const passing = policies.filter((p) => p.violations.length === 0).length;
            lines.push(`    ok    ${passing} of ${policies.length} rules`);
        }
    }
    if (verbose) {
        lines.push("", "Resources by type:");
        const width = Math.max(...Object.keys(report.resourceCounts).map((t) => t.length));
        for (const [type, count] of Object.entries(report.resourceCounts)) {
            lines.push(`    ${type.padEnd(width)}  ${count}`);
        }
    }
    const components = flattenTree(report.resources).filter((n) => !n.custom).length;
    lines.push(
        "",
        "Resources:",
        `    + ${report.resourceTotal} to create (and ${components} components)`,
        "",
        `Policy violations: ${report.mandatoryViolations} mandatory, ${report.advisoryViolations} advisory.`,
    );
    return lines.join("\n") + "\n";
}

/** Draws the report's architecture into `file` (.svg or .png). */
export async function writeDiagram(report: Pick<PreviewReport, "stack" | "plan" | "architecture">, file: string): Promise<void> {
    const format = diagramFormatOf(file);
    if (!format) {
        throw new StackFileError(`--diagram ${file}: the file name must end in .svg or .png`);
    }
    const svg = await renderSvg(
        architectureDot(report.architecture, {
            stack: report.stack,
            concurrentUsers: report.plan.concurrentUsers,
            production: report.plan.production,
        }),
    );
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, format === "svg" ? svg : await renderPng(svg));
}

/**
 * The architecture of a shipped stack without the policy pack: the program under mocks only (what
 * the committed diagrams are drawn from).
 */
export async function stackArchitecture(stack: string): Promise<Pick<PreviewReport, "stack" | "plan" | "architecture">> {
    const config = toEngineConfig(loadStackConfig(STACKS_DIR, stack));
    const run = await runWithMocks(() => defineStack(config), { preview: true, project: CONFIG_NAMESPACE, stack, config });
    const plan = (await resolveOutput(run.result.capacityPlan)).value;
    if (plan === UNKNOWN) {
        throw new Error("the capacity plan is unknown at preview; it must be a plain value");
    }
    return { stack, plan: plan as CapacityPlan, architecture: architectureOf(run.resources) };
}

/** Runs the CLI; returns the exit code. `analyzer` lets tests reuse one running pack. */
export async function main(
    argv: string[],
    out: (s: string) => void = (s) => process.stdout.write(s),
    err: (s: string) => void = (s) => process.stderr.write(s),
    analyzer?: PolicyAnalyzerClient,
): Promise<number> {
    let values: { stack?: string; set?: string[]; json?: boolean; verbose?: boolean; diagram?: string; help?: boolean };
    try {
        values = parseArgs({
            args: argv,
            strict: true,
            options: {
                stack: { type: "string" },
                set: { type: "string", multiple: true },
                json: { type: "boolean" },
                verbose: { type: "boolean" },
                diagram: { type: "string" },
                help: { type: "boolean", short: "h" },
            },
        }).values;
    } catch (e) {
        err(`${(e as Error).message}\n${USAGE}\n`);
        return 2;
    }
    if (values.help) {
        out(PREVIEW_HELP);
        return 0;
    }
    if (values.diagram !== undefined && !diagramFormatOf(values.diagram)) {
        err(`--diagram ${values.diagram}: the file name must end in .svg or .png\n${USAGE}\n`);
        return 2;
    }
    if (!values.stack) {
        err(`--stack is required\n${USAGE}\n`);
        return 2;
    }
    try {
        const report = await runPreview({ stack: values.stack, overrides: values.set ?? [], analyzer });
        if (values.diagram) {
            await writeDiagram(report, values.diagram);
            err(`wrote the architecture of stack "${report.stack}" to ${values.diagram}\n`);
        }
        out(values.json ? JSON.stringify(report, null, 2) + "\n" : renderReport(report, { verbose: values.verbose }));
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
    runAsCommand(main);
}
