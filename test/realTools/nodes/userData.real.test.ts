/**
 * A node's own boot scripts, run in the sandbox (aws, docker, systemctl and odoo stubbed; psql
 * real) against a real PostgreSQL 15 that accepts TLS only, verified against a CA bundle as the
 * nodes verify RDS (`db_sslmode = verify-full`), with a non-superuser owner as on RDS.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderNginxConf } from "../../../components/nodes/nginxConf";
import { odooConfSettings, renderOdooConf } from "../../../components/nodes/odooConf";
import {
    BOOT_FATAL_MARK,
    BOOT_FATAL_STATUS,
    NODE_PATHS,
    NodeUserDataSpec,
    RestoredCopy,
    renderUserData,
} from "../../../components/nodes/userData";
import { NODE_CONTRACT, renderUpgradeNodeScript } from "../../../components/operations/operationScripts";
import { NODE_BOOT_FAILURE_METRIC } from "../../../components/operations/alarms";
import { GUIDE_WORKER_LIMITS } from "../../../components/contract/sizing";
import { OdooRole } from "../../../components/contract/tags";
import { NodeSandbox, withNodeSandbox } from "../../harness/nodeSandbox";
import { RealPostgres, TestPki, makeTestPki, requireRealTool, scratch, startPostgres } from "../realServices";

/** What a shell or an INI reader would mangle; RDS-safe generation avoids most, the scripts must survive all. */
const DB_PASSWORD = "p4$$'w0rd\"`id`;|&%(x) =";
const ADMIN_PASSWORD = "AdminPassword0123456789abcdefXYZ";
const DB_NAME = "odoo_real";
const SECRET = (name: string) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}-AbCdEf`;

/**
 * A fake `odoo` Python package with what the addons check imports: manifests of the addons named
 * in FAKE_ADDONS (JSON: name → depends), nothing else.
 */
function fakeOdooPackage(dir: string): string {
    const pkg = join(dir, "fake-odoo");
    mkdirSync(join(pkg, "odoo/modules"), { recursive: true });
    mkdirSync(join(pkg, "odoo/tools"), { recursive: true });
    writeFileSync(join(pkg, "odoo/__init__.py"), "");
    writeFileSync(join(pkg, "odoo/modules/__init__.py"), "");
    writeFileSync(
        join(pkg, "odoo/modules/module.py"),
        [
            "import json, os",
            "def initialize_sys_path():",
            "    pass",
            "def get_manifest(name):",
            "    addons = json.loads(os.environ['FAKE_ADDONS'])",
            "    return {'depends': addons[name]} if name in addons else {}",
            "",
        ].join("\n"),
    );
    writeFileSync(
        join(pkg, "odoo/tools/__init__.py"),
        [
            "class _Config:",
            "    def parse_config(self, args):",
            "        assert args[0] == '-c' and os.path.exists(args[1])",
            "import os",
            "config = _Config()",
            "",
        ].join("\n"),
    );
    return pkg;
}

describe("a node's boot scripts against a real PostgreSQL over verified TLS", function () {
    this.timeout(120_000);
    let dir: ReturnType<typeof scratch>;
    let pki: TestPki;
    let pg: RealPostgres;
    let fakeOdoo: string;

    before(async function () {
        requireRealTool(this, "postgresql");
        dir = scratch("pg");
        pki = makeTestPki(dir.dir);
        pg = await startPostgres(dir.dir, pki);
        // As on RDS: the application's user owns what it creates, may create databases, and is no superuser.
        pg.psql("CREATE ROLE odoo LOGIN CREATEDB PASSWORD :'pw';", "postgres", { pw: DB_PASSWORD });
        fakeOdoo = fakeOdooPackage(dir.dir);
    });

    after(async () => {
        await pg?.stop();
        dir?.remove();
    });

    function spec(role: OdooRole, dbName = DB_NAME): NodeUserDataSpec {
        return {
            role,
            version: "18.0",
            image: "odoo:18.0",
            odooConf: renderOdooConf(
                role,
                odooConfSettings(
                    { workers: 2, maxCronThreads: 1, limits: GUIDE_WORKER_LIMITS, limitTimeRealCron: 3600, dbMaxconn: 8 },
                    { host: "127.0.0.1", port: pg.port, user: "odoo", name: dbName, sslMode: "verify-full" },
                ),
                "18.0",
            ),
            nginxConf: role === OdooRole.Cron ? undefined : renderNginxConf(),
            region: "eu-west-1",
            dbName,
            dbPasswordSecretArn: SECRET("erp-db"),
            dbCaBundleUrl: "https://truststore.pki.rds.amazonaws.com/eu-west-1/eu-west-1-bundle.pem",
            adminPasswordSecretArn: SECRET("erp-admin"),
            modules: ["base", "fs_storage", "fs_attachment", "fs_attachment_s3"],
            logGroupName: "/odoo/erp/prod/erp-nodes",
        };
    }

    /** The aws CLI: Secrets Manager answers as OdooDatabase's secret looks; everything else is recorded. */
    const AWS_STUB = `#!/bin/bash
