/**
 * The subnet layout of a VPC the network component creates: per availability zone a public, a
 * private and an isolated subnet, carved from the VPC CIDR by a fixed rule.
 *
 * The rule gives every zone *slot* the same addresses whatever the zone count, so going from 2 to
 * 3 zones adds subnets without renumbering (and so replacing) the existing ones:
 *
 * - the VPC is cut into eighths; eighths 0–5 are the private subnets of zones 0–5 (Odoo nodes,
 *   the bulk of the addresses: an ASG surge and its ENIs need room);
 * - eighth 6 is cut into eighths again: the public subnets of zones 0–5 (ALB, NAT gateways);
 * - eighth 7 likewise: the isolated subnets of zones 0–5 (database, cache, EFS mount targets);
 * - the last two sixty-fourths of eighths 6 and 7 stay free for a later tier.
 *
 * For 10.0.0.0/16 that is a /19 private, a /22 public and a /22 isolated subnet per zone.
 *
 * Pure: no Pulumi, no I/O.
 */
import { isIPv6 } from "node:net";
import { OdooArgumentError } from "../contract/errors";

/** Largest VPC AWS allows. */
export const MIN_VPC_PREFIX = 16;
/**
 * Smallest VPC this layout accepts: at /21 the public subnets are /27, the minimum AWS asks for
 * the subnets of an Application Load Balancer (it needs 8 free addresses per subnet to scale).
 */
export const MAX_VPC_PREFIX = 21;
/** Zone slots of the layout. */
export const MAX_ZONES = 6;
/** Fewest zones: an Application Load Balancer needs subnets in two. */
export const MIN_ZONES = 2;

/** Private IPv4 ranges a VPC may use (RFC 1918, and RFC 6598 shared address space, which AWS accepts). */
export const PRIVATE_IPV4_RANGES: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"];

/**
 * Docker's default bridge network. Every node runs its containers on it; a VPC that overlaps it
 * makes the VPC addresses in that range unreachable from inside the containers (AWS also reserves
 * it for some managed services, e.g. SageMaker and Cloud9).
 */
export const DOCKER_BRIDGE_CIDR = "172.17.0.0/16";

/** An IPv4 network as a 32-bit unsigned address and a prefix length. */
export interface Ipv4Network {
    address: number;
    prefix: number;
}

/** The three subnets of one availability zone. */
export interface ZoneSubnets {
    /** Zone slot, 0-based. */
    index: number;
    public: string;
    private: string;
    isolated: string;
}

/** The layout for a VPC CIDR and a zone count. */
export interface SubnetPlan {
    vpcCidr: string;
    zones: ZoneSubnets[];
}

/** Parses `a.b.c.d/p`; returns undefined when the text is not an IPv4 CIDR. Host bits may be set. */
export function parseIpv4Cidr(text: unknown): Ipv4Network | undefined {
    if (typeof text !== "string") {
        return undefined;
    }
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
    if (!match) {
        return undefined;
    }
    const octets = match.slice(1, 5).map((o) => (o.length > 1 && o.startsWith("0") ? Number.NaN : Number(o)));
    const prefix = Number(match[5]);
    if (octets.some((o) => !(o >= 0 && o <= 255)) || prefix > 32) {
        return undefined;
    }
    const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
    return { address, prefix };
}

/** The netmask of a prefix length as a 32-bit unsigned number. */
function maskOf(prefix: number): number {
    return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** The network address of `network` (host bits cleared). */
export function networkAddress(network: Ipv4Network): number {
    return (network.address & maskOf(network.prefix)) >>> 0;
}

/** Formats an IPv4 network as `a.b.c.d/p`. */
export function formatIpv4Cidr(network: Ipv4Network): string {
    const a = network.address;
    return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}/${network.prefix}`;
}

/** Whether two IPv4 networks share any address. */
export function ipv4Overlaps(a: Ipv4Network, b: Ipv4Network): boolean {
    const prefix = Math.min(a.prefix, b.prefix);
    return networkAddress({ address: a.address, prefix }) === networkAddress({ address: b.address, prefix });
}

/** The `index`-th of the 2^`extraBits` equal parts of `network`. */
export function ipv4Subnet(network: Ipv4Network, extraBits: number, index: number): Ipv4Network {
    const prefix = network.prefix + extraBits;
    if (prefix > 32 || index < 0 || index >= 2 ** extraBits) {
        throw new RangeError(`no subnet ${index} of /${prefix} in ${formatIpv4Cidr(network)}`);
    }
    const size = 2 ** (32 - prefix);
    return { address: (networkAddress(network) + index * size) >>> 0, prefix };
}

/**
 * Validates a VPC CIDR: an IPv4 network address (host bits zero) with a prefix from
 * {@link MIN_VPC_PREFIX} to {@link MAX_VPC_PREFIX}, inside a private range, clear of Docker's
 * bridge network. Returns the parsed network.
 */
export function requireVpcCidr(value: unknown, property = "cidrBlock"): Ipv4Network {
    const accepted = `a private IPv4 network (${PRIVATE_IPV4_RANGES.join(", ")}) from /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX}, e.g. "10.0.0.0/16"`;
    const network = parseIpv4Cidr(value);
    if (!network) {
        throw new OdooArgumentError(property, value, accepted, "not an IPv4 CIDR");
    }
    if (networkAddress(network) !== network.address) {
        const suggestion = formatIpv4Cidr({ address: networkAddress(network), prefix: network.prefix });
        throw new OdooArgumentError(property, value, accepted, `host bits are set; the network address is ${suggestion}`);
    }
    if (network.prefix < MIN_VPC_PREFIX) {
        throw new OdooArgumentError(property, value, accepted, `AWS allows no VPC larger than /${MIN_VPC_PREFIX}`);
    }
    if (network.prefix > MAX_VPC_PREFIX) {
        throw new OdooArgumentError(
            property,
            value,
            accepted,
            `too small for the subnets: the public subnets would be smaller than the /27 an Application Load Balancer needs`,
        );
    }
    const inPrivateRange = PRIVATE_IPV4_RANGES.some((range) => {
        const r = parseIpv4Cidr(range) as Ipv4Network;
        return network.prefix >= r.prefix && ipv4Overlaps(network, r);
    });
    if (!inPrivateRange) {
        throw new OdooArgumentError(property, value, accepted, "not inside a private address range");
    }
    if (ipv4Overlaps(network, parseIpv4Cidr(DOCKER_BRIDGE_CIDR) as Ipv4Network)) {
        throw new OdooArgumentError(
            property,
            value,
            accepted,
            `it overlaps ${DOCKER_BRIDGE_CIDR}, Docker's default bridge on every node, so containers could not reach those VPC addresses`,
        );
    }
    return network;
}

