import { strict as assert } from "node:assert";
import { OdooCluster, OdooClusterArgs } from "../../../components/cluster/cluster";
import { resolveClusterArgs } from "../../../components/cluster/clusterArgs";
import { databaseArgs, standInAlarmActions, standInParts } from "../../../components/cluster/clusterParts";
import { OdooArgumentError } from "../../../components/contract/errors";
import { CapacityPlan, NODE_ROOT_VOLUME_GB, planCapacity } from "../../../components/contract/sizing";
import { TAG } from "../../../components/contract/tags";
import { parsePlanArguments } from "../../../stacks/cli/plan";
import { TYPE } from "../../harness/resourceTypes";
import { throwsArgumentError } from "../../harness/argumentErrors";
import { MockRun, RecordedResource, resolveOutput, runWithMocks } from "../../harness/pulumiMocks";

/**
 * The plan `npm run plan` prints against what OdooCluster builds, over the guide's row boundaries,
 * the image with and without session_redis, and both shared filestores. Every cluster of the sweep
 * is built in one mock program (one setup, resources told apart by their odoo:cluster tag).
 */
const USERS = [1, 50, 51, 150, 151, 300, 301, 500, 501, 2000, 5000];
const CUSTOM_IMAGE = "registry.example.com/odoo:18.0-custom";

interface Case {
    users: number;
    sessionRedis: boolean;
    filestore: "efs" | "s3";
    /** Cluster name: also its odoo:cluster tag. */
    name: string;
    /** The flags a reader passes to `npm run plan` for the same choices. */
    flags: string[];
    args: OdooClusterArgs;
}

const CASES: Case[] = USERS.flatMap((users) =>
    [false, true].flatMap((sessionRedis) =>
        (["efs", "s3"] as const).map((filestore): Case => {
            const s3 = filestore === "s3";
            const custom = sessionRedis || s3;
            return {
                users,
                sessionRedis,
                filestore,
                name: `sweep${users}${sessionRedis ? "r" : "o"}${filestore}`,
                flags: [
                    "--users",
                    String(users),
                    ...(sessionRedis ? ["--session-redis"] : []),
                    ...(s3 ? ["--s3-attachments", "--filestore", "s3"] : []),
                ],
                args: {
                    concurrentUsers: users,
                    environment: "staging",
                    loadBalancer: { allowHttpOnly: true },
                    // Alarms and scaling policies size nothing the plan prices (cluster.test.ts checks
                    // them); leaving them out keeps the sweep's forty clusters affordable.
                    operations: { monitoring: { enabled: false }, scaling: { enabled: false } },
                    ...(custom ? { image: CUSTOM_IMAGE, imageAddons: { sessionRedis, s3Attachments: s3 } } : {}),
                    ...(s3 ? { filestore: { kind: "s3" as const } } : {}),
                },
            };
        }),
    ),
);

type Outcome = { plan: CapacityPlan } | { error: OdooArgumentError };

/** What `npm run plan` answers for the flags: the plan, or the argument error it exits 2 with. */
function cliPlan(flags: string[]): Outcome {
    try {
        return { plan: planCapacity(parsePlanArguments(flags).request) };
    } catch (e) {
        assert.ok(e instanceof OdooArgumentError, String(e));
        return { error: e };
    }
}

function tags(r: RecordedResource): Record<string, string> {
    const t = r.inputs.tags;
    if (Array.isArray(t)) {
        return Object.fromEntries((t as { key: string; value: string }[]).map((x) => [x.key, x.value]));
    }
    return (t ?? {}) as Record<string, string>;
}

