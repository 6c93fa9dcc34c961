import { strict as assert } from "node:assert";
import { minimumHttpWorkers } from "../../../components/contract/sizing";
import { OdooStackFixture, computed, productionCluster, singleNodeCluster } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const NAME = "odoo-http-worker-capacity";
const verdict = (f: OdooStackFixture, mode: "preview" | "update", config?: Record<string, unknown>) =>
    diagnosticsOf(NAME, f, mode, config ? { config: { [NAME]: config } } : {});

describe(NAME, () => {
    inBothModes("accepts 8 × 6 = 48 workers for 400 users (the table asks 25)", async (mode) => {
        assert.equal(minimumHttpWorkers(400), 25);
        expectNone(await verdict(productionCluster(), mode));
    });

    inBothModes("accepts one node of 4 workers for 30 users", async (mode) => {
        expectNone(await verdict(singleNodeCluster(), mode));
    });

    inBothModes("advises when the HTTP fleet at maxSize stays below the table's workers", async (mode) => {
        const f = productionCluster().mutate("erp-http", (p) => (p.maxSize = 4));
        expectViolations(
            await verdict(f, mode),
            1,
            "advisory",
            /reaches 24 HTTP workers at most .*; 400 concurrent users need 25 at 16 users per worker/,
        );
    });

    inBothModes("does not count the cron node's workers", async (mode) => {
        const f = productionCluster()
            .mutate("erp-http", (p) => (p.maxSize = 4))
            .setTag("erp-cron", "odoo:workers", "20");
        expectViolations(await verdict(f, mode), 1, "advisory", /reaches 24 HTTP workers/);
    });

    inBothModes("applies a configured usersPerWorker", async (mode) => {
        // 400 users at 6 per worker: 67, held to the row's 30 maximum.
        expectNone(await verdict(productionCluster(), mode, { usersPerWorker: 6 }));
        const f = productionCluster().mutate("erp-http", (p) => (p.maxSize = 4));
        expectViolations(await verdict(f, mode, { usersPerWorker: 6 }), 1, "advisory", /need 30 at 6 users per worker/);
    });

    it("says it cannot judge a fleet whose maxSize is not known at preview", async () => {
        const f = productionCluster().mutate("erp-http", (p) => (p.maxSize = computed(8)));
        expectViolations(await verdict(f, "preview"), 1, "advisory", /not known at preview; the worker capacity cannot be judged/);
        expectNone(await verdict(f, "update"));
    });
});
