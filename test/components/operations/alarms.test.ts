import { strict as assert } from "node:assert";
import {
    ALARM_THRESHOLDS,
    AlarmSpec,
    NODE_BOOT_FAILURE_METRIC,
    NODE_METRICS_NAMESPACE,
    alarmKeyPolicy,
    alarmTopicPolicy,
    cacheAlarms,
    databaseAlarms,
    fleetAlarms,
    replicationGroupMemberIds,
    requireAlarmEmail,
    resolveAlarmThresholds,
} from "../../../components/operations/alarms";
import { throwsArgumentError } from "../../harness/argumentErrors";

const defaults = resolveAlarmThresholds(undefined);
const fleet = {
    httpGroupName: "erp-http",
    cronGroupName: "erp-cron",
    loadBalancer: "app/erp/0123abcd",
    targetGroup: "targetgroup/erp-http/4567ef89",
};

function byKey(specs: AlarmSpec[], key: string): AlarmSpec {
    const found = specs.find((s) => s.key === key);
    assert.ok(found, `no alarm ${key} among ${specs.map((s) => s.key).join(", ")}`);
    return found;
}

describe("alarm definitions", () => {
    it("take the guide's signs as thresholds: CPU 80 %, response time 3 s", () => {
        assert.equal(ALARM_THRESHOLDS.nodeCpuPercent, 80);
        assert.equal(ALARM_THRESHOLDS.responseTimeSeconds, 3);
        assert.deepEqual(defaults, {
            nodeCpuPercent: 80,
            responseTimeSeconds: 3,
            target5xxPercent: 2,
            databaseCpuPercent: 80,
            databaseConnectionsPercent: 80,
            replicaLagSeconds: 60,
            cacheMemoryPercent: 80,
        });
    });

    it("alarm on sustained fleet CPU over 80 % per Auto Scaling group, 15 minutes for HTTP and 30 for cron", () => {
        const specs = fleetAlarms(fleet, defaults);
        const http = byKey(specs, "http-cpu");
        assert.deepEqual(http.metric, {
            namespace: "AWS/EC2",
            metricName: "CPUUtilization",
            dimensions: { AutoScalingGroupName: "erp-http" },
            stat: "Average",
        });
        assert.equal(http.comparison, "GreaterThanThreshold");
        assert.equal(http.threshold, 80);
        assert.equal(http.period * http.evaluationPeriods, 900);
        assert.equal(http.datapointsToAlarm, http.evaluationPeriods);
        const cron = byKey(specs, "cron-cpu");
        assert.equal(cron.metric?.dimensions.AutoScalingGroupName, "erp-cron");
        assert.equal(cron.period * cron.evaluationPeriods, 1800);
        assert.match(http.description, /CPU > 80 % in business hours/);
    });

    it("watch the fullest node's memory and permanent boot failures of each group, from the nodes' CloudWatch agent", () => {
        const specs = fleetAlarms(fleet, defaults);
        for (const group of ["http", "cron"]) {
            const memory = byKey(specs, `${group}-memory`);
            assert.deepEqual(memory.metric, {
                namespace: NODE_METRICS_NAMESPACE,
                metricName: "mem_used_percent",
                dimensions: { AutoScalingGroupName: `erp-${group}` },
                stat: "Maximum",
            });
            assert.equal(memory.threshold, 90);
            const boot = byKey(specs, `${group}-boot-failed`);
            assert.equal(boot.metric?.metricName, NODE_BOOT_FAILURE_METRIC);
            assert.equal(boot.comparison, "GreaterThanThreshold");
            assert.equal(boot.threshold, 0);
        }
    });

    it("leave out the cron alarms in single-node mode", () => {
        const specs = fleetAlarms({ ...fleet, cronGroupName: undefined }, defaults);
        assert.ok(!specs.some((s) => s.key === "cron-cpu"));
        assert.deepEqual(
            specs.filter((s) => s.key.startsWith("cron-")),
            [],
        );
        assert.equal(specs.length, 9);
    });

    it("watch the p90 of TargetResponseTime per target group, not the average", () => {
        const rt = byKey(fleetAlarms(fleet, defaults), "response-time");
        assert.deepEqual(rt.metric, {
            namespace: "AWS/ApplicationELB",
            metricName: "TargetResponseTime",
            dimensions: { LoadBalancer: "app/erp/0123abcd", TargetGroup: "targetgroup/erp-http/4567ef89" },
            stat: "p90",
        });
        assert.equal(rt.threshold, 3);
        assert.equal(rt.comparison, "GreaterThanThreshold");
    });

    it("alarm on the share of target 5XX among requests, ignoring quiet periods", () => {
        const t5 = byKey(fleetAlarms(fleet, defaults), "target-5xx");
        assert.equal(t5.metric, undefined);
        assert.equal(t5.expression?.expression, "IF(requests >= 100, 100 * FILL(errors, 0) / requests, 0)");
        assert.equal(t5.expression?.metrics.errors.metricName, "HTTPCode_Target_5XX_Count");
        assert.equal(t5.expression?.metrics.errors.stat, "Sum");
        assert.equal(t5.expression?.metrics.requests.metricName, "RequestCount");
        assert.equal(t5.threshold, 2);
        assert.equal(t5.treatMissingData, "notBreaching");
    });

    it("count ALB 5XX and rejected connections on the load balancer dimension alone", () => {
        const specs = fleetAlarms(fleet, defaults);
        for (const [key, metricName, threshold] of [
            ["elb-5xx", "HTTPCode_ELB_5XX_Count", 10],
            ["rejected-connections", "RejectedConnectionCount", 0],
        ] as const) {
            const spec = byKey(specs, key);
            assert.equal(spec.metric?.metricName, metricName);
            assert.deepEqual(spec.metric?.dimensions, { LoadBalancer: "app/erp/0123abcd" });
            assert.equal(spec.metric?.stat, "Sum");
            assert.equal(spec.threshold, threshold);
            assert.equal(spec.comparison, "GreaterThanThreshold");
        }
    });

    it("alarm on unhealthy nodes and on no healthy node at all (the latter when data is missing too)", () => {
        const specs = fleetAlarms(fleet, defaults);
        const unhealthy = byKey(specs, "unhealthy-hosts");
        assert.equal(unhealthy.metric?.metricName, "UnHealthyHostCount");
        assert.equal(unhealthy.threshold, 0);
        const none = byKey(specs, "no-healthy-hosts");
        assert.equal(none.metric?.metricName, "HealthyHostCount");
        assert.equal(none.comparison, "LessThanThreshold");
        assert.equal(none.threshold, 1);
        assert.equal(none.treatMissingData, "breaching");
    });

    const db = {
        primaryIdentifier: "erp-db",
        replicaIdentifiers: ["erp-replica-1", "erp-replica-2"],
        memoryGiB: 32,
        maxConnections: 3604,
        allocatedStorageGb: 200,
        aurora: false,
    };

    it("alarm on every database instance: CPU, memory, connections at 80 % of max_connections, storage; lag per replica", () => {
        const specs = databaseAlarms(db, defaults);
        assert.deepEqual(
            specs.map((s) => s.key),
            [
                "db-primary-cpu",
                "db-primary-memory",
                "db-primary-connections",
                "db-primary-storage",
                "db-replica-1-cpu",
                "db-replica-1-memory",
                "db-replica-1-connections",
                "db-replica-1-storage",
                "db-replica-1-lag",
                "db-replica-2-cpu",
                "db-replica-2-memory",
                "db-replica-2-connections",
                "db-replica-2-storage",
                "db-replica-2-lag",
            ],
        );
        const connections = byKey(specs, "db-primary-connections");
        assert.equal(connections.metric?.metricName, "DatabaseConnections");
        assert.equal(connections.metric?.stat, "Maximum");
        assert.equal(connections.threshold, Math.floor(3604 * 0.8));
        const memory = byKey(specs, "db-primary-memory");
        assert.equal(memory.metric?.metricName, "FreeableMemory");
        assert.equal(memory.comparison, "LessThanThreshold");
        assert.equal(memory.threshold, Math.round(32 * 1024 ** 3 * 0.1));
        const storage = byKey(specs, "db-replica-2-storage");
        assert.equal(storage.metric?.metricName, "FreeStorageSpace");
        assert.equal(storage.threshold, Math.round(200 * 1024 ** 3 * 0.1));
        const lag = byKey(specs, "db-replica-2-lag");
        assert.deepEqual(lag.metric, {
            namespace: "AWS/RDS",
            metricName: "ReplicaLag",
            dimensions: { DBInstanceIdentifier: "erp-replica-2" },
            stat: "Maximum",
        });
        assert.equal(lag.threshold, 60);
        assert.equal(byKey(specs, "db-primary-cpu").metric?.dimensions.DBInstanceIdentifier, "erp-db");
    });

    it("use AuroraReplicaLag in milliseconds and no storage alarm on Aurora", () => {
        const specs = databaseAlarms({ ...db, aurora: true, allocatedStorageGb: undefined }, defaults);
        assert.ok(!specs.some((s) => s.key.endsWith("-storage")));
        const lag = byKey(specs, "db-replica-1-lag");
        assert.equal(lag.metric?.metricName, "AuroraReplicaLag");
        assert.equal(lag.threshold, 60000);
    });

    it("name the members of a replication group as ElastiCache does, and alarm per member", () => {
        assert.deepEqual(replicationGroupMemberIds("erp-sessions", 3), ["erp-sessions-001", "erp-sessions-002", "erp-sessions-003"]);
        const specs = cacheAlarms(replicationGroupMemberIds("erp-sessions", 2), defaults);
        assert.deepEqual(
            specs.map((s) => s.key),
            ["sessions-1-memory", "sessions-1-evictions", "sessions-2-memory", "sessions-2-evictions"],
        );
        const memory = byKey(specs, "sessions-2-memory");
        assert.deepEqual(memory.metric, {
            namespace: "AWS/ElastiCache",
            metricName: "DatabaseMemoryUsagePercentage",
            dimensions: { CacheClusterId: "erp-sessions-002" },
            stat: "Maximum",
        });
        assert.equal(memory.threshold, 80);
        const evictions = byKey(specs, "sessions-1-evictions");
        assert.equal(evictions.metric?.metricName, "Evictions");
        assert.equal(evictions.threshold, 0);
        assert.equal(evictions.comparison, "GreaterThanThreshold");
    });

    it("follow threshold overrides", () => {
        const t = resolveAlarmThresholds({ nodeCpuPercent: 70, responseTimeSeconds: 5, databaseConnectionsPercent: 90 });
        assert.equal(byKey(fleetAlarms(fleet, t), "http-cpu").threshold, 70);
        assert.equal(byKey(fleetAlarms(fleet, t), "response-time").threshold, 5);
        assert.equal(byKey(databaseAlarms(db, t), "db-primary-connections").threshold, Math.floor(3604 * 0.9));
    });

    it("reject an override outside its range, naming it", () => {
        throwsArgumentError(() => resolveAlarmThresholds({ nodeCpuPercent: 99 }), {
            property: "thresholds.nodeCpuPercent",
            message: [/99/, /50 to 95/],
        });
        throwsArgumentError(() => resolveAlarmThresholds({ responseTimeSeconds: 0 }), { property: "thresholds.responseTimeSeconds" });
    });

    it("have unique keys across a full cluster", () => {
        const all = [...fleetAlarms(fleet, defaults), ...databaseAlarms(db, defaults), ...cacheAlarms(["a-001", "a-002"], defaults)];
        assert.equal(new Set(all.map((s) => s.key)).size, all.length);
        for (const spec of all) {
            assert.ok(
                (spec.metric === undefined) !== (spec.expression === undefined),
                `${spec.key} must have exactly one of metric and expression`,
            );
            assert.ok(spec.datapointsToAlarm <= spec.evaluationPeriods, spec.key);
        }
    });
});

