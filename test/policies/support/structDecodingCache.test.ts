import { strict as assert } from "node:assert";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { cacheStructDecoding } from "../../../policies/support/structDecodingCache";
import { analyzeStack } from "../../harness/policyHarness";
import { toStruct } from "../../../stacks/engine/policyAnalyzer";
import { MODES, productionCluster } from "../fixtures/odooStack";

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
});
