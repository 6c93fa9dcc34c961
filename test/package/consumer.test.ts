import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { MockRun, RecordedResource, UNKNOWN, resolveOutput, runWithMocks } from "../harness/pulumiMocks";
import { consumerProject, tsc } from "./packedPackage";
import { TYPE } from "../harness/resourceTypes";

/**
 * Another team's Pulumi program (test/fixtures/consumer): its own VPC, and an OdooCluster from the
 * npm package inside it; a scratch copy with the package installed, made in the first `before`.
 */
let CONSUMER: string;
let PROGRAM: string;
let INSTALLED: string;
const PROJECT = "erp-infra";
const CERTIFICATE_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666";
const ZONES = ["us-east-1a", "us-east-1b"];

const T = {
    vpc: TYPE.vpc,
    subnet: TYPE.subnet,
    sg: TYPE.securityGroup,
    alb: TYPE.loadBalancer,
    asg: TYPE.autoscalingGroup,
    dbSubnets: TYPE.dbSubnetGroup,
    mountTarget: TYPE.efsMountTarget,
} as const;

/** The consumer's stack outputs: the program module's exports. */
interface ConsumerOutputs {
    url: unknown;
    vpcId: unknown;
    databaseEndpoint: unknown;
    monthlyCostUsd: unknown;
}

/**
 * What `aws.ec2.getSubnet` answers for the consumer's subnets once their IDs are known: the mock
 * names them `<resource name>-id` (corp-private-2-id), in the VPC corp-id.
 */
function describeSubnet(inputs: Record<string, unknown>): Record<string, unknown> {
    const id = String(inputs.id);
    const match = /^corp-(public|private|data)-(\d)-id$/.exec(id);
    if (!match) {
        throw new Error(`getSubnet asked for ${id}, which is not one of the consumer's subnets`);
    }
    return { id, vpcId: "corp-id", availabilityZone: ZONES[Number(match[2]) - 1], mapPublicIpOnLaunch: false };
}

/** Runs the compiled program the way the Pulumi Node.js host does: `require` of its main module. */
function runConsumer(preview: boolean): Promise<MockRun<ConsumerOutputs>> {
    return runWithMocks(
        () => {
            delete require.cache[require.resolve(PROGRAM)];
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            return require(PROGRAM) as ConsumerOutputs;
        },
        {
            preview,
            project: PROJECT,
            stack: "prod",
            config: { [`${PROJECT}:certificateArn`]: CERTIFICATE_ARN },
            calls: { "aws:ec2/getSubnet:getSubnet": describeSubnet },
        },
    );
}

const consumerSubnets = (run: MockRun<unknown>, tier: string) => run.ofType(T.subnet).filter((s) => s.name.startsWith(`corp-${tier}-`));
const urns = (resources: RecordedResource[]) => resources.map((r) => r.urn).sort();
const ids = (resources: RecordedResource[]) => resources.map((r) => `${r.name}-id`).sort();

