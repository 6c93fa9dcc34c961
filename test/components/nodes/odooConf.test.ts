import { strict as assert } from "node:assert";
import { OdooConfDatabase, OdooConfSettings, SECRET_OPTIONS, odooConfSettings, renderOdooConf } from "../../../components/nodes/odooConf";
import { ODOO_CONF_OPTIONS, isOdooOption } from "../../../components/nodes/odooOptions";
import { OdooVersion, SUPPORTED_ODOO_VERSIONS } from "../../../components/contract/odooVersion";
import { GUIDE_WORKER_LIMITS } from "../../../components/contract/sizing";
import { NODE_ROLES, OdooRole } from "../../../components/contract/tags";
import { parseIniWithPython } from "../../harness/debianTools";
import { throwsArgumentError } from "../../harness/argumentErrors";

const database: OdooConfDatabase = {
    host: "erp.abc123.eu-west-1.rds.amazonaws.com",
    port: 5432,
    user: "odoo",
    name: "odoo",
    sslMode: "require",
};
const withReplica: OdooConfDatabase = { ...database, replicaHost: "erp-ro.abc123.eu-west-1.rds.amazonaws.com", replicaPort: 5433 };

function settings(overrides: Partial<OdooConfSettings> = {}, db: OdooConfDatabase = database): OdooConfSettings {
    return {
        ...odooConfSettings({ workers: 6, maxCronThreads: 2, limits: GUIDE_WORKER_LIMITS, limitTimeRealCron: 3600, dbMaxconn: 16 }, db),
        ...overrides,
    };
}

type Case = [role: OdooRole, version: OdooVersion, settings?: OdooConfSettings];

/** Renders each case and parses them all with Python's configparser, as Odoo reads them, in one process. */
function parsed(...cases: Case[]): Record<string, string>[] {
    return parseIniWithPython(cases.map(([role, version, s = settings()]) => renderOdooConf(role, s, version))).map((ini) => {
        assert.deepEqual(Object.keys(ini), ["options"]);
        return ini.options;
    });
}

