import { reportUnder } from "../../../components/contract/errors";
import { strict as assert } from "node:assert";
import { maxConnectionsFor } from "../../../components/contract/catalog";
import { OdooClusterContext } from "../../../components/contract/clusterContext";
import { OdooDatabase, OdooDatabaseArgs, finalSnapshotPrefix, resolveDatabaseArgs } from "../../../components/database/database";
import { REPLICA_RECORD_TTL, replicaHostName, replicaZoneName } from "../../../components/database/replicaEndpoint";
import { planCapacity } from "../../../components/contract/sizing";
import { parseOdooTags } from "../../../components/contract/tags";
import { expectArgumentError } from "../../harness/argumentErrors";
import { secretLeaks, taggableResources } from "../../harness/componentChecks";
import { MockRun, RecordedResource, UNKNOWN, resolveOutput, runWithMocks } from "../../harness/pulumiMocks";
import { TYPE } from "../../harness/resourceTypes";

const INSTANCE = TYPE.dbInstance;
const CLUSTER = TYPE.dbCluster;
const CLUSTER_INSTANCE = TYPE.dbClusterInstance;
const PARAMETER_GROUP = TYPE.dbParameterGroup;
const CLUSTER_PARAMETER_GROUP = TYPE.dbClusterParameterGroup;
const SUBNET_GROUP = TYPE.dbSubnetGroup;
const ZONE = TYPE.dnsZone;
const RECORD = TYPE.dnsRecord;
const RANDOM_ID = TYPE.randomId;
const PASSWORD = TYPE.randomPassword;
const SECRET = TYPE.secret;
const SECRET_VERSION = TYPE.secretVersion;

const PROD: OdooClusterContext = { name: "erp", environment: "prod", concurrentUsers: 400 };
const DEV: OdooClusterContext = { name: "erp", environment: "dev", concurrentUsers: 100 };
const NETWORK = { subnetIds: ["subnet-a", "subnet-b", "subnet-c"], securityGroupIds: ["sg-db"], vpcId: "vpc-123" };
const MODES = [
    { preview: true, label: "preview" },
    { preview: false, label: "update" },
];

function database(cluster: OdooClusterContext, extra: Partial<OdooDatabaseArgs> = {}, name = "erp"): () => OdooDatabase {
    return () => new OdooDatabase(name, { cluster, ...NETWORK, ...extra });
}

function primaryOf(run: MockRun<unknown>): RecordedResource {
    const primaries = run.ofType(INSTANCE).filter((r) => r.inputs.replicateSourceDb === undefined);
    assert.equal(primaries.length, 1, "exactly one primary instance");
    return primaries[0];
}

function replicasOf(run: MockRun<unknown>): RecordedResource[] {
    return run.ofType(INSTANCE).filter((r) => r.inputs.replicateSourceDb !== undefined);
}

function parameters(resource: RecordedResource): Map<string, string> {
    return new Map((resource.inputs.parameters as { name: string; value: string }[]).map((p) => [p.name, p.value]));
}

function roleOf(resource: RecordedResource): string | undefined {
    return parseOdooTags(resource.inputs.tags).role;
}

