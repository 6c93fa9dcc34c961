import { GUIDE_CAPACITY_TABLE } from "../../../components/contract/sizing";
import { OdooStackFixture, productionCluster, productionClusterOnAurora, singleNodeCluster } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const NAME = "odoo-database-not-burstable";
const verdict = (f: OdooStackFixture, mode: "preview" | "update", config?: Record<string, unknown>) =>
    diagnosticsOf(NAME, f, mode, config ? { config: { [NAME]: config } } : {});

describe(NAME, () => {
    inBothModes("accepts db.t4g.medium for 30 users", async (mode) => {
        expectNone(await verdict(singleNodeCluster(), mode));
    });

    inBothModes("accepts db.m7g for 400 users", async (mode) => {
        expectNone(await verdict(productionCluster(), mode));
    });

    inBothModes("advises against a burstable primary and replica above 50 users", async (mode) => {
        const f = productionCluster()
            .mutate("erp-db", (p) => (p.instanceClass = "db.t4g.2xlarge"))
            .mutate("erp-db-replica-1", (p) => (p.instanceClass = "db.t4g.xlarge"));
        expectViolations(await verdict(f, mode), 2, "advisory", /a burstable class, for 400 concurrent users; above 50 users/);
    });

    inBothModes("checks Aurora instances too", async (mode) => {
        const f = productionClusterOnAurora().mutate("erp-aurora-reader-1", (p) => (p.instanceClass = "db.t4g.large"));
        expectViolations(await verdict(f, mode), 1, "advisory", /erp-aurora-reader-1 .* db\.t4g\.large/);
    });

    inBothModes("takes the limit from a configured table's first row", async (mode) => {
        const tiers = GUIDE_CAPACITY_TABLE.tiers.map((t, i) => (i === 0 ? { ...t, maxUsers: 20 } : t));
        expectViolations(
            await verdict(singleNodeCluster(), mode, { capacityTiers: tiers }),
            1,
            "advisory",
            /for 30 concurrent users; above 20 users/,
        );
    });
});
