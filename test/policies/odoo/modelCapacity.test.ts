import { strict as assert } from "node:assert";
import { CapacityModel } from "../../../components/contract/capacityModel";
import { DEFAULT_WORKLOAD, formatWorkloadTag, parseWorkloadTag } from "../../../components/contract/workload";
import { OdooStackFixture, computed, productionCluster } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const NAME = "odoo-capacity-model";
const verdict = (f: OdooStackFixture, mode: "preview" | "update") => diagnosticsOf(NAME, f, mode);

/** The fixture's cluster: 8 × c7g.xlarge (4 vCPU) at maxSize, 6 workers each, db.m7g.4xlarge (16 vCPU). */
const ERP_MODEL = new CapacityModel(
    { httpNodes: 8, workersPerNode: 6, vcpuPerNode: 4, databaseVcpu: 16, replicaVcpu: 16, replicaRouting: false },
    DEFAULT_WORKLOAD,
);

describe(NAME, () => {
    inBothModes("accepts 400 declared users on 8 nodes of 6 workers under the default workload", async (mode) => {
        assert.ok(ERP_MODEL.maxUsers() >= 400, `${ERP_MODEL.maxUsers()}`);
        expectNone(await verdict(productionCluster(), mode));
    });

    inBothModes(
        "advises when the workload on the nodes' tag asks more than the cluster gives, naming maxUsers and the bottleneck",
        async (mode) => {
            const heavy = formatWorkloadTag({ ...DEFAULT_WORKLOAD, requestsPerUserPerMinute: 60 });
            const f = productionCluster().setTag("erp-http", "odoo:workload", heavy);
            expectViolations(
                await verdict(f, mode),
                1,
                "advisory",
                /declares 400 concurrent users; the capacity model gives it \d+ \(bottleneck: app-cpu; at 400 users: .*node cores \d+ % busy > 70 %/,
            );
        },
    );

    inBothModes("advises when the HTTP fleet at maxSize is too small for the declared users", async (mode) => {
        const f = productionCluster().mutate("erp-http", (p) => (p.maxSize = 2));
        expectViolations(await verdict(f, mode), 1, "advisory", /the capacity model gives it \d+/);
    });

    it("stays silent when the fleet's maxSize is not known at preview (the model cannot run), and judges it at update", async () => {
        const f = productionCluster().mutate("erp-http", (p) => (p.maxSize = computed(2)));
        expectNone(await verdict(f, "preview"));
        expectViolations(await verdict(f, "update"), 1, "advisory", /the capacity model gives it/);
    });

    it("reads back the workload tag it writes, and refuses a tag in another format", () => {
        const tag = formatWorkloadTag(DEFAULT_WORKLOAD);
        assert.match(tag, /^[A-Za-z0-9 _.:/=+\-@]{1,256}$/, "AWS's tag value characters and length");
        assert.deepEqual(parseWorkloadTag(tag), DEFAULT_WORKLOAD);
        assert.equal(parseWorkloadTag("r=12"), undefined);
        assert.equal(parseWorkloadTag("r=0 ls=0.8 lm=0.1 lcv=1 hm=0.6 hcv=1 db=0.25 cpu=0.9 ro=0.2"), undefined, "out of range");
    });
});
