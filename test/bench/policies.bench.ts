/**
 * `npm run bench:policies [-- --runs 7 --resources 5000 --mode preview|update --grpc]`
 *
 * Times the pack's stack policies (AnalyzeStack) over a synthetic stack of ~5,000 resources: many
 * copies of the compliant production cluster, each under its own `odoo:cluster` name, topped up with
 * resources the pack does not judge. The stack is analyzed as in a first preview (computed values
 * unknown) or, with --mode update, with every value known (user data decoded and parsed). Reported: the median of several runs of @pulumi/policy's AnalyzeStack handler in process
 * (deserializing every resource once per stack policy, then the policies), and with --grpc the same
 * call end to end against the pack booted like the CLI boots it. Target: < 1 s.
 */
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { Policies } from "@pulumi/policy";
import { AnalyzeStackRequest } from "@pulumi/pulumi/proto/analyzer_pb";
import { packPolicies } from "../../policies/packPolicies";
import { cacheStructDecoding } from "../../policies/support/structDecodingCache";
import {
    PolicyResourceInput,
    analyzeRequest,
    analyzeStackRequest,
    decodeAnalyzeResponse,
    startPolicyAnalyzer,
} from "../../stacks/engine/policyAnalyzer";
import { FixtureMode, FixtureResource, OdooStackFixture, productionCluster } from "../policies/fixtures/odooStack";
import { TYPE } from "../harness/resourceTypes";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const server = require("@pulumi/policy/server") as {
    makeAnalyzeStackRpcFun(pack: string, version: string, level: string, policies: Policies): Handler;
    makeAnalyzeRpcFun(pack: string, version: string, level: string, policies: Policies): Handler;
};

const TARGET_MS = 1000;

/** A copy of the production cluster named `erp<i>`, every resource name suffixed. */
function clusterCopy(i: number): FixtureResource[] {
    const f = productionCluster();
    const rename = (n: string) => `${n}-${i}`;
    for (const r of f.resources) {
        if (r.props.tags) {
            f.setTag(r.name, "odoo:cluster", `erp${i}`);
        }
    }
    return f.resources.map((r) => ({
        ...r,
        name: rename(r.name),
        parent: r.parent ? rename(r.parent) : undefined,
        dependsOn: r.dependsOn?.map(rename),
        propertyDependencies: r.propertyDependencies
            ? Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, names]) => [k, names.map(rename)]))
            : undefined,
    }));
}

/** ~`total` resources: cluster copies, then resources the Odoo rules do not judge (IAM, security groups, records) up to `total`. */
export function syntheticStack(total: number, mode: FixtureMode = "preview"): PolicyResourceInput[] {
    return syntheticFixture(total).stack(mode);
}

