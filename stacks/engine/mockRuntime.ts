/**
 * Runs Pulumi programs under `pulumi.runtime.setMocks` and records every resource registration,
 * with its inputs and resource options, in two modes:
 *
 * - preview: like a first `pulumi preview` — IDs and every computed output (ARNs, endpoints, DNS
 *   names, generated passwords) are unknown; only inputs echo back, as the engine echoes them;
 * - update: like `pulumi up` — the mock invents plausible computed outputs per resource type.
 *
 * The mock monitor's own `registerResource` is wrapped so resource options (parent, protect,
 * retainOnDelete, deleteBeforeReplace, ignoreChanges, dependsOn) are recorded too: `setMocks`
 * hands `newResource` only the inputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { ELB_LOG_DELIVERY } from "../../components/contract/awsLimits";
// Internal but stable entry points: the SDK's own test-suite uses them the same way.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rpc = require("@pulumi/pulumi/runtime/rpc");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const outputModule = require("@pulumi/pulumi/output");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: (p: Promise<unknown>, ctx: unknown) => unknown };

export const MOCK_ACCOUNT_ID = "123456789012";
export const MOCK_REGION = "us-east-1";

/** Marker the harness puts where an input was unknown at registration. */
export const UNKNOWN = Symbol("unknown");

/** Resource options as the engine received them. */
export interface RecordedOptions {
    parent: string;
    protect: boolean;
    retainOnDelete: boolean;
    deleteBeforeReplace: boolean;
    ignoreChanges: string[];
    replaceOnChanges: string[];
    dependsOn: string[];
    /** Per input property, the URNs of the resources its value came from. */
    propertyDependencies: Record<string, string[]>;
    additionalSecretOutputs: string[];
    /** Reference (`<urn>::<id>`) of the explicit provider of a custom resource, "" for the default one. */
    provider: string;
}

/** One registered resource. */
export interface RecordedResource {
    type: string;
    name: string;
    urn: string;
    custom: boolean;
    /** Inputs with secrets unwrapped and unknowns replaced by {@link UNKNOWN}. */
    inputs: Record<string, unknown>;
    /** Dotted paths of inputs that arrived as secrets. */
    secretInputs: string[];
    options: RecordedOptions;
    /** The state the mock answered with (what later outputs resolve to). */
    state: Record<string, unknown>;
}

/** Result of {@link runWithMocks}. */
export interface MockRun<T> {
    result: T;
    resources: RecordedResource[];
    /** Every resource of a type token, e.g. `aws:rds/instance:Instance`. */
    ofType(type: string): RecordedResource[];
    /** The one resource of `type` (whose name contains `nameFragment`, if given); throws otherwise. */
    one(type: string, nameFragment?: string): RecordedResource;
    /** Generated secret values the mock invented (update mode), for leak scans. */
    generatedSecrets: string[];
}

/** Options of {@link runWithMocks}. */
export interface MockRunOptions {
    /** true: a first `pulumi preview`, computed outputs unknown. */
    preview: boolean;
    project?: string;
    stack?: string;
    /** Stack configuration, keys as `project:key`. */
    config?: Record<string, string>;
    /** Extra invoke answers by token, checked before the built-in ones. */
    calls?: Record<string, MockCall>;
}

function isUnknownValue(v: unknown): boolean {
    return outputModule.isUnknown(v);
}

function clean(value: unknown, path: string, secrets: string[]): unknown {
    if (isUnknownValue(value)) {
        return UNKNOWN;
    }
    if (rpc.isRpcSecret(value)) {
        secrets.push(path);
        return clean(rpc.unwrapRpcSecret(value), path, secrets);
    }
    if (Array.isArray(value)) {
        return value.map((v, i) => clean(v, `${path}[${i}]`, secrets));
    }
    if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
            out[k] = clean(v, path ? `${path}.${k}` : k, secrets);
        }
        return out;
    }
    return value;
}

function shortHash(s: string): string {
    let h = 2166136261;
    for (let i = 0; i < s.length; i++) {
        h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    }
    return (h >>> 0).toString(16).padStart(8, "0");
}

