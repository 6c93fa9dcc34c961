import { gunzipSync } from "node:zlib";
import { strict as assert } from "node:assert";
import { cronNodeRollout, httpFleetRollout } from "../../../components/operations/fleetScaling";
import {
    OdooNodes,
    OdooNodesArgs,
    al2023ImageId,
    isDockerHubImage,
    parseImageReference,
    resolveNodesArgs,
} from "../../../components/nodes/nodes";
import { PolicyDocument } from "../../../components/nodes/nodeIam";
import { planCapacity } from "../../../components/contract/sizing";
import { TAG, parseOdooTags } from "../../../components/contract/tags";
import { NODE_PATHS } from "../../../components/nodes/userData";
import { NODE_METRICS_NAMESPACE } from "../../../components/operations/alarms";
import { ALB_MAX_IDLE_TIMEOUT_SECONDS } from "../../../components/contract/timeouts";
import { MockRun, RecordedResource, UNKNOWN, allStrings, resolveOutput, runWithMocks } from "../../harness/pulumiMocks";
import { cloudInitSchema, parseIniWithPython } from "../../harness/debianTools";
import { cloudConfigOf, fileIn } from "../../harness/nodeUserData";
import { expectArgumentError, throwsArgumentError } from "../../harness/argumentErrors";
import { TYPE } from "../../harness/resourceTypes";

const ACCOUNT = "123456789012";
const TARGET_GROUP = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/erp-prod/0123456789abcdef`;
const DB_SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:rds!db-0a1b2c3d-AbCdEf`;
const REDIS_SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:erp-prod-redis-AbCdEf`;
const ADMIN_SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:erp-prod-admin-AbCdEf`;

const T = {
    asg: TYPE.autoscalingGroup,
    lt: TYPE.launchTemplate,
    policy: TYPE.rolePolicy,
    attachment: TYPE.rolePolicyAttachment,
    role: TYPE.role,
    profile: TYPE.instanceProfile,
    logGroup: TYPE.logGroup,
    secret: TYPE.secret,
    secretVersion: TYPE.secretVersion,
    password: TYPE.randomPassword,
    scaling: TYPE.scalingPolicy,
};

/** A production fleet for 300 users: 18.0, EFS through an access point, Redis sessions, a replica. */
function fleetArgs(overrides: Partial<OdooNodesArgs> = {}): OdooNodesArgs {
    return {
        cluster: { name: "erp", environment: "prod", concurrentUsers: 300, tags: { CostCenter: "erp" } },
        odooVersion: "18.0",
        subnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1", "subnet-0123456789abcdef2"],
        securityGroupIds: ["sg-0123456789abcdef0"],
        targetGroupArns: [TARGET_GROUP],
        database: {
            host: "erp-prod-db.c9akciq32.us-east-1.rds.amazonaws.com",
            passwordSecretArn: DB_SECRET,
            replicaHost: "erp-prod-db-ro.c9akciq32.us-east-1.rds.amazonaws.com",
        },
        filestore: { kind: "efs", efsFileSystemId: "fs-0123456789abcdef0", efsAccessPointId: "fsap-0123456789abcdef0" },
        sessions: { kind: "redis", redisHost: "master.erp-prod.x1y2z3.use1.cache.amazonaws.com", redisAuthTokenSecretArn: REDIS_SECRET },
        ...overrides,
    };
}

/** A 30-user staging cluster: one http+cron node, data dir and sessions on EFS. */
function singleArgs(overrides: Partial<OdooNodesArgs> = {}): OdooNodesArgs {
    return fleetArgs({
        cluster: { name: "erp", environment: "staging", concurrentUsers: 30 },
        database: { host: "erp-staging-db.c9akciq32.us-east-1.rds.amazonaws.com", passwordSecretArn: DB_SECRET },
        sessions: { kind: "filestore" },
        ...overrides,
    });
}

function nodes(args: OdooNodesArgs): () => OdooNodes {
    return () => new OdooNodes("erp", args);
}

function group(run: MockRun<OdooNodes>, key: string): RecordedResource {
    return run.one(T.asg, `erp-${key}`);
}

function template(run: MockRun<OdooNodes>, key: string): RecordedResource {
    return run.one(T.lt, `erp-${key}`);
}

function asgTagMap(asg: RecordedResource): Record<string, string> {
    const tags = asg.inputs.tags as { key: string; value: string; propagateAtLaunch: boolean }[];
    for (const t of tags) {
        assert.equal(t.propagateAtLaunch, true, `${t.key} must reach the instances`);
    }
    return Object.fromEntries(tags.map((t) => [t.key, t.value]));
}

const plan300 = planCapacity({ concurrentUsers: 300, production: true });

