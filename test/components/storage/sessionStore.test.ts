import { strict as assert } from "node:assert";
import { OdooClusterContext } from "../../../components/contract/clusterContext";
import { planCapacity } from "../../../components/contract/sizing";
import { AUTH_TOKEN_LENGTH, OdooSessionStore, OdooSessionStoreArgs } from "../../../components/storage/sessionStore";
import { parseOdooTags } from "../../../components/contract/tags";
import { expectArgumentError } from "../../harness/argumentErrors";
import { secretLeaks, taggableResources } from "../../harness/componentChecks";
import { UNKNOWN, resolveOutput, runWithMocks } from "../../harness/pulumiMocks";
import { TYPE } from "../../harness/resourceTypes";

const GROUP = TYPE.cacheReplicationGroup;
const SUBNET_GROUP = TYPE.cacheSubnetGroup;
const PASSWORD = TYPE.randomPassword;
const SECRET = TYPE.secret;
const SECRET_VERSION = TYPE.secretVersion;

const PROD: OdooClusterContext = { name: "erp", environment: "prod", concurrentUsers: 400 };
const DEV: OdooClusterContext = { name: "erp", environment: "dev", concurrentUsers: 100 };
const NETWORK = { subnetIds: ["subnet-i1", "subnet-i2"], securityGroupIds: ["sg-cache"] };
const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const MODES = [
    { preview: true, label: "preview" },
    { preview: false, label: "update" },
];

function sessions(cluster: OdooClusterContext, extra: Partial<OdooSessionStoreArgs> = {}): () => OdooSessionStore {
    return () => new OdooSessionStore("sessions", { cluster, kind: "redis", ...NETWORK, ...extra });
}

