import { strict as assert } from "node:assert";
import { DATABASE_INSTANCE_CLASSES, maxConnectionsFor } from "../../../components/contract/catalog";
import {
    DEFAULT_POSTGRES_MAJOR,
    IDLE_IN_TRANSACTION_TIMEOUT_MS,
    SUPPORTED_POSTGRES_MAJORS,
    databaseParameters,
    mergeParameters,
    requireExtraParameters,
    requirePostgresVersion,
} from "../../../components/database/databaseParameters";
import { DEFAULT_CRON_TIME_LIMIT, GUIDE_WORKER_LIMITS } from "../../../components/contract/sizing";
import { throwsArgumentError } from "../../harness/argumentErrors";

function byName(params: { name: string; value: string; applyMethod: string }[]): Map<string, { value: string; applyMethod: string }> {
    return new Map(params.map((p) => [p.name, { value: p.value, applyMethod: p.applyMethod }]));
}

describe("PostgreSQL versions", () => {
    it("defaults to major 17, which both engines offer", () => {
        assert.equal(DEFAULT_POSTGRES_MAJOR, "17");
        assert.ok(SUPPORTED_POSTGRES_MAJORS.postgres.includes(DEFAULT_POSTGRES_MAJOR));
        assert.ok(SUPPORTED_POSTGRES_MAJORS["aurora-postgresql"].includes(DEFAULT_POSTGRES_MAJOR));
    });

    it("derives the parameter-group family from the major, with or without a minor", () => {
        assert.deepEqual(requirePostgresVersion("postgres", "17"), { engineVersion: "17", major: "17", family: "postgres17" });
        assert.deepEqual(requirePostgresVersion("postgres", "16.4"), { engineVersion: "16.4", major: "16", family: "postgres16" });
        assert.equal(requirePostgresVersion("aurora-postgresql", "15.10").family, "aurora-postgresql15");
    });

    it("accepts nothing older than 14: Odoo 19 needs 13+, and 13 left RDS standard support", () => {
        for (const v of ["9.6", "12", "13", "13.20"]) {
            throwsArgumentError(() => requirePostgresVersion("postgres", v), { property: "engineVersion", accepted: /14, 15, 16, 17, 18/ });
        }
    });

    it("rejects a version that is not a number", () => {
        for (const v of ["latest", "17.x", 17, "", undefined]) {
            throwsArgumentError(() => requirePostgresVersion("postgres", v), { property: "engineVersion", value: v });
        }
    });
});

describe("the Odoo parameter group", () => {
    it("sets max_connections to the catalog's value of the class, applied at reboot (it is static)", () => {
        for (const c of DATABASE_INSTANCE_CLASSES) {
            const params = byName(databaseParameters("postgres", c.name).instance);
            assert.deepEqual(
                params.get("max_connections"),
                { value: String(maxConnectionsFor(c.name)), applyMethod: "pending-reboot" },
                c.name,
            );
        }
    });

    it("forces TLS, logs slow statements and lock waits, and tunes the planner for SSD storage", () => {
        const params = byName(databaseParameters("postgres", "db.m7g.xlarge").instance);
        assert.equal(params.get("rds.force_ssl")?.value, "1");
        assert.equal(params.get("log_min_duration_statement")?.value, "1000");
        assert.equal(params.get("log_lock_waits")?.value, "1");
        assert.equal(params.get("random_page_cost")?.value, "1.1");
        for (const name of ["rds.force_ssl", "log_min_duration_statement", "log_lock_waits", "random_page_cost"]) {
            assert.equal(params.get(name)?.applyMethod, "immediate", name);
        }
    });

    it("ends idle transactions only after the longest an Odoo worker may run", () => {
        const params = byName(databaseParameters("postgres", "db.m7g.xlarge").instance);
        const timeoutMs = Number(params.get("idle_in_transaction_session_timeout")?.value);
        assert.equal(timeoutMs, IDLE_IN_TRANSACTION_TIMEOUT_MS);
        assert.ok(timeoutMs >= GUIDE_WORKER_LIMITS.timeReal * 1000);
        assert.ok(timeoutMs >= DEFAULT_CRON_TIME_LIMIT * 1000);
    });

    it("splits Aurora's settings: cluster-level in the cluster group, max_connections per instance", () => {
        const plan = databaseParameters("aurora-postgresql", "db.r7g.large");
        assert.deepEqual(
            plan.instance.map((p) => p.name),
            ["max_connections"],
        );
        const cluster = byName(plan.cluster);
        assert.equal(cluster.get("rds.force_ssl")?.value, "1");
        assert.ok(!cluster.has("max_connections"));
        assert.ok(!cluster.has("random_page_cost"), "Aurora storage keeps its own planner cost");
    });

    it("puts everything into one group on RDS for PostgreSQL", () => {
        assert.deepEqual(databaseParameters("postgres", "db.t4g.medium").cluster, []);
    });

    it("lets a user's parameter override a package setting, applied at the next reboot", () => {
        const extra = requireExtraParameters({ work_mem: "16384", log_min_duration_statement: "250" });
        const params = byName(databaseParameters("postgres", "db.m7g.xlarge", extra).instance);
        assert.deepEqual(params.get("work_mem"), { value: "16384", applyMethod: "pending-reboot" });
        assert.deepEqual(params.get("log_min_duration_statement"), { value: "250", applyMethod: "pending-reboot" });
        assert.equal(
            mergeParameters(databaseParameters("postgres", "db.m7g.xlarge").instance, extra).filter(
                (p) => p.name === "log_min_duration_statement",
            ).length,
            1,
        );
    });

    it("refuses a user's max_connections: the class decides it so the connection budget holds", () => {
        throwsArgumentError(() => requireExtraParameters({ max_connections: "5000" }), {
            property: 'parameters["max_connections"]',
            accepted: /other than max_connections/,
        });
    });

    it("refuses malformed parameter names and empty or non-string values", () => {
        throwsArgumentError(() => requireExtraParameters({ "Work Mem": "1" }), { property: 'parameters["Work Mem"]' });
        throwsArgumentError(() => requireExtraParameters({ work_mem: 16 }), { property: 'parameters["work_mem"]' });
        throwsArgumentError(() => requireExtraParameters({ work_mem: "" }), { property: 'parameters["work_mem"]', value: "" });
        throwsArgumentError(() => requireExtraParameters(["work_mem"]), { property: "parameters" });
    });
});
