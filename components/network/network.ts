/**
 * OdooNetwork: the VPC of an Odoo cluster (or an adopted one) and the security groups that keep
 * everything but the load balancer off the internet.
 *
 * A created VPC spans 2–6 availability zones with three subnets in each (see subnetPlan.ts):
 * public (load balancer, NAT gateways), private (Odoo nodes, out through NAT) and isolated
 * (database, cache, EFS mount targets: no route out at all). An S3 gateway endpoint on the private
 * and isolated route tables keeps S3 traffic (an S3 filestore, image layers) off the NAT gateways,
 * for free.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { OdooClusterContext, ResolvedClusterContext, capacityPlanOf, resolveClusterContext, tagsFor } from "../contract/clusterContext";
import { OdooArgumentError, optionalBoolean, requireOneOf } from "../contract/errors";
import { requireLogRetentionDays } from "../operations/logRetention";
import {
    SECURITY_GROUP_DESCRIPTIONS,
    SECURITY_GROUP_NAMES,
    SECURITY_GROUP_SLUGS,
    SecurityGroupName,
    SecurityGroupRule,
    planSecurityGroupRules,
    requireLoadBalancerIngressCidrs,
    requireNodeEgressPorts,
} from "./securityGroups";
import { NatGatewayMode } from "../contract/sizing";
import { MAX_ZONES, MIN_ZONES, SubnetPlan, checkSubnetIdList, planSubnets } from "./subnetPlan";

/** The VPC CIDR of a created VPC unless `cidrBlock` says otherwise. */
export const DEFAULT_VPC_CIDR = "10.0.0.0/16";

/** Default retention of the VPC flow logs. */
export const DEFAULT_FLOW_LOG_RETENTION_DAYS = 90;

/** An existing VPC to adopt instead of creating one. */
export interface OdooExistingVpc {
    /** ID of the VPC (`vpc-…`). Its subnets must be the ones listed below. */
    vpcId: pulumi.Input<string>;
    /**
     * Subnets with a route to an internet gateway, for the load balancer. At least 2, in different
     * availability zones (an Application Load Balancer needs two).
     */
    publicSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Subnets with outbound internet access (a NAT gateway) and no public IPs, for the Odoo nodes.
     * At least 2, in different availability zones, none of them also listed as public.
     */
    privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Subnets for the database, the session cache and the EFS mount targets, ideally without any
     * route to the internet. At least 2 when given. Default: the private subnets — many existing
     * VPCs have only two tiers, and the data services' security groups admit the Odoo nodes only.
     */
    isolatedSubnetIds?: pulumi.Input<pulumi.Input<string>[]>;
}

/** Arguments of {@link OdooNetwork}. */
export interface OdooNetworkArgs extends OdooNetworkOptions {
    /** The cluster the network belongs to: its name, environment, declared users and tags. */
    cluster: OdooClusterContext;
}

/** Settings of {@link OdooNetwork}; also the `network` argument of OdooCluster. */
export interface OdooNetworkOptions {
    /**
     * IPv4 CIDR of the VPC to create: a private network address from /16 to /21 (at /21 the
     * public subnets reach the /27 minimum of a load balancer), clear of Docker's bridge
     * 172.17.0.0/16. Default: "10.0.0.0/16". Not allowed with `existingVpc`.
     */
    cidrBlock?: string;
    /**
     * Availability zones to spread the subnets over, 2 to 6. Default: 3 in production, 2
     * otherwise (from the capacity plan). Not allowed with `existingVpc`.
     */
    availabilityZones?: number;
    /**
     * Exact availability zone names to use, 2 to 6 (e.g. to skip a zone that lacks the node
     * instance type). Default: the first `availabilityZones` zones of the region that need no
     * opt-in. Its length must match `availabilityZones` when both are given. Not allowed with
     * `existingVpc`.
     */
    availabilityZoneNames?: string[];
    /**
     * NAT gateways: `per-az` (one per zone: losing a zone never cuts the others' egress) or
     * `single` (one shared, about $33 a month cheaper per zone saved, but a single point of
     * failure for outbound traffic). Default: `per-az` in production, `single` otherwise. Not
     * allowed with `existingVpc`.
     */
    natGateways?: NatGatewayMode;
    /**
     * Whether to record VPC flow logs (all traffic, 10-minute aggregation) into a CloudWatch Logs
     * group, for incident analysis and audits. Default: true in production, false otherwise. Not
     * allowed with `existingVpc` (that VPC's logging is its owner's).
     */
    flowLogs?: boolean;
    /**
     * Days to keep the flow logs: one of CloudWatch's periods (1, 3, 5, 7, 14, 30, 60, 90, 120, 150,
     * 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653). Default: 90. Only with
     * flow logs on.
     */
    flowLogRetentionDays?: number;
    /** Adopt this VPC and its subnets instead of creating one; then only the security groups are created. */
    existingVpc?: OdooExistingVpc;
    /**
     * CIDRs allowed to reach the load balancer on ports 80 and 443, IPv4 or IPv6 (e.g. the office
     * and VPN ranges of an internal ERP). Default: everyone, "0.0.0.0/0" and "::/0".
     */
    loadBalancerIngressCidrs?: string[];
    /**
     * TCP ports the Odoo nodes may open to the internet through NAT. Must include 443 (SSM,
     * Secrets Manager, image registries). Default: 443, 80 (package mirrors), 465 and 587 (SMTP
     * submission for outgoing mail), 993 (IMAPS for incoming mail). Add e.g. 636 for LDAPS.
     */
    nodeEgressPorts?: number[];
}

