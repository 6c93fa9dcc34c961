import { productionCluster, singleNodeCluster } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const NAME = "odoo-backups-outside-region";

describe(NAME, () => {
    inBothModes("accepts a production cluster whose backup plan copies to another region", async (mode) => {
        expectNone(await diagnosticsOf(NAME, productionCluster(), mode));
    });

    inBothModes("leaves a cluster that is not production alone", async (mode) => {
        expectNone(await diagnosticsOf(NAME, singleNodeCluster(), mode));
    });

    inBothModes("warns about a production plan that copies nothing out of the region", async (mode) => {
        const f = productionCluster().setTag("erp-backups-plan", "odoo:backup-copy-region", undefined);
        expectViolations(
            await diagnosticsOf(NAME, f, mode),
            1,
            "advisory",
            /Cluster "erp" is production and its backup plan erp-backups-plan copies nothing to another region/,
        );
    });

    inBothModes("warns about a production cluster without any backup plan", async (mode) => {
        const f = productionCluster().remove("erp-backups-plan");
        expectViolations(await diagnosticsOf(NAME, f, mode), 1, "advisory", /has no AWS Backup plan in this stack/);
    });

    inBothModes("rejects it when the pack config makes the policy mandatory", async (mode) => {
        const f = productionCluster().remove("erp-backups-plan");
        expectViolations(
            await diagnosticsOf(NAME, f, mode, { config: { [NAME]: { enforcementLevel: "mandatory" } } }),
            1,
            "mandatory",
            /every backup of it stays in its region/,
        );
    });
});
