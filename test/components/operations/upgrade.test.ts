import { strict as assert } from "node:assert";
import * as aws from "@pulumi/aws";
import { renderUpgradeDriverScript } from "../../../components/operations/operationScripts";
import { OdooUpgrade, OdooUpgradeArgs, upgradeTriggers, resolveUpgradeArgs } from "../../../components/operations/upgrade";
import { UNKNOWN, allStrings, resolveOutput, runWithMocks } from "../../harness/pulumiMocks";
import { rejectsArgumentError } from "../../harness/argumentErrors";
import { TYPE } from "../../harness/resourceTypes";

const COMMAND = TYPE.localCommand;
const cluster = { name: "erp", environment: "prod", concurrentUsers: 400 };
const args: OdooUpgradeArgs = {
    cluster,
    odooVersion: "18.0",
    upgradeModules: ["sale", "stock"],
    cronGroupName: "erp-cron",
    logGroupName: "/odoo/erp",
};

function parameters(env: Record<string, unknown>): { commands: string[]; executionTimeout: string[] } {
    return JSON.parse(String(env.ODOO_UPGRADE_PARAMETERS));
}

for (const preview of [true, false]) {
    describe(`OdooUpgrade (${preview ? "preview" : "update"})`, () => {
        it("registers one local command that runs the driver with bash", async () => {
            const run = await runWithMocks(() => new OdooUpgrade("upgrade", args), { preview });
            assert.equal(run.resources.filter((r) => r.custom).length, 1);
            const cmd = run.one(COMMAND);
            assert.equal(cmd.inputs.create, renderUpgradeDriverScript());
            assert.deepEqual(cmd.inputs.interpreter, ["/bin/bash", "-c"]);
            assert.equal(cmd.inputs.update, undefined, "a change re-runs create");
            assert.equal(cmd.inputs.addPreviousOutputInEnv, false);
            assert.ok(cmd.options.parent.endsWith("::upgrade"));
        });

        it("re-runs exactly when the Odoo version, the image or the module list changes", async () => {
            const run = await runWithMocks(() => new OdooUpgrade("upgrade", args), { preview });
            assert.deepEqual(run.one(COMMAND).inputs.triggers, ["18.0", "odoo:18.0", "sale,stock"]);
            const base = resolveUpgradeArgs(args);
            assert.notDeepEqual(upgradeTriggers(base), upgradeTriggers(resolveUpgradeArgs({ ...args, upgradeModules: ["sale"] })));
            assert.notDeepEqual(upgradeTriggers(base), upgradeTriggers(resolveUpgradeArgs({ ...args, image: "odoo:18.0-20261101" })));
            assert.notDeepEqual(upgradeTriggers(base), upgradeTriggers(resolveUpgradeArgs({ ...args, odooVersion: "19.0" })));
            assert.deepEqual(upgradeTriggers(base), upgradeTriggers(resolveUpgradeArgs({ ...args, timeoutSeconds: 7200 })));
        });

        it("targets the cron node of this cluster and environment and sends AWS-RunShellScript the node script", async () => {
            const run = await runWithMocks(() => new OdooUpgrade("upgrade", args), { preview });
            const env = run.one(COMMAND).inputs.environment as Record<string, unknown>;
            assert.equal(env.ODOO_CLUSTER, "erp");
            assert.equal(env.ODOO_ENVIRONMENT, "prod");
            assert.equal(env.ODOO_NODE_ROLES, "cron,http+cron");
            assert.equal(env.ODOO_CRON_GROUP, "erp-cron");
            assert.equal(env.ODOO_LOG_GROUP, "/odoo/erp");
            assert.equal(env.AWS_REGION, "us-east-1");
            assert.equal(env.ODOO_UPGRADE_TIMEOUT, "3600");
            assert.equal(env.ODOO_NODE_WAIT, "900");
            const params = parameters(env);
            assert.deepEqual(params.executionTimeout, ["3600"]);
            const script = params.commands.join("\n");
            assert.match(script, /^ODOO_IMAGE='odoo:18\.0'$/m);
            assert.match(script, /^modules='sale,stock'$/m);
            assert.match(script, /odoo-run -d "\$database" -u "\$modules" --stop-after-init --no-http/);
            assert.match(script, /-i base --without-demo=all --stop-after-init/);
        });

        it("puts no secret in the command or its environment: the node reads its own credentials", async () => {
            const run = await runWithMocks(() => new OdooUpgrade("upgrade", args), { preview });
            const cmd = run.one(COMMAND);
            const text = allStrings([cmd.inputs.create, cmd.inputs.environment]).join("\n");
            // Odoo's -w is --db_password; PASSWORD= would be the image's environment variable.
            assert.doesNotMatch(text, /PASSWORD=|--db_password|\s-w\s|admin_passwd|get-secret-value/i);
            assert.deepEqual(cmd.secretInputs, []);
            assert.deepEqual(run.generatedSecrets, []);
        });

        it("waits for a cron group that is unknown until the nodes exist", async () => {
            const run = await runWithMocks(
                () => {
                    const group = new aws.autoscaling.Group("cron", { maxSize: 1, minSize: 1 });
                    return new OdooUpgrade("upgrade", { ...args, cronGroupName: group.name });
                },
                { preview },
            );
            const env = run.one(COMMAND).inputs.environment as Record<string, unknown>;
            if (preview) {
                assert.equal(env.ODOO_CRON_GROUP, UNKNOWN);
            } else {
                assert.match(String(env.ODOO_CRON_GROUP), /^cron-/);
            }
        });

        it("defaults to the version's official image, no modules and the odoo database", async () => {
            const run = await runWithMocks(
                () => new OdooUpgrade("upgrade", { cluster: { name: "small", environment: "dev", concurrentUsers: 30 } }),
                { preview },
            );
            const cmd = run.one(COMMAND);
            assert.deepEqual(cmd.inputs.triggers, ["18.0", "odoo:18.0", ""]);
            const env = cmd.inputs.environment as Record<string, unknown>;
            assert.equal(env.ODOO_CRON_GROUP, undefined);
            const script = parameters(env).commands.join("\n");
            assert.match(script, /^database='odoo'$/m);
            assert.match(script, /^modules=''$/m);
            assert.equal((await resolveOutput(run.result.image)).value, "odoo:18.0");
        });
    });
}