const SERVICE_OF_TYPE: Record<string, string> = {
    ec2: "ec2",
    lb: "elasticloadbalancing",
    rds: "rds",
    efs: "elasticfilesystem",
    s3: "s3",
    iam: "iam",
    elasticache: "elasticache",
    secretsmanager: "secretsmanager",
    autoscaling: "autoscaling",
    acm: "acm",
    cloudwatch: "cloudwatch",
    sns: "sns",
    backup: "backup",
    kms: "kms",
    route53: "route53",
    ssm: "ssm",
};

/** The name ELB gives a load balancer or target group: the set name, or the prefix plus a unique suffix. */
function elbName(inputs: Record<string, unknown>, name: string, h: string): string {
    if (typeof inputs.name === "string") {
        return inputs.name;
    }
    if (typeof inputs.namePrefix === "string") {
        return `${inputs.namePrefix}${h}${h}${h}`.slice(0, 32);
    }
    // Pulumi's auto-name: the resource name and a random suffix.
    return `${name.slice(0, 24)}-${h.slice(0, 7)}`;
}

/** Computed outputs a real provider would return after create, per type (update mode only). */
function computedOutputs(
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    secrets: string[],
    region: string,
): Record<string, unknown> {
    const [pkg, modAndRes] = type.split(":");
    const mod = (modAndRes ?? "").split("/")[0];
    const h = shortHash(`${type}/${name}`);
    const out: Record<string, unknown> = {};
    if (pkg === "aws") {
        const service = SERVICE_OF_TYPE[mod] ?? mod;
        out.arn = `arn:aws:${service}:${region}:${MOCK_ACCOUNT_ID}:${type.split(":")[2]?.toLowerCase() ?? "resource"}/${name}`;
        out.tagsAll = inputs.tags ?? {};
    }
    switch (type) {
        case "aws:lb/loadBalancer:LoadBalancer": {
            // ELB's own ARN shapes: loadbalancer/app/<name>/<16 hex>, targetgroup/<name>/<16 hex>;
            // a name prefix gets a provider-made suffix (the full name is at most 32 characters).
            const lbName = elbName(inputs, name, h);
            out.name = lbName;
            out.dnsName = `${lbName}-${h}.${region}.elb.amazonaws.com`;
            out.zoneId = "Z35SXDOTRQ7X7K";
            out.arnSuffix = `app/${lbName}/${h}${h}`;
            out.arn = `arn:aws:elasticloadbalancing:${region}:${MOCK_ACCOUNT_ID}:loadbalancer/${out.arnSuffix}`;
            break;
        }
        case "aws:lb/targetGroup:TargetGroup": {
            const tgName = elbName(inputs, name, h);
            out.name = tgName;
            out.arnSuffix = `targetgroup/${tgName}/${h}${h}`;
            out.arn = `arn:aws:elasticloadbalancing:${region}:${MOCK_ACCOUNT_ID}:${out.arnSuffix}`;
            break;
        }
        case "aws:rds/instance:Instance": {
            const address = `${name}.${h}.${region}.rds.amazonaws.com`;
            out.address = address;
            out.port = inputs.port ?? 5432;
            out.endpoint = `${address}:${out.port}`;
            out.identifier = inputs.identifier ?? name;
            // RDS's own ARN shape, which a cross-region replica names its source by.
            out.arn = `arn:aws:rds:${region}:${MOCK_ACCOUNT_ID}:db:${String(out.identifier)}`;
            out.masterUserSecrets = inputs.manageMasterUserPassword
                ? [
                      {
                          secretArn: `arn:aws:secretsmanager:${region}:${MOCK_ACCOUNT_ID}:secret:rds!db-${h}`,
                          secretStatus: "active",
                          kmsKeyId: "",
                      },
                  ]
                : [];
            out.resourceId = `db-${h.toUpperCase()}`;
            break;
        }
        case "aws:rds/cluster:Cluster":
            out.endpoint = `${name}.cluster-${h}.${region}.rds.amazonaws.com`;
            out.readerEndpoint = `${name}.cluster-ro-${h}.${region}.rds.amazonaws.com`;
            out.port = inputs.port ?? 5432;
            out.clusterIdentifier = inputs.clusterIdentifier ?? name;
            out.masterUserSecrets = inputs.manageMasterUserPassword
                ? [
                      {
                          secretArn: `arn:aws:secretsmanager:${region}:${MOCK_ACCOUNT_ID}:secret:rds!cluster-${h}`,
                          secretStatus: "active",
                          kmsKeyId: "",
                      },
                  ]
                : [];
            break;
        case "aws:rds/clusterInstance:ClusterInstance":
            out.endpoint = `${name}.${h}.${region}.rds.amazonaws.com`;
            break;
        case "aws:elasticache/replicationGroup:ReplicationGroup":
            out.primaryEndpointAddress = `master.${name}.${h}.use1.cache.amazonaws.com`;
            out.readerEndpointAddress = `replica.${name}.${h}.use1.cache.amazonaws.com`;
            out.port = inputs.port ?? 6379;
            break;
        case "aws:efs/fileSystem:FileSystem":
            out.dnsName = `fs-${h}.efs.${region}.amazonaws.com`;
            break;
        case "aws:s3/bucket:Bucket": {
            const bucket = (inputs.bucket as string | undefined) ?? `${name}-${h}`;
            out.bucket = bucket;
            out.bucketDomainName = `${bucket}.s3.amazonaws.com`;
            out.bucketRegionalDomainName = `${bucket}.s3.${region}.amazonaws.com`;
            out.arn = `arn:aws:s3:::${bucket}`;
            break;
        }
        case "aws:autoscaling/group:Group":
        case "aws:cloudwatch/metricAlarm:MetricAlarm":
            // Auto-named by the provider when no name is given.
            out.name = inputs.name ?? `${name}-${h}`;
            break;
        case "aws:ec2/eip:Eip":
            out.publicIp = `198.51.100.${(parseInt(h.slice(0, 2), 16) % 254) + 1}`;
            out.allocationId = `eipalloc-${h}`;
            break;
        case "aws:route53/record:Record":
            out.fqdn = typeof inputs.name === "string" ? inputs.name.replace(/\.$/, "") : undefined;
            break;
        case "aws:ec2/launchTemplate:LaunchTemplate":
            out.latestVersion = 1;
            out.defaultVersion = 1;
            break;
        case "aws:acm/certificate:Certificate":
            out.domainValidationOptions = [
                {
                    domainName: inputs.domainName,
                    resourceRecordName: `_${h}.${String(inputs.domainName)}.`,
                    resourceRecordType: "CNAME",
                    resourceRecordValue: `_${h}.acm-validations.aws.`,
                },
            ];
            break;
        case "random:index/randomPassword:RandomPassword": {
            const value = `GeNeRaTeD-${h}-${name}-Zq9`;
            out.result = value;
            out.bcryptHash = `$2a$10$${h}`;
            secrets.push(value);
            break;
        }
        case "aws:rds/subnetGroup:SubnetGroup":
        case "aws:rds/parameterGroup:ParameterGroup":
        case "aws:rds/clusterParameterGroup:ClusterParameterGroup":
        case "aws:elasticache/subnetGroup:SubnetGroup":
            // Auto-named by the provider when no name is given.
            out.name = inputs.name ?? `${name}-${h}`;
            break;
        case "random:index/randomId:RandomId":
            out.hex = h;
            out.b64Url = Buffer.from(h, "hex").toString("base64url");
            out.b64Std = Buffer.from(h, "hex").toString("base64");
            out.dec = String(parseInt(h, 16));
            break;
        case "aws:iam/role:Role":
        case "aws:iam/instanceProfile:InstanceProfile":
        case "aws:iam/policy:Policy":
            out.name = inputs.name ?? `${name}-${h}`;
            out.arn = `arn:aws:iam::${MOCK_ACCOUNT_ID}:${type.includes("instanceProfile") ? "instance-profile" : type.includes("policy") ? "policy" : "role"}/${String(out.name)}`;
            break;
        case "aws:secretsmanager/secret:Secret":
            out.arn = `arn:aws:secretsmanager:${region}:${MOCK_ACCOUNT_ID}:secret:${name}-${h}`;
            break;
        case "aws:secretsmanager/secretVersion:SecretVersion":
            out.versionId = `${h.slice(0, 8)}-0000-4000-8000-${h.slice(0, 12).padEnd(12, "0")}`;
            break;
        default:
            break;
    }
    return out;
}

