import { strict as assert } from "node:assert";
import { CapacityModel } from "../../../components/contract/capacityModel";
import { DEFAULT_WORKLOAD } from "../../../components/contract/workload";
import { renderCapacityChart } from "../../../stacks/cli/capacityChart";

/** Checks that every element is closed in order: enough to call the text well-formed SVG here. */
function assertBalanced(svg: string): void {
    const stack: string[] = [];
    for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
        const [, closing, name, selfClosing] = m;
        if (selfClosing) {
            continue;
        }
        if (closing) {
            assert.equal(stack.pop(), name, `</${name}> closes what was opened`);
        } else {
            stack.push(name);
        }
    }
    assert.deepEqual(stack, []);
}

describe("the capacity chart", () => {
    const model = new CapacityModel(
        { httpNodes: 3, workersPerNode: 6, vcpuPerNode: 4, databaseVcpu: 8, replicaVcpu: 0, replicaRouting: false },
        DEFAULT_WORKLOAD,
    );
    const svg = renderCapacityChart(model, "staging <3 nodes>", 200);

    it("is a well-formed SVG document with its title escaped", () => {
        assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        assertBalanced(svg);
        assert.ok(svg.includes("staging &lt;3 nodes&gt;"));
    });

    it("draws p95 of both classes and the busy share of workers, cores and database, each as a line of 60 points", () => {
        for (const key of ["light", "heavy", "workers", "appCpu", "databaseCpu"]) {
            const path = new RegExp(`data-series="${key}" d="([^"]+)"`).exec(svg);
            assert.ok(path, key);
            assert.equal(path[1].split(" ").length, 60, key);
        }
    });

    it("marks the declared users and the model's maxUsers with its bottleneck", () => {
        assert.ok(svg.includes("declared: 200 users"));
        assert.ok(svg.includes(`maxUsers: ${model.maxUsers()} (bottleneck: ${model.bottleneck()})`));
    });
});
