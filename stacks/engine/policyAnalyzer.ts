/**
 * Boots a policy pack the way the Pulumi CLI does and talks to it over the analyzer gRPC service.
 *
 * What the CLI does (pkg/resource/plugin/analyzer_plugin.go and the `pulumi-analyzer-policy` script):
 * it resolves `@pulumi/pulumi/cmd/run-policy-pack` from the pack directory, runs it with node,
 * cwd = the pack directory and argv `<engine-address> .`, then reads one line from the child's
 * stdout — the port of the Analyzer gRPC server — and calls Handshake (answered UNIMPLEMENTED by
 * @pulumi/policy, which the CLI tolerates), ConfigureStack, GetAnalyzerInfo, Configure, then Analyze
 * per resource and AnalyzeStack at the end.
 *
 * No engine endpoint is needed: run-policy-pack shifts the engine address out of argv unread, and
 * the Node SDK only dials an engine named in PULUMI_NODEJS_ENGINE, which the CLI does not set for
 * analyzers. The address passed here is therefore a placeholder, and no fake engine is started.
 *
 * Resources are plain objects ({@link PolicyResourceInput}); a `symbol` anywhere in `props` (such as
 * the mock runtime's UNKNOWN marker) becomes the engine's unknown sentinel, so
 * a first `pulumi preview` can be replayed exactly. The encoders are exported for in-process use.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { JavaScriptValue, Struct } from "google-protobuf/google/protobuf/struct_pb";

/**
 * The engine's wire form of an unknown value inside a google.protobuf.Struct (Go's
 * plugin.UnknownStringValue; the Node SDK's `rpc.unknownValue`). @pulumi/policy turns a read of it
 * into an UnknownValueError.
 */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Pulumi's signature key and secret signature, the wire form of a secret value. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A secret property value; it reaches the pack wrapped in Pulumi's secret signature. */
export class SecretValue {
    constructor(public readonly value: unknown) {}
}

/** Wraps a value as a secret. */
export function secret(value: unknown): SecretValue {
    return new SecretValue(value);
}

/** Enforcement levels, as the pack declares and reports them. */
export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
/** Severities of @pulumi/policy ≥ 1.18 ("" when a policy does not set one). */
export type PolicySeverity = "" | "low" | "medium" | "high" | "critical";

/** Resource options as the engine sends them to an analyzer. */
export interface PolicyResourceOptionsInput {
    protect?: boolean;
    ignoreChanges?: string[];
    deleteBeforeReplace?: boolean;
    aliases?: string[];
    additionalSecretOutputs?: string[];
    parent?: string;
    customTimeouts?: { create?: number; update?: number; delete?: number };
}

/** One resource as the engine presents it: inputs for Analyze, outputs for AnalyzeStack. */
export interface PolicyResourceInput {
    type: string;
    name: string;
    urn: string;
    /** Property values; symbols are unknowns, {@link SecretValue}s are secrets, undefined is absent. */
    props: Record<string, unknown>;
    options?: PolicyResourceOptionsInput;
    /** URN of the parent resource (AnalyzeStack only). */
    parent?: string;
    /** URNs this resource depends on (AnalyzeStack only). */
    dependencies?: string[];
    /** Per property, the URNs its value came from (AnalyzeStack only). */
    propertyDependencies?: Record<string, string[]>;
    provider?: { type: string; name: string; urn: string; props?: Record<string, unknown> };
}

/** A violation (or preview advisory) reported by the pack. */
export interface PolicyDiagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    severity: PolicySeverity;
    /** The resource the diagnostic is about ("" for a stack-wide one). */
    urn: string;
}

/** The answer to Analyze or AnalyzeStack. */
export interface AnalyzeResult {
    diagnostics: PolicyDiagnostic[];
    notApplicable: { policyName: string; reason: string }[];
}

/** A policy as GetAnalyzerInfo describes it. */
export interface PolicyInfo {
    name: string;
    displayName: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity: PolicySeverity;
    remediationSteps: string;
    url: string;
    policyType: "resource" | "stack" | "unknown";
    configSchema?: { properties: Record<string, unknown>; required: string[] };
}

/** The pack as GetAnalyzerInfo describes it. */
export interface AnalyzerInfo {
    name: string;
    displayName: string;
    version: string;
    description: string;
    supportsConfig: boolean;
    policies: PolicyInfo[];
}