describe("OdooUpgrade rejects invalid arguments before creating anything", () => {
    const cases: [string, Partial<OdooUpgradeArgs>, string, RegExp][] = [
        ["Odoo 16.0 (no official image any more)", { odooVersion: "16.0" as never }, "odooVersion", /"17\.0", "18\.0", "19\.0"/],
        ["an image reference with a space", { image: "odoo 18.0" }, "image", /Docker image reference/],
        ["a module name with a space", { upgradeModules: ["sale stock"] }, "upgradeModules[0]", /technical name/],
        ["a module listed twice", { upgradeModules: ["sale", "sale"] }, "upgradeModules[1]", /each module once/],
        ["all beside other modules", { upgradeModules: ["all", "sale"] }, "upgradeModules", /alone/],
        ["an upgrade timeout of 100 s", { timeoutSeconds: 100 }, "timeoutSeconds", /300 to 28800/],
        ["a database name with a quote", { databaseName: "odoo'; drop" }, "databaseName", /letters, digits/],
        [
            "a node wait shorter than the cron node's rollout",
            { nodeWaitSeconds: 900, rolloutSeconds: 1860 },
            "nodeWaitSeconds",
            /1860 to 14400/,
        ],
    ];
    for (const [what, override, property, accepted] of cases) {
        it(`rejects ${what}`, async () => {
            await rejectsArgumentError(() => new OdooUpgrade("upgrade", { ...args, ...override }), { property, message: accepted });
        });
    }
});
