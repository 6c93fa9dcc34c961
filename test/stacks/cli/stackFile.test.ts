import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import {
    SECURE_PLACEHOLDER,
    StackFileError,
    applyOverrides,
    availableStacks,
    loadStackConfig,
    toEngineConfig,
} from "../../../stacks/cli/stackFile";
import { scratchDir } from "../../harness/scratch";

function stackDir(files: Record<string, string>): string {
    const dir = scratchDir("stacks");
    for (const [name, text] of Object.entries(files)) {
        fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

describe("reading a stack file for the offline preview", () => {
    it("lists the shipped stacks", () => {
        assert.deepEqual(availableStacks(path.join(__dirname, "..", "..", "..", "stacks")), ["dev", "prod", "prod-dr", "staging"]);
    });

    it("reads namespaced keys and replaces secure values by a placeholder", () => {
        const dir = stackDir({ "Pulumi.x.yaml": "config:\n  odoo-aws:concurrentUsers: 30\n  odoo-aws:image:\n    secure: v1:abc\n" });
        assert.deepEqual(loadStackConfig(dir, "x"), { "odoo-aws:concurrentUsers": 30, "odoo-aws:image": SECURE_PLACEHOLDER });
    });

    it("names the available stacks when asked for an unknown one", () => {
        const dir = stackDir({ "Pulumi.a.yaml": "config: {}\n", "Pulumi.b.yaml": "config: {}\n" });
        assert.throws(
            () => loadStackConfig(dir, "c"),
            (e: unknown) => e instanceof StackFileError && /unknown stack "c"; available: a, b/.test(e.message),
        );
    });

    it("reports malformed YAML with the file and the parser's message", () => {
        const dir = stackDir({ "Pulumi.bad.yaml": "config:\n  odoo-aws:concurrentUsers: [1,\n" });
        assert.throws(
            () => loadStackConfig(dir, "bad"),
            (e: unknown) => e instanceof StackFileError && /Pulumi\.bad\.yaml is not valid YAML/.test(e.message),
        );
    });

    it("rejects a key without a namespace", () => {
        const dir = stackDir({ "Pulumi.k.yaml": "config:\n  concurrentUsers: 3\n" });
        assert.throws(
            () => loadStackConfig(dir, "k"),
            (e: unknown) => e instanceof StackFileError && /"concurrentUsers" is not a namespace:key/.test(e.message),
        );
    });

    it("applies what-ifs: a plain key, a dotted path into a mapping, YAML-typed values", () => {
        const config = { "odoo-aws:concurrentUsers": 400, "odoo-aws:database": { instanceClass: "db.r7g.4xlarge" } };
        const out = applyOverrides(config, [
            "concurrentUsers=2000",
            "database.replicas=3",
            "odoo-aws:image=repo/odoo:18.0",
            "nodes.singleNode=false",
        ]);
        assert.deepEqual(out, {
            "odoo-aws:concurrentUsers": 2000,
            "odoo-aws:database": { instanceClass: "db.r7g.4xlarge", replicas: 3 },
            "odoo-aws:image": "repo/odoo:18.0",
            "odoo-aws:nodes": { singleNode: false },
        });
        assert.equal(config["odoo-aws:concurrentUsers"], 400, "the loaded configuration is left alone");
    });

    it("rejects a what-if without '='", () => {
        assert.throws(
            () => applyOverrides({}, ["concurrentUsers"]),
            (e: unknown) => e instanceof StackFileError && /expected key=value/.test(e.message),
        );
    });

    it("hands values to the program as the engine does: strings, structured values as JSON", () => {
        assert.deepEqual(toEngineConfig({ "a:n": 3, "a:s": "x", "a:o": { k: true } }), { "a:n": "3", "a:s": "x", "a:o": '{"k":true}' });
    });
});
