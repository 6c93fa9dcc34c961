import { OdooStackFixture, computed, productionCluster, productionClusterOnAurora } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const NAME = "odoo-database-encrypted-and-private";
const verdict = (f: OdooStackFixture, mode: "preview" | "update") => diagnosticsOf(NAME, f, mode);

describe(NAME, () => {
    inBothModes("accepts an encrypted, private RDS primary and replica", async (mode) => {
        expectNone(await verdict(productionCluster(), mode));
    });

    inBothModes("accepts an encrypted Aurora cluster with private instances", async (mode) => {
        expectNone(await verdict(productionClusterOnAurora(), mode));
    });

    inBothModes("rejects a publicly accessible primary", async (mode) => {
        const f = productionCluster().mutate("erp-db", (p) => (p.publiclyAccessible = true));
        expectViolations(await verdict(f, mode), 1, "mandatory", /erp-db: publiclyAccessible is true/);
    });

    inBothModes("rejects a publicly accessible Aurora instance", async (mode) => {
        const f = productionClusterOnAurora().mutate("erp-aurora-reader-1", (p) => (p.publiclyAccessible = true));
        expectViolations(await verdict(f, mode), 1, "mandatory", /erp-aurora-reader-1: publiclyAccessible is true/);
    });

    inBothModes("rejects an unencrypted primary", async (mode) => {
        const f = productionCluster().mutate("erp-db", (p) => (p.storageEncrypted = false));
        expectViolations(await verdict(f, mode), 1, "mandatory", /erp-db: storageEncrypted is false/);
    });

    inBothModes("rejects a primary that leaves encryption unset (RDS's default is unencrypted)", async (mode) => {
        const f = productionCluster().mutate("erp-db", (p) => delete p.storageEncrypted);
        expectViolations(await verdict(f, mode), 1, "mandatory", /storageEncrypted is not set/);
    });

    inBothModes("accepts a replica that inherits encryption from its source, rejects one that opts out", async (mode) => {
        expectNone(
            await verdict(
                productionCluster().mutate("erp-db-replica-1", (p) => delete p.storageEncrypted),
                mode,
            ),
        );
        const f = productionCluster().mutate("erp-db-replica-1", (p) => (p.storageEncrypted = false));
        expectViolations(await verdict(f, mode), 1, "mandatory", /erp-db-replica-1: storageEncrypted is false/);
    });

    inBothModes("rejects an unencrypted Aurora cluster", async (mode) => {
        const f = productionClusterOnAurora().mutate("erp-aurora", (p) => (p.storageEncrypted = false));
        expectViolations(await verdict(f, mode), 1, "mandatory", /erp-aurora: storageEncrypted is false/);
    });

    it("rejects a publiclyAccessible flag that is not known at preview", async () => {
        const f = productionCluster().mutate("erp-db", (p) => (p.publiclyAccessible = computed(false)));
        expectViolations(await verdict(f, "preview"), 1, "mandatory", /publiclyAccessible is not known at preview/);
        expectNone(await verdict(f, "update"));
    });
});
