import * as aws from "@pulumi/aws";
import { strict as assert } from "node:assert";
import { OdooClusterContext } from "../../../components/contract/clusterContext";
import {
    DEFAULT_NONCURRENT_VERSION_DAYS,
    EFS_ODOO_OWNER,
    OFFICIAL_IMAGE_ODOO_USER,
    OdooFilestore,
    OdooFilestoreArgs,
    filestoreBucketPrefix,
    resolveFilestoreArgs,
} from "../../../components/storage/filestore";
import { PolicyDocument } from "../../../components/storage/filestorePolicy";
import { parseOdooTags } from "../../../components/contract/tags";
import { expectArgumentError } from "../../harness/argumentErrors";
import { secretLeaks, taggableResources } from "../../harness/componentChecks";
import { MockRun, RecordedResource, UNKNOWN, resolveOutput, runWithMocks } from "../../harness/pulumiMocks";
import { TYPE } from "../../harness/resourceTypes";

const FILE_SYSTEM = TYPE.efsFileSystem;
const MOUNT_TARGET = TYPE.efsMountTarget;
const ACCESS_POINT = TYPE.efsAccessPoint;
const BACKUP_POLICY = TYPE.efsBackupPolicy;
const FS_POLICY = TYPE.efsFileSystemPolicy;
const IAM_POLICY = TYPE.iamPolicy;
const BUCKET = TYPE.bucket;
const VERSIONING = TYPE.bucketVersioning;
const ENCRYPTION = TYPE.bucketEncryption;
const PUBLIC_ACCESS_BLOCK = TYPE.bucketPublicAccessBlock;
const OWNERSHIP = TYPE.bucketOwnershipControls;
const LIFECYCLE = TYPE.bucketLifecycle;
const BUCKET_POLICY = TYPE.bucketPolicy;

const PROD: OdooClusterContext = { name: "erp", environment: "prod", concurrentUsers: 400 };
const DEV: OdooClusterContext = { name: "erp", environment: "dev", concurrentUsers: 100 };
const EFS_NETWORK = { subnetIds: ["subnet-p1", "subnet-p2", "subnet-p3"], securityGroupIds: ["sg-efs"] };
const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const MODES = [
    { preview: true, label: "preview" },
    { preview: false, label: "update" },
];

function filestore(cluster: OdooClusterContext, extra: Partial<OdooFilestoreArgs> = {}): () => OdooFilestore {
    return () => new OdooFilestore("files", { cluster, ...extra });
}

const efs = (cluster: OdooClusterContext, extra: Partial<OdooFilestoreArgs> = {}) => filestore(cluster, { ...EFS_NETWORK, ...extra });
const s3 = (cluster: OdooClusterContext, extra: Partial<OdooFilestoreArgs> = {}) => filestore(cluster, { kind: "s3", ...extra });

function policyOf(resource: RecordedResource): PolicyDocument {
    return JSON.parse(String(resource.inputs.policy)) as PolicyDocument;
}

function awsResources(run: MockRun<unknown>): RecordedResource[] {
    return run.resources.filter((r) => r.custom);
}

