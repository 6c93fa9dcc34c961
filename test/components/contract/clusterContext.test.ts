import { strict as assert } from "node:assert";
import { capacityPlanOf, resolveClusterContext, tagsFor } from "../../../components/contract/clusterContext";
import { planCapacity } from "../../../components/contract/sizing";
import { throwsArgumentError } from "../../harness/argumentErrors";

const valid = { name: "erp", environment: "prod", concurrentUsers: 300 };

function rejects(context: unknown, property: string): void {
    throwsArgumentError(() => resolveClusterContext(context as never), { property });
}

describe("the cluster context every component takes", () => {
    it("treats prod and production as production unless told otherwise", () => {
        assert.equal(resolveClusterContext(valid).production, true);
        assert.equal(resolveClusterContext({ ...valid, environment: "production" }).production, true);
        assert.equal(resolveClusterContext({ ...valid, environment: "staging" }).production, false);
        assert.equal(resolveClusterContext({ ...valid, environment: "live", production: true }).production, true);
    });

    it("tags a resource with the contract and the user's tags", () => {
        const tags = tagsFor(resolveClusterContext({ ...valid, tags: { Team: "erp" } }), "lb");
        assert.equal(tags["odoo:role"], "lb");
        assert.equal(tags.Team, "erp");
    });

    it("hands a composing component's capacity plan down, and plans for a component alone", () => {
        const plan = planCapacity({ concurrentUsers: 300, production: true, httpNodes: 7 });
        assert.equal(capacityPlanOf(resolveClusterContext({ ...valid, capacityPlan: plan })), plan);
        assert.equal(capacityPlanOf(resolveClusterContext(valid)).httpNodes, 3);
        assert.equal(capacityPlanOf(resolveClusterContext(valid), { httpNodes: 4 }).httpNodes, 4);
    });
    it("rejects a capacity plan made for other users", () =>
        rejects({ ...valid, capacityPlan: planCapacity({ concurrentUsers: 301, production: true }) }, "cluster.capacityPlan"));
    it("rejects a capacity plan made for another environment", () =>
        rejects({ ...valid, capacityPlan: planCapacity({ concurrentUsers: 300 }) }, "cluster.capacityPlan"));
    it("rejects a missing context", () => rejects(undefined, "cluster"));
    it("rejects an upper-case or too long name", () => {
        rejects({ ...valid, name: "ERP" }, "cluster.name");
        rejects({ ...valid, name: "a".repeat(21) }, "cluster.name");
    });
    it("rejects an environment with spaces", () => rejects({ ...valid, environment: "my env" }, "cluster.environment"));
    it("rejects zero users", () => rejects({ ...valid, concurrentUsers: 0 }, "cluster.concurrentUsers"));
    it("rejects a user tag in the odoo: namespace", () => rejects({ ...valid, tags: { "odoo:role": "x" } }, 'cluster.tags["odoo:role"]'));
    it("rejects a non-string tag value", () => rejects({ ...valid, tags: { a: 1 } }, 'cluster.tags["a"]'));
});
