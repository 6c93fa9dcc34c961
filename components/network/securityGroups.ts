/**
 * The cluster's security groups and every rule between them, as data.
 *
 * The network component turns each rule into its own `aws.vpc.SecurityGroupIngressRule` or
 * `SecurityGroupEgressRule` (never inline rules: those fight with separately managed rules and
 * make a single change replace the whole list). Keeping the rules as data lets a test walk them
 * without Pulumi, and gives every rule a stable key for its resource name.
 *
 * The intent: only the load balancer faces the internet, and only on 80 and 443; each data
 * service accepts its one port from the Odoo nodes and nothing else.
 *
 * Pure: no Pulumi, no I/O.
 */
import { OdooArgumentError, requireWholeNumber } from "../contract/errors";
import { HTTPS_PORT, HTTP_PORT, NFS_PORT, NODE_PROXY_PORT, POSTGRES_PORT, REDIS_PORT } from "../contract/ports";
import { requireRuleCidr } from "./subnetPlan";

/** The security groups of a cluster. */
export const SecurityGroupName = {
    LoadBalancer: "loadBalancer",
    Nodes: "nodes",
    Database: "database",
    Cache: "cache",
    Filestore: "filestore",
} as const;
export type SecurityGroupName = (typeof SecurityGroupName)[keyof typeof SecurityGroupName];
export const SECURITY_GROUP_NAMES: readonly SecurityGroupName[] = Object.values(SecurityGroupName);

/** Whether a rule admits traffic into its group or lets it out. */
export const RuleDirection = { Ingress: "ingress", Egress: "egress" } as const;
export type RuleDirection = (typeof RuleDirection)[keyof typeof RuleDirection];

/** Short names of the groups, for resource names (`erp-net-lb-sg`, `erp-net-db-in-5432-nodes`). */
export const SECURITY_GROUP_SLUGS: Readonly<Record<SecurityGroupName, string>> = {
    loadBalancer: "lb",
    nodes: "nodes",
    database: "db",
    cache: "cache",
    filestore: "efs",
};

/**
 * What a group is for: its AWS description (fixed: changing a description replaces the group).
 * EC2 accepts only a-z A-Z 0-9, space and `._-:/()#,@[]+=&;{}!$*`, at most 255 characters — no
 * apostrophe (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html).
 */
export const SECURITY_GROUP_DESCRIPTIONS: Readonly<Record<SecurityGroupName, string>> = {
    loadBalancer: "Odoo load balancer: HTTP and HTTPS from the allowed clients, out to the node proxy only",
    nodes: "Odoo nodes: the node proxy from the load balancer only",
    database: "Odoo PostgreSQL: 5432 from the Odoo nodes only",
    cache: "Odoo session cache: 6379 from the Odoo nodes only",
    filestore: "Odoo EFS filestore: NFS from the Odoo nodes only",
};

/** The other end of a rule: exactly one of an IPv4 CIDR, an IPv6 CIDR or another group of the cluster. */
export interface RulePeer {
    cidrIpv4?: string;
    cidrIpv6?: string;
    securityGroup?: SecurityGroupName;
}

/** One TCP rule of one group. */
export interface SecurityGroupRule {
    /** Stable, unique slug for the resource name, e.g. `lb-in-443-ipv4-any`. */
    key: string;
    securityGroup: SecurityGroupName;
    direction: RuleDirection;
    /** TCP port (the rule covers this port only). */
    port: number;
    peer: RulePeer;
    description: string;
}

/** Clients allowed to reach the load balancer by default: everyone, over IPv4 and IPv6. */
export const DEFAULT_LOAD_BALANCER_INGRESS_CIDRS: readonly string[] = ["0.0.0.0/0", "::/0"];

/**
 * Ports the nodes may open to the internet by default (through the NAT gateway):
 * - 443: Docker image registries, SSM Session Manager, Secrets Manager, S3, CloudWatch, Odoo IAP
 *   and payment providers — every AWS API the node calls is HTTPS;
 * - 80: OS package mirrors and registries that start with a plain-HTTP redirect;
 * - 465 and 587: outgoing mail to an SMTP relay (SES, the company's server), which Odoo sends itself;
 * - 993: IMAPS, for Odoo's incoming mail servers (fetchmail).
 * DNS (the VPC resolver), NTP (Amazon Time Sync) and the instance metadata service are not subject
 * to security groups, so they need no rule.
 */
export const DEFAULT_NODE_EGRESS_PORTS: readonly number[] = [HTTPS_PORT, HTTP_PORT, 465, 587, 993];

/** Options of {@link planSecurityGroupRules}, already validated. */
export interface SecurityGroupRuleOptions {
    loadBalancerIngressCidrs: string[];
    nodeEgressPorts: number[];
}

function cidrSlug(cidr: string): string {
    if (cidr === "0.0.0.0/0") {
        return "ipv4-any";
    }
    if (cidr === "::/0") {
        return "ipv6-any";
    }
    return cidr
        .toLowerCase()
        .replace(/[^0-9a-f]+/g, "-")
        .replace(/^-|-$/g, "");
}

function cidrPeer(cidr: string): RulePeer {
    return cidr.includes(":") ? { cidrIpv6: cidr } : { cidrIpv4: cidr };
}

