/**
 * The stack configuration of the environment program: every `odoo-aws:*` key at every depth, its
 * type, and how it becomes `OdooClusterArgs`. A key outside the schema is an error naming its full
 * path and the closest known key (a typo such as `database.instanceClas` must not silently fall
 * back to a default).
 *
 * The schema is typed against `OdooClusterArgs` itself: a key a component adds, renames or drops
 * fails to compile here until the schema follows, so the check cannot drift from the API.
 *
 * Numbers and booleans written as strings (`"400"`, `"true"`) are accepted at every depth and
 * converted. The engine hands every top-level value to the program as a string — `400` and
 * `"400"` in Pulumi.<stack>.yaml, and `pulumi config set odoo-aws:concurrentUsers 400`, all arrive
 * as "400" — so refusing them is impossible at the top; accepting them below too is the one
 * consistent rule. Only the whole string must be a decimal number: `"2 replicas"` is refused.
 */
import * as pulumi from "@pulumi/pulumi";
import { OdooClusterArgs } from "../components/cluster/clusterArgs";
import { OdooArgumentError, describeValue } from "../components/contract/errors";
import { closestKey } from "./keySuggestion";
import { OdooLoadBalancerOptions } from "../components/loadBalancer/loadBalancer";
import { OdooNetworkOptions } from "../components/network/network";

/** The project's config namespace (`name` in Pulumi.yaml). */
export const CONFIG_NAMESPACE = "odoo-aws";

/** A value that is not a mapping of further keys. `map` is a free mapping of string to string (tags, parameters). */
export type ConfigLeaf = "number" | "string" | "boolean" | "string[]" | "number[]" | "map";

/** The schema of one mapping: every key of `T`, each a leaf or a nested schema. */
export type ConfigSchema<T> = { readonly [K in keyof T]-?: ConfigField<NonNullable<T[K]>> };

/** What a value of type `V` is in the schema (tuples stop TypeScript from distributing over unions). */
export type ConfigField<V> = [V] extends [string]
    ? "string"
    : [V] extends [number]
      ? "number"
      : [V] extends [boolean]
        ? "boolean"
        : [V] extends [pulumi.Input<readonly number[]>]
          ? "number[]"
          : [V] extends [pulumi.Input<readonly pulumi.Input<string>[]>]
            ? "string[]"
            : [V] extends [pulumi.Input<string>]
              ? "string"
              : string extends keyof V
                ? "map"
                : ConfigSchema<V>;

/** The network settings, at the top level and under `standby`. */
const NETWORK_SCHEMA: ConfigSchema<OdooNetworkOptions> = {
    cidrBlock: "string",
    availabilityZones: "number",
    availabilityZoneNames: "string[]",
    natGateways: "string",
    flowLogs: "boolean",
    flowLogRetentionDays: "number",
    existingVpc: { vpcId: "string", publicSubnetIds: "string[]", privateSubnetIds: "string[]", isolatedSubnetIds: "string[]" },
    loadBalancerIngressCidrs: "string[]",
    nodeEgressPorts: "number[]",
};

/** The load balancer settings, at the top level and under `standby`. */
const LOAD_BALANCER_SCHEMA: ConfigSchema<OdooLoadBalancerOptions> = {
    certificateArn: "string",
    domainName: "string",
    hostedZoneId: "string",
    hostedZoneName: "string",
    allowHttpOnly: "boolean",
    idleTimeoutSeconds: "number",
    sslPolicy: "string",
    deletionProtection: "boolean",
    accessLogs: "boolean",
    accessLogRetentionDays: "number",
    stickinessDurationSeconds: "number",
    deregistrationDelaySeconds: "number",
};