/** A created VPC, as validated. */
export interface ResolvedCreatedVpc {
    subnets: SubnetPlan;
    availabilityZones: number;
    availabilityZoneNames?: string[];
    natGateways: NatGatewayMode;
    natGatewayCount: number;
    flowLogs: boolean;
    flowLogRetentionDays: number;
}

/** An adopted VPC, as validated. */
export interface ResolvedAdoptedVpc {
    vpcId: pulumi.Input<string>;
    publicSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    isolatedSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
}

/** Everything {@link OdooNetwork} builds from, validated, with defaults applied. */
export interface ResolvedNetworkArgs {
    context: ResolvedClusterContext;
    /** Set when the component creates the VPC. */
    created?: ResolvedCreatedVpc;
    /** Set when the component adopts `existingVpc`. */
    adopted?: ResolvedAdoptedVpc;
    rules: SecurityGroupRule[];
}

const ZONE_NAME = /^[a-z]{2}(-[a-z]+)+-\d+[a-z]$/;
const VPC_ID = /^vpc-[0-9a-f]{8,17}$/;

function requireZoneNames(value: unknown, property: string): string[] {
    if (!Array.isArray(value) || value.length < MIN_ZONES || value.length > MAX_ZONES) {
        throw new OdooArgumentError(property, value, `a list of ${MIN_ZONES} to ${MAX_ZONES} availability zone names such as "eu-west-1a"`);
    }
    value.forEach((zone, i) => {
        if (typeof zone !== "string" || !ZONE_NAME.test(zone)) {
            throw new OdooArgumentError(`${property}[${i}]`, zone, `an availability zone name such as "eu-west-1a"`);
        }
        if (value.indexOf(zone) !== i) {
            throw new OdooArgumentError(`${property}[${i}]`, zone, "each zone once");
        }
    });
    return [...value];
}

const SUBNET_LIST_ACCEPTED =
    "a list of at least 2 subnet IDs in different availability zones (an Application Load Balancer and Multi-AZ services need two)";