for (const preview of [true, false]) {
    describe(`OdooNodes (${preview ? "preview" : "update"})`, () => {
        it("registers an HTTP and a cron group, each over its own launch template, for a fleet", async () => {
            const run = await runWithMocks(nodes(fleetArgs()), { preview });
            assert.equal(run.ofType(T.asg).length, 2);
            assert.equal(run.ofType(T.lt).length, 2);
            assert.equal(run.ofType(T.role).length, 1);
            assert.equal(run.ofType(T.profile).length, 1);
            assert.equal(run.ofType(T.policy).length, 1);
            assert.equal(run.ofType(T.logGroup).length, 1);
            assert.equal(run.one("odoo-aws:index:OdooNodes").name, "erp");
            for (const r of run.resources.filter((x) => x.custom)) {
                assert.match(r.options.parent, /OdooNodes::erp$/, `${r.type} ${r.name} is a child of the component`);
            }
        });

        it("registers a single http+cron group in single-node mode", async () => {
            const run = await runWithMocks(nodes(singleArgs()), { preview });
            assert.equal(run.ofType(T.asg).length, 1);
            assert.equal(run.ofType(T.lt).length, 1);
            assert.equal(run.ofType(T.scaling).length, 0);
            assert.equal(parseOdooTags(template(run, "node").inputs.tags).role, "http+cron");
        });

        it("requires IMDSv2 and an encrypted gp3 root volume, with no public address", async () => {
            const run = await runWithMocks(nodes(fleetArgs({ rootVolumeGb: 50 })), { preview });
            for (const lt of run.ofType(T.lt)) {
                const metadata = lt.inputs.metadataOptions as Record<string, unknown>;
                assert.equal(metadata.httpTokens, "required");
                assert.equal(metadata.httpEndpoint, "enabled");
                assert.equal(metadata.httpPutResponseHopLimit, 1);
                const [root] = lt.inputs.blockDeviceMappings as { deviceName: string; ebs: Record<string, unknown> }[];
                assert.equal(root.deviceName, "/dev/xvda");
                assert.deepEqual(
                    { encrypted: root.ebs.encrypted, volumeType: root.ebs.volumeType, volumeSize: root.ebs.volumeSize },
                    { encrypted: "true", volumeType: "gp3", volumeSize: 50 },
                );
                const [nic] = lt.inputs.networkInterfaces as Record<string, unknown>[];
                assert.equal(nic.associatePublicIpAddress, "false");
                assert.deepEqual(nic.securityGroups, ["sg-0123456789abcdef0"]);
            }
        });

        it("boots Amazon Linux 2023 of the instance type's architecture", async () => {
            const arm = await runWithMocks(nodes(fleetArgs()), { preview });
            assert.equal(template(arm, "http").inputs.imageId, al2023ImageId("arm64"));
            assert.equal(template(arm, "cron").inputs.imageId, al2023ImageId("arm64"));
            const intel = await runWithMocks(nodes(fleetArgs({ instanceType: "m7i.xlarge", cronInstanceType: "m7i.large" })), { preview });
            assert.equal(
                template(intel, "http").inputs.imageId,
                "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
            );
            assert.equal(template(intel, "cron").inputs.instanceType, "m7i.large");
            assert.equal((await resolveOutput(intel.result.architecture)).value, "x86_64");
        });

        it("keeps the cron group at exactly one instance, never two, not even while replacing it", async () => {
            const run = await runWithMocks(nodes(fleetArgs()), { preview });
            const cron = group(run, "cron");
            assert.deepEqual([cron.inputs.minSize, cron.inputs.maxSize, cron.inputs.desiredCapacity], [1, 1, 1]);
            assert.equal(cron.options.deleteBeforeReplace, true);
            const refresh = cron.inputs.instanceRefresh as { strategy: string; preferences: Record<string, unknown> };
            assert.equal(refresh.strategy, "Rolling");
            assert.deepEqual([refresh.preferences.minHealthyPercentage, refresh.preferences.maxHealthyPercentage], [0, 100]);
            assert.deepEqual(
                refresh,
                cronNodeRollout({ instanceWarmupSeconds: 900 }).instanceRefresh,
                "the cron rollout of fleetScaling.ts",
            );
            assert.deepEqual(cron.inputs.instanceMaintenancePolicy, { minHealthyPercentage: 0, maxHealthyPercentage: 100 });
            assert.deepEqual(cron.inputs.suspendedProcesses, ["AZRebalance"]);
            assert.deepEqual(cron.options.ignoreChanges, []);
        });

        it("never attaches the cron group to the load balancer, and checks it with EC2 health checks", async () => {
            const run = await runWithMocks(nodes(fleetArgs()), { preview });
            const cron = group(run, "cron");
            assert.equal(cron.inputs.targetGroupArns, undefined);
            assert.equal(cron.inputs.healthCheckType, "EC2");
            assert.equal(parseOdooTags(asgTagMap(cron)).role, "cron");
        });

        it("sizes the HTTP group from the capacity plan and attaches it to the target groups", async () => {
            const run = await runWithMocks(nodes(fleetArgs()), { preview });
            const http = group(run, "http");
            assert.deepEqual(
                [http.inputs.minSize, http.inputs.desiredCapacity, http.inputs.maxSize],
                [plan300.httpNodes, plan300.httpNodes, plan300.httpNodesMax],
            );
            assert.ok(plan300.httpNodesMax > plan300.httpNodes);
            assert.deepEqual(http.inputs.targetGroupArns, [TARGET_GROUP]);
            assert.equal(http.inputs.healthCheckType, "ELB");
            assert.equal(http.inputs.healthCheckGracePeriod, 900);
            assert.deepEqual(http.inputs.vpcZoneIdentifiers, fleetArgs().subnetIds);
            assert.equal(http.options.deleteBeforeReplace, false);
        });

        it("rolls the HTTP fleet out launch-first within 150 %, the same bounds for health replacements", async () => {
            const run = await runWithMocks(nodes(fleetArgs()), { preview });
            const http = group(run, "http");
            const refresh = http.inputs.instanceRefresh as { strategy: string; preferences: Record<string, unknown> };
            assert.equal(refresh.strategy, "Rolling");
            assert.deepEqual([refresh.preferences.minHealthyPercentage, refresh.preferences.maxHealthyPercentage], [100, 150]);
            assert.equal(refresh.preferences.skipMatching, true);
            assert.deepEqual(
                refresh,
                httpFleetRollout({ instanceWarmupSeconds: 900 }).instanceRefresh,
                "the HTTP rollout of fleetScaling.ts",
            );
            assert.deepEqual(http.inputs.instanceMaintenancePolicy, { minHealthyPercentage: 100, maxHealthyPercentage: 150 });
            assert.equal(http.inputs.healthCheckType, httpFleetRollout().healthCheckType);
            // 150 % of the plan's httpNodes stays within the httpNodesMax the connection budget counts.
            assert.ok(Math.ceil(plan300.httpNodes * 1.5) <= plan300.httpNodesMax);
        });

        it("waits the health check grace period before a rollout counts a replacement node", async () => {
            const run = await runWithMocks(nodes(fleetArgs({ healthCheckGracePeriodSeconds: 2400 })), { preview });
            for (const key of ["http", "cron"]) {
                const asg = group(run, key);
                assert.equal(
                    (asg.inputs.instanceRefresh as { preferences: Record<string, unknown> }).preferences.instanceWarmup,
                    "2400",
                    key,
                );
                assert.deepEqual([asg.inputs.healthCheckGracePeriod, asg.inputs.defaultInstanceWarmup], [2400, 2400]);
            }
        });

        it("creates no scaling policy, and keeps a desired capacity that OdooFleetScaling moves", async () => {
            const run = await runWithMocks(nodes(fleetArgs()), { preview });
            assert.equal(run.ofType(T.scaling).length, 0, "scaling is OdooFleetScaling's");
            assert.deepEqual(group(run, "http").options.ignoreChanges, ["desiredCapacity"]);
            const fixed = await runWithMocks(nodes(fleetArgs({ httpNodes: 4, httpNodesMax: 4 })), { preview });
            assert.equal(fixed.ofType(T.scaling).length, 0);
            assert.deepEqual(
                group(fixed, "http").options.ignoreChanges,
                [],
                "a fleet that cannot grow has its desired capacity managed here",
            );
        });

        it("takes explicit fleet bounds over the plan's", async () => {
            const run = await runWithMocks(nodes(fleetArgs({ httpNodes: 6, httpNodesMax: 12, workersPerNode: 5 })), { preview });
            const http = group(run, "http");
            assert.deepEqual([http.inputs.minSize, http.inputs.desiredCapacity, http.inputs.maxSize], [6, 6, 12]);
            assert.equal(parseOdooTags(asgTagMap(http)).workers, 5);
        });

        it("runs a single node as one http+cron instance behind the target group, under the never-two rule", async () => {
            const run = await runWithMocks(nodes(singleArgs()), { preview });
            const node = group(run, "node");
            assert.deepEqual([node.inputs.minSize, node.inputs.maxSize, node.inputs.desiredCapacity], [1, 1, 1]);
            assert.deepEqual(node.inputs.targetGroupArns, [TARGET_GROUP]);
            assert.equal(node.inputs.healthCheckType, "ELB");
            assert.equal(node.options.deleteBeforeReplace, true);
            assert.deepEqual(node.inputs.instanceMaintenancePolicy, { minHealthyPercentage: 0, maxHealthyPercentage: 100 });
            const tags = parseOdooTags(asgTagMap(node));
            assert.equal(tags.role, "http+cron");
            assert.ok((tags.maxCronThreads ?? 0) >= 1);
            assert.equal((await resolveOutput(run.result.singleNode)).value, true);
            if (!preview) {
                assert.equal((await resolveOutput(run.result.httpGroupName)).value, (await resolveOutput(run.result.cronGroupName)).value);
            }
        });

        it("writes the tag contract, node tags included, on groups (propagated) and launch templates", async () => {
            const run = await runWithMocks(nodes(fleetArgs()), { preview });
            const expected = {
                http: { role: "http", maxCronThreads: 0, workers: plan300.workersPerNode },
                cron: { role: "cron", maxCronThreads: plan300.cron.maxCronThreads, workers: plan300.cron.workers },
            };
            for (const [key, want] of Object.entries(expected)) {
                const lt = template(run, key);
                for (const tags of [asgTagMap(group(run, key)), lt.inputs.tags as Record<string, string>]) {
                    const parsed = parseOdooTags(tags);
                    assert.deepEqual(
                        {
                            cluster: parsed.cluster,
                            role: parsed.role,
                            users: parsed.concurrentUsers,
                            env: parsed.environment,
                            maxCronThreads: parsed.maxCronThreads,
                            workers: parsed.workers,
                            dbMaxconn: parsed.dbMaxconn,
                            filestore: parsed.filestore,
                            sessions: parsed.sessions,
                        },
                        {
                            cluster: "erp",
                            role: want.role,
                            users: 300,
                            env: "prod",
                            maxCronThreads: want.maxCronThreads,
                            workers: want.workers,
                            dbMaxconn: plan300.dbMaxconn,
                            filestore: "efs",
                            sessions: "redis",
                        },
                    );
                    assert.equal(tags.CostCenter, "erp");
                }
                const specs = lt.inputs.tagSpecifications as { resourceType: string; tags: Record<string, string> }[];
                assert.deepEqual(
                    specs.map((s) => s.resourceType),
                    ["instance", "volume", "network-interface"],
                );
                for (const s of specs) {
                    assert.equal(s.tags[TAG.role], want.role);
                    assert.equal(s.tags[TAG.maxCronThreads], String(want.maxCronThreads));
                }
            }
        });

        it("tags every other taggable resource with the cluster", async () => {
            const run = await runWithMocks(nodes(fleetArgs()), { preview });
            for (const type of [T.logGroup, T.role, T.profile, T.secret]) {
                const tags = run.one(type).inputs.tags as Record<string, string>;
                assert.equal(tags[TAG.cluster], "erp", type);
                assert.equal(tags[TAG.environment], "prod", type);
            }
        });

        it("keeps production logs a year and staging logs a month", async () => {
            const prod = await runWithMocks(nodes(fleetArgs()), { preview });
            assert.equal(prod.one(T.logGroup).inputs.retentionInDays, 365);
            assert.equal(prod.one(T.logGroup).inputs.name, "/odoo/erp/prod/erp");
            const staging = await runWithMocks(nodes(singleArgs()), { preview });
            assert.equal(staging.one(T.logGroup).inputs.retentionInDays, 30);
        });

        it("generates the master password into Secrets Manager unless one is given", async () => {
            const generated = await runWithMocks(nodes(fleetArgs()), { preview });
            assert.equal(generated.ofType(T.password).length, 1);
            assert.equal(generated.ofType(T.secretVersion).length, 1);
            assert.deepEqual(generated.one(T.secretVersion).secretInputs, ["secretString"]);
            assert.equal(generated.one(T.secret).inputs.recoveryWindowInDays, 30);
            const given = await runWithMocks(nodes(fleetArgs({ adminPasswordSecretArn: ADMIN_SECRET })), { preview });
            assert.equal(given.ofType(T.password).length + given.ofType(T.secret).length, 0);
            assert.equal((await resolveOutput(given.result.adminPasswordSecretArn)).value, ADMIN_SECRET);
        });

        it("gives the role Session Manager and the filestore's own policy when one is given", async () => {
            const policyArn = `arn:aws:iam::${ACCOUNT}:policy/erp-prod-filestore-access`;
            const run = await runWithMocks(
                nodes(fleetArgs({ filestore: { kind: "efs", efsFileSystemId: "fs-0123456789abcdef0", accessPolicyArn: policyArn } })),
                { preview },
            );
            const arns = run.ofType(T.attachment).map((a) => a.inputs.policyArn);
            assert.ok(arns.includes(policyArn));
            if (!preview) {
                assert.ok(arns.includes("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"));
                const doc = JSON.parse(run.one(T.policy).inputs.policy as string) as PolicyDocument;
                assert.equal(
                    doc.Statement.some((s) => s.Sid === "MountOdooFilestore"),
                    false,
                    "the given policy grants EFS access",
                );
            }
        });

        it("reports the sizing it deployed", async () => {
            const run = await runWithMocks(nodes(fleetArgs({ dbMaxconn: 10 })), { preview });
            assert.equal((await resolveOutput(run.result.dbMaxconn)).value, 10);
            assert.equal((await resolveOutput(run.result.httpNodesMax)).value, plan300.httpNodesMax);
            assert.equal((await resolveOutput(run.result.singleNode)).value, false);
            const names = await resolveOutput(run.result.httpGroupName);
            assert.equal(names.value === UNKNOWN, preview);
        });
    });
}

