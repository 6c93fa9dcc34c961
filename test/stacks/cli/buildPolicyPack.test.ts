import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as path from "node:path";
import { packPolicies } from "../../../policies/packPolicies";
import { BuiltPolicyPack, PACK_MAIN, PACK_SOURCES, buildPolicyPack } from "../../../stacks/cli/buildPolicyPack";
import { AnalyzeResult, PolicyAnalyzerClient, startPolicyAnalyzer } from "../../../stacks/engine/policyAnalyzer";
import { builtPolicyPack } from "../../harness/builtPolicyPack";
import { analyzeStack } from "../../harness/policyHarness";
import { MODES, productionCluster, singleNodeCluster } from "../../policies/fixtures/odooStack";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
const SOURCE_MANIFEST = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "policies", "package.json"), "utf8")) as {
    name: string;
    version: string;
    dependencies: Record<string, string>;
};

/** Module specifiers of every `require("…")` in compiled CommonJS. */
function requiredModules(javascript: string): string[] {
    return [...javascript.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
}

/** The npm package a bare specifier names (`@scope/name/sub` → `@scope/name`); undefined for a relative or built-in one. */
function packageOf(specifier: string): string | undefined {
    if (specifier.startsWith(".") || specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0])) {
        return undefined;
    }
    const parts = specifier.split("/");
    return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** Every TypeScript module of the pack's source folders, as the .js path the build writes for it. */
function sourceModules(): string[] {
    return PACK_SOURCES.flatMap((source) =>
        (fs.readdirSync(path.join(REPO_ROOT, source), { recursive: true }) as string[])
            .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
            .map((f) => `${source}/${f.split(path.sep).join("/").slice(0, -".ts".length)}.js`),
    ).sort();
}

/** A diagnostic as a line, without the pack's name and version (the in-process harness runs a test version). */
const verdicts = (result: AnalyzeResult) =>
    result.diagnostics.map((d) => `${d.policyName} ${d.enforcementLevel} ${d.urn}: ${d.message}`).sort();

describe("buildPolicyPack: the policy pack as a directory of its own (pulumi policy publish, --policy-pack from another project)", () => {
    it("refuses to empty the repository, one of its ancestors or a source directory", () => {
        assert.throws(() => buildPolicyPack(REPO_ROOT), /refusing/);
        assert.throws(() => buildPolicyPack(path.join(REPO_ROOT, "policies")), /refusing/);
        assert.throws(() => buildPolicyPack(path.dirname(REPO_ROOT)), /refusing/);
    });

    describe("the built directory", () => {
        let pack: BuiltPolicyPack;
        before(() => {
            pack = builtPolicyPack();
        });

        it("is policies/ and components/contract/ compiled module for module, its manifest and PulumiPolicy.yaml, nothing else", () => {
            assert.deepEqual(pack.files, [...sourceModules(), "PulumiPolicy.yaml", "package.json"].sort());
            assert.ok(pack.files.includes(PACK_MAIN));
            assert.equal(
                fs.readFileSync(path.join(pack.dir, "PulumiPolicy.yaml"), "utf8"),
                fs.readFileSync(path.join(REPO_ROOT, "policies", "PulumiPolicy.yaml"), "utf8"),
            );
        });

        it("has a package.json with the name, version and dependencies of policies/package.json, and its entry point", () => {
            const manifest = JSON.parse(fs.readFileSync(path.join(pack.dir, "package.json"), "utf8")) as {
                name: string;
                version: string;
                main: string;
                dependencies: Record<string, string>;
            };
            assert.equal(manifest.name, SOURCE_MANIFEST.name);
            assert.equal(manifest.version, SOURCE_MANIFEST.version);
            assert.equal(manifest.main, PACK_MAIN);
            assert.deepEqual(manifest.dependencies, SOURCE_MANIFEST.dependencies);
            assert.ok("@pulumi/pulumi" in manifest.dependencies, "the CLI starts the pack through @pulumi/pulumi's run-policy-pack");
        });

        it("requires only packages its package.json names, and only modules inside the directory", () => {
            const undeclared: string[] = [];
            const escaping: string[] = [];
            for (const file of pack.files.filter((f) => f.endsWith(".js"))) {
                for (const specifier of requiredModules(fs.readFileSync(path.join(pack.dir, file), "utf8"))) {
                    const name = packageOf(specifier);
                    if (name !== undefined && !(name in pack.dependencies)) {
                        undeclared.push(`${file}: ${specifier}`);
                    }
                    if (
                        specifier.startsWith(".") &&
                        path.relative(pack.dir, path.resolve(pack.dir, path.dirname(file), specifier)).startsWith("..")
                    ) {
                        escaping.push(`${file}: ${specifier}`);
                    }
                }
            }
            assert.deepEqual(undeclared, []);
            assert.deepEqual(escaping, []);
        });
    });

    describe("booted the way the CLI boots a pack (run-policy-pack, plain JavaScript, gRPC)", () => {
        let client: PolicyAnalyzerClient;

        before(async () => {
            client = await startPolicyAnalyzer({ packDir: builtPolicyPack().dir });
            await client.handshake();
            await client.configureStack({ project: "erp-infra", stack: "prod", dryRun: true });
        });

        after(async () => {
            await client?.close();
        });

        it("describes itself as policies/ does: the pack's name and version, and the same policies with their levels, severities, remediation and config", async () => {
            const info = await client.getAnalyzerInfo();
            assert.equal(info.name, "odoo-aws");
            assert.equal(info.version, SOURCE_MANIFEST.version);
            assert.deepEqual(
                info.policies.map((p) => p.name),
                packPolicies.map((p) => p.name),
            );
            for (const p of info.policies) {
                const local = packPolicies.find((x) => x.name === p.name)!;
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

        for (const mode of MODES) {
            it(`judges stacks as policies/ does, with the capacity table and tag contract compiled in (${mode})`, async () => {
                const broken = productionCluster()
                    .mutate("erp-cron", (p) => (p.maxSize = 2))
                    .setTag("erp-http", "odoo:filestore", "local");
                const fixtures = { broken, compliant: productionCluster(), single: singleNodeCluster() };
                for (const [name, fixture] of Object.entries(fixtures)) {
                    const built = await client.analyzeStack(fixture.stack(mode));
                    assert.deepEqual(verdicts(built), verdicts(await analyzeStack(fixture.stack(mode))), name);
                }
                const refused = (await client.analyzeStack(broken.stack(mode))).diagnostics.filter(
                    (d) => d.enforcementLevel === "mandatory",
                );
                assert.deepEqual([...new Set(refused.map((d) => d.policyName))].sort(), ["odoo-shared-filestore", "odoo-single-cron-node"]);
            });
        }
    });
});
