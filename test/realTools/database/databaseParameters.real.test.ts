/**
 * The DB parameter groups' values, offered to a real PostgreSQL 15 (the nearest major Debian
 * ships; RDS runs 15–17): every name exists, every value passes the server's own validation
 * (ALTER SYSTEM checks type, unit and range), and the apply method matches the parameter's
 * context (RDS applies only dynamic parameters immediately; a `postmaster` one needs a reboot).
 */
import { strict as assert } from "node:assert";
import { DATABASE_INSTANCE_CLASSES } from "../../../components/contract/catalog";
import { DATABASE_ENGINES, databaseParameters } from "../../../components/database/databaseParameters";
import { RealPostgres, makeTestPki, requireRealTool, scratch, startPostgres } from "../realServices";

/** RDS-only parameters with no PostgreSQL counterpart; `rds.force_ssl = 1` is what the tier's hostssl-only pg_hba.conf does. */
const RDS_ONLY = /^rds\./;

describe("the DB parameter groups against a real PostgreSQL", function () {
    this.timeout(60_000);
    let dir: ReturnType<typeof scratch>;
    let pg: RealPostgres;

    before(async function () {
        requireRealTool(this, "postgresql");
        dir = scratch("params");
        pg = await startPostgres(dir.dir, makeTestPki(dir.dir));
    });

    after(async () => {
        await pg?.stop();
        dir?.remove();
    });

    const classes = [DATABASE_INSTANCE_CLASSES[0].name, DATABASE_INSTANCE_CLASSES[DATABASE_INSTANCE_CLASSES.length - 1].name];
    const plans = DATABASE_ENGINES.flatMap((engine) =>
        classes.map((instanceClass) => {
            const plan = databaseParameters(engine, instanceClass);
            return { label: `${engine} on ${instanceClass}`, parameters: [...plan.instance, ...plan.cluster] };
        }),
    );

    for (const { label, parameters } of plans) {
        it(`accepts every value of ${label}, with an apply method that fits the parameter's context`, () => {
            const checked = parameters.filter((p) => !RDS_ONLY.test(p.name));
            assert.ok(checked.length >= 4, "the group has PostgreSQL parameters to check");
            for (const p of checked) {
                const context = pg.psql("SELECT context FROM pg_settings WHERE name = :'name'", "postgres", { name: p.name }).trim();
                assert.notEqual(context, "", `${p.name} is a PostgreSQL 15 parameter`);
                assert.equal(
                    p.applyMethod === "pending-reboot",
                    context === "postmaster",
                    `${p.name} (${context}) is applied ${p.applyMethod}`,
                );
                // ALTER SYSTEM validates the value as the server would read it from its configuration.
                pg.psql(`ALTER SYSTEM SET ${p.name} = :'value'`, "postgres", { value: p.value });
            }
            pg.psql("SELECT pg_reload_conf()");
            for (const p of checked.filter((x) => x.applyMethod === "immediate")) {
                const shown = pg.psql("SELECT setting FROM pg_settings WHERE name = :'name'", "postgres", { name: p.name }).trim();
                const boolean = { "1": "on", "0": "off" }[p.value];
                assert.ok(shown === p.value || shown === boolean, `${p.name}: set ${p.value}, the server runs ${shown}`);
            }
            pg.psql("ALTER SYSTEM RESET ALL");
            pg.psql("SELECT pg_reload_conf()");
        });
    }
});
