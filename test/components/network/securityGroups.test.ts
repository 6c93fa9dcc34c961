import { strict as assert } from "node:assert";
import { NFS_PORT, NODE_PROXY_PORT, POSTGRES_PORT, REDIS_PORT } from "../../../components/contract/ports";
import {
    DEFAULT_LOAD_BALANCER_INGRESS_CIDRS,
    DEFAULT_NODE_EGRESS_PORTS,
    SecurityGroupRule,
    planSecurityGroupRules,
    requireLoadBalancerIngressCidrs,
    requireNodeEgressPorts,
} from "../../../components/network/securityGroups";
import { throwsArgumentError } from "../../harness/argumentErrors";

const defaults = () =>
    planSecurityGroupRules({
        loadBalancerIngressCidrs: [...DEFAULT_LOAD_BALANCER_INGRESS_CIDRS],
        nodeEgressPorts: [...DEFAULT_NODE_EGRESS_PORTS],
    });

function isOpenToInternet(rule: SecurityGroupRule): boolean {
    return rule.peer.cidrIpv4 === "0.0.0.0/0" || rule.peer.cidrIpv6 === "::/0";
}

describe("the security-group rule plan", () => {
    it("opens only the load balancer's 80 and 443 to the internet", () => {
        const open = defaults().filter((r) => r.direction === "ingress" && isOpenToInternet(r));
        assert.deepEqual(open.map((r) => `${r.securityGroup}:${r.port}:${r.peer.cidrIpv4 ?? r.peer.cidrIpv6}`).sort(), [
            "loadBalancer:443:0.0.0.0/0",
            "loadBalancer:443:::/0",
            "loadBalancer:80:0.0.0.0/0",
            "loadBalancer:80:::/0",
        ]);
    });

    it("lets each data service in on its one port, from the nodes only", () => {
        const ingress = defaults().filter((r) => r.direction === "ingress" && r.securityGroup !== "loadBalancer");
        assert.deepEqual(
            ingress.map((r) => [r.securityGroup, r.port, r.peer]),
            [
                ["nodes", NODE_PROXY_PORT, { securityGroup: "loadBalancer" }],
                ["database", POSTGRES_PORT, { securityGroup: "nodes" }],
                ["cache", REDIS_PORT, { securityGroup: "nodes" }],
                ["filestore", NFS_PORT, { securityGroup: "nodes" }],
            ],
        );
    });

    it("lets the load balancer out to the node proxy only, never straight to Odoo's 8069", () => {
        const egress = defaults().filter((r) => r.securityGroup === "loadBalancer" && r.direction === "egress");
        assert.deepEqual(
            egress.map((r) => [r.port, r.peer]),
            [[NODE_PROXY_PORT, { securityGroup: "nodes" }]],
        );
    });

    it("gives the data services no egress at all", () => {
        assert.deepEqual(
            defaults().filter((r) => r.direction === "egress" && ["database", "cache", "filestore"].includes(r.securityGroup)),
            [],
        );
    });

    it("lets the nodes out to the data services by group and to the internet on the listed ports only", () => {
        const egress = defaults().filter((r) => r.securityGroup === "nodes" && r.direction === "egress");
        assert.deepEqual(
            egress.filter((r) => r.peer.securityGroup).map((r) => `${r.peer.securityGroup}:${r.port}`),
            ["database:5432", "cache:6379", "filestore:2049"],
        );
        assert.deepEqual(
            egress.filter((r) => r.peer.cidrIpv4).map((r) => r.port),
            [443, 80, 465, 587, 993],
        );
    });

    it("gives every rule a unique key, and exactly one peer", () => {
        const rules = planSecurityGroupRules({
            loadBalancerIngressCidrs: ["203.0.113.0/24", "2001:db8::/32"],
            nodeEgressPorts: [443, 636],
        });
        assert.equal(new Set(rules.map((r) => r.key)).size, rules.length);
        for (const rule of rules) {
            assert.equal(
                [rule.peer.cidrIpv4, rule.peer.cidrIpv6, rule.peer.securityGroup].filter((p) => p !== undefined).length,
                1,
                rule.key,
            );
        }
        assert.ok(rules.some((r) => r.key === "lb-in-443-203-0-113-0-24"));
        assert.ok(rules.some((r) => r.key === "nodes-out-636-ipv4-any"));
    });

    it("restricts the load balancer to the listed client ranges", () => {
        const rules = planSecurityGroupRules({
            loadBalancerIngressCidrs: requireLoadBalancerIngressCidrs(["198.51.100.0/24"]),
            nodeEgressPorts: [443],
        });
        assert.equal(rules.filter((r) => r.direction === "ingress" && isOpenToInternet(r)).length, 0);
        assert.deepEqual(
            rules.filter((r) => r.securityGroup === "loadBalancer" && r.direction === "ingress").map((r) => [r.port, r.peer.cidrIpv4]),
            [
                [80, "198.51.100.0/24"],
                [443, "198.51.100.0/24"],
            ],
        );
    });

    it("rejects an empty client list, which would make Odoo unreachable", () => {
        throwsArgumentError(() => requireLoadBalancerIngressCidrs([]), {
            property: "loadBalancerIngressCidrs",
            message: /is \[\]; accepted: a non-empty list/,
        });
    });

    it("rejects a malformed or repeated client CIDR, naming its index", () => {
        throwsArgumentError(() => requireLoadBalancerIngressCidrs(["0.0.0.0/0", "office"]), {
            property: "loadBalancerIngressCidrs[1]",
            message: /"office"/,
        });
        throwsArgumentError(() => requireLoadBalancerIngressCidrs(["::/0", "::/0"]), {
            property: "loadBalancerIngressCidrs[1]",
            message: /each CIDR once/,
        });
    });

    it("rejects node egress without 443, since nodes reach SSM and the registry over HTTPS", () => {
        throwsArgumentError(() => requireNodeEgressPorts([80, 587]), {
            property: "nodeEgressPorts",
            message: /\[80,587\]; accepted: a list of TCP ports that includes 443 \(nodes reach SSM/,
        });
    });

    it("rejects an out-of-range or repeated node egress port", () => {
        throwsArgumentError(() => requireNodeEgressPorts([443, 70000]), {
            property: "nodeEgressPorts[1]",
            message: /70000; accepted: a whole number from 1 to 65535/,
        });
        throwsArgumentError(() => requireNodeEgressPorts([443, 443]), { property: "nodeEgressPorts[1]", message: /each port once/ });
    });
});
