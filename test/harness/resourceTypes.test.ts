import { strict as assert } from "node:assert";
import { TYPE } from "./resourceTypes";

/** The provider class a token names: `aws:rds/instance:Instance` → `require("@pulumi/aws").rds.Instance`. */
function providerClass(token: string): unknown {
    const [pkg, moduleAndFile, className] = token.split(":");
    const module = moduleAndFile.split("/")[0];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require(`@pulumi/${pkg}`) as Record<string, Record<string, unknown>>;
    return module === "index" ? (sdk as Record<string, unknown>)[className] : sdk[module]?.[className];
}

describe("the table of resource type tokens the tests look for", () => {
    it("names each token once, and each is the type token of a resource class of the installed providers", () => {
        const tokens = Object.values(TYPE) as string[];
        assert.equal(new Set(tokens).size, tokens.length);
        const wrong = tokens.filter((token) => (providerClass(token) as { __pulumiType?: string } | undefined)?.__pulumiType !== token);
        assert.deepEqual(wrong, []);
    });
});
