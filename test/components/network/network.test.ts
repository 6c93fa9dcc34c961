import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { OdooNetwork, OdooNetworkArgs, flowLogTrustPolicy, flowLogWritePolicy } from "../../../components/network/network";
import { isTaggableType } from "../../harness/componentChecks";
import {
    MockRun,
    RecordedResource,
    UNKNOWN,
    expectFailureWithMocks,
    failedRunWithMocks,
    resolveOutput,
    runWithMocks,
} from "../../harness/pulumiMocks";
import { assertArgumentError } from "../../harness/argumentErrors";
import { TYPE } from "../../harness/resourceTypes";

const prodCluster = { name: "erp", environment: "prod", concurrentUsers: 300 };
const devCluster = { name: "erp", environment: "dev", concurrentUsers: 100 };

const T = {
    vpc: TYPE.vpc,
    subnet: TYPE.subnet,
    igw: TYPE.internetGateway,
    eip: TYPE.eip,
    nat: TYPE.natGateway,
    routeTable: TYPE.routeTable,
    route: TYPE.route,
    association: TYPE.routeTableAssociation,
    endpoint: TYPE.vpcEndpoint,
    defaultSg: TYPE.defaultSecurityGroup,
    sg: TYPE.securityGroup,
    ingress: TYPE.securityGroupIngressRule,
    egress: TYPE.securityGroupEgressRule,
    flowLog: TYPE.flowLog,
    logGroup: TYPE.logGroup,
    role: TYPE.role,
    rolePolicy: TYPE.rolePolicy,
    component: "odoo-aws:index:OdooNetwork",
};

function network(args: OdooNetworkArgs, name = "erp-net") {
    return () => new OdooNetwork(name, args);
}

function countByType(run: MockRun<unknown>): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of run.resources) {
        counts[r.type] = (counts[r.type] ?? 0) + 1;
    }
    return counts;
}

/** The security group a rule or resource input points at, by the group's resource name (update mode: IDs are `<name>-id`). */
function groupName(id: unknown): string {
    assert.equal(typeof id, "string", `a resolved ID, got ${String(id)}`);
    return (id as string).replace(/-id$/, "");
}

function assertTagged(resources: RecordedResource[], role: string): void {
    const taggable = resources.filter((r) => r.type.startsWith("aws:") && isTaggableType(r.type));
    assert.ok(taggable.length > 0);
    for (const r of taggable) {
        const tags = r.inputs.tags as Record<string, string> | undefined;
        assert.ok(tags, `${r.type} ${r.name} has tags`);
        assert.equal(tags["odoo:cluster"], "erp", r.name);
        assert.equal(tags["odoo:role"], role, r.name);
        assert.match(tags["odoo:concurrent-users"], /^\d+$/, r.name);
        assert.ok(tags["odoo:environment"], r.name);
        assert.equal(tags.Name, r.name, `${r.name} has a Name tag`);
    }
}

