import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { CapacityPlan } from "../../../components/contract/sizing";
import { availableStacks } from "../../../stacks/cli/stackFile";
import { capacityChartOf, main, parsePlanArguments } from "../../../stacks/cli/plan";

const STACKS = path.join(__dirname, "..", "..", "..", "stacks");

function planJson(argv: string[]): CapacityPlan {
    let out = "";
    let err = "";
    const code = main(
        [...argv, "--json"],
        (s) => (out += s),
        (s) => (err += s),
    );
    assert.equal(code, 0, err);
    return JSON.parse(out) as CapacityPlan;
}

describe("npm run plan with the capacity model", () => {
    it("carries the model block in --json: request rate, utilisation, p95 per class, maxUsers and the bottleneck", () => {
        const plan = planJson(["--users", "400"]);
        assert.equal(plan.model.requestsPerUserPerMinute, 12);
        for (const key of ["workers", "appCpu", "dbCpu"] as const) {
            assert.ok(plan.model.utilisation[key] > 0 && plan.model.utilisation[key] < 1, key);
        }
        assert.ok(plan.model.p95Seconds.light < plan.model.p95Seconds.heavy);
        assert.ok(plan.model.maxUsers >= 400);
        assert.equal(plan.model.bottleneck, "app-cpu");
    });

    it("plans more nodes for busier users (--requests-per-minute)", () => {
        assert.ok(planJson(["--users", "400", "--requests-per-minute", "36"]).httpNodes > planJson(["--users", "400"]).httpNodes);
    });

    for (const stack of availableStacks(STACKS)) {
        it(`answers for the shipped ${stack} stack how many users its cluster takes: at least the ones it declares`, () => {
            const plan = planJson(["--stack", stack]);
            assert.ok(plan.model.maxUsers >= plan.concurrentUsers, `${stack}: maxUsers ${plan.model.maxUsers} < ${plan.concurrentUsers}`);
            assert.deepEqual(plan.model.missedTargets, []);
        });
    }

    it("takes --users with --stack as a what-if on that stack's choices", () => {
        const declared = planJson(["--stack", "prod"]);
        const more = planJson(["--stack", "prod", "--users", String(declared.concurrentUsers + 200)]);
        assert.equal(more.concurrentUsers, declared.concurrentUsers + 200);
        assert.equal(more.database.instanceClass, declared.database.instanceClass, "the stack's pinned class stays");
    });

    it("keeps the README's prod capacity chart current (stacks/diagrams/prod-capacity.svg)", () => {
        const { request } = parsePlanArguments(["--stack", "prod"]);
        const plan = planJson(["--stack", "prod"]);
        assert.equal(
            fs.readFileSync(path.join(STACKS, "diagrams", "prod-capacity.svg"), "utf8"),
            capacityChartOf(plan, request),
            "regenerate: npm run -s plan -- --stack prod --chart stacks/diagrams/prod-capacity.svg",
        );
    });
});
