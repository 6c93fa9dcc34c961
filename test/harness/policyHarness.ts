/**
 * Runs the pack's policies through @pulumi/policy's own analyzer handlers, in process.
 *
 * The requests are the protobuf messages the engine sends (built by stacks/engine/policyAnalyzer.ts:
 * properties in a google.protobuf.Struct, unknowns as the engine's sentinel string), handed to the
 * same `analyze` / `analyzeStack` handlers @pulumi/policy serves over gRPC — so deserialization,
 * the unknown-checking proxy, the "can't run policy during preview" downgrade, not-applicable
 * reporting and enforcement levels all behave as under the CLI. Only the transport is skipped;
 * test/policies/packOverGrpc.test.ts covers it by booting the pack like the CLI does.
 *
 * Every run fails the test if any policy was downgraded to "can't run … during preview": no policy
 * of the pack may read an unknown value.
 */
import { Policies, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { packPolicies } from "../../policies/packPolicies";
import {
    AnalyzeResult,
    EnforcementLevel,
    PolicyDiagnostic,
    PolicyResourceInput,
    analyzeRequest,
    analyzeStackRequest,
    decodeAnalyzeResponse,
} from "../../stacks/engine/policyAnalyzer";

type Handler = (call: { request: unknown }, callback: (err: Error | null | undefined, response: unknown) => void) => Promise<void>;
// Internal but exported: the functions @pulumi/policy registers as the gRPC service's handlers.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const server = require("@pulumi/policy/server") as {
    makeAnalyzeRpcFun(pack: string, version: string, level: EnforcementLevel, policies: Policies): Handler;
    makeAnalyzeStackRpcFun(pack: string, version: string, level: EnforcementLevel, policies: Policies): Handler;
};

const PACK = "odoo-aws";
const VERSION = "0.0.0-test";

/** Per policy: an enforcement level and/or config properties, as `--policy-pack-config` gives them. */
export type TestPolicyConfig = Record<string, { enforcementLevel?: EnforcementLevel; [property: string]: unknown }>;

/** Options of a harness run. */
export interface HarnessOptions {
    /** The policies to run; default: the whole pack. */
    policies?: Policies;
    /** Policy config. In process there is no Configure RPC, so each configured policy's getConfig is replaced. */
    config?: TestPolicyConfig;
    /** Return "can't run … during preview" downgrades instead of failing (to test the premise itself). */
    allowPreviewDowngrade?: boolean;
}

function configured(policies: Policies, config: TestPolicyConfig = {}): Policies {
    return policies.map((policy) => {
        const settings = config[policy.name];
        if (!settings) {
            return policy;
        }
        const { enforcementLevel, ...properties } = settings;
        const getConfig = <T extends object>() => properties as T;
        if ("validateStack" in policy) {
            const p = policy as StackValidationPolicy;
            return {
                ...p,
                enforcementLevel: enforcementLevel ?? p.enforcementLevel,
                validateStack: (args, report) => p.validateStack({ ...args, getConfig }, report),
            };
        }
        const p = policy as ResourceValidationPolicy;
        const validate = p.validateResource as NonNullable<ResourceValidationPolicy["validateResource"]>;
        if (Array.isArray(validate)) {
            throw new Error("the harness does not configure policies with several validations");
        }
        return {
            ...p,
            enforcementLevel: enforcementLevel ?? p.enforcementLevel,
            validateResource: (args, report) => validate({ ...args, getConfig }, report),
        };
    });
}

function invoke(handler: Handler, request: unknown): Promise<AnalyzeResult> {
    return new Promise((resolve, reject) => {
        void handler({ request }, (err, response) => {
            if (err) {
                reject(err);
            } else {
                resolve(decodeAnalyzeResponse(response as Parameters<typeof decodeAnalyzeResponse>[0]));
            }
        });
    });
}

/** Fails when @pulumi/policy downgraded a policy because it read an unknown value. */
export function assertNoPreviewDowngrade(result: AnalyzeResult): AnalyzeResult {
    const downgraded = result.diagnostics.filter((d) => /can't run policy .* during preview/.test(d.message));
    if (downgraded.length > 0) {
        throw new Error(
            `policies read unknown values and were downgraded to advisories:\n${downgraded.map((d) => `${d.policyName}: ${d.message}`).join("\n")}`,
        );
    }
    return result;
}

/** AnalyzeStack over `resources`, as the engine calls it at the end of a preview or update. */
export async function analyzeStack(resources: PolicyResourceInput[], options: HarnessOptions = {}): Promise<AnalyzeResult> {
    const handler = server.makeAnalyzeStackRpcFun(PACK, VERSION, "advisory", configured(options.policies ?? packPolicies, options.config));
    const result = await invoke(handler, analyzeStackRequest(resources));
    return options.allowPreviewDowngrade ? result : assertNoPreviewDowngrade(result);
}

/** Analyze for each resource (inputs), as the engine calls it before registering each; results concatenated. */
export async function analyzeEach(resources: PolicyResourceInput[], options: HarnessOptions = {}): Promise<AnalyzeResult> {
    const handler = server.makeAnalyzeRpcFun(PACK, VERSION, "advisory", configured(options.policies ?? packPolicies, options.config));
    const out: AnalyzeResult = { diagnostics: [], notApplicable: [] };
    for (const r of resources) {
        const raw = await invoke(handler, analyzeRequest(r));
        const result = options.allowPreviewDowngrade ? raw : assertNoPreviewDowngrade(raw);
        out.diagnostics.push(...result.diagnostics.map((d) => ({ ...d, urn: d.urn || r.urn })));
        out.notApplicable.push(...result.notApplicable);
    }
    return out;
}

/** Both passes of a deployment: Analyze per resource (inputs) and AnalyzeStack (outputs). */
export async function analyzeDeployment(
    stack: { inputs: PolicyResourceInput[]; outputs: PolicyResourceInput[] },
    options: HarnessOptions = {},
): Promise<AnalyzeResult> {
    const [each, whole] = await Promise.all([analyzeEach(stack.inputs, options), analyzeStack(stack.outputs, options)]);
    return { diagnostics: [...each.diagnostics, ...whole.diagnostics], notApplicable: [...each.notApplicable, ...whole.notApplicable] };
}

/** The diagnostics of one policy. */
export function violationsOf(result: AnalyzeResult, policyName: string): PolicyDiagnostic[] {
    return result.diagnostics.filter((d) => d.policyName === policyName);
}
