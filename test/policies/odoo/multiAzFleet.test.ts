import { OdooStackFixture, FIXTURE_TYPES, productionCluster, singleNodeCluster } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const NAME = "odoo-multi-az-fleet";
const verdict = (f: OdooStackFixture, mode: "preview" | "update", config?: Record<string, unknown>) =>
    diagnosticsOf(NAME, f, mode, config ? { config: { [NAME]: config } } : {});

function subnetsOf(f: OdooStackFixture, group: string, subnets: string[]): OdooStackFixture {
    f.get(group).propertyDependencies!.vpcZoneIdentifiers = subnets;
    return f;
}

describe(NAME, () => {
    inBothModes("reads the zones of the subnets a group's unknown subnet IDs came from", async (mode) => {
        expectNone(await verdict(productionCluster(), mode));
    });

    inBothModes("advises when a production group runs in a single zone", async (mode) => {
        const f = subnetsOf(productionCluster(), "erp-http", ["erp-private-a"]);
        expectViolations(
            await verdict(f, mode),
            1,
            "advisory",
            /group erp-http \(maxSize 8\) runs in one availability zone only \(us-east-1a\)/,
        );
    });

    inBothModes("counts zones, not subnets", async (mode) => {
        const f = productionCluster().mutate("erp-private-b", (p) => (p.availabilityZone = "us-east-1a"));
        subnetsOf(f, "erp-cron", ["erp-private-a", "erp-private-b"]);
        expectViolations(await verdict(f, mode), 1, "advisory", /erp-cron .* one availability zone only \(us-east-1a\)/);
    });

    inBothModes("uses a group's literal availabilityZones", async (mode) => {
        const f = subnetsOf(productionCluster(), "erp-http", []).mutate("erp-http", (p) => {
            delete p.vpcZoneIdentifiers;
            p.availabilityZones = ["us-east-1a"];
        });
        expectViolations(await verdict(f, mode), 1, "advisory", /erp-http .* \(us-east-1a\)/);
    });

    inBothModes("says so when it cannot tell the zones", async (mode) => {
        const f = subnetsOf(productionCluster(), "erp-http", []);
        expectViolations(await verdict(f, mode), 1, "advisory", /cannot tell which availability zones group erp-http/);
    });

    inBothModes("advises when every standalone HTTP instance is in one zone", async (mode) => {
        const f = productionCluster().remove("erp-http");
        const tags = { ...(f.get("erp-http-lt").props.tags as Record<string, string>) };
        for (const name of ["erp-node-1", "erp-node-2"]) {
            f.add({
                type: FIXTURE_TYPES.instance,
                name,
                props: {
                    availabilityZone: "us-east-1b",
                    metadataOptions: { httpTokens: "required" },
                    rootBlockDevice: { encrypted: true },
                    tags,
                },
            });
        }
        expectViolations(await verdict(f, mode), 1, "advisory", /every HTTP node runs in us-east-1b/);
    });

    inBothModes("ignores environments that are not production", async (mode) => {
        expectNone(
            await verdict(subnetsOf(productionCluster(), "erp-http", ["erp-private-a"]), mode, { productionEnvironments: ["live"] }),
        );
        expectNone(await verdict(subnetsOf(singleNodeCluster(), "sandbox-node", ["sandbox-private-a"]), mode));
    });
});
