import { strict as assert } from "node:assert";
import * as aws from "@pulumi/aws";
import { maxConnectionsFor } from "../../../components/contract/catalog";
import { OdooMonitoring, OdooMonitoringArgs } from "../../../components/operations/monitoring";
import { planCapacity } from "../../../components/contract/sizing";
import { MockRun, RecordedResource, UNKNOWN, resolveOutput, runWithMocks } from "../../harness/pulumiMocks";
import { rejectsArgumentError } from "../../harness/argumentErrors";
import { TYPE } from "../../harness/resourceTypes";

const ALARM = TYPE.metricAlarm;
const cluster = { name: "erp", environment: "prod", concurrentUsers: 400 };
const plan = planCapacity({ concurrentUsers: 400, production: true });

const fullArgs: OdooMonitoringArgs = {
    cluster,
    httpGroupName: "erp-http",
    cronGroupName: "erp-cron",
    loadBalancerArnSuffix: "app/erp-alb/0123456789abcdef",
    targetGroupArnSuffix: "targetgroup/erp-http/fedcba9876543210",
    database: { primaryIdentifier: "erp-db", replicaIdentifiers: ["erp-db-replica-1", "erp-db-replica-2"] },
    sessions: { replicationGroupId: "erp-sessions" },
    alarmEmail: "ops@example.com",
};

function alarm(run: MockRun<unknown>, key: string): RecordedResource {
    return run.one(ALARM, `mon-${key}`);
}