describe("renderOdooConf", () => {
    it("only writes options the targeted Odoo version knows, for every node role", () => {
        const cases = SUPPORTED_ODOO_VERSIONS.flatMap((version) => NODE_ROLES.map((role) => ({ version, role })));
        const texts = cases.map(({ version, role }) =>
            renderOdooConf(role, settings({}, version === "17.0" ? database : withReplica), version),
        );
        const inis = parseIniWithPython(texts);
        inis.forEach((ini, i) => {
            const { version, role } = cases[i];
            const unknown = Object.keys(ini.options).filter((key) => !isOdooOption(version, key));
            assert.deepEqual(unknown, [], `${role} on ${version} writes options ${version} does not know`);
        });
    });

    it("sets max_cron_threads = 0 on HTTP nodes, whatever the settings say", () => {
        for (const options of parsed(...SUPPORTED_ODOO_VERSIONS.map((v): Case => ["http", v, settings({ maxCronThreads: 4 })]))) {
            assert.equal(options.max_cron_threads, "0");
            assert.equal(options.limit_time_real_cron, undefined);
        }
    });

    it("puts cron on an HTTP node only through the explicit httpCronThreads opt-out, with its time limit", () => {
        const [options] = parsed(["http", "18.0", settings({ maxCronThreads: 4, httpCronThreads: 1, limitTimeRealCron: 3600 })]);
        assert.equal(options.max_cron_threads, "1");
        assert.equal(options.limit_time_real_cron, "3600");
    });

    it("gives the cron and http+cron nodes cron workers and a raised limit_time_real_cron", () => {
        const cases = SUPPORTED_ODOO_VERSIONS.flatMap((v) =>
            (["cron", "http+cron"] as const).map((role): Case => [role, v, settings({ maxCronThreads: 3, limitTimeRealCron: 7200 })]),
        );
        for (const options of parsed(...cases)) {
            assert.equal(options.max_cron_threads, "3");
            assert.equal(options.limit_time_real_cron, "7200");
            assert.equal(options.db_name, "odoo");
        }
    });

    it("refuses a cron node without cron workers", () => {
        throwsArgumentError(() => renderOdooConf("cron", settings({ maxCronThreads: 0 }), "18.0"), { property: "maxCronThreads" });
    });

    it("writes db_replica_host exactly on 18.0+ with a replica, and never an empty one", () => {
        const [with18, with19, ...without] = parsed(
            ["http", "18.0", settings({}, withReplica)],
            ["http", "19.0", settings({}, withReplica)],
            ["http", "18.0"],
            ["http", "19.0"],
            ["http", "17.0"],
        );
        for (const options of [with18, with19]) {
            assert.equal(options.db_replica_host, withReplica.replicaHost);
            assert.equal(options.db_replica_port, "5433");
        }
        for (const options of without) {
            assert.equal("db_replica_host" in options, false);
            assert.equal("db_replica_port" in options, false);
        }
        throwsArgumentError(() => renderOdooConf("http", settings({}, { ...database, replicaHost: "" }), "18.0"), {
            property: "database.replicaHost",
        });
    });

    it("refuses a replica on 17.0, which has no db_replica_host", () => {
        throwsArgumentError(() => renderOdooConf("http", settings({}, withReplica), "17.0"), {
            property: "database.replicaHost",
            message: /18\.0/,
        });
    });

    it("locks the node to one database behind a proxy: list_db off, proxy_mode on, a dbfilter", () => {
        const [options] = parsed(["http", "18.0"]);
        assert.equal(options.list_db, "False");
        assert.equal(options.proxy_mode, "True");
        assert.equal(options.dbfilter, "^odoo$");
        assert.equal(options.http_interface, "127.0.0.1");
        assert.equal(options.db_sslmode, "require");
    });

    it("keeps rpc among 19.0's server-wide modules, and adds extras after the defaults", () => {
        const [on19, withExtra] = parsed(["http", "19.0"], ["http", "18.0", settings({ serverWideModules: ["session_redis"] })]);
        assert.equal(on19.server_wide_modules, "base,rpc,web");
        assert.equal(withExtra.server_wide_modules, "base,web,session_redis");
    });

    it("takes worker limits and db_maxconn from the settings", () => {
        const [options] = parsed(["http", "18.0", settings({ workers: 9, dbMaxconn: 12 })]);
        assert.equal(options.workers, "9");
        assert.equal(options.db_maxconn, "12");
        assert.equal(options.limit_memory_hard, String(GUIDE_WORKER_LIMITS.memoryHard));
        assert.equal(options.limit_time_real, String(GUIDE_WORKER_LIMITS.timeReal));
    });

    it("turns demo data off where the version would install it (17.0, 18.0)", () => {
        const [on17, on18, on19] = parsed(["cron", "17.0"], ["cron", "18.0"], ["cron", "19.0"]);
        assert.equal(on17.without_demo, "all");
        assert.equal(on18.without_demo, "all");
        assert.equal("without_demo" in on19, false);
    });

    it("never writes a password: the node appends them at boot", () => {
        const cases = SUPPORTED_ODOO_VERSIONS.flatMap((version) => NODE_ROLES.map((role): Case => [role, version]));
        parsed(...cases).forEach((options, i) => {
            for (const secret of SECRET_OPTIONS) {
                assert.equal(secret in options, false, `${secret} in ${cases[i][0]}/${cases[i][1]}`);
            }
        });
    });

    it("refuses a value that would break the INI file", () => {
        throwsArgumentError(() => renderOdooConf("http", settings({ dbFilter: "^odoo$\nlist_db = True" }), "18.0"), {
            property: "dbfilter",
        });
    });

    it("refuses a role that does not run Odoo", () => {
        throwsArgumentError(() => renderOdooConf("lb", settings(), "18.0"), { property: "role" });
    });

    it("knows which options each version added or dropped", () => {
        assert.equal(isOdooOption("17.0", "db_replica_host"), false);
        assert.equal(isOdooOption("18.0", "db_replica_host"), true);
        assert.equal(isOdooOption("19.0", "without_demo"), false);
        assert.equal(isOdooOption("19.0", "with_demo"), true);
        for (const version of SUPPORTED_ODOO_VERSIONS) {
            assert.equal(new Set(ODOO_CONF_OPTIONS[version]).size, ODOO_CONF_OPTIONS[version].length, `duplicates in ${version}`);
        }
    });
});