describe("OdooSessionStore on ElastiCache", () => {
    for (const { preview, label } of MODES) {
        it(`creates a Valkey replication group encrypted in transit and at rest, in its own subnet group (${label})`, async () => {
            const run = await runWithMocks(sessions(DEV), { preview });
            const g = run.one(GROUP).inputs;
            assert.equal(g.engine, "valkey");
            assert.equal(g.engineVersion, "8.1");
            assert.equal(g.transitEncryptionEnabled, true);
            assert.equal(g.transitEncryptionMode, "required");
            assert.equal(g.atRestEncryptionEnabled, true);
            assert.equal(g.port, 6379);
            assert.deepEqual(g.securityGroupIds, ["sg-cache"]);
            assert.equal(g.nodeType, planCapacity({ concurrentUsers: DEV.concurrentUsers }).cache.nodeType);
            assert.deepEqual(run.one(SUBNET_GROUP).inputs.subnetIds, NETWORK.subnetIds);
            assert.ok(
                run.one(GROUP).options.dependsOn.some((u) => u.endsWith("::sessions-subnets")),
                "in its own subnet group",
            );
        });

        it(`runs one node without failover outside production (${label})`, async () => {
            const run = await runWithMocks(sessions(DEV), { preview });
            const g = run.one(GROUP).inputs;
            assert.equal(g.numCacheClusters, 1);
            assert.equal(g.automaticFailoverEnabled, false);
            assert.equal(g.multiAzEnabled, false);
        });

        it(`runs two nodes with automatic failover and Multi-AZ in production (${label})`, async () => {
            const run = await runWithMocks(sessions(PROD), { preview });
            const g = run.one(GROUP).inputs;
            assert.equal(g.numCacheClusters, 2);
            assert.equal(g.automaticFailoverEnabled, true);
            assert.equal(g.multiAzEnabled, true);
        });

        it(`generates an AUTH token ElastiCache accepts, keeps it in Secrets Manager and passes it only as a secret (${label})`, async () => {
            const run = await runWithMocks(sessions(PROD), { preview });
            const password = run.one(PASSWORD).inputs;
            assert.equal(password.length, AUTH_TOKEN_LENGTH);
            assert.ok(AUTH_TOKEN_LENGTH >= 16 && AUTH_TOKEN_LENGTH <= 128, "ElastiCache takes 16 to 128 characters");
            assert.equal(password.special, false, "letters and digits only: safe in a rediss:// URL");
            const group = run.one(GROUP);
            const version = run.one(SECRET_VERSION);
            if (preview) {
                assert.equal(group.inputs.authToken, UNKNOWN);
                assert.equal(version.inputs.secretString, UNKNOWN);
                assert.equal((await resolveOutput(run.result.authTokenSecretArn)).value, UNKNOWN);
            } else {
                assert.ok(group.secretInputs.includes("authToken"));
                assert.ok(version.secretInputs.includes("secretString"));
                assert.match(String(group.inputs.authToken), /^[A-Za-z0-9-]{16,128}$/);
                assert.equal(version.inputs.secretString, group.inputs.authToken, "the secret holds the token the cache uses");
                assert.equal((await resolveOutput(run.result.authTokenSecretArn)).value, run.one(SECRET).state.arn);
                assert.deepEqual(secretLeaks(run), []);
                assert.ok(run.generatedSecrets.length > 0, "the scan had a secret to look for");
            }
        });

        it(`returns the primary endpoint, port and engine (${label})`, async () => {
            const run = await runWithMocks(sessions(PROD), { preview });
            assert.equal((await resolveOutput(run.result.port)).value, 6379);
            assert.equal((await resolveOutput(run.result.engine)).value, "valkey");
            assert.equal((await resolveOutput(run.result.kind)).value, "redis");
            assert.equal((await resolveOutput(run.result.host)).value, preview ? UNKNOWN : run.one(GROUP).state.primaryEndpointAddress);
        });

        it(`writes the odoo:* tags with role sessions on every taggable resource (${label})`, async () => {
            const run = await runWithMocks(sessions({ ...PROD, tags: { Owner: "ops" } }), { preview });
            const taggable = taggableResources(run.resources);
            assert.deepEqual(taggable.map((r) => r.type).sort(), [GROUP, SECRET, SUBNET_GROUP].sort());
            for (const r of taggable) {
                const tags = parseOdooTags(r.inputs.tags);
                assert.equal(tags.role, "sessions", r.name);
                assert.equal(tags.cluster, "erp");
                assert.equal(tags.concurrentUsers, 400);
                assert.equal((r.inputs.tags as Record<string, string>).Owner, "ops");
            }
        });
    }

    it("turns failover and Multi-AZ on with three nodes outside production, and off with one node in production", async () => {
        const three = await runWithMocks(sessions(DEV, { nodes: 3 }), { preview: true });
        assert.equal(three.one(GROUP).inputs.automaticFailoverEnabled, true);
        assert.equal(three.one(GROUP).inputs.multiAzEnabled, true);
        const one = await runWithMocks(sessions(PROD, { nodes: 1 }), { preview: true });
        assert.equal(one.one(GROUP).inputs.automaticFailoverEnabled, false);
        assert.equal(one.one(GROUP).inputs.multiAzEnabled, false);
    });

    it("runs Redis OSS 7.1 and a customer-managed key on request", async () => {
        const run = await runWithMocks(sessions(PROD, { engine: "redis", kmsKeyId: KEY, nodeType: "cache.r7g.large" }), { preview: true });
        const g = run.one(GROUP).inputs;
        assert.equal(g.engine, "redis");
        assert.equal(g.engineVersion, "7.1");
        assert.equal(g.kmsKeyId, KEY);
        assert.equal(g.nodeType, "cache.r7g.large");
    });
});

