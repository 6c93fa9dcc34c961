import { strict as assert } from "node:assert";
import { OdooStackFixture, computed, productionCluster, productionClusterOnS3 } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const NAME = "odoo-filestore-protected";
const verdict = (f: OdooStackFixture, mode: "preview" | "update") => diagnosticsOf(NAME, f, mode);

describe(NAME, () => {
    inBothModes("accepts an encrypted EFS file system", async (mode) => {
        expectNone(await verdict(productionCluster(), mode));
    });

    inBothModes(
        "matches the bucket's encryption and public-access block through dependencies while the bucket ID is unknown",
        async (mode) => {
            expectNone(await verdict(productionClusterOnS3(), mode));
        },
    );

    inBothModes("rejects an unencrypted EFS file system", async (mode) => {
        const f = productionCluster().mutate("erp-files", (p) => delete p.encrypted);
        expectViolations(await verdict(f, mode), 1, "mandatory", /EFS file system erp-files of cluster "erp": encrypted is not set/);
    });

    inBothModes("rejects a filestore bucket without default encryption", async (mode) => {
        const f = productionClusterOnS3().remove("erp-attachments-encryption");
        const diagnostics = await verdict(f, mode);
        expectViolations(
            diagnostics,
            1,
            "mandatory",
            /bucket erp-attachments .* not shown to be encrypted: no BucketServerSideEncryptionConfiguration applies to it/,
        );
        assert.ok(diagnostics[0].urn.endsWith("::erp-attachments"));
    });

    inBothModes("rejects an encryption rule without an algorithm S3 accepts", async (mode) => {
        const f = productionClusterOnS3().mutate("erp-attachments-encryption", (p) => (p.rules = [{ bucketKeyEnabled: true }]));
        expectViolations(await verdict(f, mode), 1, "mandatory", /default encryption algorithm is ""/);
    });

    inBothModes("rejects a filestore bucket without a public-access block", async (mode) => {
        const f = productionClusterOnS3().remove("erp-attachments-public-access");
        expectViolations(await verdict(f, mode), 1, "mandatory", /may become public: no BucketPublicAccessBlock applies to it/);
    });

    inBothModes("rejects a public-access block that leaves one door open", async (mode) => {
        const f = productionClusterOnS3().mutate("erp-attachments-public-access", (p) => (p.restrictPublicBuckets = false));
        expectViolations(await verdict(f, mode), 1, "mandatory", /leaves restrictPublicBuckets false \(all four must be true\)/);
    });

    inBothModes("does not credit another bucket's encryption to the filestore", async (mode) => {
        const f = productionClusterOnS3();
        f.get("erp-attachments-encryption").propertyDependencies = { bucket: ["audit-logs"] };
        f.mutate("erp-attachments-encryption", (p) => (p.bucket = computed("acme-audit-logs")));
        expectViolations(await verdict(f, mode), 1, "mandatory", /no BucketServerSideEncryptionConfiguration applies to it/);
    });

    it("matches by bucket name when no dependency was recorded and both names are known", async () => {
        const f = productionClusterOnS3();
        f.get("erp-attachments-encryption").propertyDependencies = {};
        f.get("erp-attachments-public-access").propertyDependencies = {};
        // Literal bucket names: known in both modes.
        f.mutate("erp-attachments-encryption", (p) => (p.bucket = "acme-erp-attachments"));
        f.mutate("erp-attachments-public-access", (p) => (p.bucket = "acme-erp-attachments"));
        expectNone(await verdict(f, "preview"));
        expectNone(await verdict(f, "update"));
    });
});
