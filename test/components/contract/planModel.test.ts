import { strict as assert } from "node:assert";
import { planCapacity } from "../../../components/contract/sizing";
import { DEFAULT_WORKLOAD, meanServiceSeconds } from "../../../components/contract/workload";

describe("planning with the capacity model", () => {
    it("keeps the guide's table at its boundaries under the default workload, and says what the model predicts", () => {
        for (const users of [1, 50, 51, 150, 151, 300, 301, 500, 501, 2000, 5000]) {
            const plan = planCapacity({ concurrentUsers: users });
            assert.deepEqual(plan.model.raisedAboveTable, [], `${users} users`);
            assert.deepEqual(plan.model.missedTargets, [], `${users} users`);
            assert.ok(plan.model.maxUsers >= users, `${users} users: maxUsers ${plan.model.maxUsers}`);
            assert.equal(plan.model.requestsPerUserPerMinute, 12);
        }
    });

    it("predicts worker utilisation as users × r / 60 × mean service time / workers within 15 % below saturation (400 users)", () => {
        const plan = planCapacity({ concurrentUsers: 400 });
        const law = (400 * (DEFAULT_WORKLOAD.requestsPerUserPerMinute / 60) * meanServiceSeconds(DEFAULT_WORKLOAD)) / plan.totalWorkers;
        assert.ok(Math.abs(plan.model.utilisation.workers - law) / law <= 0.15, `${plan.model.utilisation.workers} vs ${law}`);
    });

    it("adds HTTP nodes above the table when users send more requests, and says why", () => {
        const table = planCapacity({ concurrentUsers: 300 });
        const busy = planCapacity({ concurrentUsers: 300, workload: { requestsPerUserPerMinute: 40 } });
        assert.ok(busy.httpNodes > table.httpNodes, `${busy.httpNodes} > ${table.httpNodes}`);
        assert.deepEqual(busy.model.missedTargets, []);
        assert.equal(busy.model.raisedAboveTable.filter((r) => r.endsWith("one more HTTP node")).length, busy.httpNodes - table.httpNodes);
        assert.match(busy.model.raisedAboveTable[0], /misses its targets at 300 users .*bottleneck: app-cpu\): one more HTTP node/);
        assert.match(busy.model.workloadTag ?? "", /^r=40 /);
    });

    it("plans more capacity as the request rate rises (monotone)", () => {
        const nodes = [6, 12, 24, 48, 96].map(
            (r) => planCapacity({ concurrentUsers: 500, workload: { requestsPerUserPerMinute: r } }).httpNodes,
        );
        for (let i = 1; i < nodes.length; i++) {
            assert.ok(nodes[i] >= nodes[i - 1], `${nodes}`);
        }
        assert.ok(nodes[nodes.length - 1] > nodes[0], `${nodes}`);
    });

    it("raises the database class when the database is the bottleneck", () => {
        const plan = planCapacity({ concurrentUsers: 300, workload: { requestsPerUserPerMinute: 30, databaseShare: 0.8 } });
        assert.ok(plan.database.vcpu > 8, plan.database.instanceClass);
        assert.ok(plan.model.raisedAboveTable.some((r) => /db\.m7g\./.test(r)));
    });

    it("never raises what the operator fixed: it keeps httpNodes and warns with the model's verdict", () => {
        const plan = planCapacity({ concurrentUsers: 300, httpNodes: 3, workload: { requestsPerUserPerMinute: 40 } });
        assert.equal(plan.httpNodes, 3);
        assert.ok(plan.model.missedTargets.length > 0);
        assert.ok(
            plan.warnings.some((w) => /capacity model misses its targets .*httpNodes is fixed, so the plan keeps it/.test(w)),
            plan.warnings.join("\n"),
        );
    });

    it("names a bad workload value with its path", () => {
        assert.throws(
            () => planCapacity({ concurrentUsers: 300, workload: { requestsPerUserPerMinute: 0 } }),
            /workload\.requestsPerUserPerMinute is 0; accepted: a number from 0\.1 to 600/,
        );
    });
});
