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
 * `enforcementLevel` to what toJavaScript returns, and deserializeProperties copies everything
 * below the top level before a policy sees it, so no caller can alter a remembered value.
 */
import * as path from "node:path";
import type { JavaScriptValue, Struct } from "google-protobuf/google/protobuf/struct_pb";

type Decode = (this: Struct) => Record<string, JavaScriptValue>;
type StructPrototype = { toJavaScript: Decode; [INSTALLED]?: Decode };

const INSTALLED = Symbol.for("odoo-aws.structDecodingCache");

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
        proto.toJavaScript = decode;
        delete proto[INSTALLED];
    };
}