/**
 * Validates the load balancer's client CIDRs (default: everyone). An empty list would make the
 * load balancer unreachable, so at least one CIDR is required.
 */
export function requireLoadBalancerIngressCidrs(value: unknown, property = "loadBalancerIngressCidrs"): string[] {
    if (value === undefined) {
        return [...DEFAULT_LOAD_BALANCER_INGRESS_CIDRS];
    }
    if (!Array.isArray(value) || value.length === 0) {
        throw new OdooArgumentError(property, value, "a non-empty list of IPv4 or IPv6 CIDRs (default: 0.0.0.0/0 and ::/0)");
    }
    const seen = new Set<string>();
    value.forEach((cidr, i) => {
        requireRuleCidr(cidr, `${property}[${i}]`);
        const normalized = (cidr as string).toLowerCase();
        if (seen.has(normalized)) {
            throw new OdooArgumentError(`${property}[${i}]`, cidr, "each CIDR once");
        }
        seen.add(normalized);
    });
    return value.map((c: string) => c.toLowerCase());
}

/**
 * Validates the nodes' internet ports (default {@link DEFAULT_NODE_EGRESS_PORTS}). 443 is
 * required: without it a node can reach neither SSM, Secrets Manager nor an image registry, and
 * never becomes healthy.
 */
export function requireNodeEgressPorts(value: unknown, property = "nodeEgressPorts"): number[] {
    if (value === undefined) {
        return [...DEFAULT_NODE_EGRESS_PORTS];
    }
    if (!Array.isArray(value)) {
        throw new OdooArgumentError(property, value, "a list of TCP ports that includes 443");
    }
    const ports = value.map((port, i) => requireWholeNumber(`${property}[${i}]`, port, { min: 1, max: 65535 }));
    const duplicate = ports.findIndex((p, i) => ports.indexOf(p) !== i);
    if (duplicate >= 0) {
        throw new OdooArgumentError(`${property}[${duplicate}]`, ports[duplicate], "each port once");
    }
    if (!ports.includes(HTTPS_PORT)) {
        throw new OdooArgumentError(
            property,
            value,
            "a list of TCP ports that includes 443",
            "nodes reach SSM, Secrets Manager and the image registry over HTTPS",
        );
    }
    return ports;
}

/** Every rule of the cluster's security groups. */
export function planSecurityGroupRules(options: SecurityGroupRuleOptions): SecurityGroupRule[] {
    const rules: SecurityGroupRule[] = [];
    const add = (
        securityGroup: SecurityGroupName,
        direction: RuleDirection,
        port: number,
        peer: RulePeer,
        peerSlug: string,
        description: string,
    ) => {
        rules.push({
            key: `${SECURITY_GROUP_SLUGS[securityGroup]}-${direction === "ingress" ? "in" : "out"}-${port}-${peerSlug}`,
            securityGroup,
            direction,
            port,
            peer,
            description,
        });
    };

    for (const port of [HTTP_PORT, HTTPS_PORT]) {
        for (const cidr of options.loadBalancerIngressCidrs) {
            add("loadBalancer", "ingress", port, cidrPeer(cidr), cidrSlug(cidr), `${port === HTTPS_PORT ? "HTTPS" : "HTTP"} from ${cidr}`);
        }
    }
    // The load balancer only ever talks to the node proxy (nginx), which adds X-Forwarded-Host for
    // Odoo's proxy_mode and routes /websocket to the gevent port; health checks use the same port.
    add(
        "loadBalancer",
        "egress",
        NODE_PROXY_PORT,
        { securityGroup: "nodes" },
        SECURITY_GROUP_SLUGS.nodes,
        "Requests and health checks to the node proxy",
    );
    add(
        "nodes",
        "ingress",
        NODE_PROXY_PORT,
        { securityGroup: "loadBalancer" },
        SECURITY_GROUP_SLUGS.loadBalancer,
        "Node proxy from the load balancer",
    );

    add("nodes", "egress", POSTGRES_PORT, { securityGroup: "database" }, SECURITY_GROUP_SLUGS.database, "PostgreSQL primary and replicas");
    add("nodes", "egress", REDIS_PORT, { securityGroup: "cache" }, SECURITY_GROUP_SLUGS.cache, "Session cache");
    add("nodes", "egress", NFS_PORT, { securityGroup: "filestore" }, SECURITY_GROUP_SLUGS.filestore, "EFS filestore (NFS over TLS)");
    for (const port of options.nodeEgressPorts) {
        add("nodes", "egress", port, { cidrIpv4: "0.0.0.0/0" }, "ipv4-any", `Internet through the NAT gateway on ${port}`);
    }

    add("database", "ingress", POSTGRES_PORT, { securityGroup: "nodes" }, SECURITY_GROUP_SLUGS.nodes, "PostgreSQL from the Odoo nodes");
    add("cache", "ingress", REDIS_PORT, { securityGroup: "nodes" }, SECURITY_GROUP_SLUGS.nodes, "Sessions from the Odoo nodes");
    add("filestore", "ingress", NFS_PORT, { securityGroup: "nodes" }, SECURITY_GROUP_SLUGS.nodes, "NFS from the Odoo nodes");
    return rules;
}