/** An invoke answer: the invoke's inputs, and the region of the provider it goes through. */
export type MockCall = (inputs: Record<string, unknown>, region: string) => Record<string, unknown>;

/** Invoke answers every run has; a test adds or overrides with `calls`. Regional answers follow the invoke's provider. */
const BUILTIN_CALLS: Record<string, MockCall> = {
    "aws:index/getAvailabilityZones:getAvailabilityZones": (_inputs, region) => ({
        id: region,
        names: ["a", "b", "c", "d", "e", "f"].map((z) => `${region}${z}`),
        zoneIds:
            region === MOCK_REGION
                ? ["use1-az1", "use1-az2", "use1-az4", "use1-az5", "use1-az6", "use1-az3"]
                : [1, 2, 3, 4, 5, 6].map((n) => `${region.replace(/-/g, "").slice(0, 4)}-az${n}`),
        state: "available",
    }),
    "aws:index/getRegion:getRegion": (_inputs, region) => ({
        id: region,
        name: region,
        region,
        endpoint: `ec2.${region}.amazonaws.com`,
    }),
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({
        id: MOCK_ACCOUNT_ID,
        accountId: MOCK_ACCOUNT_ID,
        arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/ci`,
        userId: "AIDAMOCK",
    }),
    "aws:index/getPartition:getPartition": () => ({
        id: "aws",
        partition: "aws",
        dnsSuffix: "amazonaws.com",
        reverseDnsPrefix: "com.amazonaws",
    }),
    "aws:elb/getServiceAccount:getServiceAccount": (inputs, region) => {
        // As the provider: the named region's (or the provider's) ELB account, and an error where the region has none.
        const named = String(inputs.region ?? region);
        const id = ELB_LOG_DELIVERY.accountByRegion[named];
        if (id === undefined) {
            throw new Error(`no ELB service account in ${named}`);
        }
        return { id, arn: `arn:aws:iam::${id}:root` };
    },
    "aws:route53/getZone:getZone": (inputs) => ({ id: "Z0MOCKZONE", zoneId: "Z0MOCKZONE", name: String(inputs.name ?? "example.com") }),
};

let runCounter = 0;

/**
 * Runs `build` under mocks and returns what it registered. Waits until every registration and
 * output resolution has drained, so `resources` is complete when the promise resolves.
 */
export async function runWithMocks<T>(build: () => T | Promise<T>, options: MockRunOptions): Promise<MockRun<T>> {
    const resources: RecordedResource[] = [];
    const generatedSecrets: string[] = [];
    const calls = { ...BUILTIN_CALLS, ...(options.calls ?? {}) };
    const project = options.project ?? "odoo-aws";
    const stack = options.stack ?? `test${++runCounter}`;
    const pending = new Map<string, { options: RecordedOptions }>();
    const byKey = new Map<string, RecordedResource>();
    const failedInvokes: Error[] = [];

    pulumi.runtime.setAllConfig(options.config ?? {});
    /** The region of an explicit provider (`<urn>::<id>`), from its recorded inputs; the default provider's is MOCK_REGION. */
    const regionOf = (provider: string | undefined): string => {
        if (!provider) {
            return MOCK_REGION;
        }
        const urn = provider.slice(0, provider.lastIndexOf("::"));
        const region = resources.find((r) => r.urn === urn)?.inputs.region;
        return typeof region === "string" ? region : MOCK_REGION;
    };
    await pulumi.runtime.setMocks(
        {
            newResource(args) {
                const secrets: string[] = [];
                const inputs = clean(args.inputs, "", secrets) as Record<string, unknown>;
                const key = `${args.type}::${args.name}`;
                const opts = pending.get(key)?.options;
                pending.delete(key);
                const computed = options.preview
                    ? {}
                    : computedOutputs(args.type, args.name, inputs, generatedSecrets, regionOf(args.provider));
                const state: Record<string, unknown> = { ...args.inputs, ...computed };
                // The mock monitor passes the import ID, "" for a plain create; an empty ID reads as unknown.
                const id = options.preview ? undefined : args.id || `${args.name}-id`;
                const record: RecordedResource = {
                    type: args.type,
                    name: args.name,
                    // Replaced by the monitor's own URN (with the parent type chain) once it answers.
                    urn: `urn:pulumi:${stack}::${project}::${args.type}::${args.name}`,
                    custom: args.custom ?? true,
                    inputs,
                    secretInputs: secrets,
                    options: opts ?? emptyOptions(),
                    state,
                };
                resources.push(record);
                byKey.set(key, record);
                return { id, state };
            },
            call(args) {
                const answer = calls[args.token];
                if (!answer) {
                    // The SDK passes on only an empty message for a failed invoke; the run reports this one.
                    const missing = new Error(
                        `no mock answer for invoke ${args.token}; add one in stacks/engine/mockRuntime.ts or pass it in options.calls`,
                    );
                    failedInvokes.push(missing);
                    throw missing;
                }
                return answer(clean(args.inputs, "", []) as Record<string, unknown>, regionOf(args.provider));
            },
        },
        project,
        stack,
        options.preview,
    );

    const monitor = settings.getMonitor();
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: RegisterResourceRequest, callback: (err: unknown, response?: { getUrn(): string }) => void) => {
        const key = `${req.getType()}::${req.getName()}`;
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps, property) => {
            propertyDependencies[property] = deps.getUrnsList();
        });
        pending.set(key, {
            options: {
                parent: req.getParent(),
                protect: req.getProtect() ?? false,
                retainOnDelete: req.getRetainondelete() ?? false,
                deleteBeforeReplace: req.getDeletebeforereplace(),
                ignoreChanges: req.getIgnorechangesList(),
                replaceOnChanges: req.getReplaceonchangesList(),
                dependsOn: req.getDependenciesList(),
                propertyDependencies,
                additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
                provider: req.getProvider(),
            },
        });
        return original(req, (err: unknown, response?: { getUrn(): string }) => {
            const record = byKey.get(key);
            if (!err && response && record) {
                record.urn = response.getUrn();
            }
            callback(err, response);
        });
    };

    // The SDK formats a stack trace for every promise it tracks (runtime/debuggable.js), only to
    // print it if the promise leaks; that was two thirds of a mocked run. The run tracks them
    // without the trace. The SDK also reads the stack for each resource's source position; under
    // ts-node each of those traces is source-mapped (a 160-resource program took 3 s instead of 1),
    // so the run keeps V8's plain traces. Errors the program throws keep their own stacks.
    const errorClass = Error as { prepareStackTrace?: unknown };
    const mapped = errorClass.prepareStackTrace;
    errorClass.prepareStackTrace = undefined;
    const track = debuggable.debuggablePromise;
    debuggable.debuggablePromise = (p, ctx) => {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            return track(p, ctx);
        } finally {
            Error.stackTraceLimit = limit;
        }
    };
    // A value that fails while a resource's inputs are serialized (an apply that throws) leaves that
    // resource, and everything waiting for it, unregistered; the SDK only rejects a promise nobody
    // awaits. A real `pulumi up` fails on it, so the run does too, instead of returning a stack that
    // silently lacks those resources.
    const failures: unknown[] = [];
    const onRejection = (reason: unknown) => failures.push(reason);
    process.on("unhandledRejection", onRejection);
    let result: T;
    try {
        result = await build();
        await settings.waitForRPCs();
        // Rejections are reported after the microtask queue drains.
        await new Promise((resolve) => setImmediate(resolve));
    } finally {
        process.off("unhandledRejection", onRejection);
        errorClass.prepareStackTrace = mapped;
        debuggable.debuggablePromise = track;
    }
    if (failures.length > 0) {
        throw new MockRunFailure(failedInvokes[0] ?? failures[0], resources);
    }

    const ofType = (type: string) => resources.filter((r) => r.type === type);
    return {
        result,
        resources,
        ofType,
        one(type: string, nameFragment?: string) {
            const matches = ofType(type).filter((r) => nameFragment === undefined || r.name.includes(nameFragment));
            if (matches.length !== 1) {
                throw new Error(
                    `expected exactly one ${type}${nameFragment ? ` named *${nameFragment}*` : ""}, found ${matches.length}: ${matches.map((m) => m.name).join(", ")}`,
                );
            }
            return matches[0];
        },
        generatedSecrets,
    };
}

/** The getters of the engine's RegisterResourceRequest the harness reads. */
interface RegisterResourceRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getProtect(): boolean | undefined;
    getRetainondelete(): boolean | undefined;
    getDeletebeforereplace(): boolean;
    getIgnorechangesList(): string[];
    getReplaceonchangesList(): string[];
    getDependenciesList(): string[];
    getAdditionalsecretoutputsList(): string[];
    getProvider(): string;
    getPropertydependenciesMap(): { forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void };
}

/** What an Output exposes internally: whether it is known and secret, and its value. */
interface OutputInternals<T> {
    isKnown: Promise<boolean>;
    isSecret: Promise<boolean>;
    promise(): Promise<T>;
}

function emptyOptions(): RecordedOptions {
    return {
        parent: "",
        protect: false,
        retainOnDelete: false,
        deleteBeforeReplace: false,
        ignoreChanges: [],
        replaceOnChanges: [],
        dependsOn: [],
        propertyDependencies: {},
        additionalSecretOutputs: [],
        provider: "",
    };
}

/**
 * Resolves an Output to its value, or {@link UNKNOWN} when it is unknown (as in preview), and
 * says whether it is secret.
 */
export async function resolveOutput<T>(output: pulumi.Input<T> | undefined): Promise<{ value: T | typeof UNKNOWN; secret: boolean }> {
    const o = pulumi.output(output) as unknown as OutputInternals<T>;
    const [known, secret] = await Promise.all([o.isKnown, o.isSecret]);
    if (!known) {
        return { value: UNKNOWN, secret };
    }
    const value = await o.promise();
    return { value, secret };
}

/** Resolves an Output to its value; throws when it is unknown. */
export async function outputValue<T>(output: pulumi.Input<T> | undefined): Promise<T> {
    const { value } = await resolveOutput(output);
    if (value === UNKNOWN) {
        throw new Error("output is unknown");
    }
    return value as T;
}

/**
 * A program that failed while the engine registered its resources (an input that could not be
 * computed), as `pulumi up` would report it; `resources` are those registered before and besides it.
 */
export class MockRunFailure extends Error {
    constructor(
        readonly cause: unknown,
        readonly resources: RecordedResource[],
    ) {
        super(cause instanceof Error ? cause.message : String(cause));
        this.name = cause instanceof Error ? cause.name : "Error";
    }
}

/** Runs a program that must fail once its values resolve; returns the failure and what was registered. */
export async function failedRunWithMocks(build: () => unknown, options: MockRunOptions): Promise<MockRunFailure> {
    try {
        const run = await runWithMocks(build, options);
        throw new Error(`expected the program to fail, but it registered ${run.resources.length} resource(s) and finished`);
    } catch (e) {
        if (e instanceof MockRunFailure) {
            return e;
        }
        throw e;
    }
}

/** Runs `build` under mocks expecting it to throw; returns the error and what had been registered. */
export async function expectFailureWithMocks(
    build: () => unknown,
    options: MockRunOptions = { preview: true },
): Promise<{ error: Error; resources: RecordedResource[] }> {
    let recorded: RecordedResource[] = [];
    try {
        const run = await runWithMocks(build, options);
        recorded = run.resources;
    } catch (e) {
        await settings.waitForRPCs().catch(() => undefined);
        const registered = (settings.getMonitor()?.resources as Map<string, unknown> | undefined)?.size ?? 0;
        if (registered > 0) {
            throw new Error(`the program failed, but only after ${registered} resource(s) were registered: ${(e as Error).message}`);
        }
        return { error: e as Error, resources: [] };
    }
    throw new Error(`expected the program to fail, but it registered ${recorded.length} resource(s)`);
}

/** Every string found anywhere in a value (for secret-leak scans). */
export function allStrings(value: unknown, into: string[] = []): string[] {
    if (typeof value === "string") {
        into.push(value);
    } else if (Array.isArray(value)) {
        value.forEach((v) => allStrings(v, into));
    } else if (value && typeof value === "object") {
        Object.values(value).forEach((v) => allStrings(v, into));
    }
    return into;
}