/** Per-policy configuration: an enforcement level and/or the policy's own properties. */
export type PolicyPackConfig = Record<string, { enforcementLevel?: EnforcementLevel; [property: string]: unknown }>;

/** The stack the pack analyzes, as ConfigureStack announces it. */
export interface StackDescription {
    project: string;
    stack: string;
    organization?: string;
    dryRun: boolean;
    tags?: Record<string, string>;
    config?: Record<string, string>;
}

const LEVEL_NAMES: Record<number, EnforcementLevel> = {
    [analyzerPb.EnforcementLevel.ADVISORY]: "advisory",
    [analyzerPb.EnforcementLevel.MANDATORY]: "mandatory",
    [analyzerPb.EnforcementLevel.REMEDIATE]: "remediate",
    [analyzerPb.EnforcementLevel.DISABLED]: "disabled",
};
const LEVEL_CODES: Record<EnforcementLevel, analyzerPb.EnforcementLevel> = {
    advisory: analyzerPb.EnforcementLevel.ADVISORY,
    mandatory: analyzerPb.EnforcementLevel.MANDATORY,
    remediate: analyzerPb.EnforcementLevel.REMEDIATE,
    disabled: analyzerPb.EnforcementLevel.DISABLED,
};
const SEVERITY_NAMES: Record<number, PolicySeverity> = {
    [analyzerPb.PolicySeverity.POLICY_SEVERITY_UNSPECIFIED]: "",
    [analyzerPb.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
    [analyzerPb.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
    [analyzerPb.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
    [analyzerPb.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

/** Converts a property value to the JSON the engine puts in a Struct; undefined means "absent". */
function toWire(value: unknown, at: string): JavaScriptValue | undefined {
    if (typeof value === "symbol") {
        return UNKNOWN_SENTINEL;
    }
    if (value instanceof SecretValue) {
        return { [SIG_KEY]: SECRET_SIG, value: toWire(value.value, at) ?? null };
    }
    if (value === undefined) {
        return undefined;
    }
    if (value === null || typeof value === "string" || typeof value === "boolean") {
        return value;
    }
    if (typeof value === "number") {
        if (!Number.isFinite(value)) {
            throw new Error(`${at}: ${value} cannot travel in a protobuf Struct`);
        }
        return value;
    }
    if (Array.isArray(value)) {
        return value.map((v, i) => toWire(v, `${at}[${i}]`) ?? null);
    }
    if (typeof value === "object") {
        const out: Record<string, JavaScriptValue> = {};
        for (const [k, v] of Object.entries(value)) {
            const wire = toWire(v, `${at}.${k}`);
            if (wire !== undefined) {
                out[k] = wire;
            }
        }
        return out;
    }
    throw new Error(`${at}: a ${typeof value} cannot travel in a protobuf Struct`);
}

/** The Struct the engine would send for these property values. */
export function toStruct(props: Record<string, unknown>): Struct {
    return Struct.fromJavaScript((toWire(props, "props") ?? {}) as Record<string, JavaScriptValue>);
}

function resourceOptions(options: PolicyResourceOptionsInput = {}): analyzerPb.AnalyzerResourceOptions {
    const o = new analyzerPb.AnalyzerResourceOptions();
    o.setProtect(options.protect ?? false);
    o.setIgnorechangesList(options.ignoreChanges ?? []);
    o.setDeletebeforereplacedefined(options.deleteBeforeReplace !== undefined);
    o.setDeletebeforereplace(options.deleteBeforeReplace ?? false);
    o.setAliasesList(options.aliases ?? []);
    o.setAdditionalsecretoutputsList(options.additionalSecretOutputs ?? []);
    o.setParent(options.parent ?? "");
    if (options.customTimeouts) {
        const t = new analyzerPb.AnalyzerResourceOptions.CustomTimeouts();
        t.setCreate(options.customTimeouts.create ?? 0);
        t.setUpdate(options.customTimeouts.update ?? 0);
        t.setDelete(options.customTimeouts.delete ?? 0);
        o.setCustomtimeouts(t);
    }
    return o;
}

function providerResource(provider: NonNullable<PolicyResourceInput["provider"]>): analyzerPb.AnalyzerProviderResource {
    const p = new analyzerPb.AnalyzerProviderResource();
    p.setType(provider.type);
    p.setName(provider.name);
    p.setUrn(provider.urn);
    p.setProperties(toStruct(provider.props ?? {}));
    return p;
}

/** The AnalyzeRequest the engine sends before it registers one resource. */
export function analyzeRequest(resource: PolicyResourceInput): analyzerPb.AnalyzeRequest {
    const req = new analyzerPb.AnalyzeRequest();
    req.setType(resource.type);
    req.setName(resource.name);
    req.setUrn(resource.urn);
    req.setProperties(toStruct(resource.props));
    req.setOptions(resourceOptions({ parent: resource.parent, ...resource.options }));
    if (resource.provider) {
        req.setProvider(providerResource(resource.provider));
    }
    return req;
}

/** One entry of an AnalyzeStackRequest, with parent and (property) dependencies. */
export function analyzerResource(resource: PolicyResourceInput): analyzerPb.AnalyzerResource {
    const r = new analyzerPb.AnalyzerResource();
    r.setType(resource.type);
    r.setName(resource.name);
    r.setUrn(resource.urn);
    r.setProperties(toStruct(resource.props));
    r.setOptions(resourceOptions({ parent: resource.parent, ...resource.options }));
    r.setParent(resource.parent ?? "");
    r.setDependenciesList(resource.dependencies ?? []);
    const deps = r.getPropertydependenciesMap();
    for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
        const d = new analyzerPb.AnalyzerPropertyDependencies();
        d.setUrnsList(urns);
        deps.set(property, d);
    }
    if (resource.provider) {
        r.setProvider(providerResource(resource.provider));
    }
    return r;
}

/** The AnalyzeStackRequest the engine sends once every resource is registered. */
export function analyzeStackRequest(resources: PolicyResourceInput[]): analyzerPb.AnalyzeStackRequest {
    const req = new analyzerPb.AnalyzeStackRequest();
    req.setResourcesList(resources.map(analyzerResource));
    return req;
}

/**
 * The ConfigureAnalyzerRequest the CLI builds from `--policy-pack-config`. Every entry carries an
 * enforcement level: @pulumi/policy reads the field unconditionally, and its zero value is
 * "advisory", so the CLI sends the level the pack declared when the config names none —
 * `declaredLevels` supplies those (from GetAnalyzerInfo).
 */
export function configureRequest(
    config: PolicyPackConfig,
    declaredLevels: Record<string, EnforcementLevel>,
): analyzerPb.ConfigureAnalyzerRequest {
    const req = new analyzerPb.ConfigureAnalyzerRequest();
    const map = req.getPolicyconfigMap();
    for (const [policy, settings] of Object.entries(config)) {
        const { enforcementLevel, ...properties } = settings;
        const level = enforcementLevel ?? declaredLevels[policy];
        if (!level) {
            throw new Error(`policy config names "${policy}", which the pack does not have`);
        }
        const c = new analyzerPb.PolicyConfig();
        c.setEnforcementlevel(LEVEL_CODES[level]);
        c.setProperties(toStruct(properties));
        map.set(policy, c);
    }
    return req;
}

/** Reads an AnalyzeResponse into plain objects. */
export function decodeAnalyzeResponse(response: analyzerPb.AnalyzeResponse): AnalyzeResult {
    return {
        diagnostics: response.getDiagnosticsList().map((d) => ({
            policyName: d.getPolicyname(),
            policyPackName: d.getPolicypackname(),
            policyPackVersion: d.getPolicypackversion(),
            description: d.getDescription(),
            message: d.getMessage(),
            enforcementLevel: LEVEL_NAMES[d.getEnforcementlevel()],
            severity: SEVERITY_NAMES[d.getSeverity()] ?? "",
            urn: d.getUrn(),
        })),
        notApplicable: response.getNotApplicableList().map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason() })),
    };
}

/** Reads an AnalyzerInfo into plain objects. */
export function decodeAnalyzerInfo(info: analyzerPb.AnalyzerInfo): AnalyzerInfo {
    return {
        name: info.getName(),
        displayName: info.getDisplayname(),
        version: info.getVersion(),
        description: info.getDescription(),
        supportsConfig: info.getSupportsconfig(),
        policies: info.getPoliciesList().map((p) => {
            const schema = p.getConfigschema();
            const type = p.getPolicyType();
            return {
                name: p.getName(),
                displayName: p.getDisplayname(),
                description: p.getDescription(),
                enforcementLevel: LEVEL_NAMES[p.getEnforcementlevel()],
                severity: SEVERITY_NAMES[p.getSeverity()] ?? "",
                remediationSteps: p.getRemediationSteps(),
                url: p.getUrl(),
                policyType:
                    type === analyzerPb.PolicyType.POLICY_TYPE_RESOURCE
                        ? "resource"
                        : type === analyzerPb.PolicyType.POLICY_TYPE_STACK
                          ? "stack"
                          : "unknown",
                configSchema: schema
                    ? {
                          properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
                          required: schema.getRequiredList(),
                      }
                    : undefined,
            };
        }),
    };
}

/** A running policy pack and a typed client for its analyzer service. */
export interface PolicyAnalyzerClient {
    /** The port the pack reported on stdout. */
    readonly port: number;
    /** Everything the pack wrote to stderr so far (type errors, stack traces). */
    readonly stderr: () => string;
    /** Handshake as a current CLI sends it; false when the pack does not implement it (@pulumi/policy 1.21). */
    handshake(rootDirectory?: string, programDirectory?: string): Promise<boolean>;
    configureStack(stack: StackDescription): Promise<void>;
    getAnalyzerInfo(): Promise<AnalyzerInfo>;
    configure(config: PolicyPackConfig): Promise<void>;
    analyze(resource: PolicyResourceInput): Promise<AnalyzeResult>;
    analyzeStack(resources: PolicyResourceInput[]): Promise<AnalyzeResult>;
    /** Closes the channel and stops the pack process. */
    close(): Promise<void>;
}

/** Options of {@link startPolicyAnalyzer}. */
export interface StartPolicyAnalyzerOptions {
    /** The policy pack directory (holds PulumiPolicy.yaml and package.json). */
    packDir: string;
    /** How long to wait for the pack to report its port; ts-node type-checks the pack first. Default 180 s. */
    startTimeoutMs?: number;
    /** Extra environment for the pack process. */
    env?: Record<string, string>;
    /** Per-call deadline. Default 120 s. */
    callTimeoutMs?: number;
}

/** Placeholder engine address: run-policy-pack discards it (see the module comment). */
const ENGINE_ADDRESS_PLACEHOLDER = "127.0.0.1:0";

function unary<Req, Res>(
    call: (
        req: Req,
        metadata: grpc.Metadata,
        options: Partial<grpc.CallOptions>,
        cb: (err: grpc.ServiceError | null, res: Res) => void,
    ) => unknown,
    req: Req,
    timeoutMs: number,
): Promise<Res> {
    return new Promise((resolve, reject) => {
        call(req, new grpc.Metadata(), { deadline: Date.now() + timeoutMs }, (err, res) => (err ? reject(err) : resolve(res)));
    });
}

/** The environment of the pack process: the caller's, minus ts-node settings the CLI would not pass. */
function packEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
        if (!k.startsWith("TS_NODE_")) {
            env[k] = v;
        }
    }
    return { ...env, ...extra };
}

