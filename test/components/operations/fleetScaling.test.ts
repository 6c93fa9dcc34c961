import { strict as assert } from "node:assert";
import * as aws from "@pulumi/aws";
import {
    HTTP_ROLLOUT_MAX_HEALTHY_PERCENT,
    OdooFleetScaling,
    OdooFleetScalingArgs,
    REQUESTS_PER_WORKER_PER_MINUTE,
    albResourceLabel,
    cronNodeRollout,
    defaultRequestsPerTarget,
    httpFleetRollout,
} from "../../../components/operations/fleetScaling";
import { planCapacity } from "../../../components/contract/sizing";
import { UNKNOWN, resolveOutput, runWithMocks } from "../../harness/pulumiMocks";
import { rejectsArgumentError, throwsArgumentError } from "../../harness/argumentErrors";
import { TYPE } from "../../harness/resourceTypes";

const POLICY = TYPE.scalingPolicy;
const cluster = { name: "erp", environment: "prod", concurrentUsers: 300 };
const args: OdooFleetScalingArgs = {
    cluster,
    httpGroupName: "erp-http",
    loadBalancerArnSuffix: "app/erp-alb/0123456789abcdef",
    targetGroupArnSuffix: "targetgroup/erp-http/fedcba9876543210",
};

type Tracking = {
    predefinedMetricSpecification: { predefinedMetricType: string; resourceLabel?: unknown };
    targetValue: number;
    disableScaleIn: boolean;
};

describe("fleet scaling defaults", () => {
    it("hold 60 requests a minute per worker: 360 per node for the guide's 6-worker node", () => {
        assert.equal(REQUESTS_PER_WORKER_PER_MINUTE, 60);
        assert.equal(defaultRequestsPerTarget(6), 360);
        assert.equal(planCapacity({ concurrentUsers: 300 }).workersPerNode, 6);
    });

    it("build the request-count resource label from the load balancer and target group ARN suffixes", () => {
        assert.equal(albResourceLabel("app/erp/0123", "targetgroup/erp-http/4567"), "app/erp/0123/targetgroup/erp-http/4567");
    });
});

describe("instance-refresh preferences", () => {
    it("roll the HTTP fleet launch-before-terminate, judged by the load balancer, skipping matching nodes", () => {
        const rollout = httpFleetRollout();
        assert.equal(rollout.healthCheckType, "ELB");
        assert.deepEqual(rollout.instanceRefresh, {
            strategy: "Rolling",
            preferences: {
                minHealthyPercentage: 100,
                maxHealthyPercentage: 150,
                instanceWarmup: "300",
                skipMatching: true,
                autoRollback: false,
            },
        });
    });

    it("give health replacements of the HTTP fleet the refresh's bounds, so they launch first too", () => {
        const rollout = httpFleetRollout({ minHealthyPercentage: 90, maxHealthyPercentage: 120 });
        assert.deepEqual(rollout.instanceMaintenancePolicy, { minHealthyPercentage: 90, maxHealthyPercentage: 120 });
        assert.deepEqual(httpFleetRollout().instanceMaintenancePolicy, { minHealthyPercentage: 100, maxHealthyPercentage: 150 });
    });

    it("let the plan's HTTP fleet roll out within the httpNodesMax its connection budget counts", () => {
        for (const concurrentUsers of [60, 150, 300, 500, 1000, 3000]) {
            const plan = planCapacity({ concurrentUsers, production: true });
            const during = Math.ceil((plan.httpNodes * HTTP_ROLLOUT_MAX_HEALTHY_PERCENT) / 100);
            assert.ok(
                during <= plan.httpNodesMax,
                `${concurrentUsers} users: ${during} nodes during a rollout, ${plan.httpNodesMax} budgeted`,
            );
            assert.ok(plan.httpNodes * 2 > plan.httpNodesMax, `${concurrentUsers} users: 200 % would exceed the budget`);
        }
    });

    it("accept a warm-up as long as the nodes' health check grace period, and no longer", () => {
        assert.equal(httpFleetRollout({ instanceWarmupSeconds: 7200 }).instanceRefresh.preferences.instanceWarmup, "7200");
        assert.equal(cronNodeRollout({ instanceWarmupSeconds: 900 }).instanceRefresh.preferences.instanceWarmup, "900");
        for (const rollout of [httpFleetRollout, cronNodeRollout]) {
            throwsArgumentError(() => rollout({ instanceWarmupSeconds: 7201 }), {
                property: "instanceWarmupSeconds",
                message: /60 to 7200/,
            });
        }
    });

    it("keep at least half of the HTTP fleet in service, whatever is asked", () => {
        assert.equal(
            httpFleetRollout({ minHealthyPercentage: 50, maxHealthyPercentage: 100 }).instanceRefresh.preferences.minHealthyPercentage,
            50,
        );
        throwsArgumentError(() => httpFleetRollout({ minHealthyPercentage: 40 }), {
            property: "minHealthyPercentage",
            message: /50 to 100/,
        });
    });

    it("refuse preferences under which a refresh could never progress", () => {
        throwsArgumentError(() => httpFleetRollout({ minHealthyPercentage: 100, maxHealthyPercentage: 100 }), {
            property: "maxHealthyPercentage",
        });
        throwsArgumentError(() => httpFleetRollout({ minHealthyPercentage: 60, maxHealthyPercentage: 200 }), {
            property: "maxHealthyPercentage",
            message: /100 points/,
        });
    });

    it("stop a refresh when one of the given alarms fires", () => {
        const prefs = httpFleetRollout({ failOnAlarmNames: ["erp-target-5xx"], instanceWarmupSeconds: 600 }).instanceRefresh.preferences;
        assert.deepEqual(prefs.alarmSpecification, { alarms: ["erp-target-5xx"] });
        assert.equal(prefs.instanceWarmup, "600");
    });

    it("replace the node that runs cron terminate-then-launch, so two never run cron at once", () => {
        assert.deepEqual(cronNodeRollout(), {
            instanceRefresh: {
                strategy: "Rolling",
                preferences: {
                    minHealthyPercentage: 0,
                    maxHealthyPercentage: 100,
                    instanceWarmup: "300",
                    skipMatching: true,
                    autoRollback: false,
                },
            },
            instanceMaintenancePolicy: { minHealthyPercentage: 0, maxHealthyPercentage: 100 },
        });
    });
});