describe("the alarm topic's key and policy", () => {
    it("let CloudWatch use the key (the AWS-managed SNS key would not)", () => {
        const policy = JSON.parse(alarmKeyPolicy("aws", "123456789012"));
        const cw = policy.Statement.find((s: { Principal: { Service?: string } }) => s.Principal.Service === "cloudwatch.amazonaws.com");
        assert.deepEqual(cw.Action, ["kms:Decrypt", "kms:GenerateDataKey*"]);
        const admin = policy.Statement.find((s: { Principal: { AWS?: string } }) => s.Principal.AWS);
        assert.equal(admin.Principal.AWS, "arn:aws:iam::123456789012:root");
    });

    it("let only this account's alarms publish, and only over TLS", () => {
        const arn = "arn:aws:sns:eu-west-1:123456789012:erp-alarms";
        const policy = JSON.parse(alarmTopicPolicy(arn, "aws", "eu-west-1", "123456789012"));
        const publish = policy.Statement[0];
        assert.equal(publish.Principal.Service, "cloudwatch.amazonaws.com");
        assert.equal(publish.Resource, arn);
        assert.equal(publish.Condition.ArnLike["aws:SourceArn"], "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:*");
        const deny = policy.Statement.find((s: { Effect: string }) => s.Effect === "Deny");
        assert.deepEqual(deny.Condition, { Bool: { "aws:SecureTransport": "false" } });
    });

    it("accept a plain e-mail address and reject anything else", () => {
        assert.equal(requireAlarmEmail("ops@example.com"), "ops@example.com");
        for (const bad of ["ops", "Ops <ops@example.com>", "ops@example", 42]) {
            throwsArgumentError(() => requireAlarmEmail(bad), { property: "alarmEmail" });
        }
    });
});