for (const preview of [true, false]) {
    const mode = preview ? "preview" : "update";

    describe(`OdooNetwork creating a VPC (${mode})`, () => {
        let prod: MockRun<OdooNetwork>;
        let dev: MockRun<OdooNetwork>;

        before(async () => {
            prod = await runWithMocks(network({ cluster: prodCluster }), { preview });
            dev = await runWithMocks(network({ cluster: devCluster }), { preview });
        });

        it("builds three zones with a NAT gateway each, flow logs and five security groups in production", () => {
            assert.deepEqual(countByType(prod), {
                [T.component]: 1,
                [T.vpc]: 1,
                [T.defaultSg]: 1,
                [T.subnet]: 9,
                [T.igw]: 1,
                [T.eip]: 3,
                [T.nat]: 3,
                [T.routeTable]: 5,
                [T.route]: 4,
                [T.association]: 9,
                [T.endpoint]: 1,
                [T.sg]: 5,
                [T.ingress]: 8,
                [T.egress]: 9,
                [T.flowLog]: 1,
                [T.logGroup]: 1,
                [T.role]: 1,
                [T.rolePolicy]: 1,
            });
        });

        it("builds two zones sharing one NAT gateway, without flow logs, elsewhere", () => {
            assert.deepEqual(countByType(dev), {
                [T.component]: 1,
                [T.vpc]: 1,
                [T.defaultSg]: 1,
                [T.subnet]: 6,
                [T.igw]: 1,
                [T.eip]: 1,
                [T.nat]: 1,
                [T.routeTable]: 4,
                [T.route]: 3,
                [T.association]: 6,
                [T.endpoint]: 1,
                [T.sg]: 5,
                [T.ingress]: 8,
                [T.egress]: 9,
            });
        });

        it("creates the VPC with DNS support and hostnames, which EFS mount names need", () => {
            const vpc = prod.one(T.vpc).inputs;
            assert.equal(vpc.cidrBlock, "10.0.0.0/16");
            assert.equal(vpc.enableDnsSupport, true);
            assert.equal(vpc.enableDnsHostnames, true);
        });

        it("strips every rule from the VPC's default security group", () => {
            const sg = prod.one(T.defaultSg).inputs;
            assert.equal(sg.ingress, undefined);
            assert.equal(sg.egress, undefined);
        });

        it("places each tier's subnets in the region's zones, with the planned CIDRs known at preview and no public IPs", () => {
            const subnets = prod.ofType(T.subnet);
            const byName = Object.fromEntries(subnets.map((s) => [s.name, s.inputs]));
            assert.deepEqual(
                ["public", "private", "isolated"].map((tier) =>
                    [1, 2, 3].map((i) => [byName[`erp-net-${tier}-${i}`].cidrBlock, byName[`erp-net-${tier}-${i}`].availabilityZone]),
                ),
                [
                    [
                        ["10.0.192.0/22", "us-east-1a"],
                        ["10.0.196.0/22", "us-east-1b"],
                        ["10.0.200.0/22", "us-east-1c"],
                    ],
                    [
                        ["10.0.0.0/19", "us-east-1a"],
                        ["10.0.32.0/19", "us-east-1b"],
                        ["10.0.64.0/19", "us-east-1c"],
                    ],
                    [
                        ["10.0.224.0/22", "us-east-1a"],
                        ["10.0.228.0/22", "us-east-1b"],
                        ["10.0.232.0/22", "us-east-1c"],
                    ],
                ],
            );
            assert.ok(subnets.every((s) => s.inputs.mapPublicIpOnLaunch === false));
        });

        it("puts the S3 gateway endpoint on every private and isolated route table", () => {
            const endpoint = prod.one(T.endpoint).inputs;
            assert.equal(endpoint.vpcEndpointType, "Gateway");
            assert.equal(endpoint.serviceName, "com.amazonaws.us-east-1.s3");
            const tables = endpoint.routeTableIds as unknown[];
            assert.equal(tables.length, 4);
            if (!preview) {
                assert.deepEqual(tables, [
                    "erp-net-private-1-rt-id",
                    "erp-net-private-2-rt-id",
                    "erp-net-private-3-rt-id",
                    "erp-net-isolated-rt-id",
                ]);
            }
        });

        it("creates each NAT gateway after the internet gateway, with its own Elastic IP in the VPC domain", () => {
            const igw = prod.one(T.igw);
            for (const nat of prod.ofType(T.nat)) {
                // The engine's URNs carry the parent's type chain; the harness's short URN is the suffix.
                assert.ok(
                    nat.options.dependsOn.some((urn) => urn.endsWith(`${igw.type}::${igw.name}`)),
                    `${nat.name} depends on the internet gateway`,
                );
                assert.equal(nat.inputs.connectivityType, "public");
            }
            assert.ok(prod.ofType(T.eip).every((e) => e.inputs.domain === "vpc"));
        });

        it("tags every taggable resource with the contract, role network, and a Name", () => {
            assertTagged(prod.resources, "network");
            assertTagged(dev.resources, "network");
        });

        it("parents every resource to the component", () => {
            const urn = prod.one(T.component).urn;
            for (const r of prod.resources.filter((x) => x.type !== T.component)) {
                assert.equal(r.options.parent, urn, r.name);
            }
        });

        it("exposes the zones at preview and the IDs once created", async () => {
            assert.deepEqual((await resolveOutput(prod.result.availabilityZones)).value, ["us-east-1a", "us-east-1b", "us-east-1c"]);
            const vpcId = (await resolveOutput(prod.result.vpcId)).value;
            const privateSubnets = (await resolveOutput(prod.result.privateSubnetIds)).value;
            const databaseSg = (await resolveOutput(prod.result.databaseSecurityGroupId)).value;
            if (preview) {
                assert.equal(vpcId, UNKNOWN);
                assert.equal(databaseSg, UNKNOWN);
            } else {
                assert.equal(vpcId, "erp-net-vpc-id");
                assert.deepEqual(privateSubnets, ["erp-net-private-1-id", "erp-net-private-2-id", "erp-net-private-3-id"]);
                assert.equal(databaseSg, "erp-net-db-sg-id");
                assert.equal((await resolveOutput(prod.result.loadBalancerSecurityGroupId)).value, "erp-net-lb-sg-id");
                const ips = (await resolveOutput(prod.result.natPublicIps)).value as string[];
                assert.equal(ips.length, 3);
                assert.ok(ips.every((ip) => /^198\.51\.100\.\d+$/.test(ip)));
            }
        });

        if (preview) {
            it("knows every rule's ports and CIDRs at preview, so a policy can judge them", () => {
                for (const rule of [...prod.ofType(T.ingress), ...prod.ofType(T.egress)]) {
                    assert.equal(typeof rule.inputs.fromPort, "number", rule.name);
                    assert.equal(rule.inputs.fromPort, rule.inputs.toPort, rule.name);
                    assert.equal(rule.inputs.ipProtocol, "tcp", rule.name);
                    for (const key of ["cidrIpv4", "cidrIpv6"]) {
                        assert.notEqual(rule.inputs[key], UNKNOWN, `${rule.name}.${key}`);
                    }
                }
            });
        } else {
            it("routes the public tier to the internet gateway, each private subnet to its zone's NAT gateway, and the isolated tier nowhere", () => {
                const routes = Object.fromEntries(prod.ofType(T.route).map((r) => [groupName(r.inputs.routeTableId), r.inputs]));
                assert.deepEqual(Object.keys(routes).sort(), [
                    "erp-net-private-1-rt",
                    "erp-net-private-2-rt",
                    "erp-net-private-3-rt",
                    "erp-net-public-rt",
                ]);
                assert.equal(routes["erp-net-public-rt"].gatewayId, "erp-net-igw-id");
                [1, 2, 3].forEach((i) => assert.equal(routes[`erp-net-private-${i}-rt`].natGatewayId, `erp-net-nat-${i}-id`));
                assert.ok(Object.values(routes).every((r) => r.destinationCidrBlock === "0.0.0.0/0"));
                const nats = prod.ofType(T.nat).map((n) => [n.name, n.inputs.subnetId, n.inputs.allocationId]);
                assert.deepEqual(
                    nats,
                    [1, 2, 3].map((i) => [`erp-net-nat-${i}`, `erp-net-public-${i}-id`, `erp-net-nat-${i}-eip-id`]),
                );
                const associations = prod
                    .ofType(T.association)
                    .map((a) => `${groupName(a.inputs.subnetId)}>${groupName(a.inputs.routeTableId)}`)
                    .sort();
                assert.deepEqual(associations, [
                    "erp-net-isolated-1>erp-net-isolated-rt",
                    "erp-net-isolated-2>erp-net-isolated-rt",
                    "erp-net-isolated-3>erp-net-isolated-rt",
                    "erp-net-private-1>erp-net-private-1-rt",
                    "erp-net-private-2>erp-net-private-2-rt",
                    "erp-net-private-3>erp-net-private-3-rt",
                    "erp-net-public-1>erp-net-public-rt",
                    "erp-net-public-2>erp-net-public-rt",
                    "erp-net-public-3>erp-net-public-rt",
                ]);
            });

            it("sends every private zone through the one NAT gateway in single mode", () => {
                const natRoutes = dev.ofType(T.route).filter((r) => r.inputs.natGatewayId !== undefined);
                assert.deepEqual(
                    natRoutes.map((r) => r.inputs.natGatewayId),
                    ["erp-net-nat-1-id", "erp-net-nat-1-id"],
                );
                assert.equal(dev.one(T.nat).inputs.subnetId, "erp-net-public-1-id");
            });

            it("lets nothing from 0.0.0.0/0 or ::/0 reach anything but the load balancer's 80 and 443", () => {
                const ingress = prod.ofType(T.ingress);
                assert.equal(ingress.length, 8);
                for (const rule of ingress) {
                    const open = rule.inputs.cidrIpv4 === "0.0.0.0/0" || rule.inputs.cidrIpv6 === "::/0";
                    const fromCidr = rule.inputs.cidrIpv4 !== undefined || rule.inputs.cidrIpv6 !== undefined;
                    if (open || fromCidr) {
                        assert.equal(
                            groupName(rule.inputs.securityGroupId),
                            "erp-net-lb-sg",
                            `${rule.name} opens a CIDR on the load balancer only`,
                        );
                        assert.ok(
                            [80, 443].includes(rule.inputs.fromPort as number) && rule.inputs.toPort === rule.inputs.fromPort,
                            `${rule.name} opens 80 or 443 only`,
                        );
                    } else {
                        assert.ok(rule.inputs.referencedSecurityGroupId, `${rule.name} admits a security group`);
                    }
                }
                assert.equal(ingress.filter((r) => r.inputs.cidrIpv4 === "0.0.0.0/0" || r.inputs.cidrIpv6 === "::/0").length, 4);
            });

            it("admits PostgreSQL, the cache and NFS from the nodes' group only, and the node proxy from the load balancer only", () => {
                const bySg = prod
                    .ofType(T.ingress)
                    .filter((r) => r.inputs.referencedSecurityGroupId)
                    .map(
                        (r) =>
                            `${groupName(r.inputs.securityGroupId)}:${String(r.inputs.fromPort)}<${groupName(r.inputs.referencedSecurityGroupId)}`,
                    )
                    .sort();
                assert.deepEqual(bySg, [
                    "erp-net-cache-sg:6379<erp-net-nodes-sg",
                    "erp-net-db-sg:5432<erp-net-nodes-sg",
                    "erp-net-efs-sg:2049<erp-net-nodes-sg",
                    "erp-net-nodes-sg:8080<erp-net-lb-sg",
                ]);
            });

            it("lets the load balancer out to the nodes' proxy port only, and the data services not at all", () => {
                const egress = prod.ofType(T.egress).map((r) => ({
                    sg: groupName(r.inputs.securityGroupId),
                    port: r.inputs.fromPort,
                    to: r.inputs.referencedSecurityGroupId ?? r.inputs.cidrIpv4,
                }));
                assert.deepEqual(
                    egress.filter((e) => e.sg === "erp-net-lb-sg"),
                    [{ sg: "erp-net-lb-sg", port: 8080, to: "erp-net-nodes-sg-id" }],
                );
                assert.deepEqual(
                    egress.filter((e) => ["erp-net-db-sg", "erp-net-cache-sg", "erp-net-efs-sg"].includes(e.sg)),
                    [],
                );
            });

            it("lets only VPC Flow Logs of this account assume the flow-log role, to write its own log group", () => {
                const trust = JSON.parse(prod.one(T.role).inputs.assumeRolePolicy as string);
                assert.deepEqual(
                    trust.Statement.map((s: { Principal: unknown }) => s.Principal),
                    [{ Service: "vpc-flow-logs.amazonaws.com" }],
                );
                assert.equal(trust.Statement[0].Condition.StringEquals["aws:SourceAccount"], "123456789012");
                const write = JSON.parse(prod.one(T.rolePolicy).inputs.policy as string);
                const logGroupArn = "arn:aws:cloudwatch:us-east-1:123456789012:loggroup/erp-net-flow-logs";
                assert.deepEqual(write.Statement[0].Resource, [logGroupArn, `${logGroupArn}:*`]);
                assert.equal(prod.one(T.logGroup).inputs.retentionInDays, 90);
                const flowLog = prod.one(T.flowLog).inputs;
                assert.equal(flowLog.trafficType, "ALL");
                assert.equal(flowLog.vpcId, "erp-net-vpc-id");
                assert.equal(flowLog.logDestination, logGroupArn);
            });
        }
    });

    describe(`OdooNetwork adopting an existing VPC (${mode})`, () => {
        const subnets: Record<string, { vpcId: string; availabilityZone: string }> = {
            "subnet-000000000000000a1": { vpcId: "vpc-0aaaaaaaaaaaaaaa1", availabilityZone: "eu-west-3a" },
            "subnet-000000000000000a2": { vpcId: "vpc-0aaaaaaaaaaaaaaa1", availabilityZone: "eu-west-3b" },
            "subnet-000000000000000b1": { vpcId: "vpc-0aaaaaaaaaaaaaaa1", availabilityZone: "eu-west-3a" },
            "subnet-000000000000000b2": { vpcId: "vpc-0aaaaaaaaaaaaaaa1", availabilityZone: "eu-west-3b" },
            "subnet-000000000000000c1": { vpcId: "vpc-0bbbbbbbbbbbbbbb2", availabilityZone: "eu-west-3a" },
        };
        const calls = { "aws:ec2/getSubnet:getSubnet": (i: Record<string, unknown>) => ({ id: i.id, ...subnets[String(i.id)] }) };
        const existingVpc = {
            vpcId: "vpc-0aaaaaaaaaaaaaaa1",
            publicSubnetIds: ["subnet-000000000000000a1", "subnet-000000000000000a2"],
            privateSubnetIds: ["subnet-000000000000000b1", "subnet-000000000000000b2"],
        };

        it("creates only the security groups and their rules: no VPC, subnets, gateways or routes", async () => {
            const run = await runWithMocks(network({ cluster: prodCluster, existingVpc }), { preview, calls });
            assert.deepEqual(countByType(run), { [T.component]: 1, [T.sg]: 5, [T.ingress]: 8, [T.egress]: 9 });
            assert.deepEqual((await resolveOutput(run.result.publicSubnetIds)).value, existingVpc.publicSubnetIds);
            assert.deepEqual(
                (await resolveOutput(run.result.isolatedSubnetIds)).value,
                existingVpc.privateSubnetIds,
                "isolated defaults to private",
            );
            assert.deepEqual((await resolveOutput(run.result.availabilityZones)).value, ["eu-west-3a", "eu-west-3b"]);
            assert.deepEqual((await resolveOutput(run.result.natPublicIps)).value, []);
            assert.ok(
                run.ofType(T.sg).every((sg) => sg.inputs.vpcId === "vpc-0aaaaaaaaaaaaaaa1"),
                "groups in the adopted VPC, known at preview",
            );
            assertTagged(run.resources, "network");
        });

        it("creates nothing when a listed subnet belongs to another VPC", async () => {
            const failure = await failedRunWithMocks(
                network({
                    cluster: prodCluster,
                    existingVpc: { ...existingVpc, privateSubnetIds: ["subnet-000000000000000c1", "subnet-000000000000000b2"] },
                }),
                { preview, calls },
            );
            assert.match(
                failure.message,
                /existingVpc\.privateSubnetIds\[0\] is "subnet-000000000000000c1"; accepted: a subnet of vpc-0aaaaaaaaaaaaaaa1 \(it belongs to vpc-0bbbbbbbbbbbbbbb2\)/,
            );
            assert.deepEqual(
                failure.resources.filter((r) => r.type === T.sg),
                [],
                "no security group registered",
            );
        });
    });
}