describe("npm run plan and OdooCluster agree, over the guide's boundaries × session_redis × efs/s3", function () {
    // One mock program builds all the clusters; that takes a few seconds on a busy machine.
    this.timeout(120_000);
    let run: MockRun<Map<string, OdooCluster | OdooArgumentError>>;

    // Pulumi stamps every promise it makes for a resource property with `new Error().stack`, which
    // ts-node maps through source maps: most of the sweep's CPU, and no use under mocks.
    const stackTraceLimit = Error.stackTraceLimit;
    after(() => {
        Error.stackTraceLimit = stackTraceLimit;
    });

    before(async () => {
        Error.stackTraceLimit = 0;
        run = await runWithMocks(
            () => {
                const built = new Map<string, OdooCluster | OdooArgumentError>();
                for (const c of CASES) {
                    try {
                        built.set(c.name, new OdooCluster(c.name, c.args));
                    } catch (e) {
                        assert.ok(e instanceof OdooArgumentError, String(e));
                        built.set(c.name, e);
                    }
                }
                return built;
            },
            { preview: true },
        );
    });

    for (const c of CASES) {
        it(`${c.users} users, ${c.sessionRedis ? "with" : "without"} session_redis, ${c.filestore}: \`npm run plan -- ${c.flags.slice(2).join(" ") || "(no image flags)"}\``, async () => {
            const expected = cliPlan(c.flags);
            const built = run.result.get(c.name);
            if ("error" in expected) {
                // Both refuse, over the same choice.
                assert.ok(built instanceof OdooArgumentError, `the plan refuses (${expected.error.message}) but the cluster was built`);
                assert.match(built.property, /^(sessions|filestore)\.kind$|^imageAddons\./);
                assert.equal(built.property.replace(/\.kind$/, ""), expected.error.property);
                return;
            }
            assert.ok(built instanceof OdooCluster, `the plan succeeds but the cluster refuses: ${String(built)}`);
            const plan = expected.plan;
            assert.deepEqual((await resolveOutput(built.capacityPlan)).value, plan, "the cluster's own plan is the CLI's");
            assert.deepEqual((await resolveOutput(built.monthlyCost)).value, plan.monthlyCost);

            const mine = run.resources.filter((r) => tags(r)[TAG.cluster] === c.name);
            const ofType = (type: string) => mine.filter((r) => r.type === type);

            // Nodes: group sizes and instance types.
            const groups = ofType(TYPE.autoscalingGroup);
            const templates = ofType(TYPE.launchTemplate);
            const group = (role: string) => groups.find((g) => tags(g)[TAG.role] === role);
            const template = (role: string) => templates.find((t) => tags(t)[TAG.role] === role);
            const httpRole = plan.singleNode ? "http+cron" : "http";
            assert.equal(groups.length, plan.singleNode ? 1 : 2);
            assert.equal(group(httpRole)?.inputs.minSize, plan.httpNodes);
            assert.equal(group(httpRole)?.inputs.maxSize, plan.httpNodesMax);
            assert.equal(template(httpRole)?.inputs.instanceType, plan.nodeInstanceType);
            assert.equal(Number(tags(group(httpRole)!)[TAG.workers]), plan.workersPerNode);
            // The cost counts every node's root volume at the default size.
            for (const t of templates) {
                assert.equal((t.inputs.blockDeviceMappings as { ebs: { volumeSize: number } }[])[0].ebs.volumeSize, NODE_ROOT_VOLUME_GB);
            }
            if (!plan.singleNode) {
                assert.equal(group("cron")?.inputs.maxSize, plan.cronNodes);
                assert.equal(template("cron")?.inputs.instanceType, plan.cron.instanceType);
            }

            // PostgreSQL: the class and the replicas.
            const instances = ofType(TYPE.dbInstance);
            const primary = instances.filter((i) => tags(i)[TAG.role] === "db-primary");
            assert.equal(primary.length, 1);
            assert.equal(primary[0].inputs.instanceClass, plan.database.instanceClass);
            assert.equal(primary[0].inputs.allocatedStorage, plan.database.storageGb);
            assert.equal(primary[0].inputs.multiAz, plan.database.multiAz);
            assert.equal(instances.filter((i) => tags(i)[TAG.role] === "db-replica").length, plan.database.replicas);

            // Shared state: the sessions kind, the cache and the filestore.
            assert.ok(groups.every((g) => tags(g)[TAG.sessions] === plan.sessions && tags(g)[TAG.filestore] === plan.filestore));
            const caches = ofType(TYPE.cacheReplicationGroup);
            assert.equal(caches.length, plan.cache.nodes > 0 ? 1 : 0, `sessions ${plan.sessions}`);
            if (plan.cache.nodes > 0) {
                assert.equal(caches[0].inputs.numCacheClusters, plan.cache.nodes);
                assert.equal(caches[0].inputs.nodeType, plan.cache.nodeType);
            }
            assert.equal(ofType(TYPE.efsFileSystem).length, plan.filestore === "efs" ? 1 : 0);
            assert.equal(ofType(TYPE.bucket).filter((b) => tags(b)[TAG.role] === "filestore").length, plan.filestore === "s3" ? 1 : 0);

            // The network the cost counts.
            const nats = ofType(TYPE.natGateway);
            assert.equal(nats.length, plan.network.natGateways);
        });
    }

    it("sweeps plans that differ: a fleet on Redis pays for a cache, one on filestore sessions does not", () => {
        const at300 = CASES.filter((c) => c.users === 300 && c.filestore === "efs").map((c) => cliPlan(c.flags));
        const costs = at300.map((o) => ("plan" in o ? (o.plan.monthlyCost.lines.find((l) => l.part === "sessionCache")?.usd ?? 0) : NaN));
        assert.equal(costs[0], 0);
        assert.ok(costs[1] > 0);
    });
});