describe("OdooDatabase on RDS for PostgreSQL", () => {
    for (const { preview, label } of MODES) {
        it(`creates an encrypted, private gp3 primary with the generated password, not one RDS manages (${label})`, async () => {
            const run = await runWithMocks(database(PROD), { preview });
            const primary = primaryOf(run);
            const i = primary.inputs;
            assert.equal(i.engine, "postgres");
            assert.equal(i.engineVersion, "17");
            assert.equal(i.storageType, "gp3");
            assert.equal(i.storageEncrypted, true);
            assert.equal(i.publiclyAccessible, false);
            assert.equal(i.manageMasterUserPassword, undefined, "RDS refuses replicas of a source whose password it manages");
            assert.ok(primary.secretInputs.includes("password"), "the generated password arrives as a secret");
            assert.equal(i.password, preview ? UNKNOWN : run.one(PASSWORD).state.result);
            assert.equal(i.copyTagsToSnapshot, true);
            assert.equal(i.autoMinorVersionUpgrade, true);
            assert.equal(i.performanceInsightsEnabled, true);
            assert.equal(i.dbName, "odoo");
            assert.equal(i.username, "odoo");
            assert.equal(i.port, 5432);
            assert.deepEqual(i.vpcSecurityGroupIds, ["sg-db"]);
            assert.ok((i.enabledCloudwatchLogsExports as string[]).includes("postgresql"));
            assert.deepEqual(run.one(SUBNET_GROUP).inputs.subnetIds, NETWORK.subnetIds);
            assert.ok(
                primary.options.dependsOn.some((u) => u.endsWith(`::${run.one(SUBNET_GROUP).name}`)),
                "in the subnet group",
            );
            assert.equal(run.ofType(PARAMETER_GROUP).length, 1);
            assert.equal(run.ofType(CLUSTER).length + run.ofType(CLUSTER_INSTANCE).length, 0, "no Aurora resources");
        });

        it(`takes the class, replicas and storage from the capacity plan for the declared users (${label})`, async () => {
            const plan = planCapacity({ concurrentUsers: PROD.concurrentUsers, production: true });
            const run = await runWithMocks(database(PROD), { preview });
            const primary = primaryOf(run);
            assert.equal(primary.inputs.instanceClass, plan.database.instanceClass);
            assert.equal(primary.inputs.allocatedStorage, plan.database.storageGb);
            assert.equal(primary.inputs.maxAllocatedStorage, plan.database.storageGb * 4);
            assert.equal(replicasOf(run).length, plan.database.replicas);
            assert.equal(plan.database.replicas, 1, "400 users call for one replica");
        });

        it(`defaults production to Multi-AZ, deletion protection, 14 days of backups and a uniquely named final snapshot (${label})`, async () => {
            const run = await runWithMocks(database(PROD), { preview });
            const i = primaryOf(run).inputs;
            assert.equal(i.multiAz, true);
            assert.equal(i.deletionProtection, true);
            assert.equal(i.skipFinalSnapshot, false);
            assert.equal(i.backupRetentionPeriod, 14);
            assert.equal(i.deleteAutomatedBackups, false);
            assert.equal(run.ofType(RANDOM_ID).length, 1);
            if (preview) {
                assert.equal(i.finalSnapshotIdentifier, UNKNOWN);
            } else {
                assert.match(String(i.finalSnapshotIdentifier), /^erp-prod-db-final-[0-9a-f]+$/);
            }
        });

        it(`defaults other environments to single-AZ, no deletion protection, 7 days of backups and no final snapshot (${label})`, async () => {
            const run = await runWithMocks(database(DEV), { preview });
            const i = primaryOf(run).inputs;
            assert.equal(i.multiAz, false);
            assert.equal(i.deletionProtection, false);
            assert.equal(i.skipFinalSnapshot, true);
            assert.equal(i.finalSnapshotIdentifier, undefined);
            assert.equal(i.backupRetentionPeriod, 7);
            assert.equal(run.ofType(RANDOM_ID).length, 0);
        });

        it(`creates N replicas that replicate from the primary's identifier, private and tagged db-replica (${label})`, async () => {
            const run = await runWithMocks(database(PROD, { replicas: 3 }), { preview });
            const primary = primaryOf(run);
            const replicas = replicasOf(run);
            assert.equal(replicas.length, 3);
            for (const r of replicas) {
                assert.equal(r.inputs.replicateSourceDb, preview ? UNKNOWN : primary.state.identifier);
                assert.equal(r.inputs.publiclyAccessible, false);
                assert.equal(r.inputs.storageEncrypted, true);
                assert.equal(r.inputs.instanceClass, primary.inputs.instanceClass);
                assert.equal(r.inputs.skipFinalSnapshot, true, "RDS takes no final snapshot of a replica");
                assert.equal(r.inputs.deletionProtection, false, "lowering replicas must not hit a protected instance");
                for (const forbidden of ["dbName", "username", "password", "manageMasterUserPassword", "engine"]) {
                    assert.equal(r.inputs[forbidden], undefined, `${forbidden} cannot be set on a replica`);
                }
                assert.equal(roleOf(r), "db-replica");
            }
            assert.equal(roleOf(primary), "db-primary");
            assert.deepEqual(replicas.map((r) => r.name).sort(), ["erp-replica-1", "erp-replica-2", "erp-replica-3"]);
        });

        it(`gives Odoo one replica host: equal-weight CNAMEs to every replica in a private zone on the VPC (${label})`, async () => {
            const run = await runWithMocks(database(PROD, { replicas: 3 }), { preview });
            const zone = run.one(ZONE);
            assert.equal(zone.inputs.name, replicaZoneName("erp", "prod"));
            assert.deepEqual(zone.inputs.vpcs, [{ vpcId: "vpc-123" }], "private: attached to the VPC");
            assert.equal(roleOf(zone), "db-replica");
            const records = run.ofType(RECORD);
            assert.equal(records.length, 3);
            const replicas = replicasOf(run);
            for (const rec of records) {
                assert.equal(rec.inputs.name, replicaHostName("erp", "prod"));
                assert.equal(rec.inputs.type, "CNAME");
                assert.equal(rec.inputs.ttl, REPLICA_RECORD_TTL);
                assert.ok(REPLICA_RECORD_TTL <= 30, "short TTL");
                assert.deepEqual(rec.inputs.weightedRoutingPolicies, [{ weight: 1 }]);
            }
            assert.equal(new Set(records.map((r) => r.inputs.setIdentifier)).size, 3, "one set identifier per replica");
            if (!preview) {
                const targets = records.map((r) => (r.inputs.records as string[])[0]).sort();
                assert.deepEqual(targets, replicas.map((r) => String(r.state.address)).sort(), "one record per replica address");
            }
            const host = await resolveOutput(run.result.replicaHost);
            assert.equal(host.value, "db-replicas.prod.erp.odoo.internal", "the replica host is known even at preview");
            const endpoints = await resolveOutput(run.result.replicaEndpoints);
            if (!preview) {
                assert.deepEqual((endpoints.value as string[]).sort(), replicas.map((r) => String(r.state.address)).sort());
            }
        });

        it(`has no replica host, zone or records without replicas (${label})`, async () => {
            const run = await runWithMocks(database(PROD, { replicas: 0 }), { preview });
            assert.equal(run.result.replicaHost, undefined);
            assert.equal(run.ofType(ZONE).length + run.ofType(RECORD).length, 0);
            assert.deepEqual((await resolveOutput(run.result.replicaEndpoints)).value, []);
        });

        it(`puts max_connections of the class into a parameter group of the version's family (${label})`, async () => {
            const run = await runWithMocks(database(PROD, { instanceClass: "db.r7g.2xlarge", engineVersion: "16.4" }), { preview });
            const group = run.one(PARAMETER_GROUP);
            assert.equal(group.inputs.family, "postgres16");
            assert.equal(parameters(group).get("max_connections"), String(maxConnectionsFor("db.r7g.2xlarge")));
            assert.equal(parameters(group).get("rds.force_ssl"), "1");
            assert.ok(
                primaryOf(run).options.dependsOn.some((u) => u.endsWith(`::${group.name}`)),
                "uses the group",
            );
        });

        it(`gives a replica of another class its own parameter group with the primary's max_connections, and tags it (${label})`, async () => {
            const run = await runWithMocks(
                database(PROD, { instanceClass: "db.r7g.xlarge", replicaInstanceClass: "db.m7g.xlarge", replicas: 2 }),
                { preview },
            );
            const groups = run.ofType(PARAMETER_GROUP);
            assert.equal(groups.length, 2);
            const replicaGroup = run.one(PARAMETER_GROUP, "replica-params");
            // A hot standby needs at least its primary's max_connections: the smaller class gets the primary's value.
            assert.equal(parameters(replicaGroup).get("max_connections"), String(maxConnectionsFor("db.r7g.xlarge")));
            assert.ok(maxConnectionsFor("db.m7g.xlarge") < maxConnectionsFor("db.r7g.xlarge"));
            assert.equal(roleOf(replicaGroup), "db-replica");
            for (const r of replicasOf(run)) {
                assert.equal(r.inputs.instanceClass, "db.m7g.xlarge");
                assert.equal((r.inputs.tags as Record<string, string>)["odoo:max-connections"], String(maxConnectionsFor("db.r7g.xlarge")));
            }
            assert.equal(
                (primaryOf(run).inputs.tags as Record<string, string>)["odoo:max-connections"],
                String(maxConnectionsFor("db.r7g.xlarge")),
            );
        });

        it(`returns the host, port, user, database and the ARN of its own credentials secret (${label})`, async () => {
            const run = await runWithMocks(database(PROD), { preview });
            const secret = await resolveOutput(run.result.masterSecretArn);
            assert.equal((await resolveOutput(run.result.username)).value, "odoo");
            assert.equal((await resolveOutput(run.result.databaseName)).value, "odoo");
            assert.equal((await resolveOutput(run.result.engine)).value, "postgres");
            assert.equal((await resolveOutput(run.result.instanceClass)).value, primaryOf(run).inputs.instanceClass);
            assert.equal((await resolveOutput(run.result.port)).value, 5432);
            if (preview) {
                assert.equal(secret.value, UNKNOWN);
                assert.equal((await resolveOutput(run.result.endpoint)).value, UNKNOWN);
            } else {
                assert.equal(secret.value, run.one(SECRET).state.arn);
                assert.equal((await resolveOutput(run.result.endpoint)).value, primaryOf(run).state.address);
                assert.equal((await resolveOutput(run.result.primaryIdentifier)).value, primaryOf(run).state.identifier);
            }
        });

        it(`writes the odoo:* tags with the right role on every taggable resource (${label})`, async () => {
            const run = await runWithMocks(database({ ...PROD, tags: { Team: "erp" } }, { replicas: 2 }), { preview });
            const taggable = taggableResources(run.resources);
            assert.ok(taggable.length >= 6);
            for (const r of taggable) {
                const tags = parseOdooTags(r.inputs.tags);
                assert.equal(tags.cluster, "erp", r.name);
                assert.equal(tags.environment, "prod", r.name);
                assert.equal(tags.concurrentUsers, 400, r.name);
                assert.ok(tags.role === "db-primary" || tags.role === "db-replica", r.name);
                assert.equal((r.inputs.tags as Record<string, string>).Team, "erp");
            }
            const replicaRoles = taggable.filter((r) => r.type === INSTANCE && roleOf(r) === "db-replica");
            assert.equal(replicaRoles.length, 2);
        });
    }

    it("shows an explicit production opt-out on the instance itself", async () => {
        const run = await runWithMocks(database(PROD, { deletionProtection: false, skipFinalSnapshot: true, multiAz: false }), {
            preview: true,
        });
        const i = primaryOf(run).inputs;
        assert.equal(i.deletionProtection, false);
        assert.equal(i.skipFinalSnapshot, true);
        assert.equal(i.multiAz, false);
        assert.equal(i.finalSnapshotIdentifier, undefined);
    });

    it("uses a customer-managed key for storage, Performance Insights and the credentials secret, and not on same-region replicas", async () => {
        const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        const run = await runWithMocks(database(PROD, { kmsKeyId: key, replicas: 1 }), { preview: true });
        assert.equal(primaryOf(run).inputs.kmsKeyId, key);
        for (const r of run.ofType(INSTANCE)) {
            assert.equal(r.inputs.performanceInsightsKmsKeyId, key);
        }
        // CreateDBInstanceReadReplica: KmsKeyId only for a cross-region replica; a same-region one inherits the source's key.
        assert.equal(replicasOf(run)[0].inputs.kmsKeyId, undefined);
        assert.equal(run.one(SECRET).inputs.kmsKeyId, key);
        assert.equal((await resolveOutput(run.result.masterSecretKmsKeyId!)).value, key);
    });

    it("generates a 40-character alphanumeric password into a secret of its own, as JSON username and password", async () => {
        const run = await runWithMocks(database(PROD), { preview: false });
        const password = run.one(PASSWORD);
        assert.equal(password.inputs.length, 40);
        assert.equal(password.inputs.special, false, "only characters safe in libpq URIs and odoo.conf");
        assert.deepEqual(password.inputs.keepers, { generation: "1" });
        const version = run.one(SECRET_VERSION);
        assert.ok(version.secretInputs.includes("secretString"));
        assert.deepEqual(JSON.parse(String(version.inputs.secretString)), { username: "odoo", password: password.state.result });
        const secret = run.one(SECRET);
        assert.equal(secret.inputs.name, undefined, "auto-named: a deleted secret keeps its name for the recovery window");
        assert.equal(secret.inputs.recoveryWindowInDays, 30);
        assert.deepEqual(secret.inputs.replicas, []);
        assert.equal(secret.inputs.kmsKeyId, undefined, "aws/secretsmanager: the nodes need no KMS grant");
    });

    it("rotates only when passwordGeneration is raised, and replicates the secret to the regions asked for", async () => {
        const run = await runWithMocks(database(DEV, { passwordGeneration: 2, secretReplicaRegions: ["us-west-2"] }), { preview: true });
        assert.deepEqual(run.one(PASSWORD).inputs.keepers, { generation: "2" });
        assert.deepEqual(run.one(SECRET).inputs.replicas, [{ region: "us-west-2" }]);
        assert.equal(run.one(SECRET).inputs.recoveryWindowInDays, 7);
    });

    it("rejects a password generation below 1 and a replica region that is no region name", async () => {
        await expectArgumentError(database(DEV, { passwordGeneration: 0 }), "passwordGeneration", 0, /from 1/);
        await expectArgumentError(database(DEV, { secretReplicaRegions: ["Oregon"] }), "secretReplicaRegions[0]", "Oregon", /region name/);
        await expectArgumentError(
            database(DEV, { secretReplicaRegions: ["us-west-2", "us-west-2"] }),
            "secretReplicaRegions",
            ["us-west-2", "us-west-2"],
            /distinct/,
        );
    });

    it("health-checks every replica's record through a CloudWatch alarm: lag past the routing limit or silence takes it out", async () => {
        const run = await runWithMocks(database(PROD, { replicas: 2, alarmActions: ["arn:aws:sns:us-east-1:123456789012:ops"] }), {
            preview: false,
        });
        const alarms = run.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
        const checks = run.ofType("aws:route53/healthCheck:HealthCheck");
        assert.equal(alarms.length, 2);
        assert.equal(checks.length, 2);
        for (const [i, replica] of replicasOf(run).entries()) {
            const alarm = alarms[i];
            assert.deepEqual(alarm.inputs.dimensions, { DBInstanceIdentifier: replica.state.identifier });
            assert.equal(alarm.inputs.metricName, "ReplicaLag");
            assert.equal(alarm.inputs.treatMissingData, "breaching", "a replica that reports nothing is down");
            assert.deepEqual(alarm.inputs.alarmActions, ["arn:aws:sns:us-east-1:123456789012:ops"]);
            // Route 53 health checkers cannot reach a private replica: the check follows the alarm.
            assert.equal(checks[i].inputs.type, "CLOUDWATCH_METRIC");
            assert.equal(checks[i].inputs.cloudwatchAlarmName, alarm.state.name);
            assert.equal(checks[i].inputs.cloudwatchAlarmRegion, "us-east-1");
            assert.equal(checks[i].inputs.insufficientDataHealthStatus, "Unhealthy");
        }
        const records = run.ofType(RECORD);
        assert.deepEqual(
            records.map((r) => r.inputs.healthCheckId),
            checks.map((c) => `${c.name}-id`),
        );
    });

    it("turns hot_standby_feedback on, so replication conflicts do not cancel long read-only reports", async () => {
        const run = await runWithMocks(database(PROD, { replicas: 1 }), { preview: true });
        assert.equal(parameters(run.one(PARAMETER_GROUP)).get("hot_standby_feedback"), "1");
    });

    it("renews the final-snapshot suffix whenever the primary is replaced, so its predecessor's snapshot never blocks a deletion", async () => {
        const run = await runWithMocks(database(PROD), { preview: true });
        assert.deepEqual(run.one(RANDOM_ID).inputs.keepers, {
            engine: "postgres",
            databaseName: "odoo",
            username: "odoo",
            kmsKeyId: "aws/rds",
        });
        const renamed = await runWithMocks(database(PROD, { databaseName: "erp" }), { preview: true });
        assert.notDeepEqual(renamed.one(RANDOM_ID).inputs.keepers, run.one(RANDOM_ID).inputs.keepers);
    });

    it("turns storage autoscaling off with a ceiling of 0, and Performance Insights off on request", async () => {
        const run = await runWithMocks(database(DEV, { maxAllocatedStorageGb: 0, performanceInsights: false }), { preview: true });
        const i = primaryOf(run).inputs;
        assert.equal(i.maxAllocatedStorage, 0);
        assert.equal(i.performanceInsightsEnabled, false);
        assert.equal(i.performanceInsightsRetentionPeriod, undefined);
    });

    it("puts no generated secret into any input (update mode)", async () => {
        const run = await runWithMocks(database(PROD, { replicas: 2 }), { preview: false });
        assert.deepEqual(secretLeaks(run), []);
    });
});