echo "aws $*" >>"$CALLS"
case "$*" in
  *secretsmanager*erp-db*) printf '%s\\n' "$DB_SECRET_JSON" ;;
  *secretsmanager*erp-admin*) echo "$ADMIN_PASSWORD" ;;
  *describe-tags*) echo erp-prod-cron ;;
esac
`;

    /** A cron node whose secrets step already ran for real and whose CA bundle is in place, as after prepare. */
    function booted(
        role: OdooRole,
        body: (sandbox: NodeSandbox, run: (argv: string[], env?: Record<string, string>) => ReturnType<NodeSandbox["run"]>) => void,
        dbName = DB_NAME,
        restored?: RestoredCopy,
    ) {
        withNodeSandbox(
            renderUserData({ ...spec(role, dbName), restored }),
            {},
            {
                aws: AWS_STUB,
                psql: "",
                chown: "#!/bin/bash\n",
                // The real one would wait for a boot that never happens here.
                "cloud-init": '#!/bin/bash\necho "cloud-init $*" >>"$CALLS"\n',
            },
            (sandbox) => {
                writeFileSync(sandbox.at(NODE_PATHS.dbCa), readFileSync(pki.caFile));
                writeFileSync(sandbox.at("/run/odoo-aws/uid"), "100\n");
                const run = (argv: string[], env: Record<string, string> = {}) =>
                    sandbox.run(["bash", "-c", `set -a; . ${sandbox.at(NODE_PATHS.env)}; set +a; exec "$@"`, "node", ...argv], {
                        DB_SECRET_JSON: JSON.stringify({ username: "odoo", password: DB_PASSWORD }),
                        ADMIN_PASSWORD,
                        PYTHONPATH: fakeOdoo,
                        FAKE_ADDONS: JSON.stringify({
                            base: [],
                            fs_storage: ["base", "server_environment"],
                            server_environment: ["base"],
                            fs_attachment: ["fs_storage"],
                            fs_attachment_s3: ["fs_attachment"],
                        }),
                        ...env,
                    });
                const secrets = run([sandbox.at(NODE_PATHS.secrets)]);
                assert.equal(secrets.status, 0, secrets.stderr);
                body(sandbox, run);
            },
        );
    }

    it("renders the runtime odoo.conf from Secrets Manager: the password survives quoting, mode 0400, no session env without Redis", () => {
        booted(OdooRole.Cron, (sandbox) => {
            const conf = readFileSync(sandbox.at("/run/odoo-aws/odoo.conf"), "utf8");
            assert.ok(conf.endsWith(`db_password = ${DB_PASSWORD}\nadmin_passwd = ${ADMIN_PASSWORD}\n`));
            assert.equal(statSync(sandbox.at("/run/odoo-aws/odoo.conf")).mode & 0o777, 0o400);
            assert.equal(readFileSync(sandbox.at("/run/odoo-aws/odoo.env"), "utf8"), "");
        });
    });

    it("prepares the database as Odoo would have created it: C collation, pg_trgm and unaccent, owned by a non-superuser", () => {
        booted(OdooRole.Cron, (sandbox, run) => {
            const db = run([sandbox.at(NODE_PATHS.db)]);
            assert.equal(db.status, 0, db.stdout + db.stderr);
            assert.equal(
                pg.psql(`SELECT datcollate || ' ' || pg_get_userbyid(datdba) FROM pg_database WHERE datname = '${DB_NAME}'`).trim(),
                "C odoo",
            );
            assert.equal(
                pg.psql("SELECT string_agg(extname, ',' ORDER BY extname) FROM pg_extension WHERE extname <> 'plpgsql'", DB_NAME).trim(),
                "pg_trgm,unaccent",
            );
            assert.equal(pg.psql("SELECT rolsuper FROM pg_roles WHERE rolname = 'odoo'").trim(), "f");
            // The first install then ran once, for every module, through the node's own odoo.conf.
            const installs = sandbox.dockerCalls().filter((c) => c.includes("-i") && c.includes("--stop-after-init"));
            assert.equal(installs.length, 1);
            assert.ok(installs[0].includes("base,fs_storage,fs_attachment,fs_attachment_s3"), installs[0].join(" "));
            assert.match(readFileSync(sandbox.at(NODE_PATHS.bootLog), "utf8"), /odoo -c \/etc\/odoo\/odoo.conf -i base,fs_storage/);
            // Then, before anything serves, the admin user's password "admin" is replaced.
            assert.deepEqual(sandbox.shellScripts(), [readFileSync(sandbox.at(NODE_PATHS.adminLogin), "utf8").split("\n")[0]]);
        });
    });

    for (const [given, outcome] of [
        [ADMIN_PASSWORD, "sets"],
        ["admin", "refuses"],
        ["", "refuses"],
    ] as const) {
        it(`${outcome} the admin user's password from odoo.conf's admin_passwd ${given ? `"${given.slice(0, 8)}…"` : "(empty)"}, run by a real python3 as odoo shell runs it`, function () {
            requireRealTool(this, "python3");
            booted(OdooRole.Cron, (sandbox) => {
                const harness = [
                    "import sys, types",
                    "user = types.SimpleNamespace(password=None)",
                    "cr = types.SimpleNamespace(commits=0)",
                    "cr.commit = lambda: setattr(cr, 'commits', cr.commits + 1)",
                    "env = types.SimpleNamespace(cr=cr, ref=lambda xmlid: user if xmlid == 'base.user_admin' else None)",
                    "odoo = types.SimpleNamespace(tools=types.SimpleNamespace(config={'admin_passwd': sys.argv[1]}))",
                    "try:",
                    "    exec(open(sys.argv[2]).read(), {'env': env, 'odoo': odoo})",
                    "except SystemExit as e:",
                    "    print('refused:', e); print('password:', user.password); sys.exit(3)",
                    "print('password:', user.password, 'commits:', cr.commits)",
                ].join("\n");
                const run = spawnSync("python3", ["-c", harness, given, sandbox.at(NODE_PATHS.adminLogin)], { encoding: "utf8" });
                if (outcome === "sets") {
                    assert.equal(run.status, 0, run.stderr);
                    assert.equal(
                        run.stdout.split("\n").find((l) => l.startsWith("password:")),
                        `password: ${given} commits: 1`,
                    );
                } else {
                    assert.equal(run.status, 3, run.stdout + run.stderr);
                    assert.match(run.stdout, /refused: odoo-aws: odoo.conf has no admin secret/);
                    assert.match(run.stdout, /password: None/);
                }
            });
        });
    }

    it("prepares an existing database (as RDS creates it) without touching it twice, and installs nothing once the modules are in", () => {
        pg.psql("CREATE DATABASE odoo_rds OWNER odoo");
        booted(
            OdooRole.Cron,
            (sandbox, run) => {
                assert.equal(run([sandbox.at(NODE_PATHS.db)]).status, 0);
                assert.equal(pg.psql("SELECT count(*) FROM pg_extension WHERE extname IN ('pg_trgm', 'unaccent')", "odoo_rds").trim(), "2");
                // What `-i` leaves behind, in the shape the scripts read.
                pg.psql(
                    "CREATE TABLE ir_module_module (name varchar PRIMARY KEY, state varchar); " +
                        "INSERT INTO ir_module_module VALUES ('base','installed'),('fs_storage','installed'),('fs_attachment','installed'),('fs_attachment_s3','installed'); " +
                        "ALTER TABLE ir_module_module OWNER TO odoo;",
                    "odoo_rds",
                );
                const before = sandbox.dockerCalls().length;
                const scripts = sandbox.shellScripts().length;
                const again = run([sandbox.at(NODE_PATHS.db)]);
                assert.equal(again.status, 0, again.stderr);
                const later = sandbox.dockerCalls().slice(before);
                assert.ok(!later.some((c) => c.includes("-i") && c.includes("--stop-after-init")), "no second install");
                assert.equal(sandbox.shellScripts().length, scripts, "an installed database's admin password is left alone");
            },
            "odoo_rds",
        );
    });

    it("lets an HTTP node through once the cron node installed everything", () => {
        pg.psql("CREATE DATABASE odoo_http OWNER odoo");
        pg.psql(
            "CREATE TABLE ir_module_module (name varchar, state varchar); INSERT INTO ir_module_module SELECT unnest(ARRAY['base','fs_storage','fs_attachment','fs_attachment_s3']), 'installed'; " +
                "ALTER TABLE ir_module_module OWNER TO odoo;",
            "odoo_http",
        );
        booted(
            OdooRole.Http,
            (sandbox, run) => {
                const r = run([sandbox.at(NODE_PATHS.db)]);
                assert.equal(r.status, 0, r.stderr);
                assert.ok(!sandbox.dockerCalls().some((c) => c.includes("-i") && c.includes("--stop-after-init")));
            },
            "odoo_http",
        );
    });

    it("stops for good when the image lacks an addon (OCA server_environment for fs_storage): a FATAL line, a metric, no install", () => {
        booted(
            OdooRole.Cron,
            (sandbox, run) => {
                const r = run([sandbox.at(NODE_PATHS.db)], {
                    FAKE_ADDONS: JSON.stringify({
                        base: [],
                        fs_storage: ["base", "server_environment"],
                        fs_attachment: ["fs_storage"],
                        fs_attachment_s3: ["fs_attachment"],
                    }),
                });
                assert.equal(r.status, BOOT_FATAL_STATUS);
                // The boot steps copy both streams to the boot log, and on to the journal through stdout.
                assert.ok(r.stdout.includes(`${BOOT_FATAL_MARK} odoo:18.0 lacks the addons server_environment`), r.stdout);
                assert.match(readFileSync(sandbox.at(NODE_PATHS.bootLog), "utf8"), /FATAL: odoo:18.0 lacks the addons server_environment/);
                assert.match(
                    readFileSync(sandbox.calls, "utf8"),
                    new RegExp(
                        `aws cloudwatch put-metric-data .*--metric-name ${NODE_BOOT_FAILURE_METRIC} --dimensions AutoScalingGroupName=erp-prod-cron --value 1`,
                    ),
                );
                assert.ok(!sandbox.dockerCalls().some((c) => c.includes("--stop-after-init")), "nothing installed");
                // odoo.service does not retry what a retry cannot fix.
                assert.match(renderUserData(spec(OdooRole.Cron)), new RegExp(`RestartPreventExitStatus=${BOOT_FATAL_STATUS}\\n`));
            },
            "odoo_missing_addon",
        );
    });

    it("prepares a restored copy once on the cron node (neutralize, its own URL and database.uuid, the record); HTTP nodes wait for the record", () => {
        // ir_config_parameter as Odoo creates it: the restore steps write it as Odoo's own code would.
        pg.psql("CREATE DATABASE odoo_copy OWNER odoo");
        pg.psql(
            "CREATE TABLE ir_config_parameter (id serial PRIMARY KEY, key varchar NOT NULL, value text NOT NULL, " +
                "create_uid int, create_date timestamp, write_uid int, write_date timestamp, CONSTRAINT ir_config_parameter_key_uniq UNIQUE (key)); " +
                "INSERT INTO ir_config_parameter (key, value) VALUES ('web.base.url', 'https://erp.example.com'), ('database.uuid', 'the-source-uuid'); " +
                "ALTER TABLE ir_config_parameter OWNER TO odoo;",
            "odoo_copy",
        );
        const restored: RestoredCopy = { from: "snapshot:erp-before-migration", safeMode: true, baseUrl: "https://drill.example.com" };
        const parameters = () =>
            Object.fromEntries(
                pg
                    .psql("SELECT key || '=' || value FROM ir_config_parameter ORDER BY key", "odoo_copy")
                    .trim()
                    .split("\n")
                    .map((line) => line.split("=", 2) as [string, string]),
            );
        const neutralized = (sandbox: NodeSandbox) => sandbox.dockerCalls().filter((c) => c.includes("neutralize")).length;
        booted(
            OdooRole.Http,
            (sandbox, run) => {
                // Not prepared yet: the HTTP node keeps waiting (cut short here), and neutralizes nothing itself.
                const waiting = run(["timeout", "3", sandbox.at(NODE_PATHS.restoreSteps)]);
                assert.equal(waiting.status, 124, waiting.stdout + waiting.stderr);
                assert.match(waiting.stdout, /waiting for the cron node to prepare the restored copy/);
                assert.equal(neutralized(sandbox), 0);
            },
            "odoo_copy",
            restored,
        );
        booted(
            OdooRole.Cron,
            (sandbox, run) => {
                const first = run([sandbox.at(NODE_PATHS.restoreSteps)]);
                assert.equal(first.status, 0, first.stdout + first.stderr);
                assert.equal(neutralized(sandbox), 1);
                assert.ok(
                    sandbox.dockerCalls().some((c) => c.join(" ").endsWith("neutralize -c /etc/odoo/odoo.conf -d odoo_copy")),
                    "Odoo's own neutralize, on the copy, through the node's odoo.conf",
                );
                const after = parameters();
                assert.equal(after["web.base.url"], "https://drill.example.com");
                assert.notEqual(after["database.uuid"], "the-source-uuid");
                assert.match(after["database.uuid"], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
                assert.equal(after["odoo_aws.restored_from"], "snapshot:erp-before-migration");
                // Every later start finds the record and leaves the copy alone.
                const again = run([sandbox.at(NODE_PATHS.restoreSteps)]);
                assert.equal(again.status, 0, again.stderr);
                assert.equal(neutralized(sandbox), 1);
                assert.deepEqual(parameters(), after);
            },
            "odoo_copy",
            restored,
        );
        booted(
            OdooRole.Http,
            (sandbox, run) => {
                const through = run([sandbox.at(NODE_PATHS.restoreSteps)]);
                assert.equal(through.status, 0, through.stdout + through.stderr);
                assert.equal(neutralized(sandbox), 0);
            },
            "odoo_copy",
            restored,
        );
    });

    it("runs OdooUpgrade's node script on an empty database (initialise) and on an initialised one (upgrade), asking the real server", () => {
        const upgrade = renderUpgradeNodeScript({
            odooVersion: "18.0",
            image: "odoo:18.0",
            databaseName: "odoo_upgrade",
            modules: ["sale"],
        });
        pg.psql("CREATE DATABASE odoo_upgrade OWNER odoo");
        booted(
            OdooRole.Cron,
            (sandbox) => {
                writeFileSync(join(sandbox.root, "service-active"), "");
                const env = {
                    DB_SECRET_JSON: JSON.stringify({ username: "odoo", password: DB_PASSWORD }),
                    ADMIN_PASSWORD,
                };
                const odooRuns = () =>
                    sandbox
                        .dockerCalls()
                        .filter((c) => c[0] === "run" && c[c.indexOf("--entrypoint") + 1] === "odoo")
                        .map((c) => c.slice(c.indexOf("--entrypoint") + 3).join(" "))
                        // The script first asks the new image for its version.
                        .filter((args) => args !== "-c /etc/odoo/odoo.conf --version");
                const empty = sandbox.run(["sh", "-c", sandbox.relocate(upgrade)], env);
                assert.equal(empty.status, 0, empty.stdout + empty.stderr);
                assert.deepEqual(odooRuns(), [
                    "-c /etc/odoo/odoo.conf -d odoo_upgrade -i base --without-demo=all --stop-after-init --no-http",
                    "shell -c /etc/odoo/odoo.conf -d odoo_upgrade --no-http",
                    "-c /etc/odoo/odoo.conf -d odoo_upgrade -u sale --stop-after-init --no-http",
                ]);
                assert.deepEqual(sandbox.shellScripts(), [readFileSync(sandbox.at(NODE_PATHS.adminLogin), "utf8").split("\n")[0]]);
                pg.psql(
                    "CREATE TABLE ir_module_module (name varchar, state varchar); ALTER TABLE ir_module_module OWNER TO odoo;",
                    "odoo_upgrade",
                );
                writeFileSync(join(sandbox.root, "service-active"), "");
                const initialised = sandbox.run(["sh", "-c", sandbox.relocate(upgrade)], env);
                assert.equal(initialised.status, 0, initialised.stdout + initialised.stderr);
                assert.deepEqual(odooRuns().slice(3), ["-c /etc/odoo/odoo.conf -d odoo_upgrade -u sale --stop-after-init --no-http"]);
                assert.ok(readFileSync(sandbox.calls, "utf8").includes(`systemctl start ${NODE_CONTRACT.service}`));
            },
            "odoo_upgrade",
        );
    });
});