describe("OdooFilestore on EFS", () => {
    it("turns EFS automatic backups off when told a backup plan covers the file system, so it is not backed up twice", async () => {
        const run = await runWithMocks(efs(PROD, { automaticBackups: false }), { preview: true });
        assert.deepEqual(run.one(BACKUP_POLICY).inputs.backupPolicy, { status: "DISABLED" });
    });

    it("gives out the file system ID only once every mount target exists, so no node boots before it can mount", async () => {
        const run = await runWithMocks(
            () => {
                const fs = efs(PROD)();
                // Stands in for the nodes' launch template, which reads the ID.
                new aws.ssm.Parameter("reader", { type: "String", value: fs.fileSystemId! });
                return fs;
            },
            { preview: false },
        );
        const reader = run.one("aws:ssm/parameter:Parameter");
        assert.equal(reader.inputs.value, `${run.one(FILE_SYSTEM).name}-id`);
        for (const mount of run.ofType(MOUNT_TARGET)) {
            assert.ok(reader.options.propertyDependencies.value?.includes(mount.urn), mount.name);
        }
    });

    for (const { preview, label } of MODES) {
        it(`creates an encrypted elastic file system with backups, a mount target per subnet and Odoo's access point (${label})`, async () => {
            const run = await runWithMocks(efs(PROD), { preview });
            const fs = run.one(FILE_SYSTEM).inputs;
            assert.equal(fs.encrypted, true);
            assert.equal(fs.throughputMode, "elastic");
            assert.deepEqual(fs.lifecyclePolicies, [
                { transitionToIa: "AFTER_30_DAYS" },
                { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" },
            ]);
            assert.deepEqual(run.one(BACKUP_POLICY).inputs.backupPolicy, { status: "ENABLED" });
            const mounts = run.ofType(MOUNT_TARGET);
            assert.deepEqual(
                mounts.map((m) => m.inputs.subnetId),
                EFS_NETWORK.subnetIds,
            );
            for (const m of mounts) {
                assert.deepEqual(m.inputs.securityGroups, ["sg-efs"]);
            }
            assert.equal(run.ofType(BUCKET).length, 0);
        });

        it(`pins the official image's odoo uid/gid at /odoo through the access point (${label})`, async () => {
            const run = await runWithMocks(efs(PROD), { preview });
            const ap = run.one(ACCESS_POINT).inputs;
            assert.deepEqual(ap.posixUser, { uid: 100, gid: 101 });
            assert.deepEqual(ap.rootDirectory, { path: "/odoo", creationInfo: { ownerUid: 100, ownerGid: 101, permissions: "0750" } });
        });

        it(`denies non-TLS access to the file system and lets the nodes mount it only through the access point (${label})`, async () => {
            const run = await runWithMocks(efs(PROD), { preview });
            const fsPolicy = run.one(FS_POLICY);
            const access = run.one(IAM_POLICY);
            if (preview) {
                assert.equal(fsPolicy.inputs.policy, UNKNOWN);
                assert.equal(access.inputs.policy, UNKNOWN);
                assert.equal((await resolveOutput(run.result.accessPolicyArn)).value, UNKNOWN);
                return;
            }
            const fsArn = String(run.one(FILE_SYSTEM).state.arn);
            const apArn = String(run.one(ACCESS_POINT).state.arn);
            const [deny] = policyOf(fsPolicy).Statement;
            assert.equal(deny.Effect, "Deny");
            assert.equal(deny.Resource, fsArn);
            assert.deepEqual(deny.Condition, { Bool: { "aws:SecureTransport": "false" } });
            const [allow] = policyOf(access).Statement;
            assert.equal(allow.Resource, fsArn, "this file system only, no wildcard");
            assert.deepEqual(allow.Condition, { StringEquals: { "elasticfilesystem:AccessPointArn": apArn } });
            assert.ok(!JSON.stringify(allow.Action).includes("ClientRootAccess"));
            assert.equal((await resolveOutput(run.result.accessPolicyArn)).value, access.state.arn);
            assert.equal((await resolveOutput(run.result.fileSystemId)).value, "files-efs-id");
            assert.equal((await resolveOutput(run.result.accessPointId)).value, "files-efs-odoo-id");
        });

        it(`keeps the data and its protections when a production stack is destroyed (${label})`, async () => {
            const run = await runWithMocks(efs(PROD), { preview });
            for (const type of [FILE_SYSTEM, BACKUP_POLICY, FS_POLICY]) {
                assert.equal(run.one(type).options.retainOnDelete, true, type);
            }
            for (const m of run.ofType(MOUNT_TARGET)) {
                assert.equal(m.options.retainOnDelete, false, "mount targets hold no data");
            }
        });

        it(`writes the odoo:* tags with role filestore on every taggable resource (${label})`, async () => {
            const run = await runWithMocks(efs({ ...PROD, tags: { CostCenter: "42" } }), { preview });
            const taggable = taggableResources(run.resources);
            assert.deepEqual(taggable.map((r) => r.type).sort(), [ACCESS_POINT, FILE_SYSTEM, IAM_POLICY].sort());
            for (const r of taggable) {
                const tags = parseOdooTags(r.inputs.tags);
                assert.equal(tags.role, "filestore", r.name);
                assert.equal(tags.cluster, "erp");
                assert.equal(tags.environment, "prod");
                assert.equal(tags.concurrentUsers, 400);
                assert.equal((r.inputs.tags as Record<string, string>).CostCenter, "42");
            }
        });
    }

    it("deletes the data with the stack outside production", async () => {
        const run = await runWithMocks(efs(DEV), { preview: true });
        assert.ok(awsResources(run).every((r) => !r.options.retainOnDelete));
    });

    it("deletes the data in production only when retainOnDelete is explicitly false", async () => {
        const run = await runWithMocks(efs(PROD, { retainOnDelete: false }), { preview: true });
        assert.equal(run.one(FILE_SYSTEM).options.retainOnDelete, false);
    });

    it("keeps one owner across Odoo versions (17.0's image runs as 101, 18.0's as 100), or the uid/gid given", async () => {
        assert.notDeepEqual(OFFICIAL_IMAGE_ODOO_USER["17.0"], OFFICIAL_IMAGE_ODOO_USER["18.0"]);
        assert.deepEqual(EFS_ODOO_OWNER, { uid: 100, gid: 101 });
        const plain = await runWithMocks(efs(PROD), { preview: true });
        assert.deepEqual(plain.one(ACCESS_POINT).inputs.posixUser, EFS_ODOO_OWNER);
        const custom = await runWithMocks(efs(PROD, { ownerUid: 1000, ownerGid: 1000 }), { preview: true });
        assert.deepEqual(custom.one(ACCESS_POINT).inputs.posixUser, { uid: 1000, gid: 1000 });
    });

    it("encrypts with a customer-managed key when given one", async () => {
        const run = await runWithMocks(efs(PROD, { kmsKeyId: KEY }), { preview: true });
        assert.equal(run.one(FILE_SYSTEM).inputs.kmsKeyId, KEY);
    });

    it("returns no bucket outputs", async () => {
        const run = await runWithMocks(efs(PROD), { preview: true });
        assert.equal(run.result.bucketName, undefined);
        assert.equal(run.result.bucketArn, undefined);
        assert.equal((await resolveOutput(run.result.kind)).value, "efs");
    });
});

describe("OdooFilestore on S3", () => {
    for (const { preview, label } of MODES) {
        it(`creates a versioned, encrypted bucket with all public access blocked and ACLs off (${label})`, async () => {
            const run = await runWithMocks(s3(PROD), { preview });
            const bucket = run.one(BUCKET);
            assert.equal(bucket.inputs.bucketPrefix, "erp-filestore-");
            assert.equal(bucket.inputs.forceDestroy, false);
            assert.deepEqual(run.one(VERSIONING).inputs.versioningConfiguration, { status: "Enabled" });
            const [rule] = run.one(ENCRYPTION).inputs.rules as Record<string, unknown>[];
            assert.deepEqual(rule.applyServerSideEncryptionByDefault, { sseAlgorithm: "AES256" });
            const pab = run.one(PUBLIC_ACCESS_BLOCK).inputs;
            for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
                assert.equal(pab[flag], true, flag);
            }
            assert.deepEqual(run.one(OWNERSHIP).inputs.rule, { objectOwnership: "BucketOwnerEnforced" });
            for (const type of [VERSIONING, ENCRYPTION, PUBLIC_ACCESS_BLOCK, OWNERSHIP, LIFECYCLE, BUCKET_POLICY]) {
                assert.equal(run.one(type).inputs.bucket, preview ? UNKNOWN : "files-bucket-id", type);
            }
            assert.equal(run.ofType(FILE_SYSTEM).length, 0);
        });

        it(`expires noncurrent versions after ${DEFAULT_NONCURRENT_VERSION_DAYS} days and aborts stale multipart uploads (${label})`, async () => {
            const run = await runWithMocks(s3(PROD), { preview });
            const rules = run.one(LIFECYCLE).inputs.rules as Record<string, Record<string, unknown>>[];
            const noncurrent = rules.find((r) => r.noncurrentVersionExpiration);
            assert.equal(noncurrent?.noncurrentVersionExpiration.noncurrentDays, DEFAULT_NONCURRENT_VERSION_DAYS);
            const multipart = rules.find((r) => r.abortIncompleteMultipartUpload);
            assert.equal(multipart?.abortIncompleteMultipartUpload.daysAfterInitiation, 7);
            for (const r of rules) {
                assert.equal(r.status, "Enabled");
            }
        });

        it(`denies non-TLS requests and scopes the nodes' policy to this bucket (${label})`, async () => {
            const run = await runWithMocks(s3(PROD), { preview });
            if (preview) {
                assert.equal(run.one(BUCKET_POLICY).inputs.policy, UNKNOWN);
                return;
            }
            const arn = String(run.one(BUCKET).state.arn);
            const [deny] = policyOf(run.one(BUCKET_POLICY)).Statement;
            assert.equal(deny.Effect, "Deny");
            assert.deepEqual(deny.Resource, [arn, `${arn}/*`]);
            assert.deepEqual(deny.Condition, { Bool: { "aws:SecureTransport": "false" } });
            const access = policyOf(run.one(IAM_POLICY));
            const resources = access.Statement.flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]));
            assert.deepEqual([...new Set(resources)].sort(), [arn, `${arn}/*`].sort());
            assert.equal((await resolveOutput(run.result.bucketName)).value, run.one(BUCKET).state.bucket);
            assert.equal((await resolveOutput(run.result.bucketArn)).value, arn);
        });

        it(`keeps the bucket and every protection on it when a production stack is destroyed (${label})`, async () => {
            const run = await runWithMocks(s3(PROD), { preview });
            for (const type of [BUCKET, VERSIONING, ENCRYPTION, PUBLIC_ACCESS_BLOCK, OWNERSHIP, LIFECYCLE, BUCKET_POLICY]) {
                assert.equal(run.one(type).options.retainOnDelete, true, type);
            }
        });

        it(`writes the odoo:* tags with role filestore on every taggable resource (${label})`, async () => {
            const run = await runWithMocks(s3(PROD), { preview });
            const taggable = taggableResources(run.resources);
            assert.deepEqual(taggable.map((r) => r.type).sort(), [BUCKET, IAM_POLICY].sort());
            for (const r of taggable) {
                assert.equal(parseOdooTags(r.inputs.tags).role, "filestore", r.name);
            }
        });
    }

    it("uses SSE-KMS with a bucket key and grants the nodes that key when given one", async () => {
        const run = await runWithMocks(s3(PROD, { kmsKeyId: KEY }), { preview: false });
        const [rule] = run.one(ENCRYPTION).inputs.rules as Record<string, unknown>[];
        assert.deepEqual(rule.applyServerSideEncryptionByDefault, { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY });
        assert.equal(rule.bucketKeyEnabled, true);
        const kms = policyOf(run.one(IAM_POLICY)).Statement.find((s) => JSON.stringify(s.Action).includes("kms:"));
        assert.equal(kms?.Resource, KEY);
    });

    it("lets a destroy empty the bucket outside production, never in production", async () => {
        const dev = await runWithMocks(s3(DEV), { preview: true });
        assert.equal(dev.one(BUCKET).inputs.forceDestroy, true);
        assert.equal(dev.one(BUCKET).options.retainOnDelete, false);
        const prodOptOut = await runWithMocks(s3(PROD, { retainOnDelete: false }), { preview: true });
        assert.equal(prodOptOut.one(BUCKET).inputs.forceDestroy, false, "production opt-out still refuses to empty a bucket");
        assert.equal(prodOptOut.one(BUCKET).options.retainOnDelete, false);
    });

    it("keeps noncurrent versions as long as asked", async () => {
        const run = await runWithMocks(s3(PROD, { noncurrentVersionExpirationDays: 365 }), { preview: true });
        const rules = run.one(LIFECYCLE).inputs.rules as Record<string, Record<string, unknown>>[];
        assert.equal(rules.find((r) => r.noncurrentVersionExpiration)?.noncurrentVersionExpiration.noncurrentDays, 365);
    });

    it("keeps bucket names to what S3 accepts", () => {
        assert.equal(filestoreBucketPrefix("erp"), "erp-filestore-");
        assert.equal(filestoreBucketPrefix("erp-"), "erp-filestore-");
        assert.ok(filestoreBucketPrefix("a".repeat(20)).length <= 37, "AWS appends 26 characters to a prefix of at most 37");
    });
});