describe("a Pulumi program of another project consumes the npm package", function () {
    // npm pack (with its build), two compilations of the fixture against @pulumi/aws, two mock runs.
    this.timeout(600_000);

    before(() => {
        CONSUMER = consumerProject("consumer");
        PROGRAM = path.join(CONSUMER, "out", "index.js");
        INSTALLED = path.join(CONSUMER, "node_modules", "odoo-aws");
    });

    it("compiles strictly against the package's declarations, as Pulumi's TypeScript template configures tsc", () => {
        const config = JSON.parse(fs.readFileSync(path.join(CONSUMER, "tsconfig.json"), "utf8")) as {
            compilerOptions: Record<string, unknown>;
        };
        assert.equal(config.compilerOptions.strict, true);
        assert.equal(config.compilerOptions.skipLibCheck, undefined, "the package's declarations are type-checked too");
        tsc(["-p", "tsconfig.json"], CONSUMER);
        assert.ok(fs.existsSync(PROGRAM));
    });

    it("compiles under Node's own module resolution too, through the exports map's types condition", () => {
        tsc(["-p", "tsconfig.json", "--noEmit", "--module", "nodenext", "--moduleResolution", "nodenext", "--skipLibCheck"], CONSUMER);
    });

    it("resolves odoo-aws to the installed package's built JavaScript, not to the repository's sources", () => {
        // Resolved as the program resolves it: from its own package scope (erp-infra), through node_modules.
        const resolved = createRequire(PROGRAM).resolve("odoo-aws");
        assert.equal(resolved, path.join(INSTALLED, "dist", "components", "index.js"));
    });

    for (const preview of [true, false]) {
        const mode = preview ? "preview" : "update";
        describe(`${mode}`, () => {
            let run: MockRun<ConsumerOutputs>;

            before(async () => {
                assert.ok(fs.existsSync(PROGRAM), "the fixture was compiled");
                run = await runConsumer(preview);
            });

            it("creates no VPC, subnet, gateway or route of its own: the only network is the consumer's", () => {
                assert.deepEqual(
                    run.ofType(T.vpc).map((v) => v.name),
                    ["corp"],
                );
                assert.equal(run.ofType(T.subnet).length, 6);
                for (const r of [...run.ofType(T.vpc), ...run.ofType(T.subnet)]) {
                    assert.equal(r.options.parent.includes("OdooCluster"), false, `${r.name} is the consumer's, not the cluster's`);
                }
                // Everything OdooNetwork creates for a VPC of its own, down to the default security group it locks.
                const networkTypes: string[] = [
                    TYPE.internetGateway,
                    TYPE.natGateway,
                    TYPE.eip,
                    TYPE.routeTable,
                    TYPE.route,
                    TYPE.routeTableAssociation,
                    TYPE.vpcEndpoint,
                    TYPE.flowLog,
                    TYPE.defaultSecurityGroup,
                ];
                const created = run.resources.filter((r) => networkTypes.includes(r.type));
                assert.deepEqual(
                    created.map((r) => `${r.type} ${r.name}`),
                    [],
                );
            });

            it("runs the installed package's modules, not the repository's", () => {
                const loaded = Object.keys(require.cache);
                assert.ok(loaded.includes(path.join(INSTALLED, "dist", "components", "cluster", "cluster.js")));
                assert.ok(loaded.includes(path.join(INSTALLED, "dist", "components", "network", "network.js")));
            });

            it("builds the cluster under the consumer's stack, tagged with the cluster contract", () => {
                const cluster = run.one("odoo-aws:index:OdooCluster");
                assert.equal(cluster.name, "erp");
                assert.match(cluster.urn, new RegExp(`^urn:pulumi:prod::${PROJECT}::odoo-aws:index:OdooCluster::erp$`));
                const groups = run.ofType(T.asg);
                assert.equal(groups.length, 2, "an HTTP fleet and the cron node");
                for (const g of groups) {
                    const tags = Object.fromEntries((g.inputs.tags as { key: string; value: string }[]).map((t) => [t.key, t.value]));
                    assert.equal(tags["odoo:cluster"], "erp");
                    assert.equal(tags["odoo:environment"], "prod");
                    assert.equal(tags["odoo:concurrent-users"], "300");
                }
            });

            it("puts its security groups, load balancer, nodes and data services in the consumer's VPC and subnets", () => {
                const vpc = run.one(T.vpc, "corp");
                const [publicTier, privateTier, dataTier] = ["public", "private", "data"].map((t) => consumerSubnets(run, t));
                const sgs = run.ofType(T.sg);
                assert.ok(sgs.length >= 4);
                const alb = run.one(T.alb);
                const dbSubnets = run.one(T.dbSubnets);
                const mountTargets = run.ofType(T.mountTarget);
                assert.equal(mountTargets.length, 2, "one EFS mount target per data subnet");
                if (preview) {
                    // The consumer's IDs are unknown in a first preview: the wiring shows in the
                    // dependencies the engine records for each property.
                    const consumers = new Set(urns([vpc, ...run.ofType(T.subnet)]));
                    for (const sg of sgs) {
                        const deps = sg.options.propertyDependencies.vpcId;
                        assert.ok(deps.includes(vpc.urn), sg.name);
                        assert.deepEqual(
                            deps.filter((u) => !consumers.has(u)),
                            [],
                            `${sg.name}: its VPC comes from the consumer's resources only`,
                        );
                    }
                    assert.deepEqual(alb.options.propertyDependencies.subnets.sort(), urns(publicTier));
                    for (const g of run.ofType(T.asg)) {
                        assert.deepEqual(g.options.propertyDependencies.vpcZoneIdentifiers.sort(), urns(privateTier), g.name);
                    }
                    assert.deepEqual(dbSubnets.options.propertyDependencies.subnetIds.sort(), urns(dataTier));
                    for (const m of mountTargets) {
                        // Each target takes one entry of the data subnet list, so it depends on the list.
                        assert.deepEqual([...m.options.propertyDependencies.subnetId].sort(), urns(dataTier), m.name);
                    }
                } else {
                    for (const sg of sgs) {
                        assert.equal(sg.inputs.vpcId, "corp-id", sg.name);
                    }
                    assert.deepEqual([...(alb.inputs.subnets as string[])].sort(), ids(publicTier));
                    for (const g of run.ofType(T.asg)) {
                        assert.deepEqual([...(g.inputs.vpcZoneIdentifiers as string[])].sort(), ids(privateTier), g.name);
                    }
                    assert.deepEqual([...(dbSubnets.inputs.subnetIds as string[])].sort(), ids(dataTier));
                    assert.deepEqual(mountTargets.map((m) => m.inputs.subnetId).sort(), ids(dataTier));
                }
            });

            it("exports stack outputs that resolve", async () => {
                const outputs = run.result;
                const cost = (await resolveOutput(outputs.monthlyCostUsd as number)).value;
                assert.equal(typeof cost, "number", "the cost estimate comes from the plan, known at preview");
                assert.ok((cost as number) > 0);
                const [url, vpcId, endpoint] = await Promise.all(
                    [outputs.url, outputs.vpcId, outputs.databaseEndpoint].map((o) => resolveOutput(o as string)),
                );
                if (preview) {
                    assert.equal(vpcId.value, UNKNOWN, "the consumer's own VPC ID is unknown until it exists");
                    assert.equal(url.value, UNKNOWN);
                } else {
                    assert.equal(vpcId.value, "corp-id", "the cluster reports the consumer's VPC");
                    assert.match(String(url.value), /^https:\/\/[a-z0-9-]+\.us-east-1\.elb\.amazonaws\.com$/);
                    assert.match(String(endpoint.value), /\.rds\.amazonaws\.com$/);
                }
            });
        });
    }
});