/** A subnet list as given: checked now when it is a plain list, after it resolves when it is an Output. */
function requireSubnetList(value: unknown, property: string): pulumi.Input<pulumi.Input<string>[]> {
    if (Array.isArray(value)) {
        checkSubnetIdList(value, property, SUBNET_LIST_ACCEPTED);
    } else if (!pulumi.Output.isInstance(value) && !(value instanceof Promise)) {
        throw new OdooArgumentError(property, value, SUBNET_LIST_ACCEPTED);
    }
    return value as pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * The adopted subnet lists must keep their tiers apart: a subnet that is both public and private
 * would put the nodes (or the database) next to the internet gateway.
 */
function checkTiersApart(publicIds: readonly unknown[], tiers: [string, readonly unknown[]][], property: string): void {
    for (const [listName, list] of tiers) {
        list.forEach((id, i) => {
            if (typeof id === "string" && publicIds.includes(id)) {
                throw new OdooArgumentError(`${property}.${listName}[${i}]`, id, "a subnet that is not also in publicSubnetIds");
            }
        });
    }
}

function validateExistingVpc(existing: unknown, property: string): ResolvedAdoptedVpc {
    if (!existing || typeof existing !== "object" || Array.isArray(existing)) {
        throw new OdooArgumentError(property, existing, "an object with vpcId, publicSubnetIds and privateSubnetIds");
    }
    const e = existing as OdooExistingVpc;
    if (e.vpcId === undefined || e.vpcId === null || e.vpcId === "" || (typeof e.vpcId === "string" && !VPC_ID.test(e.vpcId))) {
        throw new OdooArgumentError(`${property}.vpcId`, e.vpcId, `a VPC ID such as "vpc-0123456789abcdef0"`);
    }
    const publicSubnetIds = requireSubnetList(e.publicSubnetIds, `${property}.publicSubnetIds`);
    const privateSubnetIds = requireSubnetList(e.privateSubnetIds, `${property}.privateSubnetIds`);
    const isolatedSubnetIds =
        e.isolatedSubnetIds === undefined ? privateSubnetIds : requireSubnetList(e.isolatedSubnetIds, `${property}.isolatedSubnetIds`);
    if (Array.isArray(publicSubnetIds)) {
        const tiers: [string, readonly unknown[]][] = [];
        if (Array.isArray(privateSubnetIds)) {
            tiers.push(["privateSubnetIds", privateSubnetIds]);
        }
        if (Array.isArray(isolatedSubnetIds)) {
            tiers.push(["isolatedSubnetIds", isolatedSubnetIds]);
        }
        checkTiersApart(publicSubnetIds, tiers, property);
    }
    return { vpcId: e.vpcId, publicSubnetIds, privateSubnetIds, isolatedSubnetIds };
}

/**
 * Validates {@link OdooNetworkArgs} and applies the defaults (from the capacity plan where there
 * is one). Throws an {@link OdooArgumentError} naming the property; creates nothing.
 */
export function resolveNetworkArgs(args: OdooNetworkArgs): ResolvedNetworkArgs {
    if (!args || typeof args !== "object") {
        throw new OdooArgumentError("args", args, "an object with at least cluster");
    }
    const context = resolveClusterContext(args.cluster);
    const rules = planSecurityGroupRules({
        loadBalancerIngressCidrs: requireLoadBalancerIngressCidrs(args.loadBalancerIngressCidrs),
        nodeEgressPorts: requireNodeEgressPorts(args.nodeEgressPorts),
    });

    if (args.existingVpc !== undefined) {
        const createOnly: [keyof OdooNetworkArgs, unknown][] = [
            ["cidrBlock", args.cidrBlock],
            ["availabilityZones", args.availabilityZones],
            ["availabilityZoneNames", args.availabilityZoneNames],
            ["natGateways", args.natGateways],
            ["flowLogs", args.flowLogs],
            ["flowLogRetentionDays", args.flowLogRetentionDays],
        ];
        for (const [property, value] of createOnly) {
            if (value !== undefined) {
                throw new OdooArgumentError(
                    property,
                    value,
                    "nothing when existingVpc is given",
                    "it only shapes a VPC this component creates",
                );
            }
        }
        return { context, adopted: validateExistingVpc(args.existingVpc, "existingVpc"), rules };
    }

    const zoneNames =
        args.availabilityZoneNames === undefined ? undefined : requireZoneNames(args.availabilityZoneNames, "availabilityZoneNames");
    if (zoneNames && args.availabilityZones !== undefined && args.availabilityZones !== zoneNames.length) {
        throw new OdooArgumentError(
            "availabilityZones",
            args.availabilityZones,
            `${zoneNames.length}, the number of availabilityZoneNames (or leave it out)`,
        );
    }
    if (args.natGateways !== undefined) {
        requireOneOf("natGateways", args.natGateways, Object.values(NatGatewayMode));
    }
    const capacity = capacityPlanOf(context, {
        availabilityZones: args.availabilityZones ?? zoneNames?.length,
        natGateways: args.natGateways,
    });
    const availabilityZones = capacity.network.availabilityZones;
    // The plan counts the gateways (one, or one per zone, never fewer than two zones): the count names the mode.
    const natGateways: NatGatewayMode = capacity.network.natGateways === 1 ? "single" : "per-az";
    const subnets = planSubnets(args.cidrBlock === undefined ? DEFAULT_VPC_CIDR : args.cidrBlock, availabilityZones);
    const flowLogs = optionalBoolean("flowLogs", args.flowLogs) ?? context.production;
    if (args.flowLogRetentionDays !== undefined) {
        if (!flowLogs) {
            throw new OdooArgumentError(
                "flowLogRetentionDays",
                args.flowLogRetentionDays,
                "nothing while flowLogs is off",
                "there are no flow logs to keep",
            );
        }
        requireLogRetentionDays("flowLogRetentionDays", args.flowLogRetentionDays);
    }
    return {
        context,
        created: {
            subnets,
            availabilityZones,
            availabilityZoneNames: zoneNames,
            natGateways,
            natGatewayCount: capacity.network.natGateways,
            flowLogs,
            flowLogRetentionDays: args.flowLogRetentionDays ?? DEFAULT_FLOW_LOG_RETENTION_DAYS,
        },
        rules,
    };
}

/**
 * Trust policy of the flow-log role: only the VPC Flow Logs service, and only for flow logs of
 * this account and region (the confused-deputy guard AWS recommends).
 */
export function flowLogTrustPolicy(partition: string, region: string, accountId: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: {
                    StringEquals: { "aws:SourceAccount": accountId },
                    ArnLike: { "aws:SourceArn": `arn:${partition}:ec2:${region}:${accountId}:vpc-flow-log/*` },
                },
            },
        ],
    });
}

