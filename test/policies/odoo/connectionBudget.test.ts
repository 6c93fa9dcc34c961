import { strict as assert } from "node:assert";
import { maxConnectionsFor } from "../../../components/contract/catalog";
import {
    OdooStackFixture,
    base64,
    cloudConfig,
    computed,
    odooConf,
    productionCluster,
    productionClusterOnAurora,
    singleNodeCluster,
} from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const NAME = "odoo-connection-budget";
const verdict = (f: OdooStackFixture, mode: "preview" | "update") => diagnosticsOf(NAME, f, mode);

// erp at maxSize: 8 × (6 + 0 + 1) × 64 + 1 × (1 + 2 + 1) × 64 = 3840 against db.m7g.4xlarge's 5000.
describe(NAME, () => {
    inBothModes("accepts the plan's budget: 3840 worst-case connections against 5000", async (mode) => {
        assert.equal(maxConnectionsFor("db.m7g.4xlarge"), 5000);
        expectNone(await verdict(productionCluster(), mode));
    });

    inBothModes("accepts the budget against Aurora instances", async (mode) => {
        expectNone(await verdict(productionClusterOnAurora(), mode));
    });

    inBothModes("accepts a single node", async (mode) => {
        expectNone(await verdict(singleNodeCluster(), mode));
    });

    inBothModes("rejects a fleet that can grow past the primary's max_connections", async (mode) => {
        // 12 × 7 × 64 + 4 × 64 = 5632 > 5000, on the primary and the replica alike.
        const f = productionCluster().mutate("erp-http", (p) => (p.maxSize = 12));
        const diagnostics = await verdict(f, mode);
        expectViolations(diagnostics, 2, "mandatory", /can open 5632 PostgreSQL connections, more than the 5000 max_connections/);
        assert.match(diagnostics.find((d) => d.urn.endsWith("::erp-db"))!.message, /of primary erp-db \(db\.m7g\.4xlarge\)/);
        assert.match(diagnostics.find((d) => d.urn.endsWith("::erp-db-replica-1"))!.message, /of replica erp-db-replica-1/);
        assert.match(
            diagnostics[0].message,
            /group erp-http \(maxSize 12\): 12 × \(6 workers \+ 0 cron \+ 1 gevent\) × db_maxconn 64 = 5376/,
        );
    });

    inBothModes("rejects a db_maxconn tag too large for the database", async (mode) => {
        const f = productionCluster().setTag("erp-http", "odoo:db-maxconn", "128");
        expectViolations(await verdict(f, mode), 2, "mandatory", /can open 7424 PostgreSQL connections/);
    });

    inBothModes("rejects a replica smaller than the budget even when the primary fits", async (mode) => {
        const f = productionCluster().mutate("erp-db-replica-1", (p) => (p.instanceClass = "db.m7g.xlarge"));
        const diagnostics = await verdict(f, mode);
        expectViolations(
            diagnostics,
            1,
            "mandatory",
            new RegExp(
                `3840 PostgreSQL connections, more than the ${maxConnectionsFor("db.m7g.xlarge")} max_connections of replica erp-db-replica-1`,
            ),
        );
    });

    inBothModes("counts cron threads in every node's processes", async (mode) => {
        // The cron node at 16 threads: 8 × 7 × 64 + 1 × (1 + 16 + 1) × 64 = 4736; at 30: 5632.
        const f = productionCluster().setTag("erp-cron", "odoo:max-cron-threads", "30");
        expectViolations(await verdict(f, mode), 2, "mandatory", /can open 5632/);
    });

    it("uses the larger db_maxconn when a known odoo.conf exceeds the tag", async () => {
        const conf = odooConf({ workers: 6, maxCronThreads: 0, dbMaxconn: 128, dbHost: "db" });
        const f = productionCluster().mutate("erp-http-lt", (p) => (p.userData = base64(cloudConfig(conf))));
        expectViolations(await verdict(f, "preview"), 2, "mandatory", /can open 7424/, /db_maxconn 128/);
    });

    it("rejects a group whose maxSize is not known at preview: its connections cannot be counted", async () => {
        const f = productionCluster().mutate("erp-http", (p) => (p.maxSize = computed(8)));
        expectViolations(
            await verdict(f, "preview"),
            1,
            "mandatory",
            /maxSize of group erp-http \(maxSize not known at preview\) is not known at preview/,
        );
        expectNone(await verdict(f, "update"));
    });

    it("rejects a node whose workers are declared nowhere it can see", async () => {
        const f = productionCluster().setTag("erp-http", "odoo:workers", undefined).setTag("erp-http-lt", "odoo:workers", undefined);
        expectViolations(await verdict(f, "preview"), 1, "mandatory", /has no odoo:workers tag and no known odoo.conf/);
        // The update knows the odoo.conf (workers = 6): the budget is counted and fits.
        expectNone(await verdict(f, "update"));
    });

    inBothModes("rejects a database class outside the catalog, whose max_connections is unknown", async (mode) => {
        const f = productionCluster().mutate("erp-db", (p) => (p.instanceClass = "db.serverless"));
        expectViolations(
            await verdict(f, mode),
            1,
            "mandatory",
            /"db\.serverless" is not in the package's catalog/,
            /can open 3840 connections against it/,
        );
    });
});
