import { strict as assert } from "node:assert";
import { databaseInstanceClass } from "../../../components/contract/catalog";
import { RolloutTimeline } from "../../../components/contract/rollout";
import { OdooCluster, OdooClusterArgs } from "../../../components/cluster/cluster";
import { OdooVersion } from "../../../components/contract/odooVersion";
import { TAG, parseOdooTags } from "../../../components/contract/tags";
import { NODE_PATHS } from "../../../components/nodes/userData";
import { expectArgumentError } from "../../harness/argumentErrors";
import { isTaggableType, secretLeaks } from "../../harness/componentChecks";
import { cloudConfigOf, fileIn } from "../../harness/nodeUserData";
import { MockRun, RecordedResource, UNKNOWN, resolveOutput, runWithMocks } from "../../harness/pulumiMocks";
import { TYPE } from "../../harness/resourceTypes";

const T = {
    asg: TYPE.autoscalingGroup,
    lt: TYPE.launchTemplate,
    rds: TYPE.dbInstance,
    cache: TYPE.cacheReplicationGroup,
    efs: TYPE.efsFileSystem,
    bucket: TYPE.bucket,
    vpc: TYPE.vpc,
    alb: TYPE.loadBalancer,
};

/**
 * The guide's capacity table as data, for the user counts the cluster is checked at: HTTP servers,
 * total workers, database vCPU, minimum replicas ("500+ … 32 vCPU + replicas" = at least 2).
 */
const GUIDE = [
    { users: 50, servers: [1, 1], workers: [4, 6], dbVcpu: 2, replicas: 0, singleNode: true },
    { users: 300, servers: [3, 3], workers: [12, 18], dbVcpu: 8, replicas: 0, singleNode: false },
    { users: 500, servers: [4, 5], workers: [18, 30], dbVcpu: 16, replicas: 1, singleNode: false },
    { users: 501, servers: [5, Infinity], workers: [30, Infinity], dbVcpu: 32, replicas: 2, singleNode: false },
    { users: 2000, servers: [5, Infinity], workers: [30, Infinity], dbVcpu: 32, replicas: 2, singleNode: false },
];

function cluster(args: Partial<OdooClusterArgs> & { concurrentUsers: number }): () => OdooCluster {
    return () => new OdooCluster("erp", { environment: "staging", loadBalancer: { allowHttpOnly: true }, ...args });
}

function tagsOf(asg: RecordedResource): Record<string, string> {
    return Object.fromEntries((asg.inputs.tags as { key: string; value: string }[]).map((t) => [t.key, t.value]));
}

function groups(run: MockRun<OdooCluster>): { role: string; min: number; max: number; workers: number; cron: number }[] {
    return run.ofType(T.asg).map((g) => {
        const tags = parseOdooTags(tagsOf(g));
        return {
            role: tags.role as string,
            min: g.inputs.minSize as number,
            max: g.inputs.maxSize as number,
            workers: tags.workers ?? -1,
            cron: tags.maxCronThreads ?? -1,
        };
    });
}

function odooConfOf(run: MockRun<OdooCluster>, role: string): string {
    const lt = run.ofType(T.lt).find((l) => (l.inputs.tags as Record<string, string>)[TAG.role] === role);
    assert.ok(lt, `no launch template for ${role}`);
    return fileIn(cloudConfigOf(lt), NODE_PATHS.baseConf);
}

