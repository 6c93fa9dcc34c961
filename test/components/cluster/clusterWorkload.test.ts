import { strict as assert } from "node:assert";
import { OdooCluster } from "../../../components/cluster/cluster";
import { planCapacity } from "../../../components/contract/sizing";
import { TAG } from "../../../components/contract/tags";
import { parseWorkloadTag } from "../../../components/contract/workload";
import { RecordedResource, runWithMocks } from "../../harness/pulumiMocks";

const ASG = "aws:autoscaling/group:Group";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";

function asgTags(asg: RecordedResource): Record<string, string> {
    return Object.fromEntries((asg.inputs.tags as { key: string; value: string }[]).map((t) => [t.key, t.value]));
}

describe("OdooCluster with a declared workload", () => {
    const busy = { requestsPerUserPerMinute: 40 };
    const build = (workload?: { requestsPerUserPerMinute: number }) => () =>
        new OdooCluster("erp", {
            environment: "staging",
            concurrentUsers: 300,
            loadBalancer: { allowHttpOnly: true },
            ...(workload ? { workload } : {}),
        });

    it("builds the HTTP fleet the model's plan asks for, above the guide's table", async () => {
        const run = await runWithMocks(build(busy), { preview: true });
        const http = run.ofType(ASG).find((g) => asgTags(g)[TAG.role] === "http")!;
        const plan = planCapacity({ concurrentUsers: 300, workload: busy });
        assert.ok(plan.httpNodes > planCapacity({ concurrentUsers: 300 }).httpNodes);
        assert.equal(http.inputs.minSize, plan.httpNodes);
    });

    it("writes the workload on every node group and launch template for the policy pack (odoo:workload)", async () => {
        const run = await runWithMocks(build(busy), { preview: true });
        for (const group of run.ofType(ASG)) {
            assert.equal(parseWorkloadTag(asgTags(group)[TAG.workload])?.requestsPerUserPerMinute, 40, group.name);
        }
        for (const template of run.ofType(LT)) {
            assert.equal(parseWorkloadTag((template.inputs.tags as Record<string, string>)[TAG.workload])?.requestsPerUserPerMinute, 40);
        }
    });

    it("writes no workload tag when the cluster declares none (the pack then assumes the default)", async () => {
        const run = await runWithMocks(build(), { preview: true });
        assert.ok(run.ofType(ASG).every((g) => asgTags(g)[TAG.workload] === undefined));
    });
});
