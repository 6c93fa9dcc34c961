import { strict as assert } from "node:assert";
import * as path from "node:path";
import { loadStackConfig, toEngineConfig } from "../../../stacks/cli/stackFile";
import { OdooCluster } from "../../../components/cluster/cluster";
import { TAG, parseOdooTags } from "../../../components/contract/tags";
import { standbySecretArn } from "../../../components/standby/standbyRegion";
import { NODE_PATHS } from "../../../components/nodes/userData";
import { defineStack } from "../../../stacks/program";
import { clusterArgsFromConfig } from "../../../stacks/stackConfig";
import { expectArgumentError } from "../../harness/argumentErrors";
import { cloudConfigOf, fileIn } from "../../harness/nodeUserData";
import { MockRun, RecordedResource, resolveOutput, runWithMocks } from "../../harness/pulumiMocks";
import { Output } from "@pulumi/pulumi";
import { CapacityPlan, MonthlyCost } from "../../../components/contract/sizing";
import { TYPE } from "../../harness/resourceTypes";

const STANDBY = "odoo-aws:index:OdooStandby";
const PROVIDER = "pulumi:providers:aws";
const T = {
    rds: TYPE.dbInstance,
    efs: TYPE.efsFileSystem,
    replication: TYPE.efsReplicationConfiguration,
    plan: TYPE.backupPlan,
    vault: TYPE.backupVault,
    secret: TYPE.secret,
    asg: TYPE.autoscalingGroup,
    lt: TYPE.launchTemplate,
    key: TYPE.kmsKey,
    alarm: TYPE.metricAlarm,
};

/** The prod-dr stack's configuration, as the engine hands it to the program. */
function prodDrConfig(): Record<string, string> {
    return toEngineConfig(loadStackConfig(path.join(__dirname, "../../../stacks"), "prod-dr"));
}

const runs = new Map<boolean, MockRun<unknown>>();

/** The prod-dr program under mocks, run once per mode: the runs are only read. */
async function prodDr(preview: boolean): Promise<MockRun<unknown>> {
    let run = runs.get(preview);
    if (!run) {
        const config = prodDrConfig();
        run = await runWithMocks(() => defineStack(config), { preview, config, stack: "prod-dr" });
        runs.set(preview, run);
    }
    return run;
}

/** Whether a resource was registered under the standby component, at any depth of its parent chain. */
function isUnderStandby(run: MockRun<unknown>, resource: RecordedResource): boolean {
    const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
    for (let parent = byUrn.get(resource.options.parent); parent; parent = byUrn.get(parent.options.parent)) {
        if (parent.type === STANDBY) {
            return true;
        }
    }
    return false;
}

/** The custom resources registered under the standby component. */
function underStandby(run: MockRun<unknown>): RecordedResource[] {
    return run.resources.filter((r) => r.custom && isUnderStandby(run, r));
}

function standbyProviderUrn(run: MockRun<unknown>): string {
    const providers = run.ofType(PROVIDER);
    assert.equal(providers.length, 1, "one explicit provider: the standby region's");
    assert.equal(providers[0].inputs.region, "us-west-2");
    return providers[0].urn;
}

function onProvider(resource: RecordedResource, urn: string): boolean {
    return resource.options.provider.startsWith(`${urn}::`);
}