describe("OdooDatabase on Aurora PostgreSQL", () => {
    for (const { preview, label } of MODES) {
        it(`creates an encrypted cluster with the generated password, a writer and N readers (${label})`, async () => {
            const run = await runWithMocks(database(PROD, { engine: "aurora-postgresql", replicas: 3 }), { preview });
            assert.equal(run.ofType(INSTANCE).length, 0, "no RDS instances");
            const cluster = run.one(CLUSTER);
            const c = cluster.inputs;
            assert.equal(c.engine, "aurora-postgresql");
            assert.equal(c.storageEncrypted, true);
            assert.equal(c.manageMasterUserPassword, undefined);
            assert.ok(cluster.secretInputs.includes("masterPassword"));
            assert.equal(c.deletionProtection, true);
            assert.equal(c.skipFinalSnapshot, false);
            assert.equal(c.backupRetentionPeriod, 14);
            assert.equal(c.databaseName, "odoo");
            assert.equal(c.masterUsername, "odoo");
            assert.equal(roleOf(cluster), "db-primary");
            const instances = run.ofType(CLUSTER_INSTANCE);
            assert.equal(instances.length, 4);
            const writer = run.one(CLUSTER_INSTANCE, "writer");
            const readers = instances.filter((r) => r.name.includes("reader"));
            assert.equal(readers.length, 3);
            assert.equal(roleOf(writer), "db-primary");
            for (const r of instances) {
                assert.equal(r.inputs.publiclyAccessible, false);
                assert.equal(r.inputs.engine, "aurora-postgresql");
                assert.equal(r.inputs.clusterIdentifier, preview ? UNKNOWN : "erp-cluster-id");
            }
            for (const r of readers) {
                assert.equal(roleOf(r), "db-replica");
                assert.ok(
                    r.options.dependsOn.some((u) => u.endsWith(`::${writer.name}`)),
                    "readers wait for the writer, so it becomes the writer",
                );
            }
        });

        it(`uses the cluster's reader endpoint as the replica host (${label})`, async () => {
            const run = await runWithMocks(database(PROD, { engine: "aurora-postgresql", replicas: 2 }), { preview });
            const host = await resolveOutput(run.result.replicaHost);
            assert.equal(host.value, preview ? UNKNOWN : run.one(CLUSTER).state.readerEndpoint);
            assert.equal(run.ofType(ZONE).length, 0, "Aurora needs no DNS of its own");
        });

        it(`splits parameters: cluster-level settings in the cluster group, max_connections per instance (${label})`, async () => {
            const run = await runWithMocks(database(PROD, { engine: "aurora-postgresql", instanceClass: "db.r7g.xlarge" }), { preview });
            const clusterGroup = run.one(CLUSTER_PARAMETER_GROUP);
            assert.equal(clusterGroup.inputs.family, "aurora-postgresql17");
            assert.equal(parameters(clusterGroup).get("rds.force_ssl"), "1");
            const instanceGroup = run.one(PARAMETER_GROUP);
            assert.equal(instanceGroup.inputs.family, "aurora-postgresql17");
            assert.equal(parameters(instanceGroup).get("max_connections"), String(maxConnectionsFor("db.r7g.xlarge")));
        });
    }

    it("creates one reader as the failover target of a Multi-AZ production cluster without replicas", async () => {
        const run = await runWithMocks(database(PROD, { engine: "aurora-postgresql", replicas: 0 }), { preview: true });
        assert.equal(run.ofType(CLUSTER_INSTANCE).filter((r) => r.name.includes("reader")).length, 1);
        assert.notEqual(run.result.replicaHost, undefined);
    });

    it("creates only a writer, and no replica host, for a single-AZ cluster without replicas", async () => {
        const run = await runWithMocks(database(DEV, { engine: "aurora-postgresql", replicas: 0 }), { preview: true });
        assert.equal(run.ofType(CLUSTER_INSTANCE).length, 1);
        assert.equal(run.result.replicaHost, undefined);
        assert.equal(run.one(CLUSTER).inputs.skipFinalSnapshot, true);
    });

    it("picks a db.r7g class of the plan's vCPU when the plan's class is one Aurora lacks", () => {
        const plan = planCapacity({ concurrentUsers: 400, production: true });
        assert.match(plan.database.instanceClass, /^db\.m7g\./);
        const cfg = resolveDatabaseArgs({ cluster: PROD, ...NETWORK, engine: "aurora-postgresql" });
        assert.equal(cfg.instanceClass.family, "db.r7g");
        assert.equal(cfg.instanceClass.vcpu, plan.database.vcpu);
    });

    it("keeps the plan's db.t4g.medium for a small Aurora cluster, since Aurora offers it", () => {
        const cfg = resolveDatabaseArgs({
            cluster: { name: "erp", environment: "dev", concurrentUsers: 20 },
            ...NETWORK,
            engine: "aurora-postgresql",
        });
        assert.equal(cfg.instanceClass.name, "db.t4g.medium");
    });

    it("puts no generated secret into any input (update mode)", async () => {
        const run = await runWithMocks(database(PROD, { engine: "aurora-postgresql", replicas: 1 }), { preview: false });
        assert.deepEqual(secretLeaks(run), []);
    });
});

