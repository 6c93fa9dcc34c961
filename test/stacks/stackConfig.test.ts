import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { STACK_CONFIG_KEYS, clusterArgsFromConfig } from "../../stacks/stackConfig";
import { closestKey } from "../../stacks/keySuggestion";
import { applyOverrides, loadStackConfig, toEngineConfig } from "../../stacks/cli/stackFile";
import { throwsArgumentError } from "../harness/argumentErrors";
import { scratchDir } from "../harness/scratch";

const STACKS = path.join(__dirname, "..", "..", "stacks");

/** The issue's typos: the key as written and the key it should have been. */
const NESTED_TYPOS: [typo: string, meant: string, value: string][] = [
    ["database.instanceClas", "database.instanceClass", "db.r7g.large"],
    ["database.replica", "database.replicas", "2"],
    ["nodes.instanceTyp", "nodes.instanceType", "m7g.large"],
    ["operations.monitoring.alarmEmial", "operations.monitoring.alarmEmail", "ops@example.com"],
    ["sessions.nodez", "sessions.nodes", "2"],
    ["imageAddons.s3Attachmnets", "imageAddons.s3Attachments", "true"],
    ["network.availabilityZone", "network.availabilityZones", "3"],
];

/** A stack file with `dotted` set to `value` (YAML) under the odoo-aws namespace. */
function stackFileWith(dotted: string, value: string): string {
    const [top, ...rest] = dotted.split(".");
    let yaml = `config:\n  odoo-aws:concurrentUsers: 30\n  odoo-aws:${top}:\n`;
    rest.forEach((segment, depth) => {
        yaml += `${"  ".repeat(depth + 2)}${segment}:${depth === rest.length - 1 ? ` ${value}` : ""}\n`;
    });
    return yaml;
}

/** What the error for a misspelt key says: the full path as written, and the key meant. */
function unknownKey(typo: string, meant: string) {
    return { property: `odoo-aws:${typo}`, message: new RegExp(`did you mean odoo-aws:${meant.replace(/\./g, "\\.")}\\?`) };
}

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
        throwsArgumentError(() => clusterArgsFromConfig({ "odoo-aws:concurrentUsers": "3", "odoo-aws:concurentUsers": "3" }), {
            property: "odoo-aws:concurentUsers",
            accepted: /odoo-aws:concurrentUsers/,
        });
    });

    it("requires the declared users", () => {
        throwsArgumentError(() => clusterArgsFromConfig({}), { property: "odoo-aws:concurrentUsers" });
    });

    it("rejects a value of the wrong type", () => {
        throwsArgumentError(() => clusterArgsFromConfig({ "odoo-aws:concurrentUsers": "many" }), {
            property: "odoo-aws:concurrentUsers",
            value: "many",
            accepted: /a number/,
        });
        throwsArgumentError(() => clusterArgsFromConfig({ "odoo-aws:concurrentUsers": "3", "odoo-aws:database": "[1]" }), {
            property: "odoo-aws:database",
            accepted: /mapping/,
        });
    });

    for (const [typo, meant, value] of NESTED_TYPOS) {
        it(`rejects ${typo} in a stack file, naming the full path and suggesting ${meant}`, () => {
            const dir = scratchDir("typo");
            fs.writeFileSync(path.join(dir, "Pulumi.typo.yaml"), stackFileWith(typo, value));
            const config = toEngineConfig(loadStackConfig(dir, "typo"));
            throwsArgumentError(() => clusterArgsFromConfig(config), unknownKey(typo, meant));
        });

        it(`rejects ${typo} given with --set, naming the full path and suggesting ${meant}`, () => {
            const config = toEngineConfig(applyOverrides(loadStackConfig(STACKS, "prod"), [`${typo}=${value}`]));
            throwsArgumentError(() => clusterArgsFromConfig(config), unknownKey(typo, meant));
        });
    }

    it("suggests nothing for a key that is no typo of a known one", () => {
        assert.equal(closestKey("colour", ["instanceClass", "replicas", "engine"]), undefined);
        assert.equal(closestKey("replcias", ["instanceClass", "replicas", "engine"]), "replicas");
    });

    it("accepts numbers and booleans written as strings at every depth, and converts them", () => {
        const args = clusterArgsFromConfig({
            "odoo-aws:concurrentUsers": "400",
            "odoo-aws:database": '{"replicas":"2","multiAz":"true"}',
            "odoo-aws:operations": '{"monitoring":{"thresholds":{"nodeCpuPercent":"75"}}}',
        });
        assert.equal(args.concurrentUsers, 400);
        assert.deepEqual(args.database, { replicas: 2, multiAz: true });
        assert.equal(args.operations?.monitoring?.thresholds?.nodeCpuPercent, 75);
    });

    it("refuses a string that is not wholly a number where a number is expected, naming the path", () => {
        throwsArgumentError(
            () => clusterArgsFromConfig({ "odoo-aws:concurrentUsers": "30", "odoo-aws:database": '{"replicas":"2 replicas"}' }),
            { property: "odoo-aws:database.replicas", accepted: /a number/ },
        );
    });

    it("tells to quote an unquoted odooVersion: 18.0, which YAML reads as the number 18", () => {
        const dir = scratchDir("version");
        fs.writeFileSync(path.join(dir, "Pulumi.v.yaml"), "config:\n  odoo-aws:concurrentUsers: 30\n  odoo-aws:odooVersion: 18.0\n");
        throwsArgumentError(() => clusterArgsFromConfig(toEngineConfig(loadStackConfig(dir, "v"))), {
            property: "odoo-aws:odooVersion",
            message: /quote it: odooVersion: "18.0"/,
        });
    });

    it("refuses allowHttpOnly together with a domain name, which makes it irrelevant", () => {
        const config = toEngineConfig(applyOverrides(loadStackConfig(STACKS, "prod"), ["loadBalancer.allowHttpOnly=true"]));
        throwsArgumentError(() => clusterArgsFromConfig(config), {
            property: "odoo-aws:loadBalancer.allowHttpOnly",
            message: /domainName is set/,
        });
    });

    it("reads every shipped stack without complaint", () => {
        for (const stack of ["dev", "staging", "prod"]) {
            assert.ok(clusterArgsFromConfig(toEngineConfig(loadStackConfig(STACKS, stack))).concurrentUsers > 0);
        }
    });

    it("documents every key in the README's configuration reference", () => {
        const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
        for (const { key } of STACK_CONFIG_KEYS) {
            assert.ok(readme.includes(`\`odoo-aws:${key}\``), `README lacks odoo-aws:${key}`);
        }
    });
});
