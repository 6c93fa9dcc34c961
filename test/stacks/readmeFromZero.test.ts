import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";

const ROOT = path.join(__dirname, "..", "..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

/** The section of the README under a `## ` heading. */
function section(title: string): string {
    const start = README.indexOf(`## ${title}\n`);
    assert.ok(start >= 0, `README lacks "## ${title}"`);
    const end = README.indexOf("\n## ", start + 1);
    return README.slice(start, end < 0 ? undefined : end);
}

/** Dotted paths (under odoo-aws:) of the values that hold a documentation placeholder. */
function placeholders(value: unknown, at: string, into: string[] = []): string[] {
    if (value && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) {
            placeholders(v, at ? `${at}.${k}` : k, into);
        }
    } else if (typeof value === "string" && /example\.com|123456789012/.test(value)) {
        into.push(at);
    }
    return into;
}

describe("the README's way from zero to running", () => {
    const zero = section("From zero to running");

    it("shows a pulumi config set for every placeholder of the shipped stacks and says they must be replaced", () => {
        assert.match(zero, /placeholders that must be\s+replaced/);
        const found: string[] = [];
        for (const stack of ["dev", "staging", "prod"]) {
            const file = parseYaml(fs.readFileSync(path.join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8")) as {
                config: Record<string, unknown>;
            };
            for (const [key, value] of Object.entries(file.config)) {
                const [namespace, name] = key.split(":");
                if (namespace === "odoo-aws") {
                    found.push(...placeholders(value, name));
                }
            }
        }
        assert.ok(found.includes("image") && found.includes("loadBalancer.domainName"), found.join(" "));
        for (const key of new Set(found)) {
            const command = key.includes(".") ? `pulumi config set --path 'odoo-aws:${key}' ` : `pulumi config set odoo-aws:${key} `;
            assert.ok(zero.includes(command), `README lacks: ${command}…`);
        }
    });

    it("points at the shipped deployer IAM policy, the image recipe and the deploy with the policy pack", () => {
        for (const file of ["stacks/deployer-iam-policy.json", "stacks/image/Dockerfile"]) {
            assert.ok(zero.includes(`(${file})`), file);
            assert.ok(fs.existsSync(path.join(ROOT, file)), file);
        }
        assert.match(zero, /^pulumi up --policy-pack policies$/m);
        assert.match(zero, /docker buildx build --platform linux\/arm64 --push/);
    });

    it("describes every stack output the program exports", () => {
        const program = fs.readFileSync(path.join(ROOT, "stacks", "program.ts"), "utf8");
        const block = program.slice(
            program.indexOf("export interface StackOutputs"),
            program.indexOf("}", program.indexOf("export interface StackOutputs")),
        );
        const outputs = [...block.matchAll(/^\s+([a-zA-Z]+):/gm)].map((m) => m[1]);
        assert.ok(outputs.length >= 8, outputs.join(" "));
        for (const output of outputs) {
            assert.ok(zero.includes(`\`${output}\``), `README lacks the output ${output}`);
        }
    });

    it("covers upgrades, teardown and what the cost estimate leaves out", () => {
        for (const heading of ["Upgrades", "Teardown", "What the cost estimate covers"]) {
            assert.match(zero, new RegExp(`^### \\d+\\. ${heading}$`, "m"));
        }
        assert.match(zero, /deletionProtection' false/);
        // The estimate prices data transfer, CloudWatch, secrets…; section 8 sends the reader to the
        // section that lists the parts, the assumptions and COST_EXCLUSIONS, instead of an older copy.
        assert.match(zero, /\[The monthly cost estimate\]\(#the-monthly-cost-estimate\)/);
        assert.match(README, /^### The monthly cost estimate$/m);
        assert.match(README, /Excluded \(`COST_EXCLUSIONS`\)/);
        assert.doesNotMatch(zero, /\*\*excludes\*\*: data transfer/, "data transfer is priced");
    });

    it("shows the prod architecture picture, and ships the LICENSE package.json names", () => {
        assert.match(README, /!\[[^\]]+\]\(stacks\/diagrams\/prod\.svg\)/);
        const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { license: string };
        assert.equal(manifest.license, "Apache-2.0");
        const license = fs.readFileSync(path.join(ROOT, "LICENSE"), "utf8");
        assert.match(license, /^\s+Apache License\n\s+Version 2\.0, January 2004/);
        assert.match(license, /END OF TERMS AND CONDITIONS/);
    });

    it("installs the package from git or a packed tarball, not from a registry it is not in", () => {
        assert.match(README, /not published to a registry yet/);
        assert.doesNotMatch(README, /Install the package from a registry/);
    });
});