describe("the final snapshot name", () => {
    it("starts with a letter and has single hyphens only", () => {
        assert.equal(finalSnapshotPrefix("erp", "prod"), "erp-prod-db");
        assert.equal(finalSnapshotPrefix("erp-", "prod"), "erp-prod-db");
        assert.equal(finalSnapshotPrefix("a--b", "x"), "a-b-x-db");
    });
});

describe("OdooDatabase rejects bad arguments before creating anything", () => {
    it("rejects 16 replicas", () => expectArgumentError(database(PROD, { replicas: 16 }), "replicas", 16, /0 to 15/));
    it("rejects a fractional replica count", () => expectArgumentError(database(PROD, { replicas: 1.5 }), "replicas", 1.5, /whole number/));
    it("rejects backup retention 0: replicas need backups on their source", () =>
        expectArgumentError(database(PROD, { backupRetentionDays: 0 }), "backupRetentionDays", 0, /1 to 35/));
    it("rejects backup retention of 36 days", () =>
        expectArgumentError(database(PROD, { backupRetentionDays: 36 }), "backupRetentionDays", 36, /1 to 35/));
    it("rejects an instance class outside the catalog", () =>
        expectArgumentError(database(PROD, { instanceClass: "db.x2.huge" }), "instanceClass", "db.x2.huge", /db\.m7g\.\*/));
    it("rejects an m-class with Aurora", () =>
        expectArgumentError(
            database(PROD, { engine: "aurora-postgresql", instanceClass: "db.m7g.xlarge" }),
            "instanceClass",
            "db.m7g.xlarge",
            /Aurora PostgreSQL class/,
        ));
    it("rejects engine version 9.6", () =>
        expectArgumentError(database(PROD, { engineVersion: "9.6" }), "engineVersion", "9.6", /14, 15, 16, 17, 18/));
    it("rejects an unknown engine", () =>
        expectArgumentError(database(PROD, { engine: "mysql" as never }), "engine", "mysql", /"postgres", "aurora-postgresql"/));
    it("rejects allocated storage below 20 GB", () =>
        expectArgumentError(database(PROD, { allocatedStorageGb: 10 }), "allocatedStorageGb", 10, /20 to 65536/));
    it("rejects an autoscaling ceiling less than 10 % above the allocated storage", () =>
        expectArgumentError(
            database(PROD, { allocatedStorageGb: 100, maxAllocatedStorageGb: 105 }),
            "maxAllocatedStorageGb",
            105,
            /110 to 65536/,
        ));
    it("rejects allocated storage with Aurora, whose storage grows on its own", () =>
        expectArgumentError(
            database(PROD, { engine: "aurora-postgresql", allocatedStorageGb: 100 }),
            "allocatedStorageGb",
            100,
            /no value with engine aurora-postgresql/,
        ));
    it("rejects a single subnet: RDS needs two availability zones", () =>
        expectArgumentError(database(PROD, { subnetIds: ["subnet-a"] }), "subnetIds", ["subnet-a"], /2 to 20/));
    it("rejects the same subnet twice", () =>
        expectArgumentError(database(PROD, { subnetIds: ["subnet-a", "subnet-a"] }), "subnetIds", ["subnet-a", "subnet-a"], /distinct/));
    it("rejects no security group", () => expectArgumentError(database(PROD, { securityGroupIds: [] }), "securityGroupIds", [], /1 to 5/));
    it("rejects a missing VPC ID", () => expectArgumentError(database(PROD, { vpcId: "" }), "vpcId", "", /VPC/));
    it("rejects a database name with upper case or dashes", () =>
        expectArgumentError(database(PROD, { databaseName: "My-ERP" }), "databaseName", "My-ERP", /lower-case letters/));
    it("rejects a reserved user name", () =>
        expectArgumentError(database(PROD, { username: "rdsadmin" }), "username", "rdsadmin", /not reserved/));
    it("rejects a KMS key that is not an ARN", () =>
        expectArgumentError(database(PROD, { kmsKeyId: "alias/erp" }), "kmsKeyId", "alias/erp", /ARN of a kms resource/));
    it("rejects a deletion protection flag that is not a boolean", () =>
        expectArgumentError(database(PROD, { deletionProtection: "yes" as never }), "deletionProtection", "yes", /true or false/));
    it("rejects max_connections among the extra parameters", () =>
        expectArgumentError(
            database(PROD, { parameters: { max_connections: "9000" } }),
            'parameters["max_connections"]',
            "9000",
            /other than max_connections/,
        ));
    it("rejects a cluster context with zero users", () =>
        expectArgumentError(database({ ...PROD, concurrentUsers: 0 }), "cluster.concurrentUsers", 0, /1 to 5000/));

    it("names the composed path when a cluster reports it under its own", () => {
        assert.throws(
            () =>
                reportUnder(
                    (p) => `database.${p}`,
                    () => resolveDatabaseArgs({ cluster: PROD, ...NETWORK, replicas: 16 }),
                ),
            (e: unknown) => (e as { property?: string }).property === "database.replicas",
        );
    });
});