for (const preview of [true, false]) {
    describe(`OdooFleetScaling (${preview ? "preview" : "update"})`, () => {
        it("tracks ALB requests per node and average CPU on the HTTP group", async () => {
            const run = await runWithMocks(() => new OdooFleetScaling("scale", args), { preview });
            const policies = run.ofType(POLICY);
            assert.equal(policies.length, 2);
            for (const p of policies) {
                assert.equal(p.inputs.autoscalingGroupName, "erp-http");
                assert.equal(p.inputs.policyType, "TargetTrackingScaling");
                assert.equal(p.inputs.estimatedInstanceWarmup, 300);
                assert.ok(p.options.parent.endsWith("::scale"));
            }
            const requests = run.one(POLICY, "scale-requests").inputs.targetTrackingConfiguration as Tracking;
            assert.equal(requests.predefinedMetricSpecification.predefinedMetricType, "ALBRequestCountPerTarget");
            assert.equal(
                requests.predefinedMetricSpecification.resourceLabel,
                "app/erp-alb/0123456789abcdef/targetgroup/erp-http/fedcba9876543210",
            );
            assert.equal(requests.targetValue, 360);
            assert.equal(requests.disableScaleIn, false);
            const cpu = run.one(POLICY, "scale-cpu").inputs.targetTrackingConfiguration as Tracking;
            assert.equal(cpu.predefinedMetricSpecification.predefinedMetricType, "ASGAverageCPUUtilization");
            assert.equal(cpu.targetValue, 60);
            assert.equal((await resolveOutput(run.result.requestsPerTarget)).value, 360);
        });

        it("derives the request target from the workers per node it is given", async () => {
            const run = await runWithMocks(
                () => new OdooFleetScaling("scale", { ...args, workersPerNode: 12, cpuTargetPercent: 50, scaleIn: false }),
                { preview },
            );
            const requests = run.one(POLICY, "scale-requests").inputs.targetTrackingConfiguration as Tracking;
            assert.equal(requests.targetValue, 720);
            assert.equal(requests.disableScaleIn, true);
            assert.equal((run.one(POLICY, "scale-cpu").inputs.targetTrackingConfiguration as Tracking).targetValue, 50);
        });

        it("prefers an explicit request target", async () => {
            const run = await runWithMocks(() => new OdooFleetScaling("scale", { ...args, requestsPerTarget: 1000 }), { preview });
            assert.equal((run.one(POLICY, "scale-requests").inputs.targetTrackingConfiguration as Tracking).targetValue, 1000);
        });

        it("creates no policy for a single http+cron node, which must never be duplicated", async () => {
            const run = await runWithMocks(() => new OdooFleetScaling("scale", { ...args, cluster: { ...cluster, concurrentUsers: 30 } }), {
                preview,
            });
            assert.equal(run.ofType(POLICY).length, 0);
            assert.deepEqual((await resolveOutput(run.result.policyNames)).value, []);
        });

        it("builds the resource label from the load balancer's outputs, unknown until it exists", async () => {
            const run = await runWithMocks(
                () => {
                    const lb = new aws.lb.LoadBalancer("alb", {});
                    const tg = new aws.lb.TargetGroup("tg", {});
                    return new OdooFleetScaling("scale", {
                        ...args,
                        loadBalancerArnSuffix: lb.arnSuffix,
                        targetGroupArnSuffix: tg.arnSuffix,
                    });
                },
                { preview },
            );
            const label = (run.one(POLICY, "scale-requests").inputs.targetTrackingConfiguration as Tracking).predefinedMetricSpecification
                .resourceLabel;
            if (preview) {
                assert.equal(label, UNKNOWN);
            } else {
                assert.match(String(label), /^app\/alb-[0-9a-f]{7}\/[0-9a-f]{16}\/targetgroup\/tg-[0-9a-f]{7}\/[0-9a-f]{16}$/);
            }
        });
    });
}

describe("OdooFleetScaling rejects invalid arguments before creating anything", () => {
    const cases: [string, Partial<OdooFleetScalingArgs>, string, RegExp][] = [
        ["a CPU target at the alarm's 80 %", { cpuTargetPercent: 80 }, "cpuTargetPercent", /20 to 75/],
        ["a request target of 0", { requestsPerTarget: 0 }, "requestsPerTarget", /10 to 100000/],
        [
            "a target group name instead of its ARN suffix",
            { targetGroupArnSuffix: "erp-http" },
            "targetGroupArnSuffix",
            /targetgroup\/<name>\/<id>/,
        ],
        ["a warm-up of 10 s", { instanceWarmupSeconds: 10 }, "instanceWarmupSeconds", /60 to 1800/],
        ["0 workers per node", { workersPerNode: 0 }, "workersPerNode", /1 to 64/],
    ];
    for (const [what, override, property, accepted] of cases) {
        it(`rejects ${what}`, async () => {
            await rejectsArgumentError(() => new OdooFleetScaling("scale", { ...args, ...override }), { property, message: accepted });
        });
    }
});
