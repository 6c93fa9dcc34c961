/**
 * Decodes each resource's properties once per AnalyzeStack call instead of once per stack policy.
 *
 * @pulumi/policy 1.21's AnalyzeStack handler turns every resource's google.protobuf.Struct into
 * JavaScript again for each stack policy (server.js, makeAnalyzeStackRpcFun → deserializeProperties
 * → Struct.toJavaScript). With 11 stack policies and 5,000 resources that decoding alone took about
 * 1.4 s of the analysis — most of it. The Structs of a request are decoded from the wire once and
 * never modified afterwards, so the decoded value can be remembered per Struct instance (the
 * message keeps returning the same wrapper object for the field). A WeakMap lets each request's
 * entries go with the request.
 *
 * Each call still returns a fresh top-level object: @pulumi/policy's Configure handler adds
 * `enforcementLevel` to what toJavaScript returns.
 *
 * One step further, deserializeProperties (the copy @pulumi/policy makes of that decoding, once per
 * policy, before wrapping it in its unknown-checking proxy) is remembered per Struct as well: with
 * 16 stack policies and ~50 resource rules that copy is the largest part of what the handler
 * itself costs. Every policy of a request then reads the same property objects. That is safe
 * because no policy of this pack writes to a resource's properties (they are inputs to judge); a
 * test runs the whole pack over its fixture stacks and fails if any value changed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { JavaScriptValue, Struct } from "google-protobuf/google/protobuf/struct_pb";

type Decode = (this: Struct) => Record<string, JavaScriptValue>;
type Deserialize = (struct: Struct, proxySecrets: boolean) => Record<string, unknown>;
// Internal but exported: the module server.js calls through for every Analyze/AnalyzeStack.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const deserializeModule = require("@pulumi/policy/deserialize") as { deserializeProperties: Deserialize };
type StructPrototype = { toJavaScript: Decode; [INSTALLED]?: Decode };

const INSTALLED = Symbol.for("odoo-aws.structDecodingCache");

/** The @pulumi/policy release whose internals this module was written against (package.json pins it exactly). */
export const WRITTEN_FOR_POLICY_VERSION = "1.21.0";

/** What this module relies on in @pulumi/policy, as found in the installed copy. */
export interface PolicyInternals {
    /** The installed @pulumi/policy version. */
    version: string;
    /** The source of @pulumi/policy/deserialize.js. */
    deserializeSource: string;
    /** The source of @pulumi/policy/server.js. */
    serverSource: string;
    /** `toJavaScript` of the Struct prototype the analyzer messages use, if there is one. */
    toJavaScript: unknown;
}

/**
 * The sentinels: each line of @pulumi/policy's code the cache's correctness rests on. The decoding
 * is reached through Struct.toJavaScript, and each decoded object and array below the top level
 * is copied before a policy sees it.
 */
const SENTINELS: readonly { what: string; found: (internals: PolicyInternals) => boolean }[] = [
    {
        what: "deserializeProperties decodes through Struct.toJavaScript()",
        found: (i) => /\boutputsStruct\.toJavaScript\(\)/.test(i.deserializeSource),
    },
    {
        what: "deserializeProperties copies each top-level property",
        found: (i) => /props\[k\] = deserializeProperty\(outputs\[k\]/.test(i.deserializeSource),
    },
    {
        what: "deserializeProperty copies arrays",
        found: (i) => /elems\.push\(deserializeProperty\(e,/.test(i.deserializeSource),
    },
    {
        what: "deserializeProperty copies objects",
        found: (i) => /obj\[k\] = deserializeProperty\(/.test(i.deserializeSource),
    },
    { what: "Struct.prototype.toJavaScript is a function", found: (i) => typeof i.toJavaScript === "function" },
    {
        what: "the Analyze and AnalyzeStack handlers call deserializeProperties through the module's exports",
        found: (i) => (i.serverSource.match(/deserialize_1\.deserializeProperties\([a-z]+\.getProperties\(\), false\)/g) ?? []).length >= 2,
    },
];

/**
 * Throws unless every sentinel is there, naming the one missing and the version this module was
 * written for: a newer @pulumi/policy may mutate what it decodes, and a remembered value would
 * then leak one policy's changes into the next.
 */
export function requirePolicyInternals(internals: PolicyInternals): void {
    const missing = SENTINELS.filter((s) => !s.found(internals)).map((s) => s.what);
    if (missing.length > 0) {
        throw new Error(
            `policies/support/structDecodingCache.ts was written for @pulumi/policy ${WRITTEN_FOR_POLICY_VERSION} and relies on its internals; ` +
                `the installed @pulumi/policy ${internals.version} no longer has: ${missing.join("; ")}. ` +
                `Re-read @pulumi/policy's deserialize.js and server.js, then adapt or remove the cache.`,
        );
    }
}

/** The installed @pulumi/policy's internals this module relies on. */
export function installedPolicyInternals(): PolicyInternals {
    const policyDir = path.dirname(require.resolve("@pulumi/policy/package.json"));
    const { version } = JSON.parse(fs.readFileSync(path.join(policyDir, "package.json"), "utf8")) as { version: string };
    return {
        version: version.replace(/^v/, ""),
        deserializeSource: fs.readFileSync(path.join(policyDir, "deserialize.js"), "utf8"),
        serverSource: fs.readFileSync(path.join(policyDir, "server.js"), "utf8"),
        toJavaScript: analyzerStructPrototype().toJavaScript,
    };
}

/** The Struct prototype @pulumi/pulumi's analyzer messages use (the one @pulumi/policy decodes). */
function analyzerStructPrototype(): StructPrototype {
    const protoDir = path.dirname(require.resolve("@pulumi/pulumi/proto/analyzer_pb"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [protoDir] })) as {
        Struct: { prototype: StructPrototype };
    };
    return Struct.prototype;
}

/**
 * Installs the cache for this process; a second call changes nothing. Returns a function that
 * restores the original decoding (for tests).
 */
export function cacheStructDecoding(): () => void {
    const proto = analyzerStructPrototype();
    const original = proto[INSTALLED];
    if (original) {
        return () => undefined;
    }
    const deserialize = deserializeModule.deserializeProperties;
    const deserialized = new WeakMap<Struct, Record<string, unknown>>();
    deserializeModule.deserializeProperties = (struct, proxySecrets) => {
        if (proxySecrets) {
            return deserialize(struct, proxySecrets);
        }
        let value = deserialized.get(struct);
        if (value === undefined) {
            value = deserialize(struct, false);
            deserialized.set(struct, value);
        }
        return value;
    };
    const decode = proto.toJavaScript;
    const decoded = new WeakMap<Struct, Record<string, JavaScriptValue>>();
    proto.toJavaScript = function (this: Struct) {
        let value = decoded.get(this);
        if (value === undefined) {
            value = decode.call(this);
            decoded.set(this, value);
        }
        return { ...value };
    };
    proto[INSTALLED] = decode;
    return () => {
        deserializeModule.deserializeProperties = deserialize;
        proto.toJavaScript = decode;
        delete proto[INSTALLED];
    };
}

requirePolicyInternals(installedPolicyInternals());
