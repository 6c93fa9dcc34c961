import { productionCluster } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const NAME = "odoo-replica-connections";

describe(NAME, () => {
    inBothModes("accepts a replica of the primary's class", async (mode) => {
        expectNone(await diagnosticsOf(NAME, productionCluster(), mode));
    });

    inBothModes(
        "accepts a smaller replica whose max_connections is the primary's and whose memory holds Odoo's connections",
        async (mode) => {
            const f = productionCluster()
                .mutate("erp-db-replica-1", (p) => (p.instanceClass = "db.r6g.2xlarge"))
                .setTag("erp-db-replica-1", "odoo:max-connections", "5000");
            expectNone(await diagnosticsOf(NAME, f, mode));
        },
    );

    inBothModes("rejects a smaller replica left at its class's default max_connections, below the primary's", async (mode) => {
        const f = productionCluster().mutate("erp-db-replica-1", (p) => (p.instanceClass = "db.r6g.xlarge"));
        const d = await diagnosticsOf(NAME, f, mode);
        expectViolations(
            d.filter((x) => /hot standby/.test(x.message)),
            1,
            "mandatory",
            /allows 3604 connections \(RDS's default for db.r6g.xlarge\), below the primary's 5000/,
        );
    });

    inBothModes("rejects a replica whose memory cannot hold the connections Odoo can open, whatever its max_connections", async (mode) => {
        const f = productionCluster()
            .mutate("erp-db-replica-1", (p) => (p.instanceClass = "db.r6g.xlarge"))
            .setTag("erp-db-replica-1", "odoo:max-connections", "5000");
        expectViolations(
            await diagnosticsOf(NAME, f, mode),
            1,
            "mandatory",
            /lacks the memory for the 3840 connections/,
            /at least 37\.\d GiB/,
        );
    });
});
