import { OdooStackFixture, computed, productionCluster } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const NAME = "odoo-session-cache-encrypted";
const verdict = (f: OdooStackFixture, mode: "preview" | "update") => diagnosticsOf(NAME, f, mode);
const cache = (change: (p: Record<string, unknown>) => void) => productionCluster().mutate("erp-sessions", change);

describe(NAME, () => {
    inBothModes("accepts a cache encrypted at rest and in transit, with its AUTH token unknown and secret", async (mode) => {
        expectNone(await verdict(productionCluster(), mode));
    });

    inBothModes("accepts transitEncryptionMode required", async (mode) => {
        expectNone(
            await verdict(
                cache((p) => (p.transitEncryptionMode = "required")),
                mode,
            ),
        );
    });

    inBothModes("rejects a cache without at-rest encryption", async (mode) => {
        expectViolations(
            await verdict(
                cache((p) => (p.atRestEncryptionEnabled = false)),
                mode,
            ),
            1,
            "mandatory",
            /atRestEncryptionEnabled is false/,
        );
    });

    inBothModes("rejects a cache without transit encryption", async (mode) => {
        expectViolations(
            await verdict(
                cache((p) => delete p.transitEncryptionEnabled),
                mode,
            ),
            1,
            "mandatory",
            /transitEncryptionEnabled is not set/,
        );
    });

    inBothModes("rejects the preferred transit mode, which still accepts plaintext clients", async (mode) => {
        expectViolations(
            await verdict(
                cache((p) => (p.transitEncryptionMode = "preferred")),
                mode,
            ),
            1,
            "mandatory",
            /transitEncryptionMode is "preferred"/,
        );
    });

    it("rejects an encryption flag that is not known at preview", async () => {
        const f = cache((p) => (p.atRestEncryptionEnabled = computed(true)));
        expectViolations(await verdict(f, "preview"), 1, "mandatory", /atRestEncryptionEnabled is not known at preview/);
        expectNone(await verdict(f, "update"));
    });
});