describe("OdooFilestore on the node's disk", () => {
    for (const { preview, label } of MODES) {
        it(`creates nothing and returns no IDs or access policy (${label})`, async () => {
            const run = await runWithMocks(filestore(DEV, { kind: "local" }), { preview });
            assert.deepEqual(
                run.resources.map((r) => r.type),
                ["odoo-aws:index:OdooFilestore"],
            );
            assert.equal((await resolveOutput(run.result.kind)).value, "local");
            for (const output of [run.result.fileSystemId, run.result.accessPointId, run.result.bucketName, run.result.accessPolicyArn]) {
                assert.equal(output, undefined);
            }
        });
    }
});

describe("OdooFilestore defaults and secrets", () => {
    it("defaults to the capacity plan's filestore, EFS", () => {
        assert.equal(resolveFilestoreArgs({ cluster: PROD, ...EFS_NETWORK }).kind, "efs");
    });

    it("puts no generated secret into any input (update mode)", async () => {
        const run = await runWithMocks(() => [efs(PROD)(), new OdooFilestore("bucket", { cluster: PROD, kind: "s3" })], { preview: false });
        assert.deepEqual(secretLeaks(run), []);
    });
});

describe("OdooFilestore rejects bad arguments before creating anything", () => {
    it("rejects an unknown kind", () =>
        expectArgumentError(filestore(PROD, { kind: "nfs" as never }), "kind", "nfs", /"efs", "s3", "local"/));
    it("rejects efs without subnets", () =>
        expectArgumentError(filestore(PROD, { securityGroupIds: ["sg-efs"] }), "subnetIds", undefined, /1 to 6 private subnet IDs/));
    it("rejects efs without security groups", () =>
        expectArgumentError(filestore(PROD, { subnetIds: ["subnet-p1"] }), "securityGroupIds", undefined, /1 to 5 security group IDs/));
    it("rejects efs with seven subnets: one mount target per zone, six zones at most", () =>
        expectArgumentError(
            efs(PROD, { subnetIds: ["a", "b", "c", "d", "e", "f", "g"] }),
            "subnetIds",
            ["a", "b", "c", "d", "e", "f", "g"],
            /1 to 6/,
        ));
    it("rejects s3 with subnets, which only efs uses", () =>
        expectArgumentError(s3(PROD, { subnetIds: ["subnet-p1"] }), "subnetIds", ["subnet-p1"], /no value with kind s3/));
    it("rejects a noncurrent-version expiry with efs", () =>
        expectArgumentError(
            efs(PROD, { noncurrentVersionExpirationDays: 30 }),
            "noncurrentVersionExpirationDays",
            30,
            /no value with kind efs/,
        ));
    it("rejects a noncurrent-version expiry of 0 days", () =>
        expectArgumentError(s3(PROD, { noncurrentVersionExpirationDays: 0 }), "noncurrentVersionExpirationDays", 0, /1 to 3650/));
    it("rejects a KMS key with local, which encrypts nothing", () =>
        expectArgumentError(filestore(PROD, { kind: "local", kmsKeyId: KEY }), "kmsKeyId", KEY, /no value with kind local/));
    it("rejects a KMS key ID that is not an ARN", () =>
        expectArgumentError(s3(PROD, { kmsKeyId: "1234abcd" }), "kmsKeyId", "1234abcd", /ARN of a kms resource/));
    it("rejects uid 0: the share is never owned by root", () =>
        expectArgumentError(efs(PROD, { ownerUid: 0 }), "ownerUid", 0, /1 to 2147483647/));
    it("rejects a retainOnDelete that is not a boolean", () =>
        expectArgumentError(efs(PROD, { retainOnDelete: "no" as never }), "retainOnDelete", "no", /true or false/));
});
