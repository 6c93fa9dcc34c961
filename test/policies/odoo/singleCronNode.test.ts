import { strict as assert } from "node:assert";
import { ODOO_DEFAULT_MAX_CRON_THREADS } from "../../../policies/support/nodeUserDataReader";
import { FIXTURE_TYPES, base64, cloudConfig, computed, odooConf, productionCluster, singleNodeCluster } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const NAME = "odoo-single-cron-node";
const verdict = (f: Parameters<typeof diagnosticsOf>[1], mode: Parameters<typeof diagnosticsOf>[2], config?: Record<string, unknown>) =>
    diagnosticsOf(NAME, f, mode, config ? { config: { [NAME]: config } } : {});

describe(NAME, () => {
    inBothModes("accepts one dedicated cron group next to an HTTP fleet", async (mode) => {
        expectNone(await verdict(productionCluster(), mode));
    });

    inBothModes("accepts one http+cron node in single-node mode", async (mode) => {
        expectNone(await verdict(singleNodeCluster(), mode));
    });

    inBothModes("rejects a stack whose cron ASG can grow past one instance", async (mode) => {
        const f = productionCluster().mutate("erp-cron", (p) => (p.maxSize = 2));
        expectViolations(await verdict(f, mode), 1, "mandatory", /can run 2 cron nodes/, /erp-cron \(maxSize 2\)/);
    });

    inBothModes("rejects an HTTP fleet tagged to run cron: every instance of it is a cron node", async (mode) => {
        const f = productionCluster().setTag("erp-http", "odoo:max-cron-threads", "1");
        expectViolations(
            await verdict(f, mode),
            1,
            "mandatory",
            /can run 9 cron nodes/,
            /erp-http \(maxSize 8\): max_cron_threads 1 from its odoo:max-cron-threads tag/,
        );
    });

    it("counts a node without the max-cron-threads tag as cron until its odoo.conf is known (Odoo's default is 2)", async () => {
        const f = productionCluster()
            .setTag("erp-http", "odoo:max-cron-threads", undefined)
            .setTag("erp-http-lt", "odoo:max-cron-threads", undefined);
        // The HTTP group's user data is computed: in preview only the tags speak, and Odoo's default applies.
        const preview = await verdict(f, "preview");
        expectViolations(
            preview,
            1,
            "mandatory",
            /can run 9 cron nodes/,
            new RegExp(`Odoo's default max_cron_threads is ${ODOO_DEFAULT_MAX_CRON_THREADS}`),
        );
        // At the update the odoo.conf is known and says max_cron_threads = 0.
        expectNone(await verdict(f, "update"));
    });

    inBothModes("counts a group tagged http whose user data (a literal, known at preview) enables cron", async (mode) => {
        const conf = odooConf({ workers: 6, maxCronThreads: 1, dbMaxconn: 64, dbHost: "db" });
        const f = productionCluster().mutate("erp-http-lt", (p) => (p.userData = base64(cloudConfig(conf))));
        expectViolations(await verdict(f, mode), 1, "mandatory", /can run 9 cron nodes/, /max_cron_threads 1 from its odoo.conf/);
    });

    inBothModes("reads a base64-encoded odoo.conf without max_cron_threads as Odoo's default of 2", async (mode) => {
        const conf = "[options]\nworkers = 6\ndb_maxconn = 64\n";
        const f = productionCluster().mutate("erp-http-lt", (p) => (p.userData = base64(cloudConfig(conf, { encodeConf: true }))));
        expectViolations(await verdict(f, mode), 1, "mandatory", /can run 9 cron nodes/, /max_cron_threads 2 from its odoo.conf/);
    });

    it("judges computed user data once it is known: cron in an http group's odoo.conf passes preview on its tags and fails the update", async () => {
        const conf = odooConf({ workers: 6, maxCronThreads: 2, dbMaxconn: 64, dbHost: "db" });
        const f = productionCluster().mutate("erp-http-lt", (p) => (p.userData = computed(base64(cloudConfig(conf)))));
        expectNone(await verdict(f, "preview"));
        expectViolations(await verdict(f, "update"), 1, "mandatory", /can run 9 cron nodes/);
    });

    inBothModes("counts each standalone instance as one cron node", async (mode) => {
        const f = productionCluster();
        const cronTags = f.get("erp-cron-lt").props.tags as Record<string, string>;
        f.add({
            type: FIXTURE_TYPES.instance,
            name: "erp-reports",
            props: {
                instanceType: "m7g.large",
                metadataOptions: { httpTokens: "required" },
                rootBlockDevice: { encrypted: true },
                tags: { ...cronTags },
            },
        });
        expectViolations(await verdict(f, mode), 1, "mandatory", /can run 2 cron nodes/, /instance erp-reports/);
    });

    inBothModes("rejects a cluster whose nodes all have max_cron_threads = 0", async (mode) => {
        const f = productionCluster().remove("erp-cron");
        expectViolations(await verdict(f, mode), 1, "mandatory", /has no node that runs cron/, /allowNoCronNode/);
    });

    inBothModes("accepts no cron node when allowNoCronNode is configured", async (mode) => {
        const f = productionCluster().remove("erp-cron");
        expectNone(await verdict(f, mode, { allowNoCronNode: true }));
    });

    inBothModes("still rejects two cron nodes when allowNoCronNode is configured", async (mode) => {
        const f = productionCluster().mutate("erp-cron", (p) => (p.maxSize = 2));
        expectViolations(await verdict(f, mode, { allowNoCronNode: true }), 1, "mandatory", /can run 2 cron nodes/);
    });

    it("rejects a cron group whose maxSize is not known at preview instead of guessing", async () => {
        const f = productionCluster().mutate("erp-cron", (p) => (p.maxSize = computed(1)));
        expectViolations(
            await verdict(f, "preview"),
            1,
            "mandatory",
            /how many nodes cron-capable group erp-cron \(maxSize not known at preview\) can run at once is not known/,
        );
        expectNone(await verdict(f, "update"));
    });

    inBothModes("judges each cluster of the stack on its own", async (mode) => {
        const f = productionCluster()
            .with(singleNodeCluster())
            .mutate("sandbox-node", (p) => (p.maxSize = 3));
        const diagnostics = await verdict(f, mode);
        expectViolations(diagnostics, 1, "mandatory", /Cluster "sandbox" can run 3 cron nodes/);
        assert.ok(diagnostics[0].urn.endsWith("::sandbox-node"), diagnostics[0].urn);
    });

    inBothModes("leaves a cluster alone whose nodes live in another stack", async (mode) => {
        const f = productionCluster().remove("erp-http").remove("erp-cron");
        expectNone(await verdict(f, mode));
    });

    inBothModes("counts a cron group of one that refreshes launch-first (maxHealthyPercentage 200) as two cron nodes", async (mode) => {
        const f = productionCluster().mutate(
            "erp-cron",
            (p) => (p.instanceRefresh = { strategy: "Rolling", preferences: { minHealthyPercentage: 100, maxHealthyPercentage: 200 } }),
        );
        expectViolations(await verdict(f, mode), 1, "mandatory", /can run 2 cron nodes/, /instanceRefresh has maxHealthyPercentage 200/);
    });

    inBothModes("counts launch-first replacements of the instance maintenance policy too, even at 110 %", async (mode) => {
        const f = productionCluster().mutate(
            "erp-cron",
            (p) => (p.instanceMaintenancePolicy = { minHealthyPercentage: 90, maxHealthyPercentage: 110 }),
        );
        expectViolations(await verdict(f, mode), 1, "mandatory", /can run 2 cron nodes/, /instanceMaintenancePolicy/);
    });

    inBothModes("accepts a cron group of one that refreshes terminate-first (0 % / 100 %)", async (mode) => {
        const f = productionCluster().mutate("erp-cron", (p) => {
            p.instanceRefresh = { strategy: "Rolling", preferences: { minHealthyPercentage: 0, maxHealthyPercentage: 100 } };
            p.instanceMaintenancePolicy = { minHealthyPercentage: 0, maxHealthyPercentage: 100 };
        });
        expectNone(await verdict(f, mode));
    });

    inBothModes("leaves the HTTP fleet's launch-first refresh alone: it runs no cron", async (mode) => {
        const f = productionCluster().mutate(
            "erp-http",
            (p) => (p.instanceRefresh = { strategy: "Rolling", preferences: { minHealthyPercentage: 100, maxHealthyPercentage: 200 } }),
        );
        expectNone(await verdict(f, mode));
    });

    it("rejects a cron group whose refresh percentage is not known at preview instead of guessing", async () => {
        const f = productionCluster().mutate(
            "erp-cron",
            (p) => (p.instanceRefresh = { strategy: "Rolling", preferences: { maxHealthyPercentage: computed(100) } }),
        );
        expectViolations(await verdict(f, "preview"), 1, "mandatory", /maxHealthyPercentage\) is not known at preview/);
        expectNone(await verdict(f, "update"));
    });
});
