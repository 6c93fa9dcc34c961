/**
 * The clusters the component tests build, judged by the aws-* rules: every resource the components
 * create, in a first preview (computed values unknown) and in an update (the mocks' values known),
 * must be one AWS accepts.
 */
import { strict as assert } from "node:assert";
import { OdooCluster, OdooClusterArgs } from "../../../components/cluster/cluster";
import { awsPreflightPolicies } from "../../../policies/aws/awsPreflightPolicies";
import { defaultAwsProvider, toPolicyResource } from "../../../stacks/cli/preview";
import { analyzeDeployment } from "../../harness/policyHarness";
import { runWithMocks } from "../../harness/pulumiMocks";

const CUSTOM_IMAGE = "registry.example.com/odoo:18.0-c2c";

const CLUSTERS: Record<string, Partial<OdooClusterArgs> & { concurrentUsers: number }> = {
    "a 20-user single node on plain HTTP": { concurrentUsers: 20, loadBalancer: { allowHttpOnly: true } },
    "a 300-user fleet with Redis sessions": {
        concurrentUsers: 300,
        image: CUSTOM_IMAGE,
        imageAddons: { sessionRedis: true },
        loadBalancer: { allowHttpOnly: true },
    },
    "a 2,000-user production fleet on S3 with HTTPS and a DNS-validated certificate": {
        concurrentUsers: 2000,
        environment: "prod",
        image: CUSTOM_IMAGE,
        imageAddons: { s3Attachments: true, sessionRedis: true },
        filestore: { kind: "s3" },
        operations: { monitoring: { alarmEmail: "ops@example.com" } },
        loadBalancer: { domainName: "erp.example.com", hostedZoneName: "example.com" },
    },
    "a 400-user production cluster on Aurora": {
        concurrentUsers: 400,
        environment: "prod",
        database: { engine: "aurora-postgresql", replicas: 2 },
        operations: { monitoring: { alarmEmail: "ops@example.com" } },
        loadBalancer: { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" },
    },
    "a cluster in an existing VPC": {
        concurrentUsers: 120,
        loadBalancer: { allowHttpOnly: true },
        network: {
            existingVpc: {
                vpcId: "vpc-0123456789abcdef0",
                publicSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
                privateSubnetIds: ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"],
                isolatedSubnetIds: ["subnet-0ccccccccccccccc1", "subnet-0ccccccccccccccc2"],
            },
        },
    },
};

/** The adopted VPC's subnets as EC2 describes them: in that VPC, two zones. */
const SUBNETS = {
    "aws:ec2/getSubnet:getSubnet": (inputs: Record<string, unknown>) => ({
        id: inputs.id,
        vpcId: "vpc-0123456789abcdef0",
        availabilityZone: String(inputs.id).endsWith("1") ? "us-east-1a" : "us-east-1b",
    }),
};

/** The stack's default AWS provider, in the mocks' region. */
const US_EAST_1 = defaultAwsProvider("test", { "aws:region": "us-east-1" });

describe("the aws-* rules over the component tests' clusters", function () {
    this.timeout(120_000);
    for (const [what, args] of Object.entries(CLUSTERS)) {
        for (const preview of [true, false]) {
            it(`find nothing AWS would refuse in ${what} (${preview ? "first preview" : "update"})`, async () => {
                const run = await runWithMocks(() => new OdooCluster("erp", { environment: "staging", ...args }), {
                    preview,
                    calls: SUBNETS,
                });
                const resources = run.resources.filter((r) => r.custom).map((r) => toPolicyResource(r, US_EAST_1));
                assert.ok(resources.length > 10, `${resources.length} resources`);
                const result = await analyzeDeployment({ inputs: resources, outputs: resources }, { policies: awsPreflightPolicies });
                assert.deepEqual(
                    result.diagnostics.map((d) => `${d.policyName} on ${d.urn.split("::").pop()}: ${d.message}`),
                    [],
                );
            });
        }
    }

    for (const preview of [true, false]) {
        it(`find nothing AWS would refuse in a production cluster in Jakarta, where ELB writes access logs as its own account (${preview ? "first preview" : "update"})`, async () => {
            const region = "ap-southeast-3";
            const run = await runWithMocks(
                () =>
                    new OdooCluster("erp", {
                        environment: "prod",
                        concurrentUsers: 120,
                        operations: { monitoring: { alarmEmail: "ops@example.com" } },
                        loadBalancer: {
                            certificateArn: `arn:aws:acm:${region}:123456789012:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d`,
                        },
                    }),
                {
                    preview,
                    calls: {
                        "aws:index/getRegion:getRegion": () => ({ id: region, name: region, region }),
                        "aws:index/getAvailabilityZones:getAvailabilityZones": () => ({
                            id: region,
                            names: ["ap-southeast-3a", "ap-southeast-3b", "ap-southeast-3c"],
                            zoneIds: ["apse3-az1", "apse3-az2", "apse3-az3"],
                        }),
                    },
                },
            );
            const provider = defaultAwsProvider("prod", { "aws:region": region });
            const resources = run.resources.filter((r) => r.custom).map((r) => toPolicyResource(r, provider));
            const logPolicy = resources.find((r) => r.type === "aws:s3/bucketPolicy:BucketPolicy" && r.name.includes("lb-logs"));
            assert.ok(logPolicy, "the access-log bucket has a policy");
            if (!preview) {
                assert.match(String(logPolicy.props.policy), /arn:aws:iam::589379963580:root/, "Jakarta's ELB account is granted");
            }
            const result = await analyzeDeployment({ inputs: resources, outputs: resources }, { policies: awsPreflightPolicies });
            assert.deepEqual(
                result.diagnostics.map((d) => `${d.policyName} on ${d.urn.split("::").pop()}: ${d.message}`),
                [],
            );
        });
    }
});
