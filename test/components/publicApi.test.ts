import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import * as api from "../../components";
import { PACKAGE_COMPONENTS } from "../harness/packageComponents";

/** What a consumer can build on at run time: the components, the enums, planCapacity and its table, the argument error. */
const PUBLIC = [
    ...PACKAGE_COMPONENTS,
    "OdooVersion",
    "FilestoreKind",
    "SessionKind",
    "TierSource",
    "NatGatewayMode",
    "CpuArchitecture",
    "OfficeDays",
    "CapacityKind",
    "CapacityResource",
    "OdooRole",
    "TlsMode",
    "DatabaseEngine",
    "CacheEngine",
    "planCapacity",
    "GUIDE_CAPACITY_TABLE",
    "MAX_CONCURRENT_USERS",
    "OdooArgumentError",
];

describe("the package's public API (components/index.ts)", () => {
    it("exports exactly the components, the enums, planCapacity with its table and OdooArgumentError", () => {
        assert.deepEqual(Object.keys(api).sort(), [...PUBLIC].sort());
    });

    it("keeps validators and helpers internal", () => {
        const internal = Object.keys(api).filter((name) => /^(require|optional|validate|resolve|report|describe|parse)/.test(name));
        assert.deepEqual(internal, []);
    });

    it("exports every component as a ComponentResource and every enum as its values", () => {
        for (const name of PUBLIC.filter(
            (n) => n.startsWith("Odoo") && n !== "OdooVersion" && n !== "OdooRole" && n !== "OdooArgumentError",
        )) {
            const value = (api as Record<string, unknown>)[name] as { prototype: unknown };
            assert.ok(value.prototype instanceof pulumi.ComponentResource, name);
        }
        assert.deepEqual(Object.values(api.SessionKind).sort(), ["filestore", "local", "redis"]);
        assert.equal(api.planCapacity({ concurrentUsers: 300 }).sessions, api.SessionKind.Filestore);
        assert.ok(new api.OdooArgumentError("x", 1, "y") instanceof Error);
    });
});
