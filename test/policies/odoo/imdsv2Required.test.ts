import { OdooStackFixture, FIXTURE_TYPES, productionCluster } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const NAME = "odoo-imdsv2-required";
const verdict = (f: OdooStackFixture, mode: "preview" | "update") => diagnosticsOf(NAME, f, mode);

function withInstance(props: Record<string, unknown>): OdooStackFixture {
    const f = productionCluster();
    const tags = { ...(f.get("erp-http-lt").props.tags as Record<string, string>) };
    return f.add({
        type: FIXTURE_TYPES.instance,
        name: "erp-extra",
        props: { instanceType: "c7g.xlarge", rootBlockDevice: { encrypted: true }, ...props, tags },
    });
}

describe(NAME, () => {
    inBothModes("accepts launch templates that require IMDSv2", async (mode) => {
        expectNone(await verdict(productionCluster(), mode));
    });

    inBothModes("rejects a launch template that allows IMDSv1", async (mode) => {
        const f = productionCluster().mutate(
            "erp-cron-lt",
            (p) => (p.metadataOptions = { httpEndpoint: "enabled", httpTokens: "optional" }),
        );
        expectViolations(
            await verdict(f, mode),
            1,
            "mandatory",
            /erp-cron-lt of cluster "erp": metadataOptions.httpTokens is "optional"; it must be "required"/,
        );
    });

    inBothModes("rejects a launch template without metadata options: EC2's default allows IMDSv1", async (mode) => {
        const f = productionCluster().mutate("erp-http-lt", (p) => delete p.metadataOptions);
        expectViolations(await verdict(f, mode), 1, "mandatory", /httpTokens is not set \(EC2's default allows IMDSv1\)/);
    });

    inBothModes("accepts a disabled metadata endpoint", async (mode) => {
        expectNone(
            await verdict(
                productionCluster().mutate("erp-http-lt", (p) => (p.metadataOptions = { httpEndpoint: "disabled" })),
                mode,
            ),
        );
    });

    inBothModes("checks standalone instances of the cluster too", async (mode) => {
        expectViolations(await verdict(withInstance({}), mode), 1, "mandatory", /erp-extra/);
        expectNone(await verdict(withInstance({ metadataOptions: { httpTokens: "required" } }), mode));
    });

    inBothModes("leaves an instance launched from a template to the template's options", async (mode) => {
        expectNone(await verdict(withInstance({ launchTemplate: { name: "erp-http-lt" } }), mode));
    });
});
