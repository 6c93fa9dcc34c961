import { OdooStackFixture, computed, productionCluster, productionClusterOnAurora, singleNodeCluster } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const NAME = "odoo-database-durable";
const verdict = (f: OdooStackFixture, mode: "preview" | "update", config?: Record<string, unknown>) =>
    diagnosticsOf(NAME, f, mode, config ? { config: { [NAME]: config } } : {});

describe(NAME, () => {
    inBothModes("accepts a Multi-AZ, protected production primary with backups", async (mode) => {
        expectNone(await verdict(productionCluster(), mode));
    });

    inBothModes("accepts a protected Aurora cluster with a reader", async (mode) => {
        expectNone(await verdict(productionClusterOnAurora(), mode));
    });

    inBothModes("accepts a single-AZ, unprotected dev database that keeps backups", async (mode) => {
        expectNone(await verdict(singleNodeCluster(), mode));
    });

    inBothModes("accepts an unset retention, RDS's default being one day", async (mode) => {
        expectNone(
            await verdict(
                productionCluster().mutate("erp-db", (p) => delete p.backupRetentionPeriod),
                mode,
            ),
        );
    });

    inBothModes("rejects a primary without automated backups, in any environment", async (mode) => {
        const f = singleNodeCluster().mutate("sandbox-db", (p) => (p.backupRetentionPeriod = 0));
        expectViolations(
            await verdict(f, mode),
            1,
            "mandatory",
            /sandbox-db: backupRetentionPeriod is 0; the primary of cluster "sandbox" needs automated backups/,
        );
    });

    inBothModes("rejects a single-AZ production primary", async (mode) => {
        const f = productionCluster().mutate("erp-db", (p) => (p.multiAz = false));
        expectViolations(
            await verdict(f, mode),
            1,
            "mandatory",
            /erp-db: multiAz is false; cluster "erp" is production \(odoo:environment prod\)/,
        );
    });

    inBothModes("rejects a production primary without deletion protection", async (mode) => {
        const f = productionCluster().mutate("erp-db", (p) => delete p.deletionProtection);
        expectViolations(await verdict(f, mode), 1, "mandatory", /deletionProtection is not set/);
    });

    inBothModes("rejects a production primary that skips its final snapshot", async (mode) => {
        const f = productionCluster().mutate("erp-db", (p) => (p.skipFinalSnapshot = true));
        expectViolations(await verdict(f, mode), 1, "mandatory", /skipFinalSnapshot is true/);
    });

    inBothModes("rejects a production Aurora cluster without a reader to fail over to", async (mode) => {
        const f = productionClusterOnAurora().remove("erp-aurora-reader-1");
        expectViolations(await verdict(f, mode), 1, "mandatory", /the Aurora cluster has no reader instance/);
    });

    inBothModes("rejects an unprotected Aurora cluster in production", async (mode) => {
        const f = productionClusterOnAurora().mutate("erp-aurora", (p) => (p.deletionProtection = false));
        expectViolations(await verdict(f, mode), 1, "mandatory", /erp-aurora: deletionProtection is false/);
    });

    inBothModes("treats the environments configured as production as production", async (mode) => {
        expectViolations(
            await verdict(singleNodeCluster(), mode, { productionEnvironments: ["dev"] }),
            3,
            "mandatory",
            /sandbox-db: (multiAz|deletionProtection|skipFinalSnapshot)/,
        );
        expectNone(
            await verdict(
                productionCluster().mutate("erp-db", (p) => (p.multiAz = false)),
                mode,
                { productionEnvironments: ["live"] },
            ),
        );
    });

    it("rejects a production flag that is not known at preview", async () => {
        const f = productionCluster().mutate("erp-db", (p) => (p.deletionProtection = computed(true)));
        expectViolations(await verdict(f, "preview"), 1, "mandatory", /deletionProtection is not known at preview/);
        expectNone(await verdict(f, "update"));
    });
});
