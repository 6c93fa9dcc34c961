import { strict as assert } from "node:assert";
import {
    formatIpv4Cidr,
    ipv4Overlaps,
    ipv4Subnet,
    parseIpv4Cidr,
    planSubnets,
    requireRuleCidr,
    requireVpcCidr,
    usableAddresses,
} from "../../../components/network/subnetPlan";
import { throwsArgumentError } from "../../harness/argumentErrors";

function cidr(text: string) {
    const parsed = parseIpv4Cidr(text);
    assert.ok(parsed, `${text} parses`);
    return parsed;
}

describe("the subnet plan of a created VPC", () => {
    it("gives 10.0.0.0/16 a /19 private, a /22 public and a /22 isolated subnet per zone", () => {
        const plan = planSubnets("10.0.0.0/16", 3);
        assert.deepEqual(plan.zones, [
            { index: 0, private: "10.0.0.0/19", public: "10.0.192.0/22", isolated: "10.0.224.0/22" },
            { index: 1, private: "10.0.32.0/19", public: "10.0.196.0/22", isolated: "10.0.228.0/22" },
            { index: 2, private: "10.0.64.0/19", public: "10.0.200.0/22", isolated: "10.0.232.0/22" },
        ]);
    });

    it("keeps every existing zone's subnets when zones are added", () => {
        const two = planSubnets("10.20.0.0/16", 2).zones;
        const six = planSubnets("10.20.0.0/16", 6).zones;
        assert.deepEqual(six.slice(0, 2), two);
    });

    it("never overlaps two subnets, and keeps all of them inside the VPC, for every size and zone count", () => {
        for (let prefix = 16; prefix <= 21; prefix++) {
            const vpcText = `172.20.0.0/${prefix}`;
            const vpc = cidr(vpcText);
            const all = planSubnets(vpcText, 6)
                .zones.flatMap((z) => [z.public, z.private, z.isolated])
                .map(cidr);
            assert.equal(all.length, 18);
            all.forEach((a, i) => {
                assert.ok(a.prefix > vpc.prefix && ipv4Overlaps(a, vpc), `${formatIpv4Cidr(a)} inside ${vpcText}`);
                all.slice(i + 1).forEach((b) => assert.ok(!ipv4Overlaps(a, b), `${formatIpv4Cidr(a)} vs ${formatIpv4Cidr(b)}`));
            });
        }
    });

    it("leaves even the smallest VPC public subnets of /27, the load balancer's minimum", () => {
        const zone = planSubnets("192.168.8.0/21", 2).zones[0];
        assert.equal(zone.public, "192.168.14.0/27");
        assert.equal(zone.private, "192.168.8.0/24");
        assert.ok(usableAddresses(27) >= 8 + 1, "room for the ALB's 8 addresses and a NAT gateway");
    });

    it("rejects a VPC smaller than /21, because its public subnets could not hold a load balancer", () => {
        throwsArgumentError(() => planSubnets("10.0.0.0/24", 2), {
            property: "cidrBlock",
            message: /"10\.0\.0\.0\/24".*\/16 to \/21.*too small for the subnets/,
        });
    });

    it("rejects a VPC larger than /16, which AWS does not allow", () => {
        throwsArgumentError(() => planSubnets("10.0.0.0/8", 2), { property: "cidrBlock", message: /"10\.0\.0\.0\/8".*larger than \/16/ });
    });

    it("rejects a CIDR with host bits and names the network address meant", () => {
        throwsArgumentError(() => requireVpcCidr("10.0.1.0/16"), {
            property: "cidrBlock",
            message: /host bits are set; the network address is 10\.0\.0\.0\/16/,
        });
    });

    it("rejects text that is not an IPv4 CIDR", () => {
        for (const bad of ["10.0.0/16", "10.0.0.0", "10.0.0.256/16", "010.0.0.0/16", "fd00::/16", 16, undefined]) {
            throwsArgumentError(() => requireVpcCidr(bad), { property: "cidrBlock", message: /accepted: a private IPv4 network/ });
        }
    });

    it("rejects a public address range", () => {
        throwsArgumentError(() => requireVpcCidr("8.8.0.0/16"), { property: "cidrBlock", message: /not inside a private address range/ });
    });

    it("rejects a VPC overlapping Docker's default bridge, which the nodes' containers use", () => {
        throwsArgumentError(() => requireVpcCidr("172.17.0.0/16"), {
            property: "cidrBlock",
            message: /overlaps 172\.17\.0\.0\/16, Docker's default bridge/,
        });
        throwsArgumentError(() => requireVpcCidr("172.16.0.0/12"), { property: "cidrBlock", message: /larger than \/16/ });
    });

    it("accepts the RFC 6598 shared range AWS allows", () => {
        assert.equal(formatIpv4Cidr(requireVpcCidr("100.64.0.0/16")), "100.64.0.0/16");
    });

    it("rejects one zone and seven zones, naming the zone property", () => {
        throwsArgumentError(() => planSubnets("10.0.0.0/16", 1), {
            property: "availabilityZones",
            message: /is 1; accepted: a whole number from 2 to 6/,
        });
        throwsArgumentError(() => planSubnets("10.0.0.0/16", 7), {
            property: "availabilityZones",
            message: /is 7; accepted: a whole number from 2 to 6/,
        });
    });

    it("does CIDR arithmetic on the upper half of the address space without sign errors", () => {
        const network = cidr("192.168.0.0/16");
        assert.equal(formatIpv4Cidr(ipv4Subnet(network, 3, 7)), "192.168.224.0/19");
        assert.throws(() => ipv4Subnet(network, 3, 8), RangeError);
    });
});

describe("the CIDRs a security-group rule may use", () => {
    it("tells IPv4 from IPv6", () => {
        assert.equal(requireRuleCidr("0.0.0.0/0", "x"), "ipv4");
        assert.equal(requireRuleCidr("203.0.113.0/24", "x"), "ipv4");
        assert.equal(requireRuleCidr("::/0", "x"), "ipv6");
        assert.equal(requireRuleCidr("2001:db8::/32", "x"), "ipv6");
    });

    it("rejects a host address, a bare IP and garbage", () => {
        throwsArgumentError(() => requireRuleCidr("203.0.113.7/24", "cidrs[0]"), { property: "cidrs[0]", message: /host bits are set/ });
        throwsArgumentError(() => requireRuleCidr("203.0.113.7", "cidrs[1]"), {
            property: "cidrs[1]",
            message: /"203\.0\.113\.7".*IPv4 or IPv6 CIDR/,
        });
        throwsArgumentError(() => requireRuleCidr("2001:db8::/129", "cidrs[2]"), { property: "cidrs[2]", message: /IPv4 or IPv6 CIDR/ });
        throwsArgumentError(() => requireRuleCidr("anywhere", "cidrs[3]"), { property: "cidrs[3]", message: /IPv4 or IPv6 CIDR/ });
    });
});
