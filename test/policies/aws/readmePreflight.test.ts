import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { awsPreflightPolicies } from "../../../policies/aws/awsPreflightPolicies";

describe("the README's list of preflight rules", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "..", "README.md"), "utf8");
    const start = readme.indexOf("### AWS preflight rules");
    const section = readme.slice(start, readme.indexOf("\n## ", start));

    it("lists every aws-* rule with its AWS reference, and no rule the pack does not have", () => {
        for (const p of awsPreflightPolicies) {
            const row = section.split("\n").find((line) => line.startsWith(`| \`${p.name}\` |`));
            assert.ok(row, `README lacks ${p.name}`);
            assert.ok(row.includes(`(${p.url})`), `${p.name}: README row lacks ${p.url}`);
        }
        const listed = [...section.matchAll(/^\| `(aws-[a-z0-9-]+)` \|/gm)].map((m) => m[1]);
        assert.deepEqual(
            listed,
            awsPreflightPolicies.map((p) => p.name),
        );
    });
});
