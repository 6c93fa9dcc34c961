import { FIXTURE_TYPES, OdooStackFixture, computed, productionCluster, singleNodeCluster } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const NAME = "odoo-https-only-in-production";
const verdict = (f: OdooStackFixture, mode: "preview" | "update", config?: Record<string, unknown>) =>
    diagnosticsOf(NAME, f, mode, config ? { config: { [NAME]: config } } : {});
const httpActions = (actions: unknown) => productionCluster().mutate("erp-http-listener", (p) => (p.defaultActions = actions));

describe(NAME, () => {
    inBothModes("accepts a port-80 listener that redirects to HTTPS on 443", async (mode) => {
        expectNone(await verdict(productionCluster(), mode));
    });

    inBothModes("accepts plain HTTP forwarding outside production", async (mode) => {
        expectNone(await verdict(singleNodeCluster(), mode));
    });

    inBothModes("rejects a production port-80 listener that forwards to the nodes", async (mode) => {
        const f = httpActions([{ type: "forward", targetGroupArn: computed("arn:aws:elasticloadbalancing:tg") }]);
        expectViolations(
            await verdict(f, mode),
            1,
            "mandatory",
            /Plain-HTTP listener erp-http-listener has an action of type "forward"; cluster "erp" is production/,
        );
    });

    inBothModes("rejects a redirect that keeps port 80 (the ALB's #{port} default)", async (mode) => {
        expectViolations(
            await verdict(httpActions([{ type: "redirect", redirect: { protocol: "HTTPS", statusCode: "HTTP_301" } }]), mode),
            1,
            "mandatory",
            /redirect to HTTPS on port not set/,
        );
        expectViolations(
            await verdict(
                httpActions([{ type: "redirect", redirect: { protocol: "HTTPS", port: "#{port}", statusCode: "HTTP_301" } }]),
                mode,
            ),
            1,
            "mandatory",
            /port "#\{port\}"/,
        );
    });

    inBothModes("rejects a redirect to plain HTTP", async (mode) => {
        expectViolations(
            await verdict(httpActions([{ type: "redirect", redirect: { protocol: "HTTP", port: "8080", statusCode: "HTTP_301" } }]), mode),
            1,
            "mandatory",
            /a redirect to protocol "HTTP"/,
        );
    });

    inBothModes("treats a listener without a protocol as plain HTTP, the ALB's default, on any port", async (mode) => {
        const f = httpActions([{ type: "forward", targetGroupArn: computed("arn:tg") }]).mutate("erp-http-listener", (p) => {
            delete p.protocol;
            p.port = 8080;
        });
        expectViolations(await verdict(f, mode), 1, "mandatory", /Plain-HTTP listener erp-http-listener/);
    });

    inBothModes("rejects a listener rule that forwards on the plain-HTTP listener", async (mode) => {
        const f = productionCluster().add({
            type: FIXTURE_TYPES.listenerRule,
            name: "erp-api-over-http",
            props: {
                listenerArn: computed("arn:aws:elasticloadbalancing:listener/80"),
                priority: 10,
                conditions: [{ pathPattern: { values: ["/api/*"] } }],
                actions: [{ type: "forward", targetGroupArn: computed("arn:aws:elasticloadbalancing:tg") }],
            },
            propertyDependencies: { listenerArn: ["erp-http-listener"], actions: ["erp-web"] },
        });
        expectViolations(
            await verdict(f, mode),
            1,
            "mandatory",
            /Listener rule erp-api-over-http on plain-HTTP listener erp-http-listener has an action of type "forward"/,
        );
    });

    inBothModes("follows the configured production environments", async (mode) => {
        const forwarding = singleNodeCluster();
        expectViolations(await verdict(forwarding, mode, { productionEnvironments: ["dev"] }), 1, "mandatory", /sandbox-http-listener/);
        expectNone(await verdict(httpActions([{ type: "forward" }]), mode, { productionEnvironments: ["production-eu"] }));
    });

    it("rejects default actions that are not known at preview", async () => {
        const f = httpActions(computed([{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]));
        expectViolations(await verdict(f, "preview"), 1, "mandatory", /an action is not known at preview/);
        expectNone(await verdict(f, "update"));
    });
});
