import { computed, productionCluster } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const NAME = "odoo-cron-on-demand";

const spotShare = (base: unknown, share: unknown) => ({
    instancesDistribution: {
        onDemandBaseCapacity: base,
        onDemandPercentageAboveBaseCapacity: share,
        spotAllocationStrategy: "price-capacity-optimized",
    },
    launchTemplate: { launchTemplateSpecification: { launchTemplateId: computed("lt-x"), version: "1" }, overrides: [] },
});

describe(NAME, () => {
    inBothModes("accepts an on-demand cron group next to an HTTP fleet on a Spot share", async (mode) => {
        const f = productionCluster()
            .mutate("erp-http", (p) => (p.mixedInstancesPolicy = spotShare(4, 0)))
            .setTag("erp-http", "odoo:capacity", "spot-share");
        expectNone(await diagnosticsOf(NAME, f, mode));
    });

    inBothModes("rejects a cron group whose mixed instances policy runs part of it on Spot", async (mode) => {
        const f = productionCluster().mutate("erp-cron", (p) => (p.mixedInstancesPolicy = spotShare(0, 0)));
        expectViolations(
            await diagnosticsOf(NAME, f, mode),
            1,
            "mandatory",
            /erp-cron .* runs cron and may run on Spot/,
            /100 % above an on-demand base of 0/,
        );
    });

    inBothModes("accepts a cron group whose mixed instances policy is all on-demand", async (mode) => {
        const f = productionCluster().mutate("erp-cron", (p) => (p.mixedInstancesPolicy = spotShare(1, 0)));
        expectNone(await diagnosticsOf(NAME, f, mode));
    });

    inBothModes("rejects a cron group tagged odoo:capacity=spot-share", async (mode) => {
        const f = productionCluster().setTag("erp-cron", "odoo:capacity", "spot-share");
        expectViolations(await diagnosticsOf(NAME, f, mode), 1, "mandatory", /odoo:capacity tag is spot-share/);
    });

    inBothModes("rejects a cron launch template that asks for the spot market", async (mode) => {
        const f = productionCluster().mutate("erp-cron-lt", (p) => (p.instanceMarketOptions = { marketType: "spot" }));
        expectViolations(await diagnosticsOf(NAME, f, mode), 1, "mandatory", /erp-cron-lt asks for the spot market/);
    });

    it("reports a cron group whose Spot distribution is unknown at preview instead of assuming on-demand", async () => {
        const f = productionCluster().mutate("erp-cron", (p) => (p.mixedInstancesPolicy = spotShare(0, computed(100))));
        expectViolations(await diagnosticsOf(NAME, f, "preview"), 1, "mandatory", /not known at preview/);
        expectNone(await diagnosticsOf(NAME, f, "update"));
    });
});
