import { OdooStackFixture, productionCluster, singleNodeCluster } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const NAME = "odoo-shared-sessions";
const verdict = (f: OdooStackFixture, mode: "preview" | "update") => diagnosticsOf(NAME, f, mode);

function setTag(f: OdooStackFixture, key: string, value: string | undefined, names = ["erp-http", "erp-http-lt"]): OdooStackFixture {
    names.forEach((n) => f.setTag(n, key, value));
    return f;
}
const notSticky = (f: OdooStackFixture) => f.mutate("erp-web", (p) => delete p.stickiness);

describe(NAME, () => {
    inBothModes("accepts Redis sessions on a fleet", async (mode) => {
        expectNone(await verdict(productionCluster(), mode));
    });

    inBothModes("accepts sessions in a data_dir on EFS without stickiness", async (mode) => {
        expectNone(await verdict(notSticky(setTag(productionCluster(), "odoo:sessions", "filestore")), mode));
    });

    inBothModes("accepts local sessions on a single HTTP node", async (mode) => {
        expectNone(
            await verdict(
                setTag(singleNodeCluster(), "odoo:sessions", "local", ["sandbox-node"]).mutate("sandbox-web", (p) => delete p.stickiness),
                mode,
            ),
        );
    });

    inBothModes("accepts local sessions on a fleet behind a sticky target group", async (mode) => {
        expectNone(await verdict(setTag(productionCluster(), "odoo:sessions", "local"), mode));
    });

    inBothModes("rejects local sessions on a fleet without a sticky target group", async (mode) => {
        const f = notSticky(setTag(productionCluster(), "odoo:sessions", "local"));
        expectViolations(
            await verdict(f, mode),
            1,
            "mandatory",
            /can run up to 8 HTTP nodes, group erp-http \(maxSize 8\) keeps sessions on its own disk/,
            /no target group of the cluster is sticky/,
        );
    });

    inBothModes("rejects filestore sessions when the filestore is S3: the data_dir stays on the node", async (mode) => {
        const f = notSticky(setTag(setTag(productionCluster(), "odoo:sessions", "filestore"), "odoo:filestore", "s3"));
        expectViolations(await verdict(f, mode), 1, "mandatory", /sessions filestore, filestore s3/);
    });

    inBothModes("counts only HTTP nodes: the cron node serves no sessions", async (mode) => {
        const f = notSticky(setTag(productionCluster(), "odoo:sessions", "local", ["erp-cron", "erp-cron-lt"]));
        expectNone(await verdict(f, mode));
    });

    inBothModes("rejects a single node that can grow with local sessions and no target group", async (mode) => {
        const f = singleNodeCluster()
            .mutate("sandbox-node", (p) => (p.maxSize = 2))
            .remove("sandbox-https")
            .remove("sandbox-http-listener")
            .remove("sandbox-web");
        setTag(f, "odoo:sessions", "local", ["sandbox-node"]);
        expectViolations(await verdict(f, mode), 1, "mandatory", /the cluster has no target group/);
    });
});