for (const preview of [true, false]) {
    describe(`OdooMonitoring (${preview ? "preview" : "update"})`, () => {
        it("creates the fleet, database and cache alarms, a KMS-encrypted topic with an e-mail subscription, and a dashboard", async () => {
            const run = await runWithMocks(() => new OdooMonitoring("mon", fullArgs), { preview });
            // 12 fleet (memory and boot failure per node group among them) + 4 primary + 2 × 5 replica + 2 × 2 cache alarms.
            assert.equal(run.ofType(ALARM).length, 30);
            assert.equal(run.ofType(TYPE.kmsKey).length, 1);
            assert.equal(run.ofType(TYPE.snsTopic).length, 1);
            assert.equal(run.ofType(TYPE.snsTopicPolicy).length, 1);
            assert.equal(run.ofType(TYPE.dashboard).length, 1);
            const sub = run.one(TYPE.snsTopicSubscription);
            assert.equal(sub.inputs.protocol, "email");
            assert.equal(sub.inputs.endpoint, "ops@example.com");
            const key = run.one(TYPE.kmsKey);
            assert.equal(key.inputs.enableKeyRotation, true);
            assert.equal(key.inputs.deletionWindowInDays, 30);
            const topic = run.one(TYPE.snsTopic);
            if (preview) {
                assert.equal(topic.inputs.kmsMasterKeyId, UNKNOWN);
            } else {
                assert.equal(topic.inputs.kmsMasterKeyId, key.state.arn);
            }
            assert.notEqual(topic.inputs.kmsMasterKeyId, "alias/aws/sns");
            for (const r of run.resources.filter((x) => x.custom)) {
                assert.equal(r.options.parent.endsWith("::mon"), true, `${r.name} is not a child of the component`);
            }
        });

        it("points every alarm's alarm and OK actions at the topic", async () => {
            const run = await runWithMocks(() => new OdooMonitoring("mon", fullArgs), { preview });
            const topic = run.one(TYPE.snsTopic);
            for (const a of run.ofType(ALARM)) {
                assert.equal((a.inputs.alarmActions as unknown[]).length, 1, a.name);
                assert.deepEqual(a.inputs.okActions, a.inputs.alarmActions);
                if (!preview) {
                    assert.deepEqual(a.inputs.alarmActions, [topic.state.arn]);
                }
                assert.equal(a.inputs.actionsEnabled, true);
            }
        });

        it("tags every alarm, the key and the topic with the cluster's contract and role ops", async () => {
            const run = await runWithMocks(
                () => new OdooMonitoring("mon", { ...fullArgs, cluster: { ...cluster, tags: { Team: "erp" } } }),
                { preview },
            );
            const taggable = [...run.ofType(ALARM), run.one(TYPE.kmsKey), run.one(TYPE.snsTopic)];
            for (const r of taggable) {
                assert.deepEqual(
                    r.inputs.tags,
                    {
                        Team: "erp",
                        "odoo:cluster": "erp",
                        "odoo:role": "ops",
                        "odoo:concurrent-users": "400",
                        "odoo:environment": "prod",
                    },
                    r.name,
                );
            }
        });

        it("alarms on fleet CPU > 80 % per group, p90 response time > 3 s, and the ALB's failure counts", async () => {
            const run = await runWithMocks(() => new OdooMonitoring("mon", fullArgs), { preview });
            const cpu = alarm(run, "http-cpu");
            assert.equal(cpu.inputs.namespace, "AWS/EC2");
            assert.equal(cpu.inputs.metricName, "CPUUtilization");
            assert.deepEqual(cpu.inputs.dimensions, { AutoScalingGroupName: "erp-http" });
            assert.equal(cpu.inputs.statistic, "Average");
            assert.equal(cpu.inputs.threshold, 80);
            assert.equal(cpu.inputs.comparisonOperator, "GreaterThanThreshold");
            assert.equal(cpu.inputs.period, 300);
            assert.equal(cpu.inputs.evaluationPeriods, 3);
            assert.deepEqual(alarm(run, "cron-cpu").inputs.dimensions, { AutoScalingGroupName: "erp-cron" });

            const rt = alarm(run, "response-time");
            assert.equal(rt.inputs.namespace, "AWS/ApplicationELB");
            assert.equal(rt.inputs.metricName, "TargetResponseTime");
            assert.equal(rt.inputs.extendedStatistic, "p90");
            assert.equal(rt.inputs.statistic, undefined);
            assert.equal(rt.inputs.threshold, 3);
            assert.deepEqual(rt.inputs.dimensions, {
                LoadBalancer: "app/erp-alb/0123456789abcdef",
                TargetGroup: "targetgroup/erp-http/fedcba9876543210",
            });

            const elb = alarm(run, "elb-5xx");
            assert.equal(elb.inputs.metricName, "HTTPCode_ELB_5XX_Count");
            assert.deepEqual(elb.inputs.dimensions, { LoadBalancer: "app/erp-alb/0123456789abcdef" });
            assert.equal(alarm(run, "rejected-connections").inputs.metricName, "RejectedConnectionCount");
            assert.equal(alarm(run, "unhealthy-hosts").inputs.metricName, "UnHealthyHostCount");
            assert.equal(alarm(run, "no-healthy-hosts").inputs.comparisonOperator, "LessThanThreshold");
        });

        it("computes the target 5XX rate with metric math over the two ALB counts", async () => {
            const run = await runWithMocks(() => new OdooMonitoring("mon", fullArgs), { preview });
            const t5 = alarm(run, "target-5xx");
            assert.equal(t5.inputs.metricName, undefined);
            const queries = t5.inputs.metricQueries as {
                id: string;
                expression?: string;
                returnData: boolean;
                metric?: { metricName: string; stat: string; period: number; dimensions: unknown };
            }[];
            assert.equal(queries.filter((q) => q.returnData).length, 1);
            assert.match(queries[0].expression!, /100 \* FILL\(errors, 0\) \/ requests/);
            const errors = queries.find((q) => q.id === "errors")!;
            assert.equal(errors.metric?.metricName, "HTTPCode_Target_5XX_Count");
            assert.equal(errors.metric?.stat, "Sum");
            assert.equal(errors.metric?.period, 300);
            assert.equal(queries.find((q) => q.id === "requests")?.metric?.metricName, "RequestCount");
            assert.equal(t5.inputs.threshold, 2);
        });

        it("alarms on database connections at 80 % of the class's max_connections, memory, storage and replica lag", async () => {
            const run = await runWithMocks(() => new OdooMonitoring("mon", fullArgs), { preview });
            const conns = alarm(run, "db-primary-connections");
            assert.equal(conns.inputs.namespace, "AWS/RDS");
            assert.deepEqual(conns.inputs.dimensions, { DBInstanceIdentifier: "erp-db" });
            assert.equal(conns.inputs.threshold, Math.floor(maxConnectionsFor(plan.database.instanceClass) * 0.8));
            assert.equal(alarm(run, "db-primary-cpu").inputs.metricName, "CPUUtilization");
            assert.equal(alarm(run, "db-primary-memory").inputs.comparisonOperator, "LessThanThreshold");
            assert.equal(alarm(run, "db-primary-storage").inputs.threshold, Math.round(plan.database.storageGb * 1024 ** 3 * 0.1));
            for (const i of [1, 2]) {
                const lag = alarm(run, `db-replica-${i}-lag`);
                assert.equal(lag.inputs.metricName, "ReplicaLag");
                assert.deepEqual(lag.inputs.dimensions, { DBInstanceIdentifier: `erp-db-replica-${i}` });
                assert.equal(lag.inputs.threshold, 60);
            }
        });

        it("takes maxConnections and the class from the arguments when given", async () => {
            const run = await runWithMocks(
                () =>
                    new OdooMonitoring("mon", {
                        ...fullArgs,
                        database: { primaryIdentifier: "erp-db", instanceClass: "db.r7g.xlarge", maxConnections: 500 },
                    }),
                { preview },
            );
            assert.equal(alarm(run, "db-primary-connections").inputs.threshold, 400);
            assert.equal(alarm(run, "db-primary-memory").inputs.threshold, Math.round(32 * 1024 ** 3 * 0.1));
        });

        it("watches the session cache per member cluster of the replication group", async () => {
            const run = await runWithMocks(() => new OdooMonitoring("mon", fullArgs), { preview });
            for (const i of [1, 2]) {
                const mem = alarm(run, `sessions-${i}-memory`);
                assert.equal(mem.inputs.namespace, "AWS/ElastiCache");
                assert.equal(mem.inputs.metricName, "DatabaseMemoryUsagePercentage");
                assert.deepEqual(mem.inputs.dimensions, { CacheClusterId: `erp-sessions-00${i}` });
                assert.equal(alarm(run, `sessions-${i}-evictions`).inputs.metricName, "Evictions");
            }
        });

        it("creates no topic, key or subscription without an e-mail, and uses the given topics", async () => {
            const external = "arn:aws:sns:us-east-1:123456789012:pager";
            const run = await runWithMocks(
                () => new OdooMonitoring("mon", { ...fullArgs, alarmEmail: undefined, alarmTopicArns: [external] }),
                { preview },
            );
            assert.equal(run.ofType(TYPE.snsTopic).length, 0);
            assert.equal(run.ofType(TYPE.kmsKey).length, 0);
            assert.equal(run.ofType(TYPE.snsTopicSubscription).length, 0);
            for (const a of run.ofType(ALARM)) {
                assert.deepEqual(a.inputs.alarmActions, [external]);
            }
            assert.equal((await resolveOutput(run.result.topicArn)).value, undefined);
        });

        it("watches only the fleet in single-node mode without database or cache arguments", async () => {
            const run = await runWithMocks(
                () =>
                    new OdooMonitoring("mon", {
                        cluster: { name: "small", environment: "dev", concurrentUsers: 30 },
                        httpGroupName: "small-node",
                        loadBalancerArnSuffix: "app/small/0123abcd",
                        targetGroupArnSuffix: "targetgroup/small/0123abcd",
                        dashboard: false,
                    }),
                { preview },
            );
            assert.equal(run.ofType(ALARM).length, 9);
            assert.equal(run.ofType(TYPE.dashboard).length, 0);
            assert.deepEqual(
                run
                    .ofType(ALARM)
                    .map((a) => a.name)
                    .filter((n) => /cron|db-|sessions/.test(n)),
                [],
            );
        });

        it("uses dimension values that are unknown until the other components exist", async () => {
            const run = await runWithMocks(
                () => {
                    const lb = new aws.lb.LoadBalancer("alb", {});
                    const tg = new aws.lb.TargetGroup("tg", {});
                    return new OdooMonitoring("mon", {
                        ...fullArgs,
                        loadBalancerArnSuffix: lb.arnSuffix,
                        targetGroupArnSuffix: tg.arnSuffix,
                    });
                },
                { preview },
            );
            const rt = alarm(run, "response-time");
            const dims = rt.inputs.dimensions as Record<string, unknown>;
            if (preview) {
                assert.equal(dims.LoadBalancer, UNKNOWN);
            } else {
                assert.match(String(dims.LoadBalancer), /^app\/alb-[0-9a-f]{7}\/[0-9a-f]{16}$/);
                assert.match(String(dims.TargetGroup), /^targetgroup\/tg-[0-9a-f]{7}\/[0-9a-f]{16}$/);
            }
        });

        it("renders the dashboard once the alarms exist", async () => {
            const run = await runWithMocks(() => new OdooMonitoring("mon", fullArgs), { preview });
            const dash = run.one(TYPE.dashboard);
            assert.equal(dash.inputs.dashboardName, "odoo-erp-prod");
            assert.equal((await resolveOutput(run.result.dashboardName)).value, "odoo-erp-prod");
            if (preview) {
                assert.equal(dash.inputs.dashboardBody, UNKNOWN);
            } else {
                const body = JSON.parse(String(dash.inputs.dashboardBody));
                const alarmWidget = body.widgets.find((w: { type: string }) => w.type === "alarm");
                assert.equal(alarmWidget.properties.alarms.length, 30);
                assert.ok(body.widgets.some((w: { properties: { region?: string } }) => w.properties.region === "us-east-1"));
                const names = (await resolveOutput(run.result.alarmNames)).value as string[];
                assert.equal(names.length, 30);
            }
        });
    });
}

