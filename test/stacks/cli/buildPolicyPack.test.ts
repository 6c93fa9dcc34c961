import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { odooPolicies } from "../../../policies/odoo/odooPolicies";
import { BuiltPolicyPack, PACK_MAIN, buildPolicyPack, packageOf, requiredModules } from "../../../stacks/cli/buildPolicyPack";
import { AnalyzeResult, PolicyAnalyzerClient, startPolicyAnalyzer } from "../../../stacks/engine/policyAnalyzer";
import { productionCluster } from "../../policies/fixtures/odooStack";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SOURCE_MANIFEST = require(path.join(REPO_ROOT, "policies", "package.json")) as {
    name: string;
    version: string;
    dependencies: Record<string, string>;
};

describe("buildPolicyPack: the policy pack as a directory of its own (pulumi policy publish, --policy-pack from another project)", () => {
    describe("module bookkeeping", () => {
        it("names the npm package of a bare specifier, and none for relative or built-in ones", () => {
            assert.equal(packageOf("@pulumi/policy"), "@pulumi/policy");
            assert.equal(packageOf("@pulumi/pulumi/runtime/settings"), "@pulumi/pulumi");
            assert.equal(packageOf("yaml"), "yaml");
            assert.equal(packageOf("../components/tags"), undefined);
            assert.equal(packageOf("node:zlib"), undefined);
            assert.equal(packageOf("zlib"), undefined);
        });

        it("reads every require() of compiled CommonJS", () => {
            assert.deepEqual(requiredModules(`const a = require("yaml");\nconst b = require('../components/tags');`), [
                "yaml",
                "../components/tags",
            ]);
        });

        it("refuses to empty the repository or a source directory", () => {
            assert.throws(() => buildPolicyPack(REPO_ROOT), /refusing/);
            assert.throws(() => buildPolicyPack(path.join(REPO_ROOT, "policies")), /refusing/);
            assert.throws(() => buildPolicyPack(path.dirname(REPO_ROOT)), /refusing/);
        });
    });

    describe("the built directory, booted the way the CLI boots a pack", function () {
        // Compiles the pack, then starts it with run-policy-pack (plain JavaScript: no type-check).
        this.timeout(300_000);
        let workspace: string;
        let pack: BuiltPolicyPack;
        let client: PolicyAnalyzerClient;

        before(async () => {
            // Outside the repository, so a require that escaped the directory could not resolve.
            workspace = fs.mkdtempSync(path.join(os.tmpdir(), "odoo-aws-policy-pack-"));
            pack = buildPolicyPack(path.join(workspace, "pack"));
            // What `npm install` in the directory provides: the packages its package.json names.
            fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(pack.dir, "node_modules"), "dir");
            client = await startPolicyAnalyzer({ packDir: pack.dir });
            await client.handshake();
            await client.configureStack({ project: "erp-infra", stack: "prod", dryRun: true });
        });

        after(async () => {
            await client?.close();
            if (workspace) {
                fs.rmSync(workspace, { recursive: true, force: true });
            }
        });

        it("holds the compiled pack, the component modules it imports, its manifest and PulumiPolicy.yaml, and no TypeScript", () => {
            assert.ok(pack.files.includes("PulumiPolicy.yaml"));
            assert.ok(pack.files.includes("package.json"));
            assert.ok(pack.files.includes(PACK_MAIN));
            for (const module of ["tags", "catalog", "sizing", "environment"]) {
                assert.ok(pack.files.includes(`components/contract/${module}.js`), `components/contract/${module}.js`);
            }
            assert.deepEqual(
                pack.files.filter(
                    (f) =>
                        !/^(policies|components)\/([A-Za-z0-9]+\/)*[A-Za-z0-9]+\.js$/.test(f) &&
                        !["package.json", "PulumiPolicy.yaml"].includes(f),
                ),
                [],
            );
            assert.ok(
                !pack.files.some((f) => /^components\/(?!contract\/)/.test(f)),
                "no resource wiring: the pack needs only the pure modules",
            );
            assert.equal(
                fs.readFileSync(path.join(pack.dir, "PulumiPolicy.yaml"), "utf8"),
                fs.readFileSync(path.join(REPO_ROOT, "policies", "PulumiPolicy.yaml"), "utf8"),
            );
        });

        it("has a package.json with the pack's name and version, its entry point, and every package the code requires", () => {
            const manifest = JSON.parse(fs.readFileSync(path.join(pack.dir, "package.json"), "utf8")) as {
                name: string;
                version: string;
                main: string;
                dependencies: Record<string, string>;
            };
            assert.equal(manifest.name, SOURCE_MANIFEST.name);
            assert.equal(manifest.version, SOURCE_MANIFEST.version);
            assert.equal(manifest.main, PACK_MAIN);
            const required = new Set(
                pack.files
                    .filter((f) => f.endsWith(".js"))
                    .flatMap((f) => requiredModules(fs.readFileSync(path.join(pack.dir, f), "utf8")))
                    .map(packageOf)
                    .filter((p): p is string => p !== undefined),
            );
            assert.deepEqual(
                [...required].filter((p) => !(p in manifest.dependencies)),
                [],
            );
            for (const [name, range] of Object.entries(SOURCE_MANIFEST.dependencies)) {
                assert.equal(manifest.dependencies[name], range, name);
            }
            assert.ok("@pulumi/pulumi" in manifest.dependencies, "the CLI starts the pack through @pulumi/pulumi's run-policy-pack");
        });

        it("describes itself as policies/ does: the pack's name and version, and the same policies with their levels, severities, remediation and config", async () => {
            const info = await client.getAnalyzerInfo();
            assert.equal(info.name, "odoo-aws");
            assert.equal(info.version, SOURCE_MANIFEST.version);
            assert.deepEqual(
                info.policies.map((p) => p.name),
                odooPolicies.map((p) => p.name),
            );
            for (const p of info.policies) {
                const local = odooPolicies.find((x) => x.name === p.name)!;
                assert.equal(p.description, local.description, p.name);
                assert.equal(p.enforcementLevel, local.enforcementLevel, p.name);
                assert.equal(p.severity, local.severity ?? "", p.name);
                assert.equal(p.remediationSteps, local.remediationSteps ?? "", p.name);
                assert.equal(p.policyType, "validateStack" in local ? "stack" : "resource", p.name);
                assert.deepEqual(
                    Object.keys(p.configSchema?.properties ?? {}).sort(),
                    Object.keys(local.configSchema?.properties ?? {}).sort(),
                    p.name,
                );
            }
        });

        it("judges a stack with the capacity table and tag contract compiled into it: a second cron node is refused", async () => {
            const fixture = productionCluster().mutate("erp-cron", (p) => (p.maxSize = 2));
            const result: AnalyzeResult = await client.analyzeStack(fixture.stack("preview"));
            const cron = result.diagnostics.filter((d) => d.policyName === "odoo-single-cron-node");
            assert.equal(cron.length, 1, result.diagnostics.map((d) => `${d.policyName}: ${d.message}`).join("\n"));
            assert.equal(cron[0].enforcementLevel, "mandatory");
            const compliant = await client.analyzeStack(productionCluster().stack("preview"));
            assert.deepEqual(
                compliant.diagnostics.map((d) => `${d.policyName}: ${d.message}`),
                [],
            );
        });
    });
});
