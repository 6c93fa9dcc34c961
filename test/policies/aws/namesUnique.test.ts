import { namesUnique } from "../../../policies/aws/namesUnique";
import { FixtureResource, OdooStackFixture, computed } from "../fixtures/odooStack";
import { analyzeStack } from "../../harness/policyHarness";
import { PolicyResourceInput } from "../../../stacks/engine/policyAnalyzer";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const TG = "aws:lb/targetGroup:TargetGroup";

function stack(...resources: FixtureResource[]): OdooStackFixture {
    return new OdooStackFixture(resources);
}

async function analyzeStackOf(resources: PolicyResourceInput[]) {
    return (await analyzeStack(resources, { policies: [namesUnique] })).diagnostics.filter((d) => d.policyName === namesUnique.name);
}

function judge(fixture: OdooStackFixture, mode: "preview" | "update") {
    return diagnosticsOf(namesUnique.name, fixture, mode, { policies: [namesUnique] });
}

const targetGroup = (name: string, props: Record<string, unknown>, providerRegion = "us-east-1"): FixtureResource => ({
    type: TG,
    name,
    providerRegion,
    props: { port: 8080, protocol: "HTTP", ...props },
});

describe("aws-names-unique", () => {
    inBothModes("accepts target groups with names of their own, or auto-named by a prefix", async (mode) => {
        expectNone(
            await judge(
                stack(
                    targetGroup("a", { name: "odoo-erp-prod-web" }),
                    targetGroup("b", { name: "odoo-erp-staging-web" }),
                    targetGroup("c", { namePrefix: "odoo-" }),
                    targetGroup("d", { namePrefix: "odoo-" }),
                ),
                mode,
            ),
        );
    });

    inBothModes("rejects two target groups of one name in one region, naming both", async (mode) => {
        expectViolations(
            await judge(
                stack(targetGroup("a", { name: "odoo-erp-production-w" }), targetGroup("b", { name: "odoo-erp-production-w" })),
                mode,
            ),
            1,
            "mandatory",
            /the target group name "odoo-erp-production-w" is also a's; AWS keeps target group names unique in us-east-1/,
        );
    });

    inBothModes("rejects two alarms of one name, which PutMetricAlarm would merge into one rather than refuse", async (mode) => {
        const alarm = (name: string): FixtureResource => ({
            type: "aws:cloudwatch/metricAlarm:MetricAlarm",
            name,
            props: { name: "erp-db-cpu", comparisonOperator: "GreaterThanThreshold", evaluationPeriods: 3 },
        });
        expectViolations(await judge(stack(alarm("a"), alarm("b")), mode), 1, "mandatory", /hands it the first one's object/);
    });

    inBothModes("accepts one target group name in two regions", async (mode) => {
        expectNone(await judge(stack(targetGroup("a", { name: "erp-web" }), targetGroup("b", { name: "erp-web" }, "eu-west-1")), mode));
    });

    inBothModes("rejects one IAM role name in two regions, since IAM names are per account", async (mode) => {
        const role = (name: string, providerRegion: string): FixtureResource => ({
            type: "aws:iam/role:Role",
            name,
            providerRegion,
            props: { name: "erp-node", assumeRolePolicy: "{}" },
        });
        expectViolations(await judge(stack(role("a", "us-east-1"), role("b", "eu-west-1")), mode), 1, "mandatory", /unique in the account/);
    });

    inBothModes("rejects DB identifiers that differ only in case, which RDS stores in lower case", async (mode) => {
        const db = (name: string, identifier: string): FixtureResource => ({
            type: "aws:rds/instance:Instance",
            name,
            props: { identifier },
        });
        expectViolations(await judge(stack(db("a", "erp-db"), db("b", "ERP-db")), mode), 1, "mandatory", /DB instance name "ERP-db"/);
    });

    inBothModes("accepts one security group name in two VPCs and rejects it twice in one", async (mode) => {
        const sg = (name: string, vpcId: string): FixtureResource => ({
            type: "aws:ec2/securityGroup:SecurityGroup",
            name,
            props: { name: "erp-nodes", vpcId, description: "Odoo nodes" },
        });
        expectNone(await judge(stack(sg("a", "vpc-0aaaaaaaaaaaaaaa1"), sg("b", "vpc-0bbbbbbbbbbbbbbb2")), mode));
        expectViolations(
            await judge(stack(sg("a", "vpc-0aaaaaaaaaaaaaaa1"), sg("b", "vpc-0aaaaaaaaaaaaaaa1")), mode),
            1,
            "mandatory",
            /of vpcId vpc-0aaaaaaaaaaaaaaa1/,
        );
    });

    inBothModes(
        "compares names only through providers of one account (an assumed role or a profile tells accounts apart)",
        async (mode) => {
            const provider = (name: string, props: Record<string, unknown>) => ({
                type: "pulumi:providers:aws",
                name,
                urn: `urn:pulumi:test::odoo-aws::pulumi:providers:aws::${name}`,
                props: { region: "us-east-1", ...props },
            });
            const inAccount = (resource: string, p: ReturnType<typeof provider>) => {
                const fixture = stack(targetGroup(resource, { name: "erp-web" }));
                return fixture.stack(mode).map((r) => ({ ...r, provider: p }));
            };
            const prod = provider("prod", { assumeRoles: [{ roleArn: "arn:aws:iam::111111111111:role/deployer" }] });
            const staging = provider("staging", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/deployer" }] });
            const two = await analyzeStackOf([...inAccount("a", prod), ...inAccount("b", staging)]);
            expectNone(two);
            const one = await analyzeStackOf([
                ...inAccount("a", prod),
                ...inAccount("b", provider("prod-too", { assumeRoles: [{ roleArn: "arn:aws:iam::111111111111:role/deployer" }] })),
            ]);
            expectViolations(one, 1, "mandatory", /the target group name "erp-web"/);
        },
    );

    it("lets a name from an output through while it is unknown in a first preview, and rejects the duplicate once known", async () => {
        const fixture = () => stack(targetGroup("a", { name: "erp-web" }), targetGroup("b", { name: computed("erp-web") }));
        expectNone(await judge(fixture(), "preview"));
        expectViolations(await judge(fixture(), "update"), 1, "mandatory");
    });
});
