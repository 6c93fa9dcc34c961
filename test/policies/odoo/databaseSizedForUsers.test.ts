import { strict as assert } from "node:assert";
import { GUIDE_CAPACITY_TABLE } from "../../../components/contract/sizing";
import { OdooStackFixture, computed, productionCluster, productionClusterOnAurora, singleNodeCluster } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const NAME = "odoo-database-sized-for-users";
const verdict = (f: OdooStackFixture, mode: "preview" | "update", config?: Record<string, unknown>) =>
    diagnosticsOf(NAME, f, mode, config ? { config: { [NAME]: config } } : {});

/** Every resource of erp that carries tags, for re-declaring the users. */
function setUsersEverywhere(f: OdooStackFixture, users: string | undefined): OdooStackFixture {
    for (const r of f.resources) {
        if (r.props.tags) {
            f.setTag(r.name, "odoo:concurrent-users", users);
        }
    }
    return f;
}

describe(NAME, () => {
    inBothModes("accepts a 16 vCPU primary and one replica for 400 users", async (mode) => {
        expectNone(await verdict(productionCluster(), mode));
    });

    inBothModes("accepts an Aurora writer and reader of the right size", async (mode) => {
        expectNone(await verdict(productionClusterOnAurora(), mode));
    });

    inBothModes("accepts the smallest class for 30 users", async (mode) => {
        expectNone(await verdict(singleNodeCluster(), mode));
    });

    inBothModes("rejects a primary with fewer vCPU than the table gives for the declared users", async (mode) => {
        const f = productionCluster().mutate("erp-db", (p) => (p.instanceClass = "db.m7g.2xlarge"));
        expectViolations(
            await verdict(f, mode),
            1,
            "mandatory",
            /erp-db is db\.m7g\.2xlarge with 8 vCPU; 400 concurrent users need at least 16 vCPU \(e\.g\. db\.m7g\.4xlarge\)/,
        );
    });

    inBothModes("suggests a general-purpose class when the burstable family cannot reach the vCPU", async (mode) => {
        const f = productionCluster().mutate("erp-db", (p) => (p.instanceClass = "db.t4g.2xlarge"));
        expectViolations(
            await verdict(f, mode),
            1,
            "mandatory",
            /8 vCPU; 400 concurrent users need at least 16 vCPU \(e\.g\. db\.m7g\.4xlarge\)/,
        );
    });

    inBothModes("rejects fewer read replicas than the table gives, counting only database instances", async (mode) => {
        // The Route 53 zone of the replicas keeps its db-replica role tag: it is not a server.
        const f = productionCluster().remove("erp-db-replica-1");
        expectViolations(await verdict(f, mode), 1, "mandatory", /has 0 read replica\(s\); 400 concurrent users need at least 1/);
    });

    inBothModes("counts Aurora readers as replicas", async (mode) => {
        const f = productionClusterOnAurora().remove("erp-aurora-reader-1");
        expectViolations(await verdict(f, mode), 1, "mandatory", /has 0 read replica\(s\)/);
    });

    inBothModes("rejects a class outside the catalog, saying it cannot size it", async (mode) => {
        const f = productionCluster().mutate("erp-db", (p) => (p.instanceClass = "db.x2g.large"));
        expectViolations(
            await verdict(f, mode),
            1,
            "mandatory",
            /"db\.x2g\.large" is not in the package's catalog/,
            /at least 16 vCPU for 400 users/,
        );
    });

    it("rejects a primary class that is not known at preview instead of guessing", async () => {
        const f = productionCluster().mutate("erp-db", (p) => (p.instanceClass = computed("db.m7g.4xlarge")));
        expectViolations(await verdict(f, "preview"), 1, "mandatory", /instanceClass is not known at preview; it must be a literal/);
        expectNone(await verdict(f, "update"));
    });

    inBothModes("rejects a cluster that declares no concurrent users", async (mode) => {
        const f = setUsersEverywhere(productionCluster(), undefined);
        expectViolations(await verdict(f, mode), 1, "mandatory", /no resource of cluster "erp" declares odoo:concurrent-users/);
    });

    inBothModes("rejects resources of a cluster that disagree on the declared users", async (mode) => {
        const f = productionCluster().setTag("erp-db", "odoo:concurrent-users", "300");
        expectViolations(await verdict(f, mode), 1, "mandatory", /disagree on odoo:concurrent-users: 400 on .*; 300 on erp-db/);
    });

    inBothModes("rejects a database instance without the declaration when the rest of the cluster has it", async (mode) => {
        const f = productionCluster().setTag("erp-db-replica-1", "odoo:concurrent-users", undefined);
        expectViolations(
            await verdict(f, mode),
            1,
            "mandatory",
            /erp-db-replica-1 does not declare odoo:concurrent-users while the rest of cluster "erp" declares 400/,
        );
    });

    inBothModes("rejects declared users beyond the capacity table", async (mode) => {
        const f = setUsersEverywhere(productionCluster(), "6000");
        expectViolations(await verdict(f, mode), 1, "mandatory", /declares 6000 concurrent users; the capacity table covers 1 to 5000/);
    });

    inBothModes("rejects two primaries in one cluster", async (mode) => {
        const f = productionCluster().setTag("erp-db-replica-1", "odoo:role", "db-primary");
        const diagnostics = await verdict(f, mode);
        assert.ok(
            diagnostics.some((d) => /2 instances tagged db-primary \(erp-db, erp-db-replica-1\)/.test(d.message)),
            diagnostics.map((d) => d.message).join("\n"),
        );
    });

    inBothModes("rejects replicas without a primary", async (mode) => {
        const f = productionCluster().remove("erp-db");
        const diagnostics = await verdict(f, mode);
        assert.ok(diagnostics.some((d) => /has read replicas but no database instance tagged odoo:role=db-primary/.test(d.message)));
    });

    inBothModes("applies a configured capacity table instead of the guide's", async (mode) => {
        const tiers = GUIDE_CAPACITY_TABLE.tiers.map((t) => (t.maxUsers === 500 ? { ...t, databaseVcpu: 32, replicas: 2 } : t));
        const diagnostics = await verdict(productionCluster(), mode, { capacityTiers: tiers });
        assert.equal(diagnostics.length, 2, diagnostics.map((d) => d.message).join("\n"));
        assert.ok(diagnostics.some((d) => /need at least 32 vCPU/.test(d.message)));
        assert.ok(diagnostics.some((d) => /need at least 2/.test(d.message)));
    });

    it("refuses a configured table that does not reach 5000 users, naming the setting", async () => {
        const tiers = GUIDE_CAPACITY_TABLE.tiers.slice(0, 3);
        await assert.rejects(
            verdict(productionCluster(), "preview", { capacityTiers: tiers }),
            /odoo-database-sized-for-users\.capacityTiers.*5000/s,
        );
    });
});