/** What the flow-log role may do: write streams of its one log group. */
export function flowLogWritePolicy(logGroupArn: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                Resource: [logGroupArn, `${logGroupArn}:*`],
            },
            // Flow Logs checks that its destination exists; DescribeLogGroups cannot be scoped to one group.
            { Effect: "Allow", Action: "logs:DescribeLogGroups", Resource: "*" },
        ],
    });
}

/**
 * The network of an Odoo cluster: a VPC over 2–6 availability zones (or an adopted one) and the
 * five security groups of the cluster (load balancer, nodes, database, cache, filestore).
 */
export class OdooNetwork extends pulumi.ComponentResource {
    /** ID of the VPC. */
    public readonly vpcId: pulumi.Output<string>;
    /** Public subnets, one per zone in zone order: for the load balancer. */
    public readonly publicSubnetIds: pulumi.Output<string[]>;
    /** Private subnets, one per zone in zone order: for the Odoo nodes. */
    public readonly privateSubnetIds: pulumi.Output<string[]>;
    /** Isolated subnets, one per zone in zone order: for the database, the cache and EFS mount targets. */
    public readonly isolatedSubnetIds: pulumi.Output<string[]>;
    /** Availability zones of the private subnets, in their order. */
    public readonly availabilityZones: pulumi.Output<string[]>;
    /** Public IPs of the NAT gateways: the addresses Odoo's outbound mail and API calls come from (empty for an adopted VPC). */
    public readonly natPublicIps: pulumi.Output<string[]>;
    /** Security group of the load balancer (80/443 in, the node proxy out). */
    public readonly loadBalancerSecurityGroupId: pulumi.Output<string>;
    /** Security group of the Odoo nodes (the node proxy from the load balancer only). */
    public readonly nodeSecurityGroupId: pulumi.Output<string>;
    /** Security group of PostgreSQL (5432 from the nodes only). */
    public readonly databaseSecurityGroupId: pulumi.Output<string>;
    /** Security group of the session cache (6379 from the nodes only). */
    public readonly cacheSecurityGroupId: pulumi.Output<string>;
    /** Security group of the EFS mount targets (2049 from the nodes only). */
    public readonly filestoreSecurityGroupId: pulumi.Output<string>;