function syntheticFixture(total: number): OdooStackFixture {
    const perCluster = productionCluster().resources.length;
    const clusters = Math.floor((total * 0.85) / perCluster);
    const resources: FixtureResource[] = [];
    for (let i = 0; i < clusters; i++) {
        resources.push(...clusterCopy(i));
    }
    const fillerTypes = [TYPE.role, TYPE.securityGroup, TYPE.dnsRecord, TYPE.metricAlarm];
    for (let i = 0; resources.length < total; i++) {
        resources.push({
            type: fillerTypes[i % fillerTypes.length],
            name: `filler-${i}`,
            props: { name: `filler-${i}`, tags: { team: "platform" } },
        });
    }
    return new OdooStackFixture(resources);
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

type Handler = (call: { request: unknown }, cb: (err: unknown, res: unknown) => void) => Promise<void>;

async function timeHandler(handler: Handler, request: unknown): Promise<number> {
    const start = process.hrtime.bigint();
    const response = await new Promise<unknown>(
        (resolve, reject) => void handler({ request }, (err, res) => (err ? reject(err) : resolve(res))),
    );
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const { diagnostics } = decodeAnalyzeResponse(response as Parameters<typeof decodeAnalyzeResponse>[0]);
    if (diagnostics.length > 0) {
        throw new Error(`the synthetic stack should be compliant, got: ${diagnostics[0].message}`);
    }
    return ms;
}

/**
 * Runs the pack's stack policies, interleaved with the same number of no-op stack policies: the
 * floor @pulumi/policy itself costs (deserializing every resource per policy), measured under the
 * same load, so what the pack's own logic adds is visible.
 */
async function inProcess(resources: PolicyResourceInput[], runs: number): Promise<{ pack: number[]; floor: number[] }> {
    // As the pack's index.ts does before it serves.
    cacheStructDecoding();
    const stackPolicies = packPolicies.filter((p) => "validateStack" in p);
    const noop: Policies = stackPolicies.map((p) => ({ name: p.name, description: p.description, validateStack: () => undefined }));
    const pack = server.makeAnalyzeStackRpcFun("odoo-aws", "0.0.0-bench", "advisory", packPolicies);
    const floor = server.makeAnalyzeStackRpcFun("odoo-aws", "0.0.0-bench", "advisory", noop);
    const request = analyzeStackRequest(resources);
    const out = { pack: [] as number[], floor: [] as number[] };
    for (let i = 0; i < runs + 1; i++) {
        const p = await timeHandler(pack, request);
        const f = await timeHandler(floor, request);
        if (i > 0) {
            // The first round warms up the JIT.
            out.pack.push(p);
            out.floor.push(f);
        }
    }
    return out;
}

/**
 * The Analyze pass: the engine asks about each resource on its own (inputs) before it creates it,
 * and every resource policy — the aws-* preflight rules — runs there. Timed in process over all
 * resources, one request each, as one total.
 */
async function analyzePass(resources: PolicyResourceInput[], runs: number): Promise<number[]> {
    const handler = server.makeAnalyzeRpcFun("odoo-aws", "0.0.0-bench", "advisory", packPolicies);
    const requests = resources.map((r) => analyzeRequest(r));
    const times: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
        const start = process.hrtime.bigint();
        for (const request of requests) {
            await new Promise<void>(
                (resolve, reject) =>
                    void handler({ request }, (err, res) => {
                        if (err) {
                            reject(err);
                            return;
                        }
                        const { diagnostics } = decodeAnalyzeResponse(res as Parameters<typeof decodeAnalyzeResponse>[0]);
                        if (diagnostics.length > 0) {
                            reject(new Error(`the synthetic stack should be compliant, got: ${diagnostics[0].message}`));
                            return;
                        }
                        resolve();
                    }),
            );
        }
        if (i > 0) {
            times.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
    }
    return times;
}

async function overGrpc(resources: PolicyResourceInput[], runs: number): Promise<number[]> {
    const pack = await startPolicyAnalyzer({ packDir: path.join(__dirname, "..", "..", "policies") });
    try {
        const times: number[] = [];
        for (let i = 0; i < runs + 1; i++) {
            const start = process.hrtime.bigint();
            const { diagnostics } = await pack.analyzeStack(resources);
            const ms = Number(process.hrtime.bigint() - start) / 1e6;
            if (diagnostics.length > 0) {
                throw new Error(`the synthetic stack should be compliant, got: ${diagnostics[0].message}`);
            }
            if (i > 0) {
                times.push(ms);
            }
        }
        return times;
    } finally {
        await pack.close();
    }
}

async function main(): Promise<number> {
    const { values } = parseArgs({
        options: {
            runs: { type: "string", default: "7" },
            resources: { type: "string", default: "5000" },
            mode: { type: "string", default: "preview" },
            grpc: { type: "boolean", default: false },
        },
    });
    const runs = Number(values.runs);
    const mode = values.mode === "update" ? "update" : "preview";
    const fixture = syntheticFixture(Number(values.resources));
    const resources = fixture.stack(mode);
    const clusters = new Set(
        resources
            .map(
                (r) =>
                    (r.props.tags as Record<string, string> | undefined)?.["odoo:cluster"] ??
                    (r.props.tags as { key: string; value: string }[] | undefined)?.find?.((t) => t.key === "odoo:cluster")?.value,
            )
            .filter(Boolean),
    ).size;
    const stackPolicies = packPolicies.filter((p) => "validateStack" in p).length;
    console.log(
        `load average ${os
            .loadavg()
            .map((l) => l.toFixed(2))
            .join(" ")} on ${os.cpus().length} CPUs (timings stretch when other work shares them)`,
    );
    console.log(
        `AnalyzeStack over ${resources.length} resources (${clusters} clusters, ${mode === "preview" ? "a first preview: computed values unknown" : "an update: every value known"}), ` +
            `${stackPolicies} stack policies, median of ${runs} runs:`,
    );
    const times = await inProcess(resources, runs);
    const local = median(times.pack);
    console.log(
        `  in process (@pulumi/policy's handler): median ${local.toFixed(0)} ms (fastest ${Math.min(...times.pack).toFixed(0)} ms) — target < ${TARGET_MS} ms: ${local < TARGET_MS ? "met" : "MISSED"}`,
    );
    console.log(
        `  the same handler with ${stackPolicies} no-op stack policies (@pulumi/policy's own floor): median ${median(times.floor).toFixed(0)} ms`,
    );
    const resourcePolicies = packPolicies.filter((p) => "validateResource" in p).length;
    const each = median(await analyzePass(fixture.inputs(mode), runs));
    console.log(
        `  Analyze, resource by resource (${resources.length} requests, ${resourcePolicies} resource policies incl. the aws-* preflight rules): median ${each.toFixed(0)} ms in all`,
    );
    if (values.grpc) {
        const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;
        let start = process.hrtime.bigint();
        const request = analyzeStackRequest(resources);
        const encoding = ms(start);
        start = process.hrtime.bigint();
        const bytes = request.serializeBinary();
        const serializing = ms(start);
        start = process.hrtime.bigint();
        AnalyzeStackRequest.deserializeBinary(bytes);
        const decoding = ms(start);
        const remote = median(await overGrpc(resources, runs));
        console.log(
            `  over gRPC (pack booted like the CLI):  ${remote.toFixed(0)} ms per call (${(bytes.length / 1e6).toFixed(1)} MB), of which about`,
        );
        console.log(
            `    ${(encoding + serializing).toFixed(0)} ms this client building and serializing the request (the CLI's engine does that in Go),`,
        );
        console.log(`    ${decoding.toFixed(0)} ms google-protobuf decoding it in the pack, before @pulumi/policy's handler runs`);
    }
    return local < TARGET_MS ? 0 : 1;
}

if (require.main === module) {
    main().then(
        (code) => process.exit(code),
        (e) => {
            console.error(e);
            process.exit(2);
        },
    );
}
