import { strict as assert } from "node:assert";
import { PolicyAnalyzerClient, startPolicyAnalyzer } from "../../../stacks/engine/policyAnalyzer";
import { PreviewReport, main, runPreview } from "../../../stacks/cli/preview";
import { flattenTree } from "../../../stacks/cli/previewTree";
import { packPolicies } from "../../../policies/packPolicies";
import { builtPolicyPack } from "../../harness/builtPolicyPack";
import { assertArgumentError } from "../../harness/argumentErrors";
import { TYPE } from "../../harness/resourceTypes";

/** The mandatory policies a report says were violated. */
function mandatoryFailures(report: PreviewReport): string[] {
    return report.policies.filter((p) => p.violations.some((v) => v.enforcementLevel === "mandatory")).map((p) => p.name);
}

describe("the offline preview (npm run preview)", function () {
    this.timeout(300_000);
    let analyzer: PolicyAnalyzerClient;
    // Each shipped stack is previewed once and its report read by several tests.
    const shipped = new Map<string, Promise<PreviewReport>>();
    const previewShipped = (stack: string) => {
        if (!shipped.has(stack)) {
            shipped.set(stack, runPreview({ stack, analyzer }));
        }
        return shipped.get(stack)!;
    };

    before(async () => {
        // The build `npm run preview` boots (it keeps its copy in dist/; the tests build theirs outside the checkout).
        analyzer = await startPolicyAnalyzer({ packDir: builtPolicyPack().dir });
    });
    after(async () => {
        await analyzer?.close();
    });

    for (const stack of ["dev", "staging", "prod", "prod-dr"]) {
        it(`previews the shipped ${stack} stack with no mandatory violation and no policy skipped for unknowns`, async () => {
            const report = await previewShipped(stack);
            assert.deepEqual(mandatoryFailures(report), []);
            assert.equal(report.mandatoryViolations, 0);
            const skipped = report.policies.flatMap((p) => p.violations).filter((v) => /can't run|during preview/i.test(v.message));
            assert.deepEqual(skipped, []);
            assert.ok(report.resourceTotal > 50, `${report.resourceTotal} resources`);
            // Every policy of the pack reports a verdict, none silently left out.
            assert.deepEqual(
                report.policies.map((p) => p.name),
                packPolicies.map((p) => p.name),
            );
        });
    }

    it("shapes each stack as its environment needs: one node in dev, a fleet with replicas and Redis in prod", async () => {
        const dev = await previewShipped("dev");
        assert.equal(dev.plan.singleNode, true);
        assert.equal(dev.plan.database.replicas, 0);
        assert.equal(dev.plan.sessions, "filestore");
        assert.equal(dev.resourceCounts[TYPE.cacheReplicationGroup], undefined);
        const prod = await previewShipped("prod");
        assert.ok(prod.plan.concurrentUsers >= 300);
        assert.equal(prod.plan.singleNode, false);
        assert.ok(prod.plan.database.replicas >= 1);
        assert.equal(prod.plan.database.multiAz, true);
        assert.equal(prod.plan.sessions, "redis");
        assert.equal(prod.resourceCounts[TYPE.cacheReplicationGroup], 1);
        assert.equal(prod.resourceCounts[TYPE.dbInstance], 1 + prod.plan.database.replicas);
        assert.ok(prod.monthlyCost.total > dev.monthlyCost.total);
    });

    it("prints the cost figures the levers are judged by: prod's fleet at most half its always-on on-demand cost, prod 25 % below $6,472, dev at most $150", async () => {
        const prod = await runPreview({ stack: "prod", analyzer });
        const c = prod.monthlyCost;
        assert.ok(prod.plan.spot.enabled && prod.plan.officeHours !== undefined);
        assert.ok(c.httpFleet.total <= 0.5 * c.httpFleet.alwaysOnOnDemand, `${c.httpFleet.total} vs ${c.httpFleet.alwaysOnOnDemand}`);
        assert.ok(c.total <= 0.75 * 6472, `prod ${c.total}`);
        assert.ok(
            prod.plan.database.vcpu >= prod.plan.database.minimumVcpu && prod.plan.database.replicas >= prod.plan.database.minimumReplicas,
        );
        assert.ok(prod.plan.httpNodes >= 4 && prod.plan.spot.onDemandBaseNodes >= 4, "the guide's 4 nodes stay on-demand in office hours");
        const dev = await runPreview({ stack: "dev", analyzer });
        assert.ok(dev.monthlyCost.total <= 150, `dev ${dev.monthlyCost.total}`);
    });

    it("rejects prod declared at 2,000 users on its pinned database, with the database-sizing policy", async () => {
        const report = await runPreview({ stack: "prod", overrides: ["concurrentUsers=2000"], analyzer });
        assert.deepEqual(mandatoryFailures(report), ["odoo-database-sized-for-users"]);
        const message = report.policies.find((p) => p.name === "odoo-database-sized-for-users")!.violations[0].message;
        assert.match(message, /2000 concurrent users need at least 32 vCPU/);
    });

    it("rejects prod with cron switched on for the HTTP fleet too, with the single-cron-node policy", async () => {
        const report = await runPreview({ stack: "prod", overrides: ["nodes.httpMaxCronThreads=1"], analyzer });
        // prod's HTTP fleet has a Spot share: a fleet that runs cron is then also a cron node on Spot.
        assert.deepEqual(mandatoryFailures(report), ["odoo-single-cron-node", "odoo-cron-on-demand"]);
    });

    it("stops dev scaled to three nodes on a local filestore before any resource exists, naming the filestore", async () => {
        const error = await runPreview({
            stack: "dev",
            overrides: ["nodes.singleNode=false", "nodes.httpNodes=3", "filestore.kind=local"],
            analyzer,
        }).then(
            () => undefined,
            (e: unknown) => e,
        );
        assertArgumentError(error, { property: "filestore.kind", value: "local", message: /efs or s3 for a fleet/ });
    });

    it("prints JSON that parses to the report with --json, and exits 1 on a mandatory violation", async () => {
        let out = "";
        const code = await main(
            ["--stack", "prod", "--set", "concurrentUsers=2000", "--json"],
            (s) => (out += s),
            () => undefined,
            analyzer,
        );
        assert.equal(code, 1);
        const report = JSON.parse(out) as PreviewReport;
        assert.equal(report.stack, "prod");
        assert.equal(report.plan.concurrentUsers, 2000);
        // 16 vCPU and one replica: both below the 32 vCPU and 2 replicas the table gives 2,000 users.
        assert.equal(report.mandatoryViolations, 2);
        const primary = flattenTree(report.resources).find((n) => n.name === "odoo-db-db")!;
        assert.equal(primary.violations[0].policy, "odoo-database-sized-for-users");
        assert.match(primary.violations[0].description, /The PostgreSQL primary has the vCPU/);
        assert.doesNotMatch(primary.violations[0].message, /The PostgreSQL primary has the vCPU/);
    });

    it("prints the plan, the resource tree with + markers and types, the outputs, each verdict and the summary", async () => {
        let out = "";
        const code = await main(
            ["--stack", "dev"],
            (s) => (out += s),
            () => undefined,
            analyzer,
        );
        assert.equal(code, 0);
        assert.match(out, /Capacity plan for 20 concurrent users/);
        assert.match(out, /^ \+ {3}pulumi:pulumi:Stack +odoo-aws-dev +create$/m);
        assert.match(out, /^ \+ {3}└─ odoo-aws:index:OdooCluster +odoo +create$/m);
        assert.match(out, /^ \+ {3} {3}├─ odoo-aws:index:OdooNetwork +odoo-network +create$/m);
        assert.match(out, /^ \+ {3} {3}│ {2}├─ aws:ec2\/vpc:Vpc +odoo-network-vpc +create$/m);
        assert.match(out, /^Outputs:\n {4}url +: /m);
        assert.match(out, /databaseEndpoint +: output<string>/);
        assert.match(out, /ok {4}odoo-single-cron-node \(mandatory\)/);
        assert.match(out, /ok {4}odoo-websocket-routing \(advisory\)/);
        assert.match(out, /Resources:\n {4}\+ \d+ to create/);
    });

    it("shows a violation under the resource it concerns with its short message, the policy description only with --verbose", async () => {
        const render = async (extra: string[]) => {
            let out = "";
            const code = await main(
                ["--stack", "prod", "--set", "concurrentUsers=2000", ...extra],
                (s) => (out += s),
                () => undefined,
                analyzer,
            );
            assert.equal(code, 1);
            return out;
        };
        const plain = await render([]);
        const lines = plain.split("\n");
        const row = lines.findIndex((l) => /aws:rds\/instance:Instance +odoo-db-db +create/.test(l));
        assert.ok(row > 0, "the primary's row");
        assert.match(
            lines[row + 1],
            /✗ mandatory {2}odoo-database-sized-for-users: odoo-db-db is db\.m7g\.4xlarge with 16 vCPU; 2000 concurrent users need/,
        );
        assert.ok(lines[row + 1].length < 200, `${lines[row + 1].length} characters`);
        assert.doesNotMatch(plain, /The PostgreSQL primary has the vCPU/);
        assert.match(plain, /FAIL {2}odoo-database-sized-for-users \(mandatory\) on odoo-db-db/);
        const verbose = await render(["--verbose"]);
        assert.match(verbose, /The PostgreSQL primary has the vCPU/);
        assert.match(verbose, /Resources by type:/);
    });

    it("prints the rollout of a deploy and what the upgrade step and the health gate wait, computed from it", async () => {
        let out = "";
        await main(
            ["--stack", "prod"],
            (s) => (out += s),
            () => undefined,
            analyzer,
        );
        const report = await runPreview({ stack: "prod", analyzer });
        const r = report.rollout;
        assert.ok(r.httpBatches >= 1 && r.healthGateSeconds >= r.httpFleetSeconds && r.upgradeNodeWaitSeconds >= r.cronNodeSeconds);
        assert.match(out, new RegExp(`HTTP fleet in ${r.httpBatches} batch\\(es\\) ≤ ${Math.ceil(r.httpFleetSeconds / 60)} min`));
        assert.match(out, new RegExp(`health gate waits ≤ ${Math.ceil(r.healthGateSeconds / 60)} min`));
    });

    it("exits 2 with a clear message for an unknown stack, an unknown key or a missing --stack", async () => {
        const run = async (argv: string[]) => {
            let err = "";
            const code = await main(
                argv,
                () => undefined,
                (s) => (err += s),
                analyzer,
            );
            return { code, err };
        };
        const unknownStack = await run(["--stack", "qa"]);
        assert.equal(unknownStack.code, 2);
        assert.match(unknownStack.err, /unknown stack "qa"; available: dev, prod, prod-dr, staging/);
        const unknownKey = await run(["--stack", "dev", "--set", "concurentUsers=10"]);
        assert.equal(unknownKey.code, 2);
        assert.match(unknownKey.err, /odoo-aws:concurentUsers is not a configuration key; did you mean odoo-aws:concurrentUsers\?/);
        const nested = await run(["--stack", "prod", "--set", "database.instanceClas=db.r7g.large"]);
        assert.equal(nested.code, 2);
        assert.match(
            nested.err,
            /odoo-aws:database.instanceClas is not a configuration key; did you mean odoo-aws:database.instanceClass\?/,
        );
        const missing = await run([]);
        assert.equal(missing.code, 2);
        assert.match(missing.err, /--stack is required/);
    });
});
