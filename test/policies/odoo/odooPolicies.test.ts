import { strict as assert } from "node:assert";
import { odooPolicies } from "../../../policies/odoo/odooPolicies";
import {
    MODES,
    computed,
    judge,
    productionCluster,
    productionClusterOnAurora,
    productionClusterOnS3,
    singleNodeCluster,
} from "../fixtures/odooStack";
import { TYPE } from "../../harness/resourceTypes";

describe("the odoo-aws policy pack", () => {
    it("describes every policy: a unique odoo- name, a description, an enforcement level, a severity and remediation steps", () => {
        const names = new Set<string>();
        for (const p of odooPolicies) {
            assert.match(p.name, /^odoo-[a-z0-9-]+$/);
            assert.ok(!names.has(p.name), `duplicate policy name ${p.name}`);
            names.add(p.name);
            assert.ok(p.description.length > 40, `${p.name} description`);
            assert.ok(p.enforcementLevel === "mandatory" || p.enforcementLevel === "advisory", `${p.name} level`);
            assert.ok(p.severity, `${p.name} severity`);
            assert.ok((p.remediationSteps ?? "").length > 40, `${p.name} remediation steps`);
        }
    });

    it("makes the architecture, security and durability policies mandatory and the capacity hints advisory", () => {
        const level = Object.fromEntries(odooPolicies.map((p) => [p.name, p.enforcementLevel]));
        for (const name of [
            "odoo-single-cron-node",
            "odoo-database-sized-for-users",
            "odoo-shared-filestore",
            "odoo-shared-sessions",
            "odoo-sticky-target-groups",
            "odoo-connection-budget",
            "odoo-database-encrypted-and-private",
            "odoo-database-durable",
            "odoo-filestore-protected",
            "odoo-session-cache-encrypted",
            "odoo-imdsv2-required",
            "odoo-node-volumes-encrypted",
            "odoo-no-secrets-in-user-data",
            "odoo-https-only-in-production",
            "odoo-restored-copy-safe",
        ]) {
            assert.equal(level[name], "mandatory", name);
        }
        for (const name of [
            "odoo-http-worker-capacity",
            "odoo-database-not-burstable",
            "odoo-multi-az-fleet",
            "odoo-websocket-routing",
            "odoo-backups-outside-region",
        ]) {
            assert.equal(level[name], "advisory", name);
        }
    });

    const compliant = {
        "the production cluster (EFS, RDS + replica, Valkey)": productionCluster,
        "the production cluster on S3": productionClusterOnS3,
        "the production cluster on Aurora": productionClusterOnAurora,
        "the single-node dev cluster": singleNodeCluster,
        "two clusters in one stack": () => productionCluster().with(singleNodeCluster()),
    };
    for (const [what, build] of Object.entries(compliant)) {
        for (const mode of MODES) {
            it(`passes ${what} without a single diagnostic (${mode})`, async () => {
                const result = await judge(build(), mode);
                assert.deepEqual(
                    result.diagnostics.map((d) => `${d.policyName}: ${d.message}`),
                    [],
                );
            });
        }
    }

    it("reads the contract's tags while a user tag beside them is unknown (map and ASG list)", async () => {
        const f = productionCluster().mutate("erp-db", (p) => ((p.tags as Record<string, unknown>).Owner = computed("team-erp")));
        f.mutate("erp-cron", (p) => (p.tags as unknown[]).push({ key: "Owner", value: computed("team-erp"), propagateAtLaunch: true }));
        f.mutate("erp-cron", (p) => (p.maxSize = 2));
        const result = await judge(f, "preview");
        assert.deepEqual(
            result.diagnostics.map((d) => d.policyName),
            ["odoo-single-cron-node"],
        );
    });

    it("leaves resources without odoo:* tags alone", async () => {
        const f = productionCluster();
        f.add({
            type: TYPE.dbInstance,
            name: "legacy-crm",
            props: { instanceClass: "db.t3.micro", publiclyAccessible: true, storageEncrypted: false },
        });
        f.add({
            type: TYPE.autoscalingGroup,
            name: "batch",
            props: { minSize: 0, maxSize: 10, tags: [{ key: "team", value: "data", propagateAtLaunch: true }] },
        });
        for (const mode of MODES) {
            const result = await judge(f, mode);
            assert.deepEqual(
                result.diagnostics.map((d) => d.message),
                [],
            );
        }
    });
});
