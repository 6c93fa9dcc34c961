import { ERP_PLAN, OdooStackFixture, cloudConfig, computed, odooConf, productionCluster } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const NAME = "odoo-restored-copy-safe";
const NODES = ["erp-http", "erp-cron", "erp-http-lt", "erp-cron-lt"];

/** The erp cluster restored from a snapshot, its nodes in safe mode (no cron anywhere). */
function restoredInSafeMode(): OdooStackFixture {
    const f = productionCluster().setTag("erp-db", "odoo:restored-from", "snapshot:erp-before-upgrade");
    for (const name of NODES) {
        f.setTag(name, "odoo:safe-mode", "on").setTag(name, "odoo:max-cron-threads", "0");
    }
    // The cron node's odoo.conf says max_cron_threads = 0 as well: the pack reads the larger value.
    const conf = odooConf({ workers: ERP_PLAN.cronWorkers, maxCronThreads: 0, dbMaxconn: ERP_PLAN.dbMaxconn, dbHost: "erp-db.internal" });
    return f.mutate("erp-cron-lt", (p) => (p.userData = computed(Buffer.from(cloudConfig(conf, { encodeConf: true })).toString("base64"))));
}

describe(NAME, () => {
    inBothModes(
        "accepts a restored copy whose nodes are in safe mode, and the single-cron-node rule accepts its missing cron",
        async (mode) => {
            const f = restoredInSafeMode();
            expectNone(await diagnosticsOf(NAME, f, mode));
            expectNone(await diagnosticsOf("odoo-single-cron-node", f, mode));
        },
    );

    inBothModes("accepts a restored copy whose stack stated safe mode off", async (mode) => {
        const f = productionCluster().setTag("erp-db", "odoo:restored-from", "point-in-time:erp-prod@2026-11-30T08:15:00Z");
        for (const name of NODES) {
            f.setTag(name, "odoo:safe-mode", "off");
        }
        expectNone(await diagnosticsOf(NAME, f, mode));
    });

    inBothModes("leaves a cluster that is not restored alone", async (mode) => {
        expectNone(await diagnosticsOf(NAME, productionCluster(), mode));
    });

    inBothModes("rejects the nodes of a restored copy that say nothing about safe mode", async (mode) => {
        const f = productionCluster().setTag("erp-db", "odoo:restored-from", "snapshot:erp-before-upgrade");
        expectViolations(
            await diagnosticsOf(NAME, f, mode),
            2,
            "mandatory",
            /Cluster "erp" is restored from snapshot:erp-before-upgrade, but group erp-(http|cron) \(maxSize \d\) carries no odoo:safe-mode tag/,
        );
    });

    inBothModes("rejects a node in safe mode that still runs cron", async (mode) => {
        const f = restoredInSafeMode().setTag("erp-cron", "odoo:max-cron-threads", "2").setTag("erp-cron-lt", "odoo:max-cron-threads", "2");
        expectViolations(await diagnosticsOf(NAME, f, mode), 1, "mandatory", /group erp-cron \(maxSize 1\) runs cron \(max_cron_threads 2/);
    });
});