describe("OdooCluster sizes every part from the declared users, as the guide's table says", () => {
    for (const row of GUIDE) {
        it(`builds ${row.users} users into ${row.servers[0]}+ HTTP node(s), ${row.workers[0]}+ workers, a ${row.dbVcpu} vCPU primary and ${row.replicas} replica(s)`, async () => {
            const run = await runWithMocks(cluster({ concurrentUsers: row.users }), { preview: true });
            const plan = (await resolveOutput(run.result.capacityPlan)).value as { httpNodes: number; totalWorkers: number };
            const nodeGroups = groups(run);
            const http = nodeGroups.filter((g) => g.role === (row.singleNode ? "http+cron" : "http"));
            assert.equal(http.length, 1);
            assert.equal(http[0].min, plan.httpNodes);
            assert.ok(http[0].min >= row.servers[0] && http[0].min <= row.servers[1], `HTTP nodes ${http[0].min}`);
            const workers = http[0].min * http[0].workers;
            assert.equal(workers, plan.totalWorkers);
            assert.ok(workers >= row.workers[0] && workers <= row.workers[1], `workers ${workers}`);
            const cronCapable = nodeGroups.filter((g) => g.cron > 0);
            assert.equal(cronCapable.length, 1, "exactly one group runs cron");
            assert.equal(cronCapable[0].max, 1, "and it never grows past one node");
            assert.equal(
                nodeGroups.filter((g) => g.role === "http").every((g) => g.cron === 0),
                true,
            );

            const instances = run.ofType(T.rds);
            const primary = instances.filter((i) => (i.inputs.tags as Record<string, string>)[TAG.role] === "db-primary");
            const replicas = instances.filter((i) => (i.inputs.tags as Record<string, string>)[TAG.role] === "db-replica");
            assert.equal(primary.length, 1);
            assert.equal(databaseInstanceClass(primary[0].inputs.instanceClass).vcpu, row.dbVcpu);
            assert.ok(replicas.length >= row.replicas, `${replicas.length} replicas`);
            assert.equal(replicas.length, row.users >= 501 ? Math.max(2, Math.ceil(row.users / 1000)) : row.replicas);
            for (const replica of replicas) {
                assert.equal(
                    replica.inputs.replicateSourceDb,
                    UNKNOWN,
                    "a replica follows the primary, whose identifier is unknown at preview",
                );
            }
        });
    }
});