describe("OdooCluster plans from every choice, wherever in its arguments it is set", () => {
    const certificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666";
    const resolve = (args: Partial<OdooClusterArgs>) =>
        resolveClusterArgs("erp", {
            concurrentUsers: 300,
            environment: "prod",
            loadBalancer: { certificateArn },
            // Production alarms must notify someone.
            operations: { monitoring: { alarmEmail: "ops@example.com" } },
            ...args,
        });

    it("prices a production database without a standby when database.multiAz is off", () => {
        assert.equal(resolve({}).plan.database.multiAz, true);
        const plan = resolve({ database: { multiAz: false } }).plan;
        assert.equal(plan.database.multiAz, false);
        assert.equal(
            plan.monthlyCost.lines.find((l) => l.part === "database")?.usd,
            planCapacity({ concurrentUsers: 300, production: true, databaseMultiAz: false }).monthlyCost.lines.find(
                (l) => l.part === "database",
            )?.usd,
        );
    });

    it("sizes the cache from sessions.nodes and the zones from network.availabilityZoneNames", () => {
        const r = resolve({
            image: "registry.example.com/odoo:18.0-c2c",
            imageAddons: { sessionRedis: true },
            sessions: { nodes: 3 },
            network: { availabilityZoneNames: ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"] },
        });
        assert.equal(r.plan.cache.nodes, 3);
        assert.equal(r.plan.network.availabilityZones, 4);
        assert.equal(r.zones, 4);
    });

    it("hands every part the one plan", () => {
        const r = resolve({});
        assert.equal(r.cluster.capacityPlan, r.plan);
    });

    it("takes the HTTP fleet's Spot share and office hours from nodes.*, into the one plan and its estimate", () => {
        const r = resolve({ nodes: { spot: { enabled: true }, officeHours: { timeZone: "Europe/Brussels", offHoursNodes: 1 } } });
        assert.equal(r.plan.spot.enabled, true);
        assert.equal(r.plan.officeHours?.timeZone, "Europe/Brussels");
        assert.ok(r.plan.monthlyCost.httpFleet.total < r.plan.monthlyCost.httpFleet.alwaysOnOnDemand);
        assert.equal(resolve({}).plan.spot.enabled, false);
    });

    it("names nodes.officeHours.timeZone when the cluster's office hours are in a zone AWS does not accept", () => {
        throwsArgumentError(() => resolve({ nodes: { officeHours: { timeZone: "CET" } } }), {
            property: "nodes.officeHours.timeZone",
            value: "CET",
            accepted: /IANA/,
        });
    });

    it("hands the database the plan's right-sized replica class unless it is set or the engine is Aurora", () => {
        const replicaClass = (args: Partial<OdooClusterArgs>) => {
            const r = resolve(args);
            return databaseArgs(r, standInParts(r).network, standInAlarmActions(r)).replicaInstanceClass;
        };
        const plan = resolve({}).plan;
        assert.equal(replicaClass({}), plan.database.replicaInstanceClass);
        assert.notEqual(plan.database.replicaInstanceClass, plan.database.instanceClass);
        assert.equal(replicaClass({ database: { replicaInstanceClass: "db.m7g.2xlarge" } }), "db.m7g.2xlarge");
        assert.equal(replicaClass({ database: { engine: "aurora-postgresql" } }), undefined);
    });
});
