import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { PREFLIGHT_PREFIX, awsPreflightPolicies } from "../../../policies/aws/awsPreflightPolicies";
import { odooPolicies } from "../../../policies/odoo/odooPolicies";
import { packPolicies } from "../../../policies/packPolicies";

const RULES_DIR = path.join(__dirname, "..", "..", "..", "policies", "aws");

describe("the aws-* preflight rules (policies/aws/awsPreflightPolicies.ts)", () => {
    it("are at least 30 mandatory rules, each with a unique aws- name, an AWS documentation URL, a severity and remediation steps", () => {
        assert.ok(awsPreflightPolicies.length >= 30, `${awsPreflightPolicies.length} rules`);
        const names = new Set<string>();
        for (const p of awsPreflightPolicies) {
            assert.match(p.name, /^aws-[a-z0-9-]+$/);
            assert.ok(p.name.startsWith(PREFLIGHT_PREFIX));
            assert.ok(!names.has(p.name), `duplicate ${p.name}`);
            names.add(p.name);
            assert.equal(p.enforcementLevel, "mandatory", p.name);
            assert.ok(p.severity, p.name);
            assert.match(p.url ?? "", /^https:\/\/docs\.aws\.amazon\.com\//, `${p.name} names its AWS page`);
            assert.ok(p.description.includes(p.url!), `${p.name}: the description carries the URL, which the CLI prints`);
            assert.ok((p.remediationSteps ?? "").length > 20, `${p.name} remediation`);
        }
    });

    it("are served by the pack after the Odoo rules", () => {
        assert.deepEqual(
            packPolicies.map((p) => p.name),
            [...odooPolicies, ...awsPreflightPolicies].map((p) => p.name),
        );
    });

    it("keep one rule per file, each listed and each with its own test file", () => {
        const files = fs.readdirSync(RULES_DIR).filter((f) => f.endsWith(".ts") && f !== "awsPreflightPolicies.ts");
        assert.equal(files.length, awsPreflightPolicies.length);
        for (const file of files) {
            assert.ok(fs.existsSync(path.join(__dirname, file.replace(/\.ts$/, ".test.ts"))), `test for ${file}`);
        }
    });
});