describe("OdooMonitoring rejects invalid arguments before creating anything", () => {
    const cases: [string, Partial<OdooMonitoringArgs>, string, RegExp][] = [
        ["an e-mail with a display name", { alarmEmail: "Ops <ops@example.com>" }, "alarmEmail", /e-mail address/],
        [
            "a load balancer ARN instead of its suffix",
            { loadBalancerArnSuffix: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/erp/0123" },
            "loadBalancerArnSuffix",
            /app\/<name>\/<id>/,
        ],
        [
            "sixteen replicas",
            { database: { primaryIdentifier: "erp-db", replicaIdentifiers: Array.from({ length: 16 }, (_, i) => `r${i}`) } },
            "database.replicaIdentifiers",
            /at most 15/,
        ],
        [
            "a database class outside the catalog",
            { database: { primaryIdentifier: "erp-db", instanceClass: "db.x2g.large" } },
            "database.instanceClass",
            /RDS instance class/,
        ],
        ["a CPU threshold of 99 %", { thresholds: { nodeCpuPercent: 99 } }, "thresholds.nodeCpuPercent", /50 to 95/],
        ["seven cache nodes", { sessions: { replicationGroupId: "erp-sessions", nodes: 7 } }, "sessions.nodes", /1 to 6/],
        ["a topic that is not an SNS ARN", { alarmTopicArns: ["https://hooks.example.com/x"] }, "alarmTopicArns[0]", /SNS topic ARN/],
        ["no HTTP group", { httpGroupName: undefined }, "httpGroupName", /Auto Scaling group/],
        ["production alarms that notify nobody", { alarmEmail: undefined, alarmTopicArns: [] }, "alarmEmail", /in production/],
    ];
    for (const [what, override, property, accepted] of cases) {
        it(`rejects ${what}`, async () => {
            await rejectsArgumentError(() => new OdooMonitoring("mon", { ...fullArgs, ...override } as OdooMonitoringArgs), {
                property,
                message: accepted,
            });
        });
    }
});
