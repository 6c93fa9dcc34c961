import { strict as assert } from "node:assert";
import { OdooStackFixture, computed, productionCluster } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";
import { TYPE } from "../../harness/resourceTypes";

const NAME = "odoo-sticky-target-groups";
const verdict = (f: OdooStackFixture, mode: "preview" | "update") => diagnosticsOf(NAME, f, mode);
const stickiness = (value: unknown) => productionCluster().mutate("erp-web", (p) => (p.stickiness = value));

describe(NAME, () => {
    inBothModes("accepts an lb_cookie target group", async (mode) => {
        expectNone(await verdict(productionCluster(), mode));
    });

    inBothModes("accepts an app_cookie on Odoo's session_id", async (mode) => {
        expectNone(await verdict(stickiness({ enabled: true, type: "app_cookie", cookieName: "session_id" }), mode));
    });

    inBothModes("accepts a stickiness block without enabled: the provider's default is true", async (mode) => {
        expectNone(await verdict(stickiness({ type: "lb_cookie" }), mode));
    });

    inBothModes("rejects a target group without stickiness, reporting it against the target group", async (mode) => {
        const diagnostics = await verdict(stickiness(undefined), mode);
        expectViolations(diagnostics, 1, "mandatory", /Target group erp-web of cluster "erp" is not sticky: stickiness is not set/);
        assert.ok(diagnostics[0].urn.endsWith("::erp-web"));
    });

    inBothModes("rejects disabled stickiness", async (mode) => {
        expectViolations(
            await verdict(stickiness({ enabled: false, type: "lb_cookie" }), mode),
            1,
            "mandatory",
            /stickiness.enabled is false/,
        );
    });

    inBothModes("rejects an app_cookie without a cookie name", async (mode) => {
        expectViolations(
            await verdict(stickiness({ enabled: true, type: "app_cookie" }), mode),
            1,
            "mandatory",
            /needs cookieName \(Odoo's is "session_id"\)/,
        );
    });

    inBothModes("rejects source_ip stickiness, which ALBs do not have", async (mode) => {
        expectViolations(
            await verdict(stickiness({ enabled: true, type: "source_ip" }), mode),
            1,
            "mandatory",
            /an ALB needs "lb_cookie" or "app_cookie"/,
        );
    });

    inBothModes("rejects an lb_cookie duration outside the ALB's range", async (mode) => {
        expectViolations(
            await verdict(stickiness({ enabled: true, type: "lb_cookie", cookieDuration: 700000 }), mode),
            1,
            "mandatory",
            /cookieDuration 700000 is outside 1–604800/,
        );
    });

    it("rejects stickiness that is not known at preview instead of the can't-run advisory", async () => {
        const f = stickiness(computed({ enabled: true, type: "lb_cookie" }));
        expectViolations(await verdict(f, "preview"), 1, "mandatory", /stickiness is not known at preview/);
        expectNone(await verdict(f, "update"));
    });

    inBothModes("leaves target groups of other stacks' clusters and untagged ones alone", async (mode) => {
        const f = productionCluster().add({
            type: TYPE.targetGroup,
            name: "grafana",
            props: { port: 3000, protocol: "HTTP" },
        });
        expectNone(await verdict(f, mode));
    });
});