/** Every key the program reads, at every depth, in the order the README documents the top level. */
export const STACK_CONFIG_SCHEMA: ConfigSchema<OdooClusterArgs> = {
    concurrentUsers: "number",
    clusterName: "string",
    environment: "string",
    production: "boolean",
    odooVersion: "string",
    image: "string",
    imageAddons: { s3Attachments: "boolean", sessionRedis: "boolean" },
    tags: "map",
    workload: {
        requestsPerUserPerMinute: "number",
        lightShare: "number",
        lightMeanSeconds: "number",
        lightCoefficientOfVariation: "number",
        heavyMeanSeconds: "number",
        heavyCoefficientOfVariation: "number",
        databaseShare: "number",
        cpuPerWorkerSecond: "number",
        readOnlyShare: "number",
    },
    capacityTargets: {
        lightP95Seconds: "number",
        heavyP95Seconds: "number",
        appCpuUtilisation: "number",
        databaseCpuUtilisation: "number",
    },
    network: NETWORK_SCHEMA,
    loadBalancer: LOAD_BALANCER_SCHEMA,
    nodes: {
        singleNode: "boolean",
        instanceType: "string",
        cronInstanceType: "string",
        workersPerNode: "number",
        maxCronThreads: "number",
        httpMaxCronThreads: "number",
        httpNodes: "number",
        httpNodesMax: "number",
        dbMaxconn: "number",
        limitTimeRealCronSeconds: "number",
        rootVolumeGb: "number",
        extraAddonsPaths: "string[]",
        serverWideModules: "string[]",
        installModules: "string[]",
        dbFilter: "string",
        healthCheckGracePeriodSeconds: "number",
        logRetentionDays: "number",
        spot: { enabled: "boolean", onDemandBaseNodes: "number", onDemandPercentageAboveBase: "number", instanceTypes: "string[]" },
        officeHours: { timeZone: "string", startHour: "number", endHour: "number", days: "string", offHoursNodes: "number" },
    },
    database: {
        engine: "string",
        engineVersion: "string",
        instanceClass: "string",
        replicaInstanceClass: "string",
        replicas: "number",
        allocatedStorageGb: "number",
        maxAllocatedStorageGb: "number",
        multiAz: "boolean",
        backupRetentionDays: "number",
        deletionProtection: "boolean",
        skipFinalSnapshot: "boolean",
        performanceInsights: "boolean",
        applyImmediately: "boolean",
        databaseName: "string",
        username: "string",
        passwordGeneration: "number",
        secretReplicaRegions: "string[]",
        kmsKeyId: "string",
        parameters: "map",
        restore: {
            snapshotIdentifier: "string",
            sourceDbInstanceIdentifier: "string",
            sourceAutomatedBackupsArn: "string",
            sourceClusterIdentifier: "string",
            restoreTime: "string",
            useLatestRestorableTime: "boolean",
        },
    },
    filestore: {
        kind: "string",
        kmsKeyId: "string",
        ownerUid: "number",
        ownerGid: "number",
        noncurrentVersionExpirationDays: "number",
        retainOnDelete: "boolean",
        restore: { efsFileSystemId: "string", efsDataPath: "string", s3SourceBucketName: "string" },
    },
    sessions: { kind: "string", engine: "string", engineVersion: "string", nodeType: "string", nodes: "number", kmsKeyId: "string" },
    operations: {
        scaling: {
            enabled: "boolean",
            requestsPerTarget: "number",
            cpuTargetPercent: "number",
            instanceWarmupSeconds: "number",
            scaleIn: "boolean",
        },
        monitoring: {
            enabled: "boolean",
            alarmEmail: "string",
            alarmTopicArns: "string[]",
            thresholds: {
                nodeCpuPercent: "number",
                responseTimeSeconds: "number",
                databaseCpuPercent: "number",
                databaseConnectionsPercent: "number",
                replicaLagSeconds: "number",
                cacheMemoryPercent: "number",
                target5xxPercent: "number",
            },
            dashboard: "boolean",
        },
        backups: {
            enabled: "boolean",
            dailyRetentionDays: "number",
            monthlyRetentionDays: "number",
            schedule: "string",
            scheduleTimezone: "string",
            kmsKeyArn: "string",
            copyToVaultArn: "string",
            forceDestroy: "boolean",
        },
        upgrade: {
            enabled: "boolean",
            upgradeModules: "string[]",
            timeoutSeconds: "number",
            nodeWaitSeconds: "number",
            pollSeconds: "number",
        },
        healthGate: {
            enabled: "boolean",
            timeoutSeconds: "number",
            intervalSeconds: "number",
            consecutiveSuccesses: "number",
            checkDatabase: "boolean",
        },
    },
    safeMode: "boolean",
    standby: {
        region: "string",
        network: NETWORK_SCHEMA,
        loadBalancer: LOAD_BALANCER_SCHEMA,
        instanceClass: "string",
        nodes: "boolean",
        alarmEmail: "string",
        replicaLagAlarmSeconds: "number",
    },
};

