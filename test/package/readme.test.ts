import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as api from "../../components";

const root = path.join(__dirname, "..", "..");
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");

/** The fenced block of `language` that follows `heading` in the README. */
function blockAfter(heading: string, language: string): string {
    const at = readme.indexOf(heading);
    assert.ok(at >= 0, `README has no "${heading}"`);
    const open = readme.indexOf("```" + language + "\n", at);
    assert.ok(open >= 0, `no ${language} block after "${heading}"`);
    const start = open + language.length + 4;
    return readme.slice(start, readme.indexOf("```\n", start));
}

describe("the README's examples for other projects", () => {
    it("shows the TypeScript consumer the tests compile and run, verbatim", () => {
        assert.equal(
            blockAfter("### TypeScript, with npm", "ts"),
            fs.readFileSync(path.join(root, "test/fixtures/consumer/index.ts"), "utf8"),
        );
    });

    it("shows the YAML consumer the tests check against the schema, verbatim", () => {
        assert.equal(
            blockAfter("YAML (`test/fixtures/consumer/yaml/Pulumi.yaml`", "yaml"),
            fs.readFileSync(path.join(root, "test/fixtures/consumer/yaml/Pulumi.yaml"), "utf8"),
        );
    });

    it("names every component the package exports", () => {
        const classes = Object.entries(api)
            .filter(
                ([, value]) =>
                    typeof value === "function" && (value as { prototype: unknown }).prototype instanceof pulumi.ComponentResource,
            )
            .map(([name]) => name);
        assert.equal(classes.length, 12, classes.join(", "));
        for (const name of classes) {
            assert.ok(readme.includes(`\`${name}\``), `README does not name ${name}`);
        }
    });
});