    constructor(name: string, args: OdooNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveNetworkArgs(args);
        super("odoo-aws:index:OdooNetwork", name, {}, opts);
        const ctx = resolved.context;
        const tags = (resourceName: string) => ({ ...tagsFor(ctx, "network"), Name: resourceName });
        const parent = { parent: this };

        let vpcId: pulumi.Output<string>;
        if (resolved.created) {
            const built = this.createVpc(name, resolved.created, tags);
            vpcId = built.vpcId;
            this.publicSubnetIds = built.publicSubnetIds;
            this.privateSubnetIds = built.privateSubnetIds;
            this.isolatedSubnetIds = built.isolatedSubnetIds;
            this.availabilityZones = built.availabilityZones;
            this.natPublicIps = built.natPublicIps;
        } else {
            const adopted = resolved.adopted as ResolvedAdoptedVpc;
            this.availabilityZones = this.checkAdoptedSubnets(adopted);
            // The security groups wait for the subnet check: subnets of another VPC create nothing.
            vpcId = pulumi.all([adopted.vpcId, this.availabilityZones]).apply(([id]) => id);
            this.publicSubnetIds = pulumi.output(adopted.publicSubnetIds);
            this.privateSubnetIds = pulumi.output(adopted.privateSubnetIds);
            this.isolatedSubnetIds = pulumi.output(adopted.isolatedSubnetIds);
            this.natPublicIps = pulumi.output([]);
        }
        this.vpcId = vpcId;

        const groups = {} as Record<SecurityGroupName, aws.ec2.SecurityGroup>;
        for (const group of SECURITY_GROUP_NAMES) {
            const resourceName = `${name}-${SECURITY_GROUP_SLUGS[group]}-sg`;
            groups[group] = new aws.ec2.SecurityGroup(
                resourceName,
                {
                    vpcId,
                    description: SECURITY_GROUP_DESCRIPTIONS[group],
                    // Without this, deleting a group that another group's rule still references
                    // hangs until the provider times out.
                    revokeRulesOnDelete: true,
                    tags: tags(resourceName),
                },
                parent,
            );
        }
        // A new group starts with AWS's allow-all egress rule; the provider revokes it on create,
        // so each group's egress is exactly the rules below (none for the data services).
        for (const rule of resolved.rules) {
            const resourceName = `${name}-${rule.key}`;
            const ruleArgs = {
                securityGroupId: groups[rule.securityGroup].id,
                ipProtocol: "tcp",
                fromPort: rule.port,
                toPort: rule.port,
                description: rule.description,
                cidrIpv4: rule.peer.cidrIpv4,
                cidrIpv6: rule.peer.cidrIpv6,
                referencedSecurityGroupId: rule.peer.securityGroup ? groups[rule.peer.securityGroup].id : undefined,
                tags: tags(resourceName),
            };
            if (rule.direction === "ingress") {
                new aws.vpc.SecurityGroupIngressRule(resourceName, ruleArgs, parent);
            } else {
                new aws.vpc.SecurityGroupEgressRule(resourceName, ruleArgs, parent);
            }
        }

        this.loadBalancerSecurityGroupId = groups.loadBalancer.id;
        this.nodeSecurityGroupId = groups.nodes.id;
        this.databaseSecurityGroupId = groups.database.id;
        this.cacheSecurityGroupId = groups.cache.id;
        this.filestoreSecurityGroupId = groups.filestore.id;

        this.registerOutputs({
            vpcId: this.vpcId,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            isolatedSubnetIds: this.isolatedSubnetIds,
            availabilityZones: this.availabilityZones,
            natPublicIps: this.natPublicIps,
            loadBalancerSecurityGroupId: this.loadBalancerSecurityGroupId,
            nodeSecurityGroupId: this.nodeSecurityGroupId,
            databaseSecurityGroupId: this.databaseSecurityGroupId,
            cacheSecurityGroupId: this.cacheSecurityGroupId,
            filestoreSecurityGroupId: this.filestoreSecurityGroupId,
        });
    }

