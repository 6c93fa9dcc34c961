import { FIXTURE_TYPES, OdooStackFixture, computed, productionCluster } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const NAME = "odoo-websocket-routing";
const verdict = (f: OdooStackFixture, mode: "preview" | "update") => diagnosticsOf(NAME, f, mode);

/** The cluster with its target group on Odoo's HTTP port and, optionally, a gevent target group routed by a rule. */
function direct(withRule: boolean, path = "/websocket"): OdooStackFixture {
    const f = productionCluster().mutate("erp-web", (p) => (p.port = 8069));
    if (withRule) {
        const tags = { ...(f.get("erp-web").props.tags as Record<string, string>) };
        f.add(
            {
                type: FIXTURE_TYPES.targetGroup,
                name: "erp-gevent",
                props: {
                    port: 8072,
                    protocol: "HTTP",
                    vpcId: computed("vpc-0main"),
                    stickiness: { enabled: true, type: "lb_cookie" },
                    tags,
                },
            },
            {
                type: FIXTURE_TYPES.listenerRule,
                name: "erp-websocket",
                props: {
                    listenerArn: computed("arn:aws:elasticloadbalancing:listener/443"),
                    priority: 1,
                    conditions: [{ pathPattern: { values: [path] } }],
                    actions: [{ type: "forward", targetGroupArn: computed("arn:aws:elasticloadbalancing:targetgroup/erp-gevent") }],
                    tags,
                },
                propertyDependencies: { listenerArn: ["erp-https"], actions: ["erp-gevent"] },
            },
        );
    }
    return f;
}

describe(NAME, () => {
    inBothModes("accepts a target group on the node proxy, which routes /websocket itself", async (mode) => {
        expectNone(await verdict(productionCluster(), mode));
    });

    inBothModes("accepts a listener rule sending /websocket to a gevent target group", async (mode) => {
        expectNone(await verdict(direct(true), mode));
        expectNone(await verdict(direct(true, "/websocket*"), mode));
    });

    inBothModes("advises when the ALB targets Odoo's HTTP port and nothing routes /websocket", async (mode) => {
        expectViolations(
            await verdict(direct(false), mode),
            1,
            "advisory",
            /no target group targets the node proxy \(8080\).*erp-web on port 8069/,
        );
    });

    inBothModes("advises when the websocket rule matches another path", async (mode) => {
        expectViolations(await verdict(direct(true, "/longpolling/*"), mode), 1, "advisory", /Odoo's live bus will not connect/);
    });
});