describe("the prod-dr stack: a standby in a second region", () => {
    for (const preview of [true, false]) {
        const mode = preview ? "preview" : "update";

        it(`creates every second-region resource on the second region's provider (${mode})`, async () => {
            const run = await prodDr(preview);
            const urn = standbyProviderUrn(run);
            const resources = underStandby(run).filter((r) => r.type !== PROVIDER);
            assert.ok(resources.length > 40, `the standby holds its network, replica, filestore, vault and nodes (${resources.length})`);
            const primaryRegion = resources.filter((r) => !onProvider(r, urn)).map((r) => `${r.type} ${r.name}`);
            // EFS takes the replication configuration in the source's region, and the sync metric is published there.
            assert.deepEqual(primaryRegion.sort(), [
                "aws:cloudwatch/metricAlarm:MetricAlarm odoo-standby-efs-sync",
                "aws:efs/replicationConfiguration:ReplicationConfiguration odoo-standby-efs-replication",
            ]);
            for (const r of resources.filter((x) => onProvider(x, urn) && x.inputs.tags !== undefined)) {
                const tags = Array.isArray(r.inputs.tags)
                    ? Object.fromEntries((r.inputs.tags as { key: string; value: string }[]).map((t) => [t.key, t.value]))
                    : (r.inputs.tags as Record<string, string>);
                assert.equal(tags[TAG.standbyRegion], "us-west-2", `${r.type} ${r.name} carries the standby region`);
            }
            // Nothing of the primary cluster moved to the second region.
            for (const r of run.resources.filter((x) => x.custom && !isUnderStandby(run, x) && x.type !== PROVIDER)) {
                assert.equal(r.options.provider.startsWith(`${urn}::`), false, `${r.type} ${r.name} is on the standby's provider`);
            }
        });

        it(`creates a cross-region read replica of the primary, encrypted with the second region's key (${mode})`, async () => {
            const run = await prodDr(preview);
            const urn = standbyProviderUrn(run);
            const replica = underStandby(run).find((r) => r.type === T.rds);
            assert.ok(replica, "no standby replica");
            assert.ok(onProvider(replica, urn));
            const primary = run.ofType(T.rds).find((r) => parseOdooTags(r.inputs.tags).role === "db-primary")!;
            assert.ok(replica.options.propertyDependencies.replicateSourceDb.includes(primary.urn), "the replica's source is the primary");
            const key = underStandby(run).find((r) => r.type === T.key)!;
            assert.ok(onProvider(key, urn));
            assert.equal(key.inputs.enableKeyRotation, true);
            assert.ok(replica.options.propertyDependencies.kmsKeyId.includes(key.urn));
            assert.equal(replica.inputs.storageEncrypted, true);
            // It grows as the primary does (storage autoscaling), or replication would stop once the primary outgrew it.
            assert.ok(Number(primary.inputs.maxAllocatedStorage) > Number(primary.inputs.allocatedStorage));
            assert.deepEqual(
                [replica.inputs.allocatedStorage, replica.inputs.maxAllocatedStorage],
                [primary.inputs.allocatedStorage, primary.inputs.maxAllocatedStorage],
            );
            assert.equal(replica.inputs.publiclyAccessible, false);
            if (!preview) {
                assert.equal(replica.inputs.replicateSourceDb, primary.state.arn, "a cross-region replica names its source by ARN");
            }
            assert.ok(
                run.ofType(T.alarm).some((a) => a.inputs.metricName === "ReplicaLag" && onProvider(a, urn)),
                "the replica's lag is alarmed in its region",
            );
        });

        it(`replicates the filestore into a destination file system of the second region (${mode})`, async () => {
            const run = await prodDr(preview);
            const urn = standbyProviderUrn(run);
            const replication = run.one(T.replication);
            assert.equal(replication.options.provider, "", "EFS takes the replication configuration in the source region");
            const destination = underStandby(run).find((r) => r.type === T.efs)!;
            assert.ok(onProvider(destination, urn));
            assert.deepEqual(destination.inputs.protection, { replicationOverwrite: "DISABLED" });
            const source = run.ofType(T.efs).find((r) => !isUnderStandby(run, r))!;
            assert.ok(replication.options.propertyDependencies.sourceFileSystemId.includes(source.urn));
            assert.ok(replication.options.propertyDependencies.destination.includes(destination.urn));
            assert.equal((replication.inputs.destination as { region: string }).region, "us-west-2");
            assert.ok(run.ofType(T.alarm).some((a) => a.inputs.metricName === "TimeSinceLastSync"));
        });

        it(`copies every recovery point to the vault in the second region and says so on the plan (${mode})`, async () => {
            const run = await prodDr(preview);
            const urn = standbyProviderUrn(run);
            const vault = underStandby(run).find((r) => r.type === T.vault)!;
            assert.ok(onProvider(vault, urn));
            const plan = run.one(T.plan);
            assert.equal((plan.inputs.tags as Record<string, string>)[TAG.backupCopyRegion], "us-west-2");
            const rules = plan.inputs.rules as { copyActions?: { destinationVaultArn: string }[] }[];
            assert.ok(rules.length >= 1 && rules.every((r) => r.copyActions?.length === 1), "every rule copies");
            assert.ok(plan.options.propertyDependencies.rules.includes(vault.urn));
            if (!preview) {
                assert.ok(rules.every((r) => r.copyActions![0].destinationVaultArn === vault.state.arn));
            }
        });

        it(`replicates the database credentials and the admin password secrets to the second region (${mode})`, async () => {
            const run = await prodDr(preview);
            const credentials = run.ofType(T.secret).find((s) => s.name.endsWith("-db-credentials"));
            assert.ok(credentials, "OdooDatabase's own credentials secret");
            assert.deepEqual(credentials.inputs.replicas, [{ region: "us-west-2" }]);
            const admin = run.ofType(T.secret).find((s) => s.name.includes("admin-password"))!;
            assert.deepEqual(admin.inputs.replicas, [{ region: "us-west-2" }]);
            // Both are the primary region's resources: Secrets Manager keeps the replica itself.
            assert.deepEqual([credentials.options.provider, admin.options.provider], ["", ""]);
        });

        it(`parks the standby's node templates with every group at 0 (${mode})`, async () => {
            const run = await prodDr(preview);
            const urn = standbyProviderUrn(run);
            const groups = underStandby(run).filter((r) => r.type === T.asg);
            assert.equal(groups.length, 2, "an HTTP group and a cron group");
            for (const g of groups) {
                assert.ok(onProvider(g, urn));
                assert.deepEqual([g.inputs.minSize, g.inputs.maxSize, g.inputs.desiredCapacity], [0, 0, 0]);
            }
        });
    }

    it("points the standby's nodes at the replica and at the secrets' replicas in their region, the primary's at the secrets", async () => {
        const run = await prodDr(false);
        const credentials = String(run.ofType(T.secret).find((s) => s.name.endsWith("-db-credentials"))!.state.arn);
        const admin = String(run.ofType(T.secret).find((s) => s.name.includes("admin-password"))!.state.arn);
        assert.match(credentials, /^arn:aws:secretsmanager:us-east-1:/);
        const replica = underStandby(run).find((r) => r.type === T.rds)!;
        for (const lt of run.ofType(T.lt)) {
            const config = cloudConfigOf(lt);
            const env = fileIn(config, NODE_PATHS.env);
            const standby = isUnderStandby(run, lt);
            const expect = (arn: string) => (standby ? standbySecretArn(arn, "us-west-2") : arn);
            assert.match(env, new RegExp(`^DB_SECRET_ARN='${expect(credentials)}'$`, "m"), lt.name);
            assert.match(env, new RegExp(`^ADMIN_SECRET_ARN='${expect(admin)}'$`, "m"), lt.name);
            if (standby) {
                assert.match(env, /^AWS_REGION='us-west-2'$/m);
                const conf = fileIn(config, NODE_PATHS.baseConf);
                assert.match(conf, new RegExp(`^db_host = ${String(replica.state.address).replace(/\./g, "\\.")}$`, "m"));
                assert.doesNotMatch(conf, /db_replica_host/);
            }
        }
        assert.equal(underStandby(run).filter((r) => r.type === T.lt).length, 2);
    });

    it("prices the standby in the stack's estimate: its replica, network, filestore replica, backup copies and what crosses regions", async () => {
        const run = await prodDr(true);
        const outputs = run.result as { monthlyCost: Output<MonthlyCost>; capacityPlan: Output<CapacityPlan> };
        const cost = (await resolveOutput(outputs.monthlyCost)).value as MonthlyCost;
        const standby = cost.lines.filter((l) => l.part.startsWith("standby"));
        assert.deepEqual(
            standby.map((l) => l.part),
            [
                "standbyDatabase",
                "standbyFilestore",
                "standbyBackupCopies",
                "standbyNetwork",
                "standbyReplicationTransfer",
                "standbySecretsAndKeys",
            ],
        );
        assert.ok(standby.every((l) => l.basis.includes("us-west-2") && l.usd > 0));
        const withoutStandby = cost.lines.filter((l) => !l.part.startsWith("standby"));
        const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;
        assert.equal(cost.total, sum([...withoutStandby, ...standby].map((l) => l.usd)));
        assert.ok(sum(standby.map((l) => l.usd)) > 500, "a replica of the primary's class costs about as much as the primary's instance");
        const plan = (await resolveOutput(outputs.capacityPlan)).value as CapacityPlan;
        assert.equal(plan.monthlyCost.total, cost.total, "the plan and the stack output say the same");
    });

    it("adds the standby's region to database.secretReplicaRegions once, keeping the regions the stack lists", async () => {
        const config = {
            ...prodDrConfig(),
            "odoo-aws:database": JSON.stringify({
                instanceClass: "db.m7g.4xlarge",
                replicas: 1,
                secretReplicaRegions: ["eu-west-1", "us-west-2"],
            }),
        };
        const run = await runWithMocks(() => defineStack(config), { preview: true, config, stack: "prod-dr" });
        const credentials = run.ofType(T.secret).find((s) => s.name.endsWith("-db-credentials"))!;
        assert.deepEqual(credentials.inputs.replicas, [{ region: "eu-west-1" }, { region: "us-west-2" }]);
    });

    it("swaps only the region of a secret's ARN for its replica", () => {
        assert.equal(
            standbySecretArn("arn:aws:secretsmanager:us-east-1:123456789012:secret:erp-db-AbCdEf", "us-west-2"),
            "arn:aws:secretsmanager:us-west-2:123456789012:secret:erp-db-AbCdEf",
        );
        assert.throws(() => standbySecretArn("arn:aws:s3:::bucket", "us-west-2"), /Secrets Manager secret ARN/);
    });

    describe("refuses", () => {
        const base = () => clusterArgsFromConfig(prodDrConfig());
        const run =
            (standby: object, extra: object = {}) =>
            () =>
                new OdooCluster("erp", { ...base(), ...extra, standby: { ...base().standby!, ...standby } } as never);
        const config = { "aws:region": "us-east-1" };

        it("a standby in the stack's own region", async () => {
            const { error } = await (async () => {
                try {
                    await runWithMocks(run({ region: "us-east-1" }), { preview: true, config });
                } catch (e) {
                    return { error: e as Error };
                }
                return { error: undefined };
            })();
            assert.match(String(error), /standby\.region is "us-east-1"; accepted: a region other than the stack's \(us-east-1\)/);
        });
        it("a region name AWS does not have the shape of", async () => {
            await expectArgumentError(run({ region: "west" }), "standby.region", "west", /region name/);
        });
        it("a DNS record for the standby's load balancer (the failover moves the name)", async () => {
            await expectArgumentError(
                run({ loadBalancer: { domainName: "erp.example.com", hostedZoneName: "example.com" } }),
                "standby.loadBalancer.hostedZoneName",
                "example.com",
                /no value/,
            );
        });
        it("an Aurora database, whose cross-region form is a Global Database", async () => {
            await expectArgumentError(
                run({}, { database: { engine: "aurora-postgresql", instanceClass: "db.r7g.4xlarge", replicas: 2 } }),
                "database.engine",
                "aurora-postgresql",
                /postgres with a standby/,
            );
        });
    });
});
