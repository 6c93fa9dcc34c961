import { strict as assert } from "node:assert";
import { PREFLIGHT_POLICY_PREFIX } from "../../../components/contract/awsLimits";
import { awsPreflightPolicies } from "../../../policies/aws/awsPreflightPolicies";
import { PolicyAnalyzerClient, startPolicyAnalyzer } from "../../../stacks/engine/policyAnalyzer";
import { PreviewReport, policyPackDirForPreview, renderReport, runPreview } from "../../../stacks/cli/preview";

/** Every aws-* violation of a report, one line each. */
function preflightViolations(report: PreviewReport): string[] {
    return report.policies
        .filter((p) => p.name.startsWith(PREFLIGHT_POLICY_PREFIX))
        .flatMap((p) => p.violations.map((v) => `${p.name} on ${v.urn.split("::").pop()}: ${v.message}`));
}

describe("the aws-* preflight rules over the shipped stacks and what-ifs (offline engine, first preview)", function () {
    this.timeout(600_000);
    let analyzer: PolicyAnalyzerClient;

    before(async () => {
        analyzer = await startPolicyAnalyzer({ packDir: await policyPackDirForPreview() });
    });
    after(async () => {
        await analyzer?.close();
    });

    const runs: { title: string; stack: string; overrides: string[] }[] = [
        { title: "the dev stack", stack: "dev", overrides: [] },
        { title: "the staging stack", stack: "staging", overrides: [] },
        { title: "the prod stack", stack: "prod", overrides: [] },
        { title: "prod declared at 2,000 users", stack: "prod", overrides: ["concurrentUsers=2000"] },
        { title: "prod with an S3 filestore", stack: "prod", overrides: ["filestore.kind=s3", "imageAddons.s3Attachments=true"] },
        {
            title: "prod on Aurora PostgreSQL",
            stack: "prod",
            overrides: ["database.engine=aurora-postgresql", "database.instanceClass=db.r7g.4xlarge"],
        },
        // The standby's resources go through a us-west-2 provider: judged in that region, not the stack's.
        { title: "the prod-dr stack (a standby in a second region)", stack: "prod-dr", overrides: [] },
    ];
    for (const run of runs) {
        it(`finds nothing AWS would refuse in ${run.title}`, async () => {
            const report = await runPreview({ stack: run.stack, overrides: run.overrides, analyzer });
            assert.equal(report.policies.filter((p) => p.name.startsWith(PREFLIGHT_POLICY_PREFIX)).length, awsPreflightPolicies.length);
            assert.deepEqual(preflightViolations(report), []);
        });
    }

    it("prints the preflight rules in a section of their own: what fails, and how many passed", async () => {
        const report = await runPreview({ stack: "dev", analyzer });
        const broken: PreviewReport = {
            ...report,
            // Only this violation, whatever the stack's own verdicts are.
            policies: report.policies.map((p) => ({
                ...p,
                violations:
                    p.name === "aws-lb-idle-timeout"
                        ? [
                              {
                                  message: "the idle timeout 5000 is outside 1–4000 s",
                                  urn: "urn:pulumi:dev::odoo-aws::aws:lb/loadBalancer:LoadBalancer::odoo-lb",
                                  enforcementLevel: "mandatory" as const,
                              },
                          ]
                        : [],
            })),
        };
        const text = renderReport(broken);
        const section = text.slice(text.indexOf("AWS preflight"));
        assert.ok(text.indexOf("Odoo policies (") < text.indexOf("AWS preflight"), "the Odoo policies come first");
        assert.match(section, /FAIL {2}aws-lb-idle-timeout \(mandatory\) on odoo-lb/);
        assert.match(section, new RegExp(`ok {4}${awsPreflightPolicies.length - 1} of ${awsPreflightPolicies.length} rules`));
        assert.doesNotMatch(text.slice(0, text.indexOf("AWS preflight")), /aws-lb-idle-timeout/);
    });
});