describe("OdooCluster wires the parts together", () => {
    it("writes db_replica_host for Odoo 18.0 and 19.0 with replicas, and leaves it out for 17.0 or without replicas", async () => {
        const cases: { version: OdooVersion; users: number; expected: boolean }[] = [
            { version: "18.0", users: 500, expected: true },
            { version: "19.0", users: 500, expected: true },
            { version: "17.0", users: 500, expected: false },
            { version: "18.0", users: 300, expected: false },
        ];
        for (const c of cases) {
            const run = await runWithMocks(cluster({ concurrentUsers: c.users, odooVersion: c.version }), { preview: false });
            for (const role of ["http", "cron"]) {
                const conf = odooConfOf(run, role);
                assert.equal(/^db_replica_host\s*=/m.test(conf), c.expected, `${c.version}, ${c.users} users, ${role}:\n${conf}`);
            }
            if (c.expected) {
                assert.match(odooConfOf(run, "http"), /^db_replica_host = db-replicas\./m);
            }
        }
    });

    it("points the nodes at the primary, its managed secret, the EFS file system and the target group", async () => {
        const run = await runWithMocks(cluster({ concurrentUsers: 300 }), { preview: false });
        const conf = odooConfOf(run, "http");
        const primary = run.resources.find(
            (r) => r.type === T.rds && (r.inputs.tags as Record<string, string>)[TAG.role] === "db-primary",
        )!;
        assert.match(conf, new RegExp(`^db_host = ${primary.state.address}$`, "m"));
        const http = run.ofType(T.asg).find((g) => tagsOf(g)[TAG.role] === "http")!;
        const cron = run.ofType(T.asg).find((g) => tagsOf(g)[TAG.role] === "cron")!;
        assert.equal((http.inputs.targetGroupArns as string[]).length, 1);
        assert.ok(!cron.inputs.targetGroupArns || (cron.inputs.targetGroupArns as string[]).length === 0, "the cron node serves no users");
        assert.equal(run.ofType(T.efs).length, 1);
        assert.equal(run.ofType(T.cache).length, 0, "sessions live on EFS unless the image carries session_redis");
    });

    it("uses Redis sessions for a fleet whose image carries session_redis", async () => {
        const run = await runWithMocks(
            cluster({ concurrentUsers: 300, image: "registry.example.com/odoo:18.0-c2c", imageAddons: { sessionRedis: true } }),
            { preview: true },
        );
        assert.equal(run.ofType(T.cache).length, 1);
        assert.ok(run.ofType(T.asg).every((g) => tagsOf(g)[TAG.sessions] === "redis"));
    });

    it("uses an S3 bucket when the image carries the OCA storage addons", async () => {
        const run = await runWithMocks(
            cluster({
                concurrentUsers: 300,
                image: "registry.example.com/odoo:18.0-oca",
                imageAddons: { s3Attachments: true, sessionRedis: true },
                filestore: { kind: "s3" },
            }),
            { preview: true },
        );
        assert.equal(run.ofType(T.bucket).filter((b) => (b.inputs.tags as Record<string, string>)[TAG.role] === "filestore").length, 1);
        assert.equal(run.ofType(T.efs).length, 0);
        assert.ok(run.ofType(T.asg).every((g) => tagsOf(g)[TAG.filestore] === "s3"));
    });

    it("adopts an existing VPC and creates no network of its own", async () => {
        const run = await runWithMocks(
            cluster({
                concurrentUsers: 300,
                network: {
                    existingVpc: {
                        vpcId: "vpc-0123456789abcdef0",
                        publicSubnetIds: ["subnet-0000000a", "subnet-0000000b"],
                        privateSubnetIds: ["subnet-0000001a", "subnet-0000001b"],
                        isolatedSubnetIds: ["subnet-0000002a", "subnet-0000002b"],
                    },
                },
            }),
            {
                preview: true,
                calls: {
                    "aws:ec2/getSubnet:getSubnet": (inputs) => {
                        const id = String(inputs.id);
                        return {
                            id,
                            vpcId: "vpc-0123456789abcdef0",
                            availabilityZone: id.endsWith("a") ? "us-east-1a" : "us-east-1b",
                            mapPublicIpOnLaunch: false,
                        };
                    },
                },
            },
        );
        assert.equal(run.ofType(T.vpc).length, 0);
        assert.equal(run.ofType(TYPE.efsMountTarget).length, 2, "one mount target per isolated subnet");
    });

    it("turns production on from the environment: Multi-AZ, deletion protection, a final snapshot, retained data", async () => {
        const run = await runWithMocks(
            () =>
                new OdooCluster("erp", {
                    environment: "prod",
                    concurrentUsers: 300,
                    loadBalancer: { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666" },
                    operations: { monitoring: { alarmEmail: "ops@example.com" } },
                }),
            { preview: true },
        );
        const primary = run.ofType(T.rds).find((r) => (r.inputs.tags as Record<string, string>)[TAG.role] === "db-primary")!;
        assert.equal(primary.inputs.multiAz, true);
        assert.equal(primary.inputs.deletionProtection, true);
        assert.equal(primary.inputs.skipFinalSnapshot, false);
        assert.equal(run.one(T.efs).options.retainOnDelete, true);
        assert.equal(run.one(T.alb).inputs.enableDeletionProtection, true);
    });

    for (const preview of [true, false]) {
        it(`tags every taggable AWS resource with the cluster, a role, the declared users and the environment (${preview ? "preview" : "update"})`, async () => {
            const run = await runWithMocks(cluster({ concurrentUsers: 500 }), { preview });
            const taggable = run.resources.filter((r) => r.custom && r.type.startsWith("aws:") && isTaggableType(r.type));
            assert.ok(taggable.length > 40, `${taggable.length} taggable resources`);
            for (const r of taggable) {
                const tags = parseOdooTags(r.type === T.asg ? tagsOf(r) : r.inputs.tags);
                assert.equal(tags.cluster, "erp", `${r.type} ${r.name}`);
                assert.equal(tags.environment, "staging", `${r.type} ${r.name}`);
                assert.equal(tags.concurrentUsers, 500, `${r.type} ${r.name}`);
                assert.ok(tags.role, `${r.type} ${r.name} has a role`);
            }
        });
    }

    it("keeps every generated secret out of plain-text inputs", async () => {
        const run = await runWithMocks(
            cluster({ concurrentUsers: 300, image: "registry.example.com/odoo:18.0-c2c", imageAddons: { sessionRedis: true } }),
            { preview: false },
        );
        assert.ok(run.generatedSecrets.length >= 2, "the admin password and the cache token are generated");
        assert.deepEqual(secretLeaks(run), []);
    });

    it("exports the plan and its monthly cost", async () => {
        const run = await runWithMocks(cluster({ concurrentUsers: 300 }), { preview: true });
        const cost = (await resolveOutput(run.result.monthlyCost)).value as { total: number };
        assert.ok(cost.total > 0);
        assert.equal((await resolveOutput(run.result.url)).value, UNKNOWN, "the ALB's DNS name is unknown at preview");
    });
});

describe("OdooCluster exposes what extending it needs", () => {
    const certificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666";

    it("gives the node role, the node security group, the target group, the VPC and its subnets by tier", async () => {
        const run = await runWithMocks(cluster({ concurrentUsers: 300 }), { preview: false });
        const value = async (o: unknown) => (await resolveOutput(o as never)).value;
        const one = (type: string, role?: string) => {
            const found = run
                .ofType(type)
                .filter((r) => !role || (r.inputs.tags as Record<string, string> | undefined)?.[TAG.role] === role);
            assert.equal(found.length, 1, `${type} ${role ?? ""}`);
            return found[0];
        };
        const nodeRole = one(TYPE.role, "http");
        assert.equal(await value(run.result.nodeRoleName), nodeRole.state.name);
        assert.equal(await value(run.result.nodeRoleArn), nodeRole.state.arn);
        const tg = one(TYPE.targetGroup);
        assert.equal(await value(run.result.targetGroupArn), tg.state.arn);
        const http = run.ofType(T.asg).find((g) => tagsOf(g)[TAG.role] === "http")!;
        assert.deepEqual(http.inputs.targetGroupArns, [tg.state.arn]);
        // The mock runtime answers `<name>-id` for the ID of a created resource.
        const idOf = (r: RecordedResource) => `${r.name}-id`;
        const nodeGroup = run.ofType(TYPE.securityGroup).filter((g) => g.name.endsWith("-nodes-sg"));
        assert.equal(nodeGroup.length, 1, "one node security group");
        assert.equal(await value(run.result.nodeSecurityGroupId), idOf(nodeGroup[0]));
        assert.equal(await value(run.result.vpcId), idOf(one(T.vpc)));
        const subnets = run.ofType(TYPE.subnet);
        for (const tier of ["public", "private", "isolated"] as const) {
            const ids = (await value(run.result[`${tier}SubnetIds`])) as unknown as string[];
            assert.deepEqual(
                ids,
                subnets.filter((sn) => sn.name.includes(`-${tier}-`)).map(idOf),
                `${tier}: one subnet per zone, of that tier`,
            );
        }
    });

    it("gives the HTTPS listener when there is one, and leaves it undefined on an HTTP-only load balancer", async () => {
        const tls = await runWithMocks(cluster({ concurrentUsers: 300, loadBalancer: { certificateArn } }), { preview: false });
        const https = tls.ofType(TYPE.listener).find((l) => l.inputs.port === 443)!;
        assert.equal((await resolveOutput(tls.result.httpsListenerArn)).value, https.state.arn);
        const plain = await runWithMocks(cluster({ concurrentUsers: 300 }), { preview: false });
        assert.equal((await resolveOutput(plain.result.httpsListenerArn)).value, undefined);
    });
});

describe("OdooCluster runs the cluster day to day", () => {
    const prod = {
        environment: "prod",
        concurrentUsers: 500,
        loadBalancer: { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666" },
        operations: { monitoring: { alarmTopicArns: ["arn:aws:sns:us-east-1:123456789012:ops-pager"] } },
    };

    it("scales a fleet on requests per node and CPU, and a single node not at all", async () => {
        const fleet = await runWithMocks(cluster({ concurrentUsers: 300 }), { preview: true });
        const metrics = fleet.ofType(TYPE.scalingPolicy).map((p) => JSON.stringify(p.inputs.targetTrackingConfiguration));
        assert.equal(metrics.filter((m) => m.includes("ALBRequestCountPerTarget")).length, 1);
        assert.equal(metrics.filter((m) => m.includes("ASGAverageCPUUtilization")).length, 1, "one CPU policy, not two fighting");
        const single = await runWithMocks(cluster({ concurrentUsers: 20 }), { preview: true });
        assert.equal(single.ofType(TYPE.scalingPolicy).length, 0);
    });

    it("alarms on the guide's signs everywhere, and backs up, upgrades and health-gates in production only", async () => {
        const staging = await runWithMocks(cluster({ concurrentUsers: 500 }), { preview: true });
        assert.ok(staging.ofType(TYPE.metricAlarm).length >= 10);
        assert.equal(staging.ofType(TYPE.backupPlan).length, 0);
        assert.equal(staging.ofType(TYPE.localCommand).length, 0);

        const run = await runWithMocks(() => new OdooCluster("erp", prod), { preview: true });
        assert.equal(run.ofType(TYPE.backupPlan).length, 1);
        const commands = run.ofType(TYPE.localCommand);
        assert.equal(commands.length, 2, "the upgrade step and the health gate");
        const gate = commands.find((c) => c.name.includes("health-gate"))!;
        const upgrade = commands.find((c) => c.name.includes("upgrade"))!;
        assert.ok(gate && upgrade);
        const replicaAlarms = run
            .ofType(TYPE.metricAlarm)
            .filter((a) => a.inputs.metricName === "ReplicaLag" && !a.name.endsWith("-routing"));
        assert.equal(replicaAlarms.length, 1, "one lag alarm per replica (500 users: one), besides its routing alarm");
    });

    it("sends alarms to an e-mail address through an encrypted topic when asked", async () => {
        const run = await runWithMocks(cluster({ concurrentUsers: 300, operations: { monitoring: { alarmEmail: "ops@example.com" } } }), {
            preview: true,
        });
        assert.equal(run.ofType(TYPE.snsTopic).length, 1);
        assert.equal(run.one(TYPE.snsTopicSubscription).inputs.endpoint, "ops@example.com");
    });

    for (const preview of [true, false]) {
        it(`takes an unhealthy replica out of the replica name, and tells the alarm topic (${preview ? "preview" : "update"})`, async () => {
            const run = await runWithMocks(
                () =>
                    new OdooCluster("erp", {
                        ...prod,
                        database: { replicas: 2 },
                        operations: { monitoring: { alarmEmail: "ops@example.com" } },
                    }),
                { preview },
            );
            const topic = run.one(TYPE.snsTopic);
            const routing = run.ofType(TYPE.metricAlarm).filter((a) => a.name.endsWith("-routing"));
            assert.equal(routing.length, 2);
            for (const alarm of routing) {
                assert.deepEqual(alarm.inputs.alarmActions, [preview ? UNKNOWN : topic.state.arn]);
                assert.ok(alarm.options.propertyDependencies.alarmActions?.includes(topic.urn), "waits for the topic");
            }
            const checks = run.ofType(TYPE.dnsHealthCheck);
            assert.equal(checks.length, 2);
            for (const record of run.ofType(TYPE.dnsRecord).filter((r) => r.inputs.setIdentifier !== undefined)) {
                assert.notEqual(record.inputs.healthCheckId, undefined, record.name);
            }
        });
    }

    it("creates the request-count scaling policy only after the listeners tie the target group to the ALB", async () => {
        const run = await runWithMocks(() => new OdooCluster("erp", prod), { preview: true });
        const policy = run
            .ofType("aws:autoscaling/policy:Policy")
            .find((p) => JSON.stringify(p.inputs.targetTrackingConfiguration).includes("ALBRequestCountPerTarget"))!;
        const deps = Object.values(policy.options.propertyDependencies).flat();
        const listeners = run.ofType("aws:lb/listener:Listener");
        assert.equal(listeners.length, 2);
        for (const listener of listeners) {
            assert.ok(deps.includes(listener.urn), `waits for ${listener.name}`);
        }
    });

    it("backs the EFS filestore up once: the cluster's AWS Backup plan, not EFS automatic backups as well", async () => {
        const run = await runWithMocks(() => new OdooCluster("erp", prod), { preview: true });
        assert.equal(run.ofType("aws:backup/selection:Selection").length, 1);
        assert.deepEqual(run.one("aws:efs/backupPolicy:BackupPolicy").inputs.backupPolicy, { status: "DISABLED" });
    });

    it("rolls out cron node, module upgrade, HTTP fleet, health gate in that order, each wait computed from its rollout", async () => {
        const run = await runWithMocks(() => new OdooCluster("erp", prod), { preview: false });
        const upgrade = run.ofType("command:local:Command").find((c) => c.name.includes("upgrade"))!;
        const gate = run.ofType("command:local:Command").find((c) => c.name.includes("health-gate"))!;
        const groups = run.ofType(T.asg);
        const http = groups.find((g) => g.name.endsWith("-http"))!;
        const cron = groups.find((g) => g.name.endsWith("-cron"))!;
        const dependsOn = (r: { options: { dependsOn: string[]; propertyDependencies: Record<string, string[]> } }) =>
            new Set([...r.options.dependsOn, ...Object.values(r.options.propertyDependencies).flat()]);
        assert.ok(dependsOn(upgrade).has(cron.urn), "the upgrade runs on the refreshed cron node");
        assert.ok(!dependsOn(upgrade).has(http.urn), "and not after the HTTP fleet");
        assert.ok(dependsOn(http).has(upgrade.urn), "the HTTP fleet rolls out after the upgrade");
        const gateEnv = gate.inputs.environment as Record<string, string>;
        const upgradeEnv = upgrade.inputs.environment as Record<string, string>;
        const rollout = (await resolveOutput(run.result.rollout)).value as RolloutTimeline;
        assert.equal(Number(gateEnv.ODOO_HEALTH_TIMEOUT), rollout.healthGateSeconds);
        assert.ok(rollout.healthGateSeconds >= rollout.httpFleetSeconds && rollout.httpFleetSeconds > 900);
        assert.equal(Number(upgradeEnv.ODOO_NODE_WAIT), rollout.upgradeNodeWaitSeconds);
        assert.ok(rollout.upgradeNodeWaitSeconds >= rollout.cronNodeSeconds);
        assert.equal((gate.inputs.triggers as unknown[]).length, 4, "version, image and both launch template versions");
    });

    it("lets production opt out of the upgrade step and the health gate explicitly", async () => {
        const run = await runWithMocks(
            () =>
                new OdooCluster("erp", {
                    ...prod,
                    operations: { ...prod.operations, upgrade: { enabled: false }, healthGate: { enabled: false } },
                }),
            { preview: true },
        );
        assert.equal(run.ofType(TYPE.localCommand).length, 0);
    });
});

describe("OdooCluster rejects bad arguments before creating anything", () => {
    const base = { concurrentUsers: 300, environment: "staging", loadBalancer: { allowHttpOnly: true } };
    const bad = (args: Record<string, unknown>) => () => new OdooCluster("erp", { ...base, ...args } as OdooClusterArgs);

    it("rejects zero users", () => expectArgumentError(bad({ concurrentUsers: 0 }), "concurrentUsers", 0, /whole number from 1 to 5000/));
    it("rejects a component name that cannot be a cluster name", () =>
        expectArgumentError(() => new OdooCluster("My_ERP", base), "clusterName", "My_ERP", /lower-case/));
    it("rejects an unsupported Odoo version", () =>
        expectArgumentError(bad({ odooVersion: "16.0" }), "odooVersion", "16.0", /"17\.0", "18\.0", "19\.0"/));
    it("rejects more than 15 replicas", () => expectArgumentError(bad({ database: { replicas: 16 } }), "database.replicas", 16, /0 to 15/));
    it("rejects a local filestore for a fleet", () =>
        expectArgumentError(bad({ filestore: { kind: "local" } }), "filestore.kind", "local", /single node/));
    it("rejects Redis sessions on Odoo 19.0", () =>
        expectArgumentError(
            bad({
                odooVersion: "19.0",
                image: "registry.example.com/odoo:19.0-c2c",
                imageAddons: { sessionRedis: true },
                sessions: { kind: "redis" },
            }),
            "sessions.kind",
            "redis",
            /19\.0/,
        ));
    it("rejects Redis sessions without an image that carries session_redis", () =>
        expectArgumentError(bad({ sessions: { kind: "redis" } }), "imageAddons.sessionRedis", undefined, /session_redis/));
    it("rejects an S3 filestore without the storage addons acknowledged", () =>
        expectArgumentError(
            bad({ filestore: { kind: "s3" } }),
            "imageAddons.s3Attachments",
            undefined,
            /fs_storage, fs_attachment, fs_attachment_s3/,
        ));
    it("rejects declaring addons on the official image, which has none", () =>
        expectArgumentError(bad({ imageAddons: { sessionRedis: true } }), "image", "odoo:18.0", /custom image/));
    it("rejects a fleet on S3 without shared sessions", () =>
        expectArgumentError(
            bad({ image: "registry.example.com/odoo:18.0-oca", imageAddons: { s3Attachments: true }, filestore: { kind: "s3" } }),
            "sessions.kind",
            undefined,
            /redis/,
        ));
    it("rejects an unknown node type under nodes.", () =>
        expectArgumentError(bad({ nodes: { instanceType: "c5.large" } }), "nodes.instanceType", "c5.large", /c7g/));
    it("rejects an unknown database class under database.", () =>
        expectArgumentError(bad({ database: { instanceClass: "db.m5.large" } }), "database.instanceClass", "db.m5.large", /db\.m7g/));
    it("rejects a backup retention of zero", () =>
        expectArgumentError(bad({ database: { backupRetentionDays: 0 } }), "database.backupRetentionDays", 0, /1 to 35/));
    it("rejects a bad VPC CIDR under network.", () =>
        expectArgumentError(bad({ network: { cidrBlock: "10.0.0.0/8" } }), "network.cidrBlock", "10.0.0.0/8", /16/));
    it("rejects a short idle timeout under loadBalancer.", () =>
        expectArgumentError(
            bad({ loadBalancer: { allowHttpOnly: true, idleTimeoutSeconds: 60 } }),
            "loadBalancer.idleTimeoutSeconds",
            60,
            /1230/,
        ));
    it("rejects seven cache nodes", () =>
        expectArgumentError(
            bad({ image: "registry.example.com/odoo:18.0-c2c", imageAddons: { sessionRedis: true }, sessions: { nodes: 7 } }),
            "sessions.nodes",
            7,
            /1 to 6/,
        ));
    it("rejects a production cluster whose alarms would notify nobody, naming the alarm e-mail key", () =>
        expectArgumentError(
            () =>
                new OdooCluster("erp", {
                    concurrentUsers: 300,
                    environment: "prod",
                    loadBalancer: { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666" },
                }),
            "operations.monitoring.alarmEmail",
            undefined,
            /in production/,
        ));
    it("rejects an HTTP-only load balancer in production without a certificate", () =>
        expectArgumentError(
            () => new OdooCluster("erp", { concurrentUsers: 300, environment: "prod" }),
            "loadBalancer.certificateArn",
            undefined,
            /allowHttpOnly/,
        ));
    it("rejects a cron thread count of zero", () =>
        expectArgumentError(bad({ nodes: { maxCronThreads: 0 } }), "nodes.maxCronThreads", 0, /1 to 16/));
    it("rejects a malformed alarm e-mail under operations.monitoring.", () =>
        expectArgumentError(
            bad({ operations: { monitoring: { alarmEmail: "ops" } } }),
            "operations.monitoring.alarmEmail",
            "ops",
            /e-?mail/i,
        ));
    it("rejects an operations switch that is not a boolean", () =>
        expectArgumentError(bad({ operations: { backups: { enabled: "yes" } } }), "operations.backups.enabled", "yes", /true or false/));
});