/** Keys the stack must set. */
export const REQUIRED_STACK_KEYS: readonly (keyof OdooClusterArgs)[] = ["concurrentUsers"];

/** One top-level configuration key, as the README documents it. */
export interface StackConfigKey {
    key: keyof OdooClusterArgs;
    type: "number" | "string" | "boolean" | "object";
    required: boolean;
}

/** Every top-level key the program reads, in the order the README documents them. */
export const STACK_CONFIG_KEYS: readonly StackConfigKey[] = (Object.keys(STACK_CONFIG_SCHEMA) as (keyof OdooClusterArgs)[]).map((key) => {
    const field: unknown = STACK_CONFIG_SCHEMA[key];
    const type = typeof field === "string" && (field === "number" || field === "string" || field === "boolean") ? field : "object";
    return { key, type, required: REQUIRED_STACK_KEYS.includes(key) };
});

/** Default cluster name when the stack sets none. */
export const DEFAULT_CLUSTER_NAME = "odoo";

type SchemaNode = ConfigLeaf | { readonly [key: string]: SchemaNode };

const DECIMAL = /^-?\d+(\.\d+)?$/;

function fail(path: string, value: unknown, accepted: string, message?: string): never {
    const error = new OdooArgumentError(path, value, accepted);
    if (message) {
        error.message = message;
    }
    throw error;
}

function toNumber(path: string, value: unknown): number {
    if (typeof value === "number") {
        return value;
    }
    if (typeof value === "string" && DECIMAL.test(value.trim())) {
        return Number(value.trim());
    }
    return fail(path, value, "a number");
}

function toBoolean(path: string, value: unknown): boolean {
    if (typeof value === "boolean") {
        return value;
    }
    if (value === "true" || value === "false") {
        return value === "true";
    }
    return fail(path, value, "true or false");
}

function toString(path: string, value: unknown): string {
    if (typeof value === "string") {
        return value;
    }
    return fail(path, value, "a string (quote it in YAML)");
}

function isMapping(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

function checkValue(path: string, value: unknown, node: SchemaNode): unknown {
    if (typeof node !== "string") {
        if (!isMapping(value)) {
            return fail(path, value, `a YAML mapping of ${Object.keys(node).join(", ")}`);
        }
        const known = Object.keys(node);
        const out: Record<string, unknown> = {};
        for (const [key, child] of Object.entries(value)) {
            const childPath = `${path}.${key}`;
            if (!Object.hasOwn(node, key)) {
                const suggestion = closestKey(key, known);
                fail(
                    childPath,
                    child,
                    `one of ${known.join(", ")}`,
                    `${childPath} is not a configuration key${suggestion ? `; did you mean ${path}.${suggestion}?` : ""} (keys of ${path}: ${known.join(", ")})`,
                );
            }
            out[key] = checkValue(childPath, child, node[key]);
        }
        return out;
    }
    switch (node) {
        case "number":
            return toNumber(path, value);
        case "boolean":
            return toBoolean(path, value);
        case "string":
            return toString(path, value);
        case "number[]":
        case "string[]":
            if (!Array.isArray(value)) {
                return fail(path, value, `a YAML list of ${node === "number[]" ? "numbers" : "strings"}`);
            }
            return value.map((v, i) => (node === "number[]" ? toNumber(`${path}[${i}]`, v) : toString(`${path}[${i}]`, v)));
        case "map":
            if (!isMapping(value)) {
                return fail(path, value, "a YAML mapping of names to strings");
            }
            return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toString(`${path}.${k}`, v)]));
    }
}

