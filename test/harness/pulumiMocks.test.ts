import { strict as assert } from "node:assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { UNKNOWN, expectFailureWithMocks, resolveOutput, runWithMocks } from "./pulumiMocks";
import { TYPE } from "./resourceTypes";

describe("the mock harness", () => {
    it("leaves computed outputs unknown in preview, as a first pulumi preview does", async () => {
        const run = await runWithMocks(() => new aws.s3.Bucket("b", { tags: { a: "1" } }), { preview: true });
        assert.equal((await resolveOutput(run.result.arn)).value, UNKNOWN);
        assert.equal((await resolveOutput(run.result.id)).value, UNKNOWN);
        assert.deepEqual(run.one(TYPE.bucket).inputs.tags, { a: "1" });
    });

    it("invents computed outputs in update mode", async () => {
        const run = await runWithMocks(() => new aws.s3.Bucket("b", {}), { preview: false });
        assert.match(String((await resolveOutput(run.result.arn)).value), /^arn:aws:s3:::b-/);
    });

    it("gives every resource an ID in update mode, so references between resources resolve", async () => {
        const run = await runWithMocks(
            () => {
                const vpc = new aws.ec2.Vpc("v", { cidrBlock: "10.0.0.0/16" });
                new aws.ec2.Subnet("s", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24" });
                return vpc;
            },
            { preview: false },
        );
        assert.equal((await resolveOutput(run.result.id)).value, "v-id");
        assert.equal(run.one(TYPE.subnet).inputs.vpcId, "v-id");
    });

    it("fails the run when a resource's input fails to compute, as pulumi up does, instead of leaving the resource out", async () => {
        await assert.rejects(
            runWithMocks(
                () => {
                    const bucket = new aws.s3.Bucket("b", {});
                    new aws.s3.BucketVersioning("v", {
                        bucket: bucket.arn.apply((arn): string => {
                            throw new Error(`cannot use ${arn}`);
                        }),
                        versioningConfiguration: { status: "Enabled" },
                    });
                },
                { preview: false },
            ),
            /cannot use arn:aws:s3:::b-/,
        );
    });

    it("gives load balancers and target groups ARNs in ELB's shape, auto-named from a name prefix", async () => {
        const run = await runWithMocks(() => new aws.lb.TargetGroup("tg", { namePrefix: "odoo-", port: 8080, protocol: "HTTP" }), {
            preview: false,
        });
        const arn = String((await resolveOutput(run.result.arn)).value);
        assert.match(arn, /^arn:aws:elasticloadbalancing:[a-z0-9-]+:\d{12}:targetgroup\/odoo-[A-Za-z0-9-]{1,27}\/[0-9a-f]{16}$/);
        const name = String((await resolveOutput(run.result.name)).value);
        assert.ok(name.startsWith("odoo-") && name.length <= 32, name);
    });

    it("records unknown inputs and resource options", async () => {
        const run = await runWithMocks(
            () => {
                const bucket = new aws.s3.Bucket("b", {}, { retainOnDelete: true, protect: true });
                new aws.s3.BucketVersioning(
                    "v",
                    { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
                    { deleteBeforeReplace: true },
                );
            },
            { preview: true },
        );
        const versioning = run.one(TYPE.bucketVersioning);
        assert.equal(versioning.inputs.bucket, UNKNOWN);
        assert.equal(versioning.options.deleteBeforeReplace, true);
        const bucket = run.one(TYPE.bucket);
        assert.equal(bucket.options.retainOnDelete, true);
        assert.equal(bucket.options.protect, true);
    });

    it("records the engine's URNs, with the parent chain, and which resource each input came from", async () => {
        class Parent extends pulumi.ComponentResource {
            constructor(name: string) {
                super("test:index:Parent", name);
                const bucket = new aws.s3.Bucket(`${name}-b`, {}, { parent: this });
                new aws.s3.BucketVersioning(
                    `${name}-v`,
                    { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
                    { parent: this },
                );
            }
        }
        const run = await runWithMocks(() => new Parent("p"), { preview: true });
        const bucket = run.one(TYPE.bucket);
        assert.match(bucket.urn, /::test:index:Parent\$aws:s3\/bucket:Bucket::p-b$/);
        assert.deepEqual(run.one(TYPE.bucketVersioning).options.propertyDependencies.bucket, [bucket.urn]);
    });

    it("records which inputs were secret", async () => {
        const run = await runWithMocks(
            () => new aws.secretsmanager.SecretVersion("s", { secretId: "x", secretString: pulumi.secret("hush") }),
            { preview: false },
        );
        assert.deepEqual(run.one(TYPE.secretVersion).secretInputs, ["secretString"]);
    });

    it("reports a program that fails before registering anything", async () => {
        const { error } = await expectFailureWithMocks(() => {
            throw new Error("bad argument");
        });
        assert.equal(error.message, "bad argument");
    });

    it("refuses to count as 'before any resource' a failure after a registration", async () => {
        await assert.rejects(
            expectFailureWithMocks(() => {
                new aws.s3.Bucket("early", {});
                throw new Error("late");
            }),
            /only after 1 resource/,
        );
    });
});
