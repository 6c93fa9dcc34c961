import { strict as assert } from "node:assert";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PLAN_HELP, TOOL_HELP, main } from "../../../stacks/cli/odooAws";
import { PREVIEW_HELP, PreviewReport } from "../../../stacks/cli/preview";
import { flattenTree } from "../../../stacks/cli/previewTree";

const ROOT = path.join(__dirname, "..", "..", "..");
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    bin: Record<string, string>;
    scripts: Record<string, string>;
};

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await main(
        argv,
        (s) => (out += s),
        (s) => (err += s),
    );
    return { code, out, err };
}

describe("the odoo-aws command-line tool", function () {
    this.timeout(600_000);

    it("is the package's odoo-aws bin, an executable launcher, with the npm scripts as aliases", () => {
        assert.equal(manifest.bin["odoo-aws"], "stacks/cli/odooAwsLauncher.mjs");
        const launcher = path.join(ROOT, manifest.bin["odoo-aws"]);
        assert.match(fs.readFileSync(launcher, "utf8"), /^#!\/usr\/bin\/env node\n/);
        assert.ok(fs.statSync(launcher).mode & 0o111, "the launcher is executable");
        assert.match(manifest.scripts.preview, /odooAwsLauncher\.mjs preview$/);
        assert.match(manifest.scripts.plan, /odooAwsLauncher\.mjs plan$/);
    });

    it("lists its commands with --help on stdout, and exits 2 with the help on stderr without a command", async () => {
        const help = await run(["--help"]);
        assert.equal(help.code, 0);
        assert.equal(help.out, TOOL_HELP);
        for (const command of ["preview", "plan", "diagrams"]) {
            assert.match(help.out, new RegExp(`^  ${command} `, "m"));
        }
        const none = await run([]);
        assert.equal(none.code, 2);
        assert.equal(none.out, "");
        assert.match(none.err, /usage: odoo-aws <command>/);
        const unknown = await run(["deploy"]);
        assert.equal(unknown.code, 2);
        assert.match(unknown.err, /unknown command "deploy"/);
    });

    it("documents every flag of preview and plan in their --help", async () => {
        const preview = await run(["preview", "--help"]);
        assert.equal(preview.code, 0);
        assert.equal(preview.out, PREVIEW_HELP);
        for (const flag of ["--stack", "--set", "--json", "--verbose", "--diagram", "--help"]) {
            assert.ok(PREVIEW_HELP.includes(flag), `preview help lacks ${flag}`);
        }
        const plan = await run(["plan", "--help"]);
        assert.equal(plan.code, 0);
        assert.equal(plan.out, PLAN_HELP);
        // Every option plan.ts parses is named in the help.
        const source = fs.readFileSync(path.join(ROOT, "stacks", "cli", "plan.ts"), "utf8");
        const options = [...source.matchAll(/^\s+"?([a-z][a-z-]*)"?: \{ type: "(?:string|boolean)"/gm)].map((m) => m[1]);
        assert.ok(options.length >= 10, options.join(" "));
        for (const option of options) {
            assert.ok(PLAN_HELP.includes(`--${option}`), `plan help lacks --${option}`);
        }
    });

    it("runs from the bin as a fresh clone would: preview --json prints only JSON on stdout, with the resource tree", () => {
        const result = spawnSync(process.execPath, [path.join(ROOT, manifest.bin["odoo-aws"]), "preview", "--stack", "prod", "--json"], {
            cwd: ROOT,
            encoding: "utf8",
            maxBuffer: 64 * 1024 * 1024,
        });
        assert.equal(result.status, 0, result.stderr);
        const report = JSON.parse(result.stdout) as PreviewReport;
        assert.equal(report.stack, "prod");
        const [cluster] = report.resources;
        assert.equal(cluster.type, "odoo-aws:index:OdooCluster");
        const components = cluster.children.filter((c) => !c.custom).map((c) => c.type);
        for (const component of ["OdooNetwork", "OdooLoadBalancer", "OdooDatabase", "OdooNodes"]) {
            assert.ok(components.includes(`odoo-aws:index:${component}`), components.join(" "));
        }
        const all = flattenTree(report.resources);
        assert.equal(all.filter((n) => n.custom).length, report.resourceTotal);
        assert.ok(all.every((n) => n.operation === "create"));
        assert.equal(report.outputs.url.value, "https://erp.example.com");
        assert.equal(report.outputs.databaseEndpoint.known, false);
    });

    it("prints plan output from the bin as the npm script did", () => {
        const out = execFileSync(process.execPath, [path.join(ROOT, manifest.bin["odoo-aws"]), "plan", "--users", "300"], {
            cwd: ROOT,
            encoding: "utf8",
        });
        assert.match(out, /Capacity plan for 300 concurrent users/);
    });
});