function waitForPort(child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<number> {
    return new Promise((resolve, reject) => {
        let buffered = "";
        const timer = setTimeout(
            () => fail(new Error(`the policy pack did not report a port within ${timeoutMs} ms\n${stderr()}`)),
            timeoutMs,
        );
        const onData = (chunk: Buffer) => {
            buffered += chunk.toString("utf8");
            const newline = buffered.indexOf("\n");
            if (newline >= 0) {
                const line = buffered.slice(0, newline).trim();
                const port = Number(line);
                if (Number.isInteger(port) && port > 0) {
                    done();
                    resolve(port);
                } else {
                    fail(new Error(`the policy pack printed ${JSON.stringify(line)} where its port was expected\n${stderr()}`));
                }
            }
        };
        const onExit = (code: number | null, signal: string | null) =>
            fail(new Error(`the policy pack exited (code ${code}, signal ${signal}) before reporting a port\n${stderr()}`));
        function done() {
            clearTimeout(timer);
            child.stdout?.off("data", onData);
            child.off("exit", onExit);
        }
        function fail(e: Error) {
            done();
            reject(e);
        }
        child.stdout?.on("data", onData);
        child.once("exit", onExit);
    });
}

/**
 * Starts the pack in `packDir` exactly as the CLI does and connects to it. The caller must
 * `close()` the client; until then the pack process keeps running.
 */
export async function startPolicyAnalyzer(options: StartPolicyAnalyzerOptions): Promise<PolicyAnalyzerClient> {
    const packDir = path.resolve(options.packDir);
    // The CLI's `pulumi-analyzer-policy` resolves run-policy-pack from the pack directory.
    const runPolicyPack = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
    const child = spawn(process.execPath, [runPolicyPack, ENGINE_ADDRESS_PLACEHOLDER, "."], {
        cwd: packDir,
        env: packEnvironment(options.env),
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stderrText = "";
    child.stderr?.on("data", (chunk: Buffer) => {
        stderrText += chunk.toString("utf8");
    });
    const stderr = () => stderrText;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    let port: number;
    try {
        port = await waitForPort(child, options.startTimeoutMs ?? 180_000, stderr);
    } catch (e) {
        child.kill("SIGKILL");
        await exited;
        throw e;
    }
    // The pack keeps writing to stdout (console.log in policies); drain it so the pipe never fills.
    child.stdout?.resume();

    const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": 400 * 1024 * 1024,
        "grpc.max_send_message_length": 400 * 1024 * 1024,
    });
    const timeout = options.callTimeoutMs ?? 120_000;
    const call = <Req, Res>(method: string, req: Req): Promise<Res> =>
        unary<Req, Res>(
            (client as unknown as Record<string, (...a: unknown[]) => unknown>)[method].bind(client) as never,
            req,
            timeout,
        ).catch((e: Error) => {
            throw new Error(`${method} failed: ${e.message}${stderrText ? `\npack stderr:\n${stderrText}` : ""}`);
        });

    const api: PolicyAnalyzerClient = {
        port,
        stderr,
        async handshake(rootDirectory = packDir, programDirectory = packDir) {
            const req = new analyzerPb.AnalyzerHandshakeRequest();
            req.setEngineAddress(ENGINE_ADDRESS_PLACEHOLDER);
            req.setRootDirectory(rootDirectory);
            req.setProgramDirectory(programDirectory);
            try {
                await unary(client.handshake.bind(client) as never, req, timeout);
                return true;
            } catch (e) {
                if ((e as grpc.ServiceError).code === grpc.status.UNIMPLEMENTED) {
                    return false;
                }
                throw e;
            }
        },
        async configureStack(stack) {
            const req = new analyzerPb.AnalyzerStackConfigureRequest();
            req.setProject(stack.project);
            req.setStack(stack.stack);
            req.setOrganization(stack.organization ?? "");
            req.setDryRun(stack.dryRun);
            for (const [k, v] of Object.entries(stack.tags ?? {})) {
                req.getTagsMap().set(k, v);
            }
            for (const [k, v] of Object.entries(stack.config ?? {})) {
                req.getConfigMap().set(k, v);
            }
            await call("configureStack", req);
        },
        async getAnalyzerInfo() {
            return decodeAnalyzerInfo(await call<Empty, analyzerPb.AnalyzerInfo>("getAnalyzerInfo", new Empty()));
        },
        async configure(config) {
            const info = await api.getAnalyzerInfo();
            const declared = Object.fromEntries(info.policies.map((p) => [p.name, p.enforcementLevel]));
            await call("configure", configureRequest(config, declared));
        },
        async analyze(resource) {
            return decodeAnalyzeResponse(
                await call<analyzerPb.AnalyzeRequest, analyzerPb.AnalyzeResponse>("analyze", analyzeRequest(resource)),
            );
        },
        async analyzeStack(resources) {
            return decodeAnalyzeResponse(
                await call<analyzerPb.AnalyzeStackRequest, analyzerPb.AnalyzeResponse>("analyzeStack", analyzeStackRequest(resources)),
            );
        },
        async close() {
            client.close();
            if (child.exitCode === null && child.signalCode === null) {
                child.kill("SIGTERM");
            }
            await exited;
        },
    };
    return api;
}
