import { strict as assert } from "node:assert";
import * as aws from "@pulumi/aws";
import { OdooHealthGate, OdooHealthGateArgs } from "../../../components/operations/healthGate";
import { renderHealthGateScript } from "../../../components/operations/operationScripts";
import { UNKNOWN, resolveOutput, runWithMocks } from "../../harness/pulumiMocks";
import { rejectsArgumentError } from "../../harness/argumentErrors";
import { TYPE } from "../../harness/resourceTypes";

const COMMAND = TYPE.localCommand;
const cluster = { name: "erp", environment: "prod", concurrentUsers: 400 };
const args: OdooHealthGateArgs = { cluster, url: "https://erp.example.com" };

for (const preview of [true, false]) {
    describe(`OdooHealthGate (${preview ? "preview" : "update"})`, () => {
        it("polls /web/health with a bounded timeout, three passes in a row, checking PostgreSQL", async () => {
            const run = await runWithMocks(() => new OdooHealthGate("gate", args), { preview });
            assert.equal(run.resources.filter((r) => r.custom).length, 1);
            const cmd = run.one(COMMAND);
            assert.equal(cmd.inputs.create, renderHealthGateScript());
            assert.deepEqual(cmd.inputs.interpreter, ["/bin/bash", "-c"]);
            assert.deepEqual(cmd.inputs.environment, {
                ODOO_HEALTH_URL: "https://erp.example.com",
                ODOO_HEALTH_TIMEOUT: "900",
                ODOO_HEALTH_INTERVAL: "10",
                ODOO_HEALTH_SUCCESSES: "3",
                ODOO_HEALTH_CHECK_DATABASE: "1",
            });
            assert.equal((await resolveOutput(run.result.healthUrl)).value, "https://erp.example.com/web/health?db_server_status=1");
            assert.equal((await resolveOutput(run.result.timeoutSeconds)).value, 900);
        });

        it("re-runs when the version, the image or a launch template version changes", async () => {
            const run = await runWithMocks(
                () => {
                    const lt = new aws.ec2.LaunchTemplate("http-lt", {});
                    return new OdooHealthGate("gate", {
                        ...args,
                        odooVersion: "18.0",
                        image: "odoo:18.0",
                        launchTemplateVersions: [lt.latestVersion, 7],
                    });
                },
                { preview },
            );
            const triggers = run.one(COMMAND).inputs.triggers as unknown[];
            assert.deepEqual(triggers.slice(0, 2), ["18.0", "odoo:18.0"]);
            assert.equal(triggers[2], preview ? UNKNOWN : 1);
            assert.equal(triggers[3], 7);
        });

        it("waits for the groups' instance refreshes first, in the stack's region", async () => {
            const run = await runWithMocks(
                () => {
                    const http = new aws.autoscaling.Group("http", { maxSize: 3, minSize: 2 });
                    return new OdooHealthGate("gate", {
                        ...args,
                        autoScalingGroupNames: [http.name, "erp-cron"],
                        timeoutSeconds: 1800,
                        intervalSeconds: 20,
                        consecutiveSuccesses: 5,
                        checkDatabase: false,
                    });
                },
                { preview },
            );
            const env = run.one(COMMAND).inputs.environment as Record<string, unknown>;
            assert.equal(env.AWS_REGION, "us-east-1");
            if (preview) {
                assert.equal(env.ODOO_HEALTH_GROUPS, UNKNOWN);
            } else {
                assert.match(String(env.ODOO_HEALTH_GROUPS), /^http-\S+ erp-cron$/);
            }
            assert.equal(env.ODOO_HEALTH_TIMEOUT, "1800");
            assert.equal(env.ODOO_HEALTH_INTERVAL, "20");
            assert.equal(env.ODOO_HEALTH_SUCCESSES, "5");
            assert.equal(env.ODOO_HEALTH_CHECK_DATABASE, "0");
        });
    });
}

describe("OdooHealthGate rejects invalid arguments before creating anything", () => {
    const cases: [string, Partial<OdooHealthGateArgs>, string, RegExp][] = [
        ["a URL that is not http(s)", { url: "ftp://erp.example.com" }, "url", /http:\/\/ or https:\/\//],
        ["a URL with credentials", { url: "https://admin:secret@erp.example.com" }, "url", /without credentials/],
        ["a timeout of five hours", { timeoutSeconds: 18000 }, "timeoutSeconds", /60 to 14400/],
        [
            "a timeout shorter than the rollout it waits for",
            { timeoutSeconds: 900, rolloutSeconds: 5640 },
            "timeoutSeconds",
            /5640 to 14400/,
        ],
        ["an interval as long as the timeout", { timeoutSeconds: 60, intervalSeconds: 60 }, "intervalSeconds", /2 to 59/],
        ["zero passes in a row", { consecutiveSuccesses: 0 }, "consecutiveSuccesses", /1 to 20/],
    ];
    for (const [what, override, property, accepted] of cases) {
        it(`rejects ${what}`, async () => {
            await rejectsArgumentError(() => new OdooHealthGate("gate", { ...args, ...override }), { property, message: accepted });
        });
    }
});