describe("OdooNetwork zone choice", () => {
    it("uses the zone names it is given and never asks the region", async () => {
        const run = await runWithMocks(network({ cluster: prodCluster, availabilityZoneNames: ["us-east-1b", "us-east-1d"] }), {
            preview: true,
            calls: {
                "aws:index/getAvailabilityZones:getAvailabilityZones": () => {
                    throw new Error("must not be called");
                },
            },
        });
        assert.deepEqual(
            run
                .ofType(T.subnet)
                .filter((s) => s.name.includes("private"))
                .map((s) => s.inputs.availabilityZone),
            ["us-east-1b", "us-east-1d"],
        );
        assert.equal(run.ofType(T.nat).length, 2, "per-az in production follows the zone count");
    });

    it("fails on a region with fewer zones than asked, creating no subnet", async () => {
        const failure = await failedRunWithMocks(network({ cluster: prodCluster }), {
            preview: true,
            calls: { "aws:index/getAvailabilityZones:getAvailabilityZones": () => ({ names: ["eu-west-3a", "eu-west-3b"] }) },
        });
        assert.match(
            failure.message,
            /availabilityZones is 3; accepted: at most 2, the availability zones of this region \(eu-west-3a, eu-west-3b\)/,
        );
        assert.deepEqual(
            failure.resources.filter((r) => r.type === T.subnet),
            [],
        );
    });

    it("honours an explicit CIDR, zone count, NAT mode and client ranges", async () => {
        const run = await runWithMocks(
            network({
                cluster: devCluster,
                cidrBlock: "192.168.0.0/20",
                availabilityZones: 3,
                natGateways: "per-az",
                flowLogs: true,
                flowLogRetentionDays: 365,
                loadBalancerIngressCidrs: ["203.0.113.0/24"],
                nodeEgressPorts: [443, 636],
            }),
            { preview: true },
        );
        assert.equal(run.one(T.vpc).inputs.cidrBlock, "192.168.0.0/20");
        assert.equal(run.one(T.subnet, "public-3").inputs.cidrBlock, "192.168.12.128/26");
        assert.equal(run.ofType(T.nat).length, 3);
        assert.equal(run.one(T.logGroup).inputs.retentionInDays, 365);
        assert.deepEqual(
            run
                .ofType(T.ingress)
                .filter((r) => r.inputs.cidrIpv4 || r.inputs.cidrIpv6)
                .map((r) => [r.inputs.fromPort, r.inputs.cidrIpv4]),
            [
                [80, "203.0.113.0/24"],
                [443, "203.0.113.0/24"],
            ],
        );
        assert.deepEqual(
            run
                .ofType(T.egress)
                .filter((r) => r.inputs.cidrIpv4)
                .map((r) => r.inputs.fromPort),
            [443, 636],
        );
    });
});

