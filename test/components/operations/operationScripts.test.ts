import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
    NODE_CONTRACT,
    renderHealthGateScript,
    renderUpgradeDriverScript,
    renderUpgradeNodeScript,
    renderUpgradeParameters,
    shellQuote,
    UpgradeNodeScriptOptions,
} from "../../../components/operations/operationScripts";
import { shellcheck } from "../../harness/debianTools";
import { VIRTUAL_CLOCK_STUBS, elapsedSeconds, startClock } from "../../harness/virtualClock";

/** A scratch directory with executable stubs and the virtual clock, removed after the test. */
function withStubs(stubs: Record<string, string>, body: (dir: string, clock: { CLOCK: string }) => void): void {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "odoo-ops-"));
    try {
        for (const [name, text] of Object.entries({ ...VIRTUAL_CLOCK_STUBS, ...stubs })) {
            fs.writeFileSync(path.join(dir, name), text, { mode: 0o755 });
        }
        body(dir, startClock(dir));
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

function run(shell: string, script: string, env: Record<string, string>, dir: string) {
    return spawnSync(shell, ["-c", script], {
        encoding: "utf8",
        env: { PATH: `${dir}:/usr/bin:/bin`, HOME: dir, ...env },
        timeout: 60000,
    });
}

const nodeCases: UpgradeNodeScriptOptions[] = [
    { odooVersion: "17.0", image: "odoo:17.0", databaseName: "odoo", modules: [] },
    { odooVersion: "18.0", image: "odoo:18.0", databaseName: "odoo", modules: ["sale", "stock", "account_accountant"] },
    {
        odooVersion: "19.0",
        image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/erp/odoo:19.0-2026.11",
        databaseName: "erp.prod-1",
        modules: ["all"],
    },
    {
        odooVersion: "18.0",
        image: `registry.example.com:5000/odoo@sha256:${"a".repeat(64)}`,
        databaseName: "Company_DB",
        modules: Array.from({ length: 100 }, (_, i) => `module_${i}`),
    },
];

describe("operation scripts", () => {
    describe("shellcheck", () => {
        nodeCases.forEach((options) => {
            it(`passes the node upgrade script for ${options.odooVersion}, ${options.modules.length} module(s), ${options.image}`, () => {
                const { ok, output } = shellcheck({ "upgrade-node.sh": renderUpgradeNodeScript(options) }, "sh");
                assert.ok(ok, output);
            });
        });
        it("passes the upgrade driver", () => {
            const { ok, output } = shellcheck({ "upgrade-driver.sh": renderUpgradeDriverScript() });
            assert.ok(ok, output);
        });
        it("passes the health gate", () => {
            const { ok, output } = shellcheck({ "health-gate.sh": renderHealthGateScript() });
            assert.ok(ok, output);
        });
        it("catches a broken script (the check can fail)", () => {
            assert.equal(shellcheck({ broken: "echo $undefined_and_unquoted\n" }, "sh").ok, false);
        });
    });

    describe("the node upgrade script", () => {
        it("passes -i base with --without-demo=all on 17.0 and 18.0, and nothing about demo on 19.0", () => {
            assert.match(renderUpgradeNodeScript(nodeCases[0]), /-i base --without-demo=all --stop-after-init/);
            assert.match(renderUpgradeNodeScript(nodeCases[1]), /-i base --without-demo=all --stop-after-init/);
            assert.doesNotMatch(renderUpgradeNodeScript(nodeCases[2]), /demo/);
        });

        it("quotes every embedded value", () => {
            const script = renderUpgradeNodeScript(nodeCases[1]);
            assert.match(script, /^ODOO_IMAGE='odoo:18\.0'$/m);
            assert.match(script, /^modules='sale,stock,account_accountant'$/m);
            assert.equal(shellQuote("it's"), `'it'"'"'s'`);
        });

        it("stays small enough for an SSM parameter with 100 modules", () => {
            const params = renderUpgradeParameters(renderUpgradeNodeScript(nodeCases[3]), 3600);
            assert.ok(params.length < 8192, `parameters are ${params.length} bytes`);
            const parsed = JSON.parse(params);
            assert.deepEqual(parsed.executionTimeout, ["3600"]);
            assert.equal(parsed.commands[0], "#!/bin/sh");
        });

        // The script runs against stubs: odoo-run answers psql queries from STATE and logs its calls.
        const odooRunStub = `#!/bin/sh
echo "$*" >> "$CALLS"
case "$1" in
    psql)
        case "$*" in
            *pg_database*) echo " $DB_EXISTS" ;;
            *pg_tables*) echo " $TABLES" ;;
        esac ;;
    --version) echo "Odoo Server 18.0" ;;
    *) [ "$*" != "\${FAIL_ON:-never}" ] || exit 1 ;;
esac
`;
        const systemctlStub = `#!/bin/sh\necho "systemctl $*" >> "$CALLS"\n`;
        // The real cloud-init on a test machine would wait for a boot that never happens.
        const cloudInitStub = `#!/bin/sh\necho "cloud-init $*" >> "$CALLS"\n`;

        function runNode(options: UpgradeNodeScriptOptions, env: Record<string, string>) {
            let result: { status: number | null; calls: string[]; output: string } = { status: null, calls: [], output: "" };
            withStubs({ "odoo-run": odooRunStub, systemctl: systemctlStub, "cloud-init": cloudInitStub }, (dir, clock) => {
                const calls = path.join(dir, "calls");
                fs.writeFileSync(calls, "");
                fs.writeFileSync(path.join(dir, "adminlogin.py"), "# admin login script\n");
                const script = renderUpgradeNodeScript(options)
                    .split(NODE_CONTRACT.odooRun)
                    .join(path.join(dir, "odoo-run"))
                    .split(NODE_CONTRACT.adminLogin)
                    .join(path.join(dir, "adminlogin.py"));
                const r = run("sh", script, { CALLS: calls, ...clock, ...env }, dir);
                result = { status: r.status, calls: fs.readFileSync(calls, "utf8").trim().split("\n"), output: r.stdout + r.stderr };
            });
            return result;
        }

        it("initialises an empty database with -i base, then upgrades, and restarts Odoo", () => {
            const r = runNode(nodeCases[1], { DB_EXISTS: "1", TABLES: "0" });
            assert.equal(r.status, 0, r.output);
            const odoo = r.calls.filter((c) => c.startsWith("-d") || c.startsWith("odoo shell"));
            assert.deepEqual(odoo, [
                "-d odoo -i base --without-demo=all --stop-after-init --no-http",
                // The admin user's password "admin" replaced by the node's secret, read from odoo.conf.
                "odoo shell -c /etc/odoo/odoo.conf -d odoo --no-http",
                "-d odoo -u sale,stock,account_accountant --stop-after-init --no-http",
            ]);
            assert.deepEqual(
                r.calls.filter((c) => c.startsWith("systemctl")),
                ["systemctl stop odoo.service", "systemctl start odoo.service"],
            );
            assert.equal(r.calls[0], "cloud-init status --wait", "the node's own boot is awaited first");
        });

        it("treats a database that does not exist yet as empty", () => {
            const r = runNode(nodeCases[0], { DB_EXISTS: "0", TABLES: "unused" });
            assert.equal(r.status, 0, r.output);
            assert.deepEqual(
                r.calls.filter((c) => c.startsWith("-d") || c.startsWith("odoo shell")),
                ["-d odoo -i base --without-demo=all --stop-after-init --no-http", "odoo shell -c /etc/odoo/odoo.conf -d odoo --no-http"],
            );
        });

        it("never runs -i base on an initialised database", () => {
            const r = runNode(nodeCases[1], { DB_EXISTS: "1", TABLES: "1" });
            assert.equal(r.status, 0, r.output);
            assert.deepEqual(
                r.calls.filter((c) => c.startsWith("-d") || c.startsWith("odoo shell")),
                ["-d odoo -u sale,stock,account_accountant --stop-after-init --no-http"],
                "and leaves the admin user's password alone",
            );
        });

        it("fails when the upgrade fails, and still starts Odoo again", () => {
            const r = runNode(nodeCases[1], {
                DB_EXISTS: "1",
                TABLES: "1",
                FAIL_ON: "-d odoo -u sale,stock,account_accountant --stop-after-init --no-http",
            });
            assert.notEqual(r.status, 0);
            assert.equal(r.calls[r.calls.length - 1], "systemctl start odoo.service");
        });

        it("stops before touching Odoo when PostgreSQL gives an unexpected answer", () => {
            const r = runNode(nodeCases[1], { DB_EXISTS: "error", TABLES: "1" });
            assert.equal(r.status, 3, r.output);
            assert.ok(!r.calls.some((c) => c.startsWith("systemctl")), "odoo.service was touched");
        });
    });

    describe("the upgrade driver", () => {
        // A fake AWS CLI: NODES running cron nodes, the command ends with FINAL after one poll.
        const awsStub = `#!/bin/bash
echo "$*" >> "$CALLS"
case "$1 $2" in
    "autoscaling describe-instance-refreshes") echo "\${REFRESH:-Successful}" ;;
    "ec2 describe-instances") echo "$NODES" ;;
    "ssm describe-instance-information") echo Online ;;
    "ssm send-command") echo cmd-123 ;;
    "ssm get-command-invocation")
        case "$*" in
            *StandardOutputContent*) echo "node output" ;;
            *) echo "$FINAL" ;;
        esac ;;
    "ssm cancel-command") ;;
    *) echo "unexpected: $*" >&2; exit 9 ;;
esac
`;
        const baseEnv = {
            AWS_REGION: "eu-west-1",
            ODOO_CLUSTER: "erp",
            ODOO_ENVIRONMENT: "prod",
            ODOO_NODE_ROLES: "cron,http+cron",
            ODOO_UPGRADE_PARAMETERS: renderUpgradeParameters(renderUpgradeNodeScript(nodeCases[1]), 3600),
            ODOO_UPGRADE_TIMEOUT: "3600",
            ODOO_NODE_WAIT: "2",
            ODOO_POLL_SECONDS: "1",
            ODOO_UPGRADE_COMMENT: "odoo-aws upgrade of erp (prod)",
        };

        function runDriver(env: Record<string, string>) {
            let result = { status: null as number | null, calls: [] as string[], output: "", seconds: 0 };
            withStubs({ aws: awsStub }, (dir, clock) => {
                const calls = path.join(dir, "calls");
                fs.writeFileSync(calls, "");
                const r = run("bash", renderUpgradeDriverScript(), { CALLS: calls, ...clock, ...baseEnv, ...env }, dir);
                result = {
                    status: r.status,
                    calls: fs.readFileSync(calls, "utf8").trim().split("\n"),
                    output: r.stdout + r.stderr,
                    seconds: elapsedSeconds(clock),
                };
            });
            return result;
        }

        it("finds the one cron node by the tag contract and succeeds when the command succeeds", () => {
            const r = runDriver({ NODES: "i-0abc", FINAL: "Success", ODOO_CRON_GROUP: "erp-cron" });
            assert.equal(r.status, 0, r.output);
            const describe = r.calls.find((c) => c.startsWith("ec2 describe-instances"))!;
            assert.match(describe, /Name=tag:odoo:cluster,Values=erp /);
            assert.match(describe, /Name=tag:odoo:environment,Values=prod /);
            assert.match(describe, /Name=tag:odoo:role,Values=cron,http\+cron /);
            assert.match(describe, /Name=instance-state-name,Values=running/);
            const send = r.calls.find((c) => c.startsWith("ssm send-command"))!;
            assert.match(send, /--instance-ids i-0abc --document-name AWS-RunShellScript/);
            assert.ok(r.calls.some((c) => c.startsWith("autoscaling describe-instance-refreshes --auto-scaling-group-name erp-cron")));
            assert.match(r.output, /node output/);
        });

        it("fails the update when the command fails on the node", () => {
            const r = runDriver({ NODES: "i-0abc", FINAL: "Failed" });
            assert.equal(r.status, 1);
            assert.match(r.output, /ended with Failed/);
        });

        it("never sends the command while two nodes carry a cron role, and gives up after the wait", () => {
            const r = runDriver({ NODES: "i-0abc\ti-0def", FINAL: "Success" });
            assert.equal(r.status, 1);
            assert.ok(!r.calls.some((c) => c.startsWith("ssm send-command")), "the command was sent");
            assert.match(r.output, /2 running nodes carry a cron role/);
            assert.equal(r.seconds, 2, "it gives up after ODOO_NODE_WAIT (2 s) on the virtual clock");
        });

        it("cancels the command and fails when the node does not finish in time", () => {
            // The driver allows the node timeout plus 120 s; -119 leaves one second.
            const r = runDriver({ NODES: "i-0abc", FINAL: "InProgress", ODOO_UPGRADE_TIMEOUT: "-119" });
            assert.equal(r.status, 1);
            assert.ok(r.calls.some((c) => c.startsWith("ssm cancel-command --command-id cmd-123")));
            assert.equal(r.seconds, 1, "it cancels at the deadline, one poll in");
        });

        it("refuses to start without its environment", () => {
            const r = runDriver({ NODES: "i-0abc", FINAL: "Success", ODOO_CLUSTER: "" });
            assert.equal(r.status, 1);
            assert.match(r.output, /ODOO_CLUSTER is not set/);
        });
    });

    describe("the health gate", () => {
        const curlStub = `#!/bin/bash
echo "$*" >> "$CALLS"
n=$(wc -l < "$CALLS")
if [ "$n" -le "\${FAILS_FIRST:-0}" ]; then echo '{"status": "fail"}'; exit 22; fi
echo "$BODY"
`;
        const awsStub = `#!/bin/bash\necho "$*" >> "$CALLS.aws"\necho "$REFRESH"\n`;
        const baseEnv = {
            ODOO_HEALTH_URL: "https://erp.example.com/",
            ODOO_HEALTH_TIMEOUT: "3",
            ODOO_HEALTH_INTERVAL: "1",
            ODOO_HEALTH_SUCCESSES: "2",
            ODOO_HEALTH_CHECK_DATABASE: "1",
        };

        function runGate(env: Record<string, string>) {
            let result = { status: null as number | null, calls: [] as string[], output: "", seconds: 0 };
            withStubs({ curl: curlStub, aws: awsStub }, (dir, clock) => {
                const calls = path.join(dir, "calls");
                fs.writeFileSync(calls, "");
                const r = run("bash", renderHealthGateScript(), { CALLS: calls, ...clock, ...baseEnv, ...env }, dir);
                result = {
                    status: r.status,
                    calls: fs.readFileSync(calls, "utf8").trim().split("\n"),
                    output: r.stdout + r.stderr,
                    seconds: elapsedSeconds(clock),
                };
            });
            return result;
        }

        it("passes after the required passing answers in a row, asking Odoo to check PostgreSQL", () => {
            const r = runGate({ BODY: '{"status": "pass", "db_server_status": true}' });
            assert.equal(r.status, 0, r.output);
            assert.equal(r.calls.length, 2);
            assert.equal(r.seconds, 1, "one interval between the two checks");
            assert.match(r.calls[0], /https:\/\/erp\.example\.com\/web\/health\?db_server_status=1$/);
        });

        it("starts counting again after a failing answer", () => {
            const r = runGate({ BODY: '{"status": "pass"}', FAILS_FIRST: "1", ODOO_HEALTH_TIMEOUT: "10" });
            assert.equal(r.status, 0, r.output);
            assert.equal(r.calls.length, 3);
            assert.equal(r.seconds, 2, "two intervals for three checks");
        });

        it("fails the update when Odoo never reports pass within the timeout", () => {
            const r = runGate({ BODY: '{"status": "fail"}' });
            assert.equal(r.status, 1);
            assert.match(r.output, /did not pass 2 checks in a row within 3 s/);
            assert.equal(r.seconds, 3, "it gives up when the 3 s timeout has passed, not before");
        });

        it("fails when the instance refresh of a group failed", () => {
            const r = runGate({
                BODY: '{"status": "pass"}',
                ODOO_HEALTH_GROUPS: "erp-http erp-cron",
                AWS_REGION: "eu-west-1",
                REFRESH: "Failed",
            });
            assert.equal(r.status, 1);
            assert.match(r.output, /instance refresh of erp-http ended with Failed/);
        });

        it("rejects a URL that is not http(s)", () => {
            const r = runGate({ BODY: "", ODOO_HEALTH_URL: "file:///etc/passwd" });
            assert.equal(r.status, 1);
            assert.equal(r.calls.filter((c) => c !== "").length, 0);
        });
    });
});