    private createVpc(name: string, resolved: ResolvedCreatedVpc, tags: (resourceName: string) => Record<string, string>) {
        const parent = { parent: this };
        const zoneCount = resolved.availabilityZones;

        const vpc = new aws.ec2.Vpc(
            `${name}-vpc`,
            {
                cidrBlock: resolved.subnets.vpcCidr,
                // Both on: EFS mount-target DNS names and RDS/ElastiCache endpoints resolve through them.
                enableDnsSupport: true,
                enableDnsHostnames: true,
                tags: tags(`${name}-vpc`),
            },
            parent,
        );
        // Adopting the default security group without rules strips its allow-all-within-the-group
        // ingress and allow-all egress, so nothing can be launched into a permissive group by accident.
        new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: vpc.id, tags: tags(`${name}-default-sg`) }, parent);

        const zoneNames: pulumi.Output<string[]> = resolved.availabilityZoneNames
            ? pulumi.output(resolved.availabilityZoneNames)
            : aws
                  .getAvailabilityZonesOutput(
                      {
                          state: "available",
                          // Local Zones and Wavelength Zones need an opt-in and lack most services: regular AZs only.
                          filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
                      },
                      parent,
                  )
                  .names.apply((names) => {
                      if (names.length < zoneCount) {
                          throw new OdooArgumentError(
                              "availabilityZones",
                              zoneCount,
                              `at most ${names.length}, the availability zones of this region (${names.join(", ")})`,
                          );
                      }
                      return names.slice(0, zoneCount);
                  });

        const subnet = (tier: string, i: number, cidrBlock: string) => {
            const resourceName = `${name}-${tier}-${i + 1}`;
            return new aws.ec2.Subnet(
                resourceName,
                {
                    vpcId: vpc.id,
                    cidrBlock,
                    availabilityZone: zoneNames[i],
                    // Nothing in any subnet gets a public IP: the ALB and the NAT gateways bring their own.
                    mapPublicIpOnLaunch: false,
                    tags: tags(resourceName),
                },
                parent,
            );
        };
        const publicSubnets = resolved.subnets.zones.map((z, i) => subnet("public", i, z.public));
        const privateSubnets = resolved.subnets.zones.map((z, i) => subnet("private", i, z.private));
        const isolatedSubnets = resolved.subnets.zones.map((z, i) => subnet("isolated", i, z.isolated));

        const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags: tags(`${name}-igw`) }, parent);
        const publicRouteTable = new aws.ec2.RouteTable(`${name}-public-rt`, { vpcId: vpc.id, tags: tags(`${name}-public-rt`) }, parent);
        new aws.ec2.Route(
            `${name}-public-default`,
            { routeTableId: publicRouteTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id },
            parent,
        );
        publicSubnets.forEach(
            (s, i) =>
                new aws.ec2.RouteTableAssociation(
                    `${name}-public-${i + 1}-rta`,
                    { subnetId: s.id, routeTableId: publicRouteTable.id },
                    parent,
                ),
        );

        const eips: aws.ec2.Eip[] = [];
        const natGateways: aws.ec2.NatGateway[] = [];
        for (let i = 0; i < resolved.natGatewayCount; i++) {
            const natName = `${name}-nat-${i + 1}`;
            const eip = new aws.ec2.Eip(`${natName}-eip`, { domain: "vpc", tags: tags(`${natName}-eip`) }, parent);
            eips.push(eip);
            // A NAT gateway created before its VPC has an attached internet gateway never passes traffic.
            natGateways.push(
                new aws.ec2.NatGateway(
                    natName,
                    {
                        allocationId: eip.id,
                        subnetId: publicSubnets[i].id,
                        connectivityType: "public",
                        tags: tags(natName),
                    },
                    { parent: this, dependsOn: [igw] },
                ),
            );
        }

        // One private route table per zone in both NAT modes, so switching modes only re-points routes.
        const privateRouteTables = privateSubnets.map((s, i) => {
            const rtName = `${name}-private-${i + 1}-rt`;
            const routeTable = new aws.ec2.RouteTable(rtName, { vpcId: vpc.id, tags: tags(rtName) }, parent);
            const nat = natGateways[resolved.natGateways === "per-az" ? i : 0];
            new aws.ec2.Route(
                `${name}-private-${i + 1}-default`,
                { routeTableId: routeTable.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id },
                parent,
            );
            new aws.ec2.RouteTableAssociation(`${name}-private-${i + 1}-rta`, { subnetId: s.id, routeTableId: routeTable.id }, parent);
            return routeTable;
        });

        // The isolated tier's table has only the implicit local route (and S3 through the endpoint).
        const isolatedRouteTable = new aws.ec2.RouteTable(
            `${name}-isolated-rt`,
            { vpcId: vpc.id, tags: tags(`${name}-isolated-rt`) },
            parent,
        );
        isolatedSubnets.forEach(
            (s, i) =>
                new aws.ec2.RouteTableAssociation(
                    `${name}-isolated-${i + 1}-rta`,
                    { subnetId: s.id, routeTableId: isolatedRouteTable.id },
                    parent,
                ),
        );

        const region = aws.getRegionOutput({}, parent);
        const partition = aws.getPartitionOutput({}, parent);
        new aws.ec2.VpcEndpoint(
            `${name}-s3`,
            {
                vpcId: vpc.id,
                vpcEndpointType: "Gateway",
                serviceName: pulumi.interpolate`${partition.reverseDnsPrefix}.${region.region}.s3`,
                routeTableIds: [...privateRouteTables.map((rt) => rt.id), isolatedRouteTable.id],
                tags: tags(`${name}-s3`),
            },
            parent,
        );

        if (resolved.flowLogs) {
            this.createFlowLogs(name, vpc, resolved.flowLogRetentionDays, tags, region, partition);
        }

        return {
            vpcId: vpc.id,
            publicSubnetIds: pulumi.all(publicSubnets.map((s) => s.id)),
            privateSubnetIds: pulumi.all(privateSubnets.map((s) => s.id)),
            isolatedSubnetIds: pulumi.all(isolatedSubnets.map((s) => s.id)),
            availabilityZones: zoneNames,
            natPublicIps: pulumi.all(eips.map((e) => e.publicIp)),
        };
    }

    private createFlowLogs(
        name: string,
        vpc: aws.ec2.Vpc,
        retentionDays: number,
        tags: (resourceName: string) => Record<string, string>,
        region: pulumi.Output<aws.GetRegionResult>,
        partition: pulumi.Output<aws.GetPartitionResult>,
    ): void {
        const parent = { parent: this };
        const account = aws.getCallerIdentityOutput({}, parent);
        const logGroup = new aws.cloudwatch.LogGroup(
            `${name}-flow-logs`,
            {
                retentionInDays: retentionDays,
                tags: tags(`${name}-flow-logs`),
            },
            parent,
        );
        const role = new aws.iam.Role(
            `${name}-flow-logs-role`,
            {
                description: "Lets VPC Flow Logs write the cluster's flow logs to CloudWatch Logs",
                assumeRolePolicy: pulumi
                    .all([partition.partition, region.region, account.accountId])
                    .apply(([p, r, a]) => flowLogTrustPolicy(p, r, a)),
                tags: tags(`${name}-flow-logs-role`),
            },
            parent,
        );
        new aws.iam.RolePolicy(
            `${name}-flow-logs-write`,
            {
                role: role.id,
                policy: logGroup.arn.apply(flowLogWritePolicy),
            },
            parent,
        );
        new aws.ec2.FlowLog(
            `${name}-flow-log`,
            {
                vpcId: vpc.id,
                trafficType: "ALL",
                logDestinationType: "cloud-watch-logs",
                logDestination: logGroup.arn,
                iamRoleArn: role.arn,
                maxAggregationInterval: 600,
                tags: tags(`${name}-flow-log`),
            },
            parent,
        );
    }

    /**
     * Checks the adopted subnet lists once they are known (again, for lists given as Outputs) and
     * looks each subnet up: each must be in the adopted VPC, and every tier must span two
     * availability zones. Returns the private subnets' zones.
     */
    private checkAdoptedSubnets(adopted: ResolvedAdoptedVpc): pulumi.Output<string[]> {
        const lookup = (ids: string[]) => pulumi.all(ids.map((id) => aws.ec2.getSubnetOutput({ id }, { parent: this })));
        return pulumi
            .all([
                adopted.vpcId,
                pulumi.output(adopted.publicSubnetIds),
                pulumi.output(adopted.privateSubnetIds),
                pulumi.output(adopted.isolatedSubnetIds),
            ])
            .apply(([vpcId, publicIds, privateIds, isolatedIds]) => {
                const lists = [
                    ["publicSubnetIds", publicIds],
                    ["privateSubnetIds", privateIds],
                    ["isolatedSubnetIds", isolatedIds],
                ] as [string, string[]][];
                for (const [tier, ids] of lists) {
                    checkSubnetIdList(ids, `existingVpc.${tier}`, SUBNET_LIST_ACCEPTED, false);
                }
                checkTiersApart(publicIds, lists.slice(1), "existingVpc");
                return pulumi.all([lookup(publicIds), lookup(privateIds), lookup(isolatedIds)]).apply((found) => {
                    lists.forEach(([tier], t) => {
                        const subnets = found[t];
                        subnets.forEach((s, i) => {
                            if (s.vpcId !== vpcId) {
                                throw new OdooArgumentError(
                                    `existingVpc.${tier}[${i}]`,
                                    s.id,
                                    `a subnet of ${vpcId}`,
                                    `it belongs to ${s.vpcId}`,
                                );
                            }
                        });
                        const zones = new Set(subnets.map((s) => s.availabilityZone));
                        if (zones.size < 2) {
                            throw new OdooArgumentError(
                                `existingVpc.${tier}`,
                                subnets.map((s) => s.id),
                                "subnets in at least two availability zones",
                                `all are in ${[...zones].join(", ")}`,
                            );
                        }
                    });
                    return found[1].map((s) => s.availabilityZone);
                });
            });
    }
}
