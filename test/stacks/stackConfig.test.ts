import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { OdooArgumentError } from "../../components/contract/errors";
import { STACK_CONFIG_KEYS, clusterArgsFromConfig } from "../../stacks/stackConfig";

describe("the stack configuration of the environment program", () => {
    it("turns odoo-aws keys into cluster arguments and leaves other namespaces to their providers", () => {
        const args = clusterArgsFromConfig({
            "odoo-aws:concurrentUsers": "300",
            "odoo-aws:database": '{"replicas":2}',
            "aws:region": "eu-west-1",
        });
        assert.deepEqual(args, { concurrentUsers: 300, database: { replicas: 2 } });
    });

    it("rejects a misspelt key and lists the documented ones", () => {
        assert.throws(
            () => clusterArgsFromConfig({ "odoo-aws:concurrentUsers": "3", "odoo-aws:concurentUsers": "3" }),
            (e: unknown) =>
                e instanceof OdooArgumentError && e.property === "odoo-aws:concurentUsers" && /odoo-aws:concurrentUsers/.test(e.accepted),
        );
    });

    it("requires the declared users", () => {
        assert.throws(
            () => clusterArgsFromConfig({}),
            (e: unknown) => e instanceof OdooArgumentError && e.property === "odoo-aws:concurrentUsers",
        );
    });

    it("rejects a value of the wrong type", () => {
        assert.throws(
            () => clusterArgsFromConfig({ "odoo-aws:concurrentUsers": "many" }),
            (e: unknown) => e instanceof OdooArgumentError && /a number/.test(e.accepted),
        );
        assert.throws(
            () => clusterArgsFromConfig({ "odoo-aws:concurrentUsers": "3", "odoo-aws:database": "[1]" }),
            (e: unknown) => e instanceof OdooArgumentError && /mapping/.test(e.accepted),
        );
    });

    it("documents every key in the README's configuration reference", () => {
        const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
        for (const { key } of STACK_CONFIG_KEYS) {
            assert.ok(readme.includes(`\`odoo-aws:${key}\``), `README lacks odoo-aws:${key}`);
        }
    });
});