describe("OdooSessionStore without a cache", () => {
    for (const kind of ["filestore", "local"] as const) {
        for (const { preview, label } of MODES) {
            it(`creates nothing for ${kind} sessions and returns no host or secret (${label})`, async () => {
                const run = await runWithMocks(() => new OdooSessionStore("sessions", { cluster: DEV, kind }), { preview });
                assert.deepEqual(
                    run.resources.map((r) => r.type),
                    ["odoo-aws:index:OdooSessionStore"],
                );
                assert.equal((await resolveOutput(run.result.kind)).value, kind);
                assert.equal(run.result.host, undefined);
                assert.equal(run.result.authTokenSecretArn, undefined);
            });
        }
    }

    it("defaults to the capacity plan: filestore sessions for a single node and for a fleet of the stock image", async () => {
        const single = await runWithMocks(() => new OdooSessionStore("s", { cluster: { ...DEV, concurrentUsers: 30 } }), { preview: true });
        assert.equal((await resolveOutput(single.result.kind)).value, "filestore");
        const fleet = await runWithMocks(() => new OdooSessionStore("s", { cluster: DEV }), { preview: true });
        assert.equal((await resolveOutput(fleet.result.kind)).value, "filestore");
        assert.equal(fleet.ofType(GROUP).length, 0);
    });

    it("takes the kind and the cache size from a capacity plan handed down", async () => {
        const plan = planCapacity({
            concurrentUsers: DEV.concurrentUsers,
            sessions: "redis",
            imageAddons: { sessionRedis: true },
            cacheNodes: 3,
        });
        const run = await runWithMocks(() => new OdooSessionStore("s", { cluster: { ...DEV, capacityPlan: plan }, ...NETWORK }), {
            preview: true,
        });
        assert.equal(run.ofType(GROUP)[0].inputs.numCacheClusters, 3);
    });
});

describe("OdooSessionStore rejects bad arguments before creating anything", () => {
    it("rejects an unknown kind", () =>
        expectArgumentError(sessions(PROD, { kind: "memcached" as never }), "kind", "memcached", /"redis", "filestore", "local"/));
    it("rejects an unknown engine", () =>
        expectArgumentError(sessions(PROD, { engine: "memcached" as never }), "engine", "memcached", /"valkey", "redis"/));
    it("rejects Redis OSS 7.2, which ElastiCache never shipped", () =>
        expectArgumentError(sessions(PROD, { engine: "redis", engineVersion: "7.2" }), "engineVersion", "7.2", /"7.0", "7.1"/));
    it("rejects Valkey 6.2", () =>
        expectArgumentError(sessions(PROD, { engineVersion: "6.2" }), "engineVersion", "6.2", /"7.2", "8.0", "8.1", "8.2", "9.0"/));
    it("rejects 0 nodes", () => expectArgumentError(sessions(PROD, { nodes: 0 }), "nodes", 0, /1 to 6/));
    it("rejects 7 nodes: a primary and at most five replicas", () =>
        expectArgumentError(sessions(PROD, { nodes: 7 }), "nodes", 7, /1 to 6/));
    it("rejects an unknown cache node type", () =>
        expectArgumentError(sessions(PROD, { nodeType: "cache.x1.huge" }), "nodeType", "cache.x1.huge", /ElastiCache node type/));
    it("rejects two nodes in a single subnet: Multi-AZ needs two zones", () =>
        expectArgumentError(sessions(PROD, { nodes: 2, subnetIds: ["subnet-i1"] }), "subnetIds", ["subnet-i1"], /at least 2 subnet IDs/));
    it("rejects Redis sessions without security groups", () =>
        expectArgumentError(sessions(PROD, { securityGroupIds: undefined }), "securityGroupIds", undefined, /1 to 5 security group IDs/));
    it("rejects Redis sessions without subnets", () =>
        expectArgumentError(sessions(PROD, { subnetIds: undefined }), "subnetIds", undefined, /isolated subnet IDs/));
    it("rejects cache settings with filestore sessions", () =>
        expectArgumentError(
            () => new OdooSessionStore("s", { cluster: PROD, kind: "filestore", nodes: 2 }),
            "nodes",
            2,
            /no value with kind filestore/,
        ));
    it("rejects a KMS key that is not an ARN", () =>
        expectArgumentError(
            sessions(PROD, { kmsKeyId: "alias/aws/elasticache" }),
            "kmsKeyId",
            "alias/aws/elasticache",
            /ARN of a kms resource/,
        ));
});
