import { OdooStackFixture, computed, productionCluster, productionClusterOnS3, singleNodeCluster } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const NAME = "odoo-shared-filestore";
const verdict = (f: OdooStackFixture, mode: "preview" | "update") => diagnosticsOf(NAME, f, mode);

function setFilestore(f: OdooStackFixture, value: string | undefined): OdooStackFixture {
    for (const n of ["erp-http", "erp-cron", "erp-http-lt", "erp-cron-lt"]) {
        f.setTag(n, "odoo:filestore", value);
    }
    return f;
}

describe(NAME, () => {
    inBothModes("accepts a fleet on EFS", async (mode) => {
        expectNone(await verdict(productionCluster(), mode));
    });

    inBothModes("accepts a fleet on S3 with its bucket", async (mode) => {
        expectNone(await verdict(productionClusterOnS3(), mode));
    });

    inBothModes("accepts a local filestore on a single node that cannot grow", async (mode) => {
        expectNone(await verdict(singleNodeCluster(), mode));
    });

    inBothModes("rejects a local filestore on a fleet, once per node group", async (mode) => {
        const f = setFilestore(productionCluster(), "local");
        expectViolations(
            await verdict(f, mode),
            2,
            "mandatory",
            /can run up to 9 nodes/,
            /keeps attachments on its own disk \(odoo:filestore is local\)/,
        );
    });

    inBothModes("rejects a local filestore on one HTTP node plus the cron node: two nodes write attachments", async (mode) => {
        const f = setFilestore(productionCluster(), "local").mutate("erp-http", (p) => (p.maxSize = 1));
        expectViolations(await verdict(f, mode), 2, "mandatory", /can run up to 2 nodes/);
    });

    inBothModes("rejects a single node that can grow past one with a local filestore", async (mode) => {
        const f = singleNodeCluster().mutate("sandbox-node", (p) => (p.maxSize = 2));
        expectViolations(await verdict(f, mode), 1, "mandatory", /sandbox-node \(maxSize 2\) keeps attachments on its own disk/);
    });

    inBothModes("rejects nodes without a filestore tag on a fleet", async (mode) => {
        const f = setFilestore(productionCluster(), undefined);
        expectViolations(await verdict(f, mode), 2, "mandatory", /odoo:filestore is missing/);
    });

    inBothModes("rejects an EFS filestore the cluster does not have", async (mode) => {
        const f = productionCluster().remove("erp-files");
        expectViolations(await verdict(f, mode), 1, "mandatory", /use an EFS filestore, but the cluster has no EFS file system/);
    });

    inBothModes("rejects an S3 filestore the cluster does not have", async (mode) => {
        const f = productionClusterOnS3()
            .remove("erp-attachments-encryption")
            .remove("erp-attachments-public-access")
            .remove("erp-attachments");
        expectViolations(
            await verdict(f, mode),
            1,
            "mandatory",
            /use an S3 filestore, but the cluster has no S3 bucket with role filestore/,
        );
    });

    it("treats a fleet whose maxSize is not known at preview as more than one node", async () => {
        const f = singleNodeCluster().mutate("sandbox-node", (p) => (p.maxSize = computed(1)));
        expectViolations(await verdict(f, "preview"), 1, "mandatory", /an unknown number of nodes/);
        expectNone(await verdict(f, "update"));
    });
});