describe("OdooNetwork production opt-outs", () => {
    it("drops flow logs and shares one NAT gateway in production only when asked, visibly", async () => {
        const run = await runWithMocks(network({ cluster: prodCluster, flowLogs: false, natGateways: "single" }), { preview: true });
        assert.equal(run.ofType(T.flowLog).length, 0);
        assert.equal(run.ofType(T.nat).length, 1);
        assert.equal(run.ofType(T.subnet).length, 9, "still three zones");
    });
});

describe("OdooNetwork adopting a VPC whose subnet lists come from another stack", () => {
    const calls = {
        "aws:ec2/getSubnet:getSubnet": (i: Record<string, unknown>) => ({
            id: i.id,
            vpcId: "vpc-0aaaaaaaaaaaaaaa1",
            availabilityZone: String(i.id).endsWith("1") ? "eu-west-3a" : "eu-west-3b",
        }),
    };

    it("checks the lists once they resolve and builds on them", async () => {
        const run = await runWithMocks(
            network({
                cluster: prodCluster,
                existingVpc: {
                    vpcId: pulumi.output("vpc-0aaaaaaaaaaaaaaa1"),
                    publicSubnetIds: pulumi.output(["subnet-000000000000000a1", "subnet-000000000000000a2"]),
                    privateSubnetIds: pulumi.output(["subnet-000000000000000b1", "subnet-000000000000000b2"]),
                },
            }),
            { preview: false, calls },
        );
        assert.equal(run.ofType(T.sg).length, 5);
        assert.deepEqual((await resolveOutput(run.result.privateSubnetIds)).value, [
            "subnet-000000000000000b1",
            "subnet-000000000000000b2",
        ]);
        assert.deepEqual((await resolveOutput(run.result.availabilityZones)).value, ["eu-west-3a", "eu-west-3b"]);
    });

    it("creates nothing when a resolved list reuses a public subnet as private", async () => {
        const failure = await failedRunWithMocks(
            network({
                cluster: prodCluster,
                existingVpc: {
                    vpcId: "vpc-0aaaaaaaaaaaaaaa1",
                    publicSubnetIds: pulumi.output(["subnet-000000000000000a1", "subnet-000000000000000a2"]),
                    privateSubnetIds: pulumi.output(["subnet-000000000000000a2", "subnet-000000000000000b1"]),
                },
            }),
            { preview: false, calls },
        );
        assert.match(
            failure.message,
            /existingVpc\.privateSubnetIds\[0\] is "subnet-000000000000000a2"; accepted: a subnet that is not also in publicSubnetIds/,
        );
        assert.deepEqual(
            failure.resources.filter((r) => r.type === T.sg),
            [],
        );
    });
});