describe("OdooNodes (preview only)", () => {
    it("decides sizes and tags from preview-known values while the user data is still unknown", async () => {
        const run = await runWithMocks(nodes(fleetArgs()), { preview: true });
        for (const lt of run.ofType(T.lt)) {
            assert.equal(lt.inputs.userData, UNKNOWN);
            assert.ok(allStrings(lt.inputs.tags).length > 0);
            assert.ok(!Object.values(lt.inputs.tags as Record<string, unknown>).includes(UNKNOWN));
        }
        for (const asg of run.ofType(T.asg)) {
            assert.equal(typeof asg.inputs.maxSize, "number");
            assert.ok(!(asg.inputs.tags as { value: unknown }[]).some((t) => t.value === UNKNOWN));
        }
    });
});

describe("OdooNodes (update only)", () => {
    it("never puts a secret value in user data or any input but the secret's own", async () => {
        const run = await runWithMocks(nodes(fleetArgs()), { preview: false });
        assert.ok(run.generatedSecrets.length > 0, "the mock generated the master password");
        for (const r of run.resources) {
            if (r.type === T.secretVersion || r.type === T.password) {
                continue;
            }
            const texts = allStrings(r.inputs).map((s) =>
                r.type === T.lt && s === r.inputs.userData ? gunzipSync(Buffer.from(s, "base64")).toString("utf8") : s,
            );
            for (const secret of run.generatedSecrets) {
                assert.ok(!texts.some((t) => t.includes(secret)), `${r.type} ${r.name} carries a secret value`);
            }
        }
        const env = fileIn(cloudConfigOf(template(run, "http")), NODE_PATHS.env);
        assert.match(env, /^ADMIN_SECRET_ARN='arn:aws:secretsmanager:us-east-1:123456789012:secret:erp-admin-password-/m);
        assert.match(env, new RegExp(`^DB_SECRET_ARN='${DB_SECRET.replace(/[.*+?^${}()|[\]\\!]/g, "\\$&")}'$`, "m"));
    });

    it("ships the runtime fixes in a production HTTP node's launch template", async () => {
        const run = await runWithMocks(nodes(fleetArgs()), { preview: false });
        const config = cloudConfigOf(template(run, "http"));
        const keepalive = Number(/keepalive_timeout (\d+)s;/.exec(fileIn(config, NODE_PATHS.nginxConf))?.[1]);
        assert.ok(keepalive > ALB_MAX_IDLE_TIMEOUT_SECONDS, `nginx keep-alive ${keepalive} s outlives every ALB idle timeout`);
        const prepare = fileIn(config, NODE_PATHS.dbPrepare);
        assert.match(prepare, /CREATE EXTENSION IF NOT EXISTS pg_trgm;\nCREATE EXTENSION IF NOT EXISTS unaccent;/);
        const db = fileIn(config, NODE_PATHS.db);
        assert.ok(db.indexOf(NODE_PATHS.dbPrepare) < db.indexOf("--stop-after-init"), "the extensions come before the first install");
        assert.match(fileIn(config, NODE_PATHS.odooUnit), /^RequiresMountsFor=\/var\/lib\/odoo$/m);
        assert.ok(config.packages.includes("diffutils") && config.packages.includes("amazon-cloudwatch-agent"));
        const agent = JSON.parse(fileIn(config, NODE_PATHS.cloudWatchAgent)) as {
            metrics: { namespace: string; metrics_collected: Record<string, unknown> };
            logs: { logs_collected: { files: { collect_list: { file_path: string; log_group_name: string }[] } } };
        };
        assert.deepEqual(
            agent.logs.logs_collected.files.collect_list.map((f) => f.file_path),
            ["/var/log/cloud-init-output.log", NODE_PATHS.bootLog, "/var/log/nginx/access.log", "/var/log/nginx/error.log"],
        );
        assert.ok(agent.logs.logs_collected.files.collect_list.every((f) => f.log_group_name === "/odoo/erp/prod/erp"));
        assert.equal(agent.metrics.namespace, NODE_METRICS_NAMESPACE);
        assert.ok("mem" in agent.metrics.metrics_collected);
        assert.ok(
            config.runcmd.some((argv) => argv[0] === "amazon-cloudwatch-agent-ctl" && argv.includes(`file:${NODE_PATHS.cloudWatchAgent}`)),
            "the agent starts with that configuration",
        );
        assert.match(fileIn(config, NODE_PATHS.baseConf), /^db_sslmode = verify-full$/m);
        assert.match(
            fileIn(config, NODE_PATHS.env),
            /^DB_CA_URL='https:\/\/truststore\.pki\.rds\.amazonaws\.com\/us-east-1\/us-east-1-bundle\.pem'$/m,
        );
    });

    it("hands EC2 user data that cloud-init accepts, for the fleet and for a single node", async () => {
        const fleet = await runWithMocks(nodes(fleetArgs()), { preview: false });
        const single = await runWithMocks(nodes(singleArgs({ odooVersion: "19.0", installModules: ["sale_management"] })), {
            preview: false,
        });
        const templates = [...fleet.ofType(T.lt), ...single.ofType(T.lt)];
        assert.equal(templates.length, 3);
        const result = cloudInitSchema(
            Object.fromEntries(
                templates.map((lt) => [lt.name, gunzipSync(Buffer.from(lt.inputs.userData as string, "base64")).toString("utf8")]),
            ),
        );
        assert.ok(result.ok, result.output);
        assert.match(fileIn(cloudConfigOf(template(single, "node")), NODE_PATHS.env), /^ODOO_MODULES='base,sale_management'$/m);
    });

    it("renders each role's odoo.conf from the plan, with the replica on 18.0", async () => {
        const run = await runWithMocks(nodes(fleetArgs()), { preview: false });
        const [http, cron] = parseIniWithPython(
            ["http", "cron"].map((k) => fileIn(cloudConfigOf(template(run, k)), NODE_PATHS.baseConf)),
        ).map((ini) => ini.options);
        assert.equal(http.max_cron_threads, "0");
        assert.equal(http.workers, String(plan300.workersPerNode));
        assert.equal(cron.max_cron_threads, String(plan300.cron.maxCronThreads));
        assert.equal(cron.workers, String(plan300.cron.workers));
        assert.equal(cron.limit_time_real_cron, String(plan300.cron.limitTimeRealCron));
        for (const options of [http, cron]) {
            assert.equal(options.db_maxconn, String(plan300.dbMaxconn));
            assert.equal(options.db_host, "erp-prod-db.c9akciq32.us-east-1.rds.amazonaws.com");
            assert.equal(options.db_replica_host, "erp-prod-db-ro.c9akciq32.us-east-1.rds.amazonaws.com");
            assert.equal(options.server_wide_modules, "base,web,session_redis");
            assert.equal(options.dbfilter, "^odoo$");
        }
        const cronConfig = cloudConfigOf(template(run, "cron"));
        assert.equal(cronConfig.packages.includes("nginx"), false);
        assert.match(fileIn(cronConfig, NODE_PATHS.env), /^ODOO_ROLE='cron'$/m);
        assert.match(fileIn(cloudConfigOf(template(run, "http")), NODE_PATHS.env), /^REDIS_PREFIX='erp-prod'$/m);
    });

    it("grants the node role least privilege: exact secrets, its log group, its file system", async () => {
        const run = await runWithMocks(nodes(fleetArgs()), { preview: false });
        const doc = JSON.parse(run.one(T.policy).inputs.policy as string) as PolicyDocument;
        const secrets = doc.Statement.find((s) => s.Sid === "ReadOdooSecrets")!;
        const adminArn = (await resolveOutput(run.result.adminPasswordSecretArn)).value;
        assert.deepEqual(secrets.Resource, [DB_SECRET, adminArn, REDIS_SECRET]);
        const efs = doc.Statement.find((s) => s.Sid === "MountOdooFilestore")!;
        assert.deepEqual(efs.Resource, [`arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:file-system/fs-0123456789abcdef0`]);
        assert.equal(efs.Action.includes("elasticfilesystem:ClientRootAccess"), false);
        assert.deepEqual(
            doc.Statement.filter((s) => (s.Resource ?? []).includes("*")).map((s) => s.Sid),
            ["PublishNodeMetrics", "ReadOwnGroupTag"],
            "no other wildcard without an ECR image: metrics are scoped to the nodes' namespace",
        );
        const trust = JSON.parse(run.one(T.role).inputs.assumeRolePolicy as string) as PolicyDocument;
        assert.deepEqual(trust.Statement[0].Principal, { Service: "ec2.amazonaws.com" });
    });

    it("scopes S3 access to the attachment bucket and installs the OCA modules for it", async () => {
        const run = await runWithMocks(
            nodes(
                fleetArgs({
                    odooVersion: "19.0",
                    database: { host: "db.internal", passwordSecretArn: DB_SECRET },
                    filestore: { kind: "s3", s3BucketName: "erp-prod-attachments" },
                    sessions: { kind: "filestore" },
                    singleNode: true,
                    httpNodes: 1,
                }),
            ),
            { preview: false },
        );
        const doc = JSON.parse(run.one(T.policy).inputs.policy as string) as PolicyDocument;
        assert.deepEqual(doc.Statement.find((s) => s.Sid === "ReadWriteOdooAttachments")!.Resource, [
            "arn:aws:s3:::erp-prod-attachments/*",
        ]);
        const config = cloudConfigOf(template(run, "node"));
        const env = fileIn(config, NODE_PATHS.env);
        assert.match(env, /^ODOO_MODULES='base,fs_storage,fs_attachment,fs_attachment_s3'$/m);
        assert.match(env, /^S3_BUCKET='erp-prod-attachments'$/m);
        assert.match(env, /^S3_REGION='us-east-1'$/m);
        fileIn(config, NODE_PATHS.s3Storage);
    });

    it("runs cron on the HTTP fleet only through the explicit httpMaxCronThreads opt-out, and says so on its tags", async () => {
        const run = await runWithMocks(nodes(fleetArgs({ httpMaxCronThreads: 1 })), { preview: false });
        assert.equal(asgTagMap(group(run, "http"))[TAG.maxCronThreads], "1");
        const conf = fileIn(cloudConfigOf(template(run, "http")), NODE_PATHS.baseConf);
        assert.match(conf, /^max_cron_threads = 1$/m);
        assert.match(conf, /^limit_time_real_cron = \d+$/m);
    });

    it("lets the nodes pull from ECR, from the image's repository only", async () => {
        const image = `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/erp/odoo:18.0-20260115`;
        const run = await runWithMocks(nodes(fleetArgs({ image })), { preview: false });
        const doc = JSON.parse(run.one(T.policy).inputs.policy as string) as PolicyDocument;
        assert.deepEqual(doc.Statement.find((s) => s.Sid === "PullOdooImage")!.Resource, [
            `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/erp/odoo`,
        ]);
        const env = fileIn(cloudConfigOf(template(run, "http")), NODE_PATHS.env);
        assert.match(env, new RegExp(`^ECR_REGISTRY='${ACCOUNT}\\.dkr\\.ecr\\.eu-west-1\\.amazonaws\\.com'$`, "m"));
        assert.match(env, /^ODOO_IMAGE='.*erp\/odoo:18\.0-20260115'$/m);
    });
});

describe("OdooNodes refuses, before any resource exists,", () => {
    it("an unsupported Odoo version", () =>
        expectArgumentError(nodes(fleetArgs({ odooVersion: "16.0" as never })), "odooVersion", "16.0", /17\.0.*18\.0.*19\.0/));
    it("an image without a tag or digest", () =>
        expectArgumentError(nodes(fleetArgs({ image: "odoo" })), "image", "odoo", /tag or digest/));
    it("a malformed image reference", () =>
        expectArgumentError(nodes(fleetArgs({ image: "Odoo:18.0; rm -rf /" })), "image", "Odoo:18.0; rm -rf /", /tag or digest/));
    it("an official image of another version", () =>
        expectArgumentError(nodes(fleetArgs({ image: "odoo:17.0" })), "image", "odoo:17.0", /odoo:18\.0/));
    it("an instance type outside the catalog", () =>
        expectArgumentError(nodes(fleetArgs({ instanceType: "t3.micro" })), "instanceType", "t3.micro", /c7g\.\*/));
    it("a cron node of another architecture", () =>
        expectArgumentError(nodes(fleetArgs({ cronInstanceType: "m7i.large" })), "cronInstanceType", "m7i.large", /arm64/));
    it("a cron instance type in single-node mode", () =>
        expectArgumentError(nodes(singleArgs({ cronInstanceType: "m7g.large" })), "cronInstanceType", "m7g.large", /single-node/));
    it("a single node with several HTTP nodes", () =>
        expectArgumentError(nodes(singleArgs({ singleNode: true, httpNodes: 2 })), "httpNodes", 2, /single-node/));
    it("a local filestore on a fleet", () =>
        expectArgumentError(
            nodes(
                fleetArgs({
                    filestore: { kind: "local" },
                    sessions: { kind: "redis", redisHost: "r.internal", redisAuthTokenSecretArn: REDIS_SECRET },
                }),
            ),
            "filestore.kind",
            "local",
            /efs or s3/,
        ));
    it("local sessions with more than one HTTP node", () =>
        expectArgumentError(nodes(fleetArgs({ sessions: { kind: "local" } })), "sessions.kind", "local", /redis or filestore/));
    it("filestore sessions without EFS on a fleet", () =>
        expectArgumentError(
            nodes(fleetArgs({ filestore: { kind: "s3", s3BucketName: "erp-attachments" }, sessions: { kind: "filestore" } })),
            "sessions.kind",
            "filestore",
            /efs/,
        ));
    it("Redis sessions without a host", () =>
        expectArgumentError(
            nodes(fleetArgs({ sessions: { kind: "redis", redisAuthTokenSecretArn: REDIS_SECRET } })),
            "sessions.redisHost",
            undefined,
            /endpoint/,
        ));
    it("Redis sessions without an AUTH token secret", () =>
        expectArgumentError(
            nodes(fleetArgs({ sessions: { kind: "redis", redisHost: "r.internal" } })),
            "sessions.redisAuthTokenSecretArn",
            undefined,
            /AUTH token/,
        ));
    it("Redis sessions on 19.0, naming what 19.0 accepts", () =>
        expectArgumentError(
            nodes(fleetArgs({ odooVersion: "19.0", database: { host: "db.internal", passwordSecretArn: DB_SECRET } })),
            "sessions.kind",
            "redis",
            /filestore.*local/,
        ));
    it("an EFS filestore without a file system", () =>
        expectArgumentError(nodes(fleetArgs({ filestore: { kind: "efs" } })), "filestore.efsFileSystemId", undefined, /fs-/));
    it("an S3 filestore without a bucket", () =>
        expectArgumentError(nodes(fleetArgs({ filestore: { kind: "s3" } })), "filestore.s3BucketName", undefined, /bucket/));
    it("a replica host on 17.0", () =>
        expectArgumentError(nodes(fleetArgs({ odooVersion: "17.0" })), "database.replicaHost", fleetArgs().database.replicaHost, /18\.0/));
    it("a database without a password secret", () =>
        expectArgumentError(
            nodes(fleetArgs({ database: { host: "db.internal" } as never })),
            "database.passwordSecretArn",
            undefined,
            /Secrets Manager/,
        ));
    it("a database name Odoo's dbfilter would mangle", () =>
        expectArgumentError(
            nodes(fleetArgs({ database: { host: "db.internal", passwordSecretArn: DB_SECRET, name: "my-db" } })),
            "database.name",
            "my-db",
            /letters, digits or underscores/,
        ));
    it("zero workers per node", () => expectArgumentError(nodes(fleetArgs({ workersPerNode: 0 })), "workersPerNode", 0, /1 to 64/));
    it("cron threads on HTTP nodes in single-node mode", () =>
        expectArgumentError(nodes(singleArgs({ httpMaxCronThreads: 1 })), "httpMaxCronThreads", 1, /single-node/));
    it("no cron worker on the cron node", () =>
        expectArgumentError(nodes(fleetArgs({ maxCronThreads: 0 })), "maxCronThreads", 0, /1 to 16/));
    it("a db_maxconn of 0", () => expectArgumentError(nodes(fleetArgs({ dbMaxconn: 0 })), "dbMaxconn", 0, /4 to 1024/));
    it("Odoo's -1 cron time limit, which inherits limit_time_real", () =>
        expectArgumentError(nodes(fleetArgs({ limitTimeRealCronSeconds: -1 })), "limitTimeRealCronSeconds", -1, /0 \(no limit\)/));
    it("no subnets", () => expectArgumentError(nodes(fleetArgs({ subnetIds: [] })), "subnetIds", [], /at least one/));
    it("a subnet that is not a subnet ID", () =>
        expectArgumentError(
            nodes(fleetArgs({ subnetIds: ["vpc-0123456789abcdef0"] })),
            "subnetIds[0]",
            "vpc-0123456789abcdef0",
            /subnet-/,
        ));
    it("no security groups", () =>
        expectArgumentError(
            nodes(fleetArgs({ securityGroupIds: undefined as never })),
            "securityGroupIds",
            undefined,
            /security group IDs/,
        ));
    it("a log retention CloudWatch does not offer", () =>
        expectArgumentError(nodes(fleetArgs({ logRetentionDays: 42 })), "logRetentionDays", 42, /365/));
    it("a root volume too small for the image", () =>
        expectArgumentError(nodes(fleetArgs({ rootVolumeGb: 8 })), "rootVolumeGb", 8, /20 to 16384/));
    it("a grace period beyond two hours", () =>
        expectArgumentError(
            nodes(fleetArgs({ healthCheckGracePeriodSeconds: 7201 })),
            "healthCheckGracePeriodSeconds",
            7201,
            /60 to 7200/,
        ));
    it("a bad cluster context", () =>
        expectArgumentError(
            nodes(fleetArgs({ cluster: { name: "ERP", environment: "prod", concurrentUsers: 300 } })),
            "cluster.name",
            "ERP",
            /lower-case/,
        ));
    it("a fleet the plan's database cannot budget, unless dbMaxconn is given", async () => {
        const crowded = fleetArgs({ cluster: { name: "erp", environment: "dev", concurrentUsers: 20 }, singleNode: false, httpNodes: 12 });
        await expectArgumentError(nodes(crowded), "dbMaxconn", undefined, /connection budget/);
        const run = await runWithMocks(nodes({ ...crowded, dbMaxconn: 8 }), { preview: true });
        assert.equal(parseOdooTags(template(run, "http").inputs.tags).dbMaxconn, 8);
    });
});

describe("resolveNodesArgs", () => {
    it("defaults to 18.0 from the official image and installs base only", () => {
        const v = resolveNodesArgs(fleetArgs({ odooVersion: undefined }));
        assert.equal(v.version, "18.0");
        assert.equal(v.image.reference, "odoo:18.0");
        assert.deepEqual(v.modules, ["base"]);
        assert.deepEqual(v.serverWideModules, ["session_redis"]);
        assert.equal(v.limitTimeRealCron, plan300.cron.limitTimeRealCron);
    });

    it("picks the S3 modules of the version", () => {
        const s3 = (odooVersion: "17.0" | "18.0") =>
            resolveNodesArgs(
                fleetArgs({
                    odooVersion,
                    database: { host: "db.internal", passwordSecretArn: DB_SECRET },
                    filestore: { kind: "s3", s3BucketName: "erp-attachments" },
                    installModules: ["sale", "fs_storage"],
                }),
            ).modules;
        assert.deepEqual(s3("17.0"), ["base", "fs_storage", "fs_attachment", "sale"]);
        assert.deepEqual(s3("18.0"), ["base", "fs_storage", "fs_attachment", "fs_attachment_s3", "sale"]);
    });

    it("keeps the image's addons after the extra ones", () => {
        assert.deepEqual(resolveNodesArgs(fleetArgs({ extraAddonsPaths: ["/opt/odoo/oca"] })).addonsPath, [
            "/opt/odoo/oca",
            "/mnt/extra-addons",
        ]);
    });
});

describe("isDockerHubImage", () => {
    it("tells Docker Hub images (rate-limited per NAT address) from ECR and other registries", () => {
        assert.equal(isDockerHubImage(parseImageReference("odoo:18.0")), true);
        assert.equal(isDockerHubImage(parseImageReference("docker.io/acme/odoo:18.0-1")), true);
        assert.equal(isDockerHubImage(parseImageReference("123456789012.dkr.ecr.eu-west-1.amazonaws.com/erp:18.0-1")), false);
        assert.equal(isDockerHubImage(parseImageReference("ghcr.io/acme/odoo:18.0-1")), false);
    });
});

describe("parseImageReference", () => {
    it("reads Docker Hub, private registries and digests", () => {
        assert.deepEqual(parseImageReference("odoo:18.0"), {
            reference: "odoo:18.0",
            registry: undefined,
            repository: "odoo",
            tag: "18.0",
            digest: undefined,
            ecr: undefined,
        });
        assert.equal(parseImageReference("acme/odoo:18.0-1").repository, "acme/odoo");
        assert.equal(parseImageReference("acme/odoo:18.0-1").registry, undefined);
        assert.equal(parseImageReference("registry.example.com:5000/erp/odoo:18.0").registry, "registry.example.com:5000");
        const digest = `odoo@sha256:${"a".repeat(64)}`;
        assert.equal(parseImageReference(digest).digest, `sha256:${"a".repeat(64)}`);
    });

    it("recognises ECR, in China too", () => {
        assert.deepEqual(parseImageReference(`${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/erp/odoo:18.0`).ecr, {
            host: `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com`,
            accountId: ACCOUNT,
            region: "eu-west-1",
            partition: "aws",
            repository: "erp/odoo",
        });
        assert.equal(parseImageReference(`${ACCOUNT}.dkr.ecr.cn-north-1.amazonaws.com.cn/odoo:18.0`).ecr?.partition, "aws-cn");
        assert.equal(parseImageReference("ghcr.io/acme/odoo:18.0").ecr, undefined);
    });

    it("refuses an implicit latest, upper case and shell characters", () => {
        for (const bad of ["odoo", "Odoo:18.0", "odoo:18.0 && id", "odoo:$(id)", "", 18]) {
            throwsArgumentError(() => parseImageReference(bad), { property: "image", value: bad });
        }
    });
});

describe("OdooNodes' Spot share and office hours", () => {
    const schedule = TYPE.scheduledAction;
    const levers = () =>
        fleetArgs({
            spot: { enabled: true },
            officeHours: { timeZone: "Europe/Brussels", startHour: 7, endHour: 19, offHoursNodes: 1 },
        });

    for (const preview of [true, false]) {
        it(`puts the HTTP fleet on a mixed instances policy with an on-demand base and capacity rebalancing (${preview ? "preview" : "update"})`, async () => {
            const run = await runWithMocks(nodes(levers()), { preview });
            const http = group(run, "http");
            assert.equal(http.inputs.launchTemplate, undefined);
            assert.equal(http.inputs.capacityRebalance, true);
            const mixed = http.inputs.mixedInstancesPolicy as {
                instancesDistribution: Record<string, unknown>;
                launchTemplate: { overrides: { instanceType: string }[] };
            };
            assert.deepEqual(mixed.instancesDistribution, {
                onDemandBaseCapacity: 3,
                onDemandPercentageAboveBaseCapacity: 0,
                onDemandAllocationStrategy: "prioritized",
                spotAllocationStrategy: "price-capacity-optimized",
            });
            assert.deepEqual(
                mixed.launchTemplate.overrides.map((o) => o.instanceType),
                ["c7g.xlarge", "c6g.xlarge", "c8g.xlarge"],
            );
            assert.equal(asgTagMap(http)[TAG.capacity], "spot-share");
        });

        it(`keeps the cron group on a plain on-demand launch template, tagged on-demand (${preview ? "preview" : "update"})`, async () => {
            const run = await runWithMocks(nodes(levers()), { preview });
            const cron = group(run, "cron");
            assert.equal(cron.inputs.mixedInstancesPolicy, undefined);
            assert.equal(cron.inputs.capacityRebalance, undefined);
            assert.equal(template(run, "cron").inputs.instanceMarketOptions, undefined);
            assert.equal(asgTagMap(cron)[TAG.capacity], "on-demand");
        });

        it(`schedules the HTTP fleet's minimum in the named time zone, leaving other sizes alone (${preview ? "preview" : "update"})`, async () => {
            const run = await runWithMocks(nodes(levers()), { preview });
            const start = run.one(schedule, "erp-http-office-hours-start").inputs;
            const end = run.one(schedule, "erp-http-office-hours-end").inputs;
            assert.deepEqual(
                [start.timeZone, start.recurrence, start.minSize, start.maxSize, start.desiredCapacity],
                ["Europe/Brussels", "0 6 * * 1-5", 3, -1, -1],
            );
            assert.deepEqual(
                [end.timeZone, end.recurrence, end.minSize, end.maxSize, end.desiredCapacity],
                ["Europe/Brussels", "0 19 * * 1-5", 1, -1, 1],
            );
            assert.equal(run.ofType(schedule).length, 2, "the cron group and the database never scale on a schedule");
            assert.deepEqual(group(run, "http").options.ignoreChanges, ["desiredCapacity", "minSize"]);
        });
    }

    it("lets a Spot node leave its target group on the interruption warning, and only the target group", async () => {
        const run = await runWithMocks(nodes(levers()), { preview: false });
        const http = cloudConfigOf(template(run, "http"));
        assert.ok(http.write_files.some((f) => f.path === "/usr/local/sbin/odoo-aws-spot-watch"));
        const unit = http.write_files.find((f) => f.path.endsWith("odoo-aws-spot-watch.service"));
        assert.match(unit!.content, new RegExp(`ExecStart=/usr/local/sbin/odoo-aws-spot-watch ${TARGET_GROUP}$`, "m"));
        assert.ok(!cloudConfigOf(template(run, "cron")).write_files.some((f) => f.path.includes("spot-watch")));
        const doc = JSON.parse(run.one(T.policy).inputs.policy as string) as PolicyDocument;
        const leave = doc.Statement.find((s) => s.Sid === "LeaveTargetGroupOnSpotInterruption");
        assert.deepEqual([leave?.Action, leave?.Resource], [["elasticloadbalancing:DeregisterTargets"], [TARGET_GROUP]]);
        const plain = await runWithMocks(nodes(fleetArgs()), { preview: false });
        const plainDoc = JSON.parse(plain.one(T.policy).inputs.policy as string) as PolicyDocument;
        assert.equal(
            plainDoc.Statement.find((s) => s.Sid === "LeaveTargetGroupOnSpotInterruption"),
            undefined,
        );
    });

    it("rejects office hours in a zone AWS does not accept, naming the property", () => {
        throwsArgumentError(() => resolveNodesArgs(fleetArgs({ officeHours: { timeZone: "CET" } })), {
            property: "officeHours.timeZone",
            value: "CET",
            accepted: /IANA/,
        });
    });
});