/**
 * Reads one top-level value as the engine hands it over: a string, structured values as JSON.
 * A string that does not parse as JSON stays a string (then `checkValue` decides).
 */
function parseEngineValue(raw: string, node: SchemaNode): unknown {
    if (node === "string") {
        return raw;
    }
    try {
        return JSON.parse(raw);
    } catch {
        return raw;
    }
}

/**
 * `odooVersion: 18.0` unquoted is the YAML number 18, and the engine hands the program "18":
 * say what happened instead of "accepted: 17.0, 18.0 or 19.0".
 */
function checkOdooVersion(path: string, value: unknown): void {
    if (typeof value === "string" && /^\d+$/.test(value)) {
        fail(
            path,
            value,
            `a quoted version such as "${value}.0"`,
            `${path} is ${describeValue(value)}: YAML reads an unquoted ${value}.0 as the number ${value}; quote it: ${path.split(":")[1]}: "${value}.0"`,
        );
    }
}

/** Settings that make each other irrelevant: refused rather than one silently ignored. */
function checkContradictions(args: OdooClusterArgs): void {
    const lb = args.loadBalancer;
    if (lb?.allowHttpOnly === true && (lb.domainName !== undefined || lb.certificateArn !== undefined)) {
        const other = lb.domainName !== undefined ? "domainName" : "certificateArn";
        fail(
            `${CONFIG_NAMESPACE}:loadBalancer.allowHttpOnly`,
            true,
            `false or unset when loadBalancer.${other} is set`,
            `${CONFIG_NAMESPACE}:loadBalancer.allowHttpOnly is true but loadBalancer.${other} is set, so the load balancer serves HTTPS ` +
                `and the setting has no effect; remove allowHttpOnly (or remove ${other} for a plain-HTTP stack)`,
        );
    }
}

/**
 * Turns the stack's raw configuration (`project:key` → string, as the Pulumi engine hands it
 * over) into the cluster's arguments. Keys of other namespaces (aws:region, …) are left to their
 * providers.
 */
export function clusterArgsFromConfig(config: Record<string, string>): OdooClusterArgs {
    const schema = STACK_CONFIG_SCHEMA as unknown as Record<string, SchemaNode>;
    const known = Object.keys(schema);
    const args: Record<string, unknown> = {};
    for (const [fullKey, raw] of Object.entries(config)) {
        const [namespace, key] = fullKey.split(":", 2);
        if (namespace !== CONFIG_NAMESPACE) {
            continue;
        }
        if (!Object.hasOwn(schema, key)) {
            const suggestion = closestKey(key, known);
            fail(
                fullKey,
                raw,
                `one of the documented keys: ${known.map((k) => `${CONFIG_NAMESPACE}:${k}`).join(", ")}`,
                `${fullKey} is not a configuration key${suggestion ? `; did you mean ${CONFIG_NAMESPACE}:${suggestion}?` : ""} ` +
                    `(documented keys: ${known.map((k) => `${CONFIG_NAMESPACE}:${k}`).join(", ")})`,
            );
        }
        if (key === "odooVersion") {
            checkOdooVersion(fullKey, raw);
        }
        args[key] = checkValue(fullKey, parseEngineValue(raw, schema[key]), schema[key]);
    }
    for (const key of REQUIRED_STACK_KEYS) {
        if (args[key] === undefined) {
            fail(`${CONFIG_NAMESPACE}:${key}`, undefined, `a number in stacks/Pulumi.<stack>.yaml (e.g. ${CONFIG_NAMESPACE}:${key}: 300)`);
        }
    }
    const result = args as unknown as OdooClusterArgs;
    checkContradictions(result);
    return result;
}