/**
 * The subnets of the first `zones` zone slots of `vpcCidr` (see the module comment for the rule).
 * Throws an {@link OdooArgumentError} naming `property` for a CIDR {@link requireVpcCidr}
 * rejects, and naming `zonesProperty` for a zone count outside 2–6.
 */
export function planSubnets(vpcCidr: unknown, zones: unknown, property = "cidrBlock", zonesProperty = "availabilityZones"): SubnetPlan {
    const vpc = requireVpcCidr(vpcCidr, property);
    if (typeof zones !== "number" || !Number.isInteger(zones) || zones < MIN_ZONES || zones > MAX_ZONES) {
        throw new OdooArgumentError(zonesProperty, zones, `a whole number from ${MIN_ZONES} to ${MAX_ZONES}`);
    }
    const publicBlock = ipv4Subnet(vpc, 3, 6);
    const isolatedBlock = ipv4Subnet(vpc, 3, 7);
    return {
        vpcCidr: formatIpv4Cidr(vpc),
        zones: Array.from({ length: zones }, (_, index) => ({
            index,
            public: formatIpv4Cidr(ipv4Subnet(publicBlock, 3, index)),
            private: formatIpv4Cidr(ipv4Subnet(vpc, 3, index)),
            isolated: formatIpv4Cidr(ipv4Subnet(isolatedBlock, 3, index)),
        })),
    };
}

/** Number of addresses AWS lets you use in a subnet of `prefix` (it reserves five in each). */
export function usableAddresses(prefix: number): number {
    return 2 ** (32 - prefix) - 5;
}

/**
 * Validates a CIDR a security-group rule may use as its peer: an IPv4 network address, or an IPv6
 * network. Returns which family it is.
 */
export function requireRuleCidr(value: unknown, property: string): "ipv4" | "ipv6" {
    const accepted = `an IPv4 or IPv6 CIDR such as "203.0.113.0/24", "0.0.0.0/0" or "::/0"`;
    const v4 = parseIpv4Cidr(value);
    if (v4) {
        if (networkAddress(v4) !== v4.address) {
            throw new OdooArgumentError(
                property,
                value,
                accepted,
                `host bits are set; the network address is ${formatIpv4Cidr({ address: networkAddress(v4), prefix: v4.prefix })}`,
            );
        }
        return "ipv4";
    }
    if (typeof value === "string") {
        const [address, prefix, extra] = value.split("/");
        if (extra === undefined && address !== undefined && isIPv6(address) && /^\d{1,3}$/.test(prefix ?? "") && Number(prefix) <= 128) {
            return "ipv6";
        }
    }
    throw new OdooArgumentError(property, value, accepted);
}

/** A subnet ID (`subnet-` and 8 or 17 hex digits). */
export const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;

/**
 * Checks a list of subnet IDs as far as it is known: at least 2 entries, none empty or twice, and
 * (with `checkFormat`, for what the operator typed) each a subnet ID; entries still unknown, i.e.
 * not strings yet, are skipped. Used on plain lists before any resource exists, and again on
 * lists that only resolve later (another component's output, a stack reference).
 */
export function checkSubnetIdList(list: readonly unknown[], property: string, accepted: string, checkFormat = true): void {
    if (list.length < 2) {
        throw new OdooArgumentError(property, list, accepted);
    }
    list.forEach((id, i) => {
        if (id === undefined || id === null || id === "" || (checkFormat && typeof id === "string" && !SUBNET_ID.test(id))) {
            throw new OdooArgumentError(`${property}[${i}]`, id, `a subnet ID such as "subnet-0123456789abcdef0"`);
        }
        if (typeof id === "string" && list.indexOf(id) !== i) {
            throw new OdooArgumentError(`${property}[${i}]`, id, "each subnet once");
        }
    });
}
