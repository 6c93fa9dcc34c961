import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import {
    PolicyInternals,
    WRITTEN_FOR_POLICY_VERSION,
    cacheStructDecoding,
    installedPolicyInternals,
    requirePolicyInternals,
} from "../../../policies/support/structDecodingCache";
import { analyzeStack } from "../../harness/policyHarness";
import { toStruct } from "../../../stacks/engine/policyAnalyzer";
import { MODES, judge, productionCluster, productionClusterOnAurora, productionClusterOnS3 } from "../fixtures/odooStack";

describe("decoding each resource's properties once per request", () => {
    it("decodes a Struct once, to what the original decoding gives, and hands every caller its own top-level object", () => {
        const struct = toStruct({ name: "erp", maxSize: 8, list: [1, "a", null] });
        const expected = struct.toJavaScript();
        const original = Struct.prototype.toJavaScript;
        let decodes = 0;
        Struct.prototype.toJavaScript = function (this: Struct) {
            decodes++;
            return original.call(this);
        };
        const restore = cacheStructDecoding();
        try {
            const first = struct.toJavaScript();
            assert.deepEqual(first, expected);
            (first as Record<string, unknown>).enforcementLevel = "advisory";
            const second = struct.toJavaScript();
            assert.deepEqual(second, expected, "a caller's change does not reach the next caller");
            assert.notEqual(first, second);
            assert.equal(decodes, 1);
            // Another Struct is decoded on its own.
            assert.deepEqual(toStruct({ maxSize: 1 }).toJavaScript(), { maxSize: 1 });
            assert.equal(decodes, 2);
        } finally {
            restore();
            Struct.prototype.toJavaScript = original;
        }
    });

    it("deserializes a resource's properties once per Struct for every policy of a request", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const deserialize = require("@pulumi/policy/deserialize") as { deserializeProperties(s: Struct, proxySecrets: boolean): unknown };
        const struct = toStruct({ name: "erp", tags: { "odoo:role": "http" } });
        const restore = cacheStructDecoding();
        try {
            const first = deserialize.deserializeProperties(struct, false);
            assert.deepEqual(first, { name: "erp", tags: { "odoo:role": "http" } });
            assert.equal(deserialize.deserializeProperties(struct, false), first);
            assert.notEqual(deserialize.deserializeProperties(toStruct({ name: "erp" }), false), first);
        } finally {
            restore();
        }
        assert.notEqual(deserialize.deserializeProperties(struct, false), deserialize.deserializeProperties(struct, false), "restored");
    });

    it("installs once however often the pack asks", () => {
        const restore = cacheStructDecoding();
        try {
            const patched = Struct.prototype.toJavaScript;
            cacheStructDecoding()();
            assert.equal(Struct.prototype.toJavaScript, patched);
        } finally {
            restore();
        }
    });

    for (const mode of MODES) {
        it(`gives the pack the same verdicts with the cache as without (${mode})`, async () => {
            const broken = productionCluster()
                .mutate("erp-cron", (p) => (p.maxSize = 3))
                .mutate("erp-http", (p) => (p.maxSize = 12))
                .setTag("erp-http", "odoo:filestore", "local");
            const without = await analyzeStack(broken.stack(mode));
            const restore = cacheStructDecoding();
            try {
                const withCache = await analyzeStack(broken.stack(mode));
                assert.ok(without.diagnostics.length >= 3);
                assert.deepEqual(withCache, without);
            } finally {
                restore();
            }
        });
    }

    for (const mode of MODES) {
        it(`leaves every resource's properties as it found them after the whole pack has read them (${mode}), so sharing them between policies is safe`, async () => {
            const restore = cacheStructDecoding();
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const deserialize = require("@pulumi/policy/deserialize") as {
                deserializeProperties(s: Struct, proxySecrets: boolean): unknown;
            };
            const cached = deserialize.deserializeProperties;
            const handedOut = new Map<unknown, unknown>();
            deserialize.deserializeProperties = (struct, proxySecrets) => {
                const value = cached(struct, proxySecrets);
                if (!handedOut.has(value)) {
                    handedOut.set(value, structuredClone(value));
                }
                return value;
            };
            try {
                for (const fixture of [productionCluster(), productionClusterOnS3(), productionClusterOnAurora()]) {
                    await judge(fixture, mode);
                }
            } finally {
                deserialize.deserializeProperties = cached;
                restore();
            }
            assert.ok(handedOut.size > 100, `${handedOut.size} resources read`);
            for (const [value, before] of handedOut) {
                assert.deepEqual(value, before);
            }
        });
    }

    describe("the @pulumi/policy internals it relies on", () => {
        const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
        const pins = ["package.json", "policies/package.json"].map(
            (f) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, f), "utf8")) as Record<string, Record<string, string>>,
        );

        it("finds every sentinel in the installed @pulumi/policy, which is the version it was written for and the one both manifests pin", () => {
            const installed = installedPolicyInternals();
            requirePolicyInternals(installed);
            assert.equal(installed.version, WRITTEN_FOR_POLICY_VERSION);
            assert.equal(pins[0].devDependencies["@pulumi/policy"], `v${WRITTEN_FOR_POLICY_VERSION}`, "package.json pins it exactly");
            assert.equal(pins[1].dependencies["@pulumi/policy"], `v${WRITTEN_FOR_POLICY_VERSION}`, "policies/package.json pins it exactly");
        });

        const changes: [string, (i: PolicyInternals) => PolicyInternals, RegExp][] = [
            [
                "decodes without Struct.toJavaScript",
                (i) => ({ ...i, deserializeSource: i.deserializeSource.replace("outputsStruct.toJavaScript()", "decode(outputsStruct)") }),
                /deserializeProperties decodes through Struct\.toJavaScript\(\)/,
            ],
            [
                "hands policies the decoded arrays themselves",
                (i) => ({ ...i, deserializeSource: i.deserializeSource.replace("elems.push(deserializeProperty(e,", "elems.push((e,") }),
                /deserializeProperty copies arrays/,
            ],
            [
                "hands policies the decoded objects themselves",
                (i) => ({ ...i, deserializeSource: i.deserializeSource.replace(/obj\[k\] = deserializeProperty\(/g, "obj[k] = (") }),
                /deserializeProperty copies objects/,
            ],
            ["has no Struct.toJavaScript to wrap", (i) => ({ ...i, toJavaScript: undefined }), /Struct\.prototype\.toJavaScript/],
            [
                "deserializes in its handlers without going through the module's exports",
                (i) => ({
                    ...i,
                    serverSource: i.serverSource.replace(
                        /deserialize_1\.deserializeProperties\(/g,
                        "(0, deserialize_1.deserializeProperties)(",
                    ),
                }),
                /call deserializeProperties through the module's exports/,
            ],
        ];
        for (const [change, apply, names] of changes) {
            it(`refuses a @pulumi/policy that ${change}, naming what is missing and the version it was written for`, () => {
                const changed = apply({ ...installedPolicyInternals(), version: "1.22.0" });
                assert.throws(
                    () => requirePolicyInternals(changed),
                    (e: unknown) =>
                        e instanceof Error &&
                        names.test(e.message) &&
                        e.message.includes("written for @pulumi/policy 1.21.0") &&
                        e.message.includes("installed @pulumi/policy 1.22.0"),
                );
            });
        }

        it("throws when the pack loads it, before any policy runs", () => {
            const modulePath = require.resolve("../../../policies/support/structDecodingCache");
            const deserialize = path.join(path.dirname(require.resolve("@pulumi/policy/package.json")), "deserialize.js");
            const cached = require.cache[modulePath];
            // The module itself, not this file's import binding: the module under test reads through it.
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const nodeFs = require("node:fs") as { readFileSync: unknown };
            const read = fs.readFileSync;
            // The installed deserialize.js as a release that stopped copying arrays would ship it.
            nodeFs.readFileSync = (file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
                const text = (read as (...a: unknown[]) => string | Buffer)(file, ...rest);
                return file === deserialize ? String(text).replace("elems.push(deserializeProperty(e,", "elems.push((e,") : text;
            };
            delete require.cache[modulePath];
            try {
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                assert.throws(() => require(modulePath), /written for @pulumi\/policy 1\.21\.0.*deserializeProperty copies arrays/s);
            } finally {
                nodeFs.readFileSync = read;
                require.cache[modulePath] = cached;
            }
        });
    });
});