describe("OdooNetwork argument errors (nothing is created)", () => {
    const cases: { title: string; args: OdooNetworkArgs; property: string; value: RegExp; accepted: RegExp }[] = [
        {
            title: "one availability zone",
            args: { cluster: prodCluster, availabilityZones: 1 },
            property: "availabilityZones",
            value: /is 1;/,
            accepted: /from 2 to 6/,
        },
        {
            title: "seven availability zones",
            args: { cluster: prodCluster, availabilityZones: 7 },
            property: "availabilityZones",
            value: /is 7;/,
            accepted: /from 2 to 6/,
        },
        {
            title: "a malformed CIDR",
            args: { cluster: prodCluster, cidrBlock: "10.0.0.0" },
            property: "cidrBlock",
            value: /"10\.0\.0\.0"/,
            accepted: /a private IPv4 network/,
        },
        {
            title: "a CIDR too small for the subnets",
            args: { cluster: prodCluster, cidrBlock: "10.0.0.0/24" },
            property: "cidrBlock",
            value: /"10\.0\.0\.0\/24"/,
            accepted: /\/16 to \/21.*too small/,
        },
        {
            title: "an unknown NAT mode",
            args: { cluster: prodCluster, natGateways: "double" as never },
            property: "natGateways",
            value: /"double"/,
            accepted: /"per-az", "single"/,
        },
        {
            title: "zone names that contradict the zone count",
            args: { cluster: prodCluster, availabilityZones: 3, availabilityZoneNames: ["us-east-1a", "us-east-1b"] },
            property: "availabilityZones",
            value: /is 3;/,
            accepted: /2, the number of availabilityZoneNames/,
        },
        {
            title: "a zone name that is not one",
            args: { cluster: prodCluster, availabilityZoneNames: ["us-east-1a", "use1-az2"] },
            property: "availabilityZoneNames[1]",
            value: /"use1-az2"/,
            accepted: /availability zone name/,
        },
        {
            title: "a retention CloudWatch does not offer",
            args: { cluster: prodCluster, flowLogRetentionDays: 42 },
            property: "flowLogRetentionDays",
            value: /is 42;/,
            accepted: /1, 3, 5, 7, 14, 30/,
        },
        {
            title: "a retention without flow logs",
            args: { cluster: devCluster, flowLogRetentionDays: 30 },
            property: "flowLogRetentionDays",
            value: /is 30;/,
            accepted: /nothing while flowLogs is off/,
        },
        {
            title: "an existing VPC with one public subnet",
            args: {
                cluster: prodCluster,
                existingVpc: {
                    vpcId: "vpc-0123456789abcdef0",
                    publicSubnetIds: ["subnet-0123456789abcdef0"],
                    privateSubnetIds: ["subnet-0123456789abcdef1", "subnet-0123456789abcdef2"],
                },
            },
            property: "existingVpc.publicSubnetIds",
            value: /\["subnet-0123456789abcdef0"\]/,
            accepted: /at least 2 subnet IDs/,
        },
        {
            title: "an existing VPC whose private subnets include a public one",
            args: {
                cluster: prodCluster,
                existingVpc: {
                    vpcId: "vpc-0123456789abcdef0",
                    publicSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
                    privateSubnetIds: ["subnet-0123456789abcdef1", "subnet-0123456789abcdef2"],
                },
            },
            property: "existingVpc.privateSubnetIds[0]",
            value: /"subnet-0123456789abcdef1"/,
            accepted: /not also in publicSubnetIds/,
        },
        {
            title: "an existing VPC ID that is not one",
            args: {
                cluster: prodCluster,
                existingVpc: {
                    vpcId: "my-vpc",
                    publicSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
                    privateSubnetIds: ["subnet-0123456789abcdef2", "subnet-0123456789abcdef3"],
                },
            },
            property: "existingVpc.vpcId",
            value: /"my-vpc"/,
            accepted: /a VPC ID/,
        },
        {
            title: "a CIDR for an adopted VPC",
            args: {
                cluster: prodCluster,
                cidrBlock: "10.1.0.0/16",
                existingVpc: {
                    vpcId: "vpc-0123456789abcdef0",
                    publicSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
                    privateSubnetIds: ["subnet-0123456789abcdef2", "subnet-0123456789abcdef3"],
                },
            },
            property: "cidrBlock",
            value: /"10\.1\.0\.0\/16"/,
            accepted: /nothing when existingVpc is given/,
        },
        {
            title: "node egress without HTTPS",
            args: { cluster: prodCluster, nodeEgressPorts: [80] },
            property: "nodeEgressPorts",
            value: /\[80\]/,
            accepted: /includes 443/,
        },
        {
            title: "a load balancer client range that is not a CIDR",
            args: { cluster: prodCluster, loadBalancerIngressCidrs: ["office"] },
            property: "loadBalancerIngressCidrs[0]",
            value: /"office"/,
            accepted: /IPv4 or IPv6 CIDR/,
        },
        {
            title: "a cluster without users",
            args: { cluster: { ...prodCluster, concurrentUsers: 0 } },
            property: "cluster.concurrentUsers",
            value: /is 0;/,
            accepted: /from 1 to 5000/,
        },
    ];
    for (const c of cases) {
        it(`rejects ${c.title}`, async () => {
            const { error } = await expectFailureWithMocks(network(c.args));
            assertArgumentError(error, { property: c.property, message: [c.value, c.accepted] });
        });
    }
});

describe("the flow-log policy documents", () => {
    it("scope the trust to this account's flow logs in this region and partition", () => {
        const trust = JSON.parse(flowLogTrustPolicy("aws-cn", "cn-north-1", "111122223333"));
        assert.equal(trust.Statement[0].Condition.ArnLike["aws:SourceArn"], "arn:aws-cn:ec2:cn-north-1:111122223333:vpc-flow-log/*");
    });

    it("grant writes to one log group and nothing else but the unscopable describe", () => {
        const policy = JSON.parse(flowLogWritePolicy("arn:aws:logs:eu-west-3:111122223333:log-group:x"));
        const scoped = policy.Statement.filter((s: { Resource: unknown }) => s.Resource !== "*");
        assert.deepEqual(
            scoped.flatMap((s: { Action: string[] }) => s.Action),
            ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        );
        assert.deepEqual(
            policy.Statement.filter((s: { Resource: unknown }) => s.Resource === "*").map((s: { Action: string }) => s.Action),
            ["logs:DescribeLogGroups"],
        );
    });
});
