import { strict as assert } from "node:assert";
import * as path from "node:path";
import { StackValidationPolicy } from "@pulumi/policy";
import { DEFAULT_PRODUCTION_ENVIRONMENTS } from "../../components/contract/environment";
import { GUIDE_CAPACITY_TABLE } from "../../components/contract/sizing";
import { odooPolicies } from "../../policies/odoo/odooPolicies";
import { packPolicies } from "../../policies/packPolicies";
import { AnalyzeResult, PolicyAnalyzerClient, PolicyResourceInput, startPolicyAnalyzer } from "../../stacks/engine/policyAnalyzer";
import { UNKNOWN } from "../../stacks/engine/mockRuntime";
import { analyzeStack } from "../harness/policyHarness";
import {
    FixtureMode,
    OdooStackFixture,
    base64,
    cloudConfig,
    computed,
    odooConf,
    productionCluster,
    singleNodeCluster,
} from "./fixtures/odooStack";
import { TYPE } from "../harness/resourceTypes";

const PACK_DIR = path.join(__dirname, "..", "..", "policies");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PACK_VERSION = (require(path.join(PACK_DIR, "package.json")) as { version: string }).version;

/** What the engine does in one deployment: Analyze each resource (inputs), then AnalyzeStack (outputs). */
async function deploy(pack: PolicyAnalyzerClient, fixture: OdooStackFixture, mode: FixtureMode): Promise<AnalyzeResult> {
    const out: AnalyzeResult = { diagnostics: [], notApplicable: [] };
    for (const resource of fixture.inputs(mode)) {
        const r = await pack.analyze(resource);
        // Analyze diagnostics carry no URN: the engine knows which resource it asked about.
        out.diagnostics.push(...r.diagnostics.map((d) => ({ ...d, urn: d.urn || resource.urn })));
        out.notApplicable.push(...r.notApplicable);
    }
    const stack = await pack.analyzeStack(fixture.stack(mode));
    out.diagnostics.push(...stack.diagnostics);
    out.notApplicable.push(...stack.notApplicable);
    return out;
}

function containsUnknown(value: unknown): boolean {
    return (
        value === UNKNOWN ||
        (Array.isArray(value)
            ? value.some(containsUnknown)
            : !!value && typeof value === "object" && Object.values(value).some(containsUnknown))
    );
}

function noPreviewDowngrade(result: AnalyzeResult): void {
    const downgraded = result.diagnostics.filter((d) => /can't run policy/.test(d.message));
    assert.deepEqual(
        downgraded.map((d) => `${d.policyName}: ${d.message}`),
        [],
    );
}

/** One change per mandatory policy that it must reject — in a first preview, with every computed value unknown. */
const BREAKS: Record<string, (f: OdooStackFixture) => OdooStackFixture> = {
    "odoo-single-cron-node": (f) => f.mutate("erp-cron", (p) => (p.maxSize = 2)),
    "odoo-database-sized-for-users": (f) => f.mutate("erp-db", (p) => (p.instanceClass = "db.m7g.2xlarge")),
    "odoo-shared-filestore": (f) => f.setTag("erp-http", "odoo:filestore", "local"),
    "odoo-shared-sessions": (f) => f.setTag("erp-http", "odoo:sessions", "local").mutate("erp-web", (p) => delete p.stickiness),
    "odoo-sticky-target-groups": (f) => f.mutate("erp-web", (p) => (p.stickiness = { enabled: false, type: "lb_cookie" })),
    "odoo-connection-budget": (f) => f.mutate("erp-http", (p) => (p.maxSize = 12)),
    "odoo-replica-connections": (f) =>
        f.mutate("erp-db-replica-1", (p) => (p.instanceClass = "db.r6g.large")).setTag("erp-db-replica-1", "odoo:max-connections", "5000"),
    "odoo-cron-on-demand": (f) => f.setTag("erp-cron", "odoo:capacity", "spot-share"),
    "odoo-database-encrypted-and-private": (f) => f.mutate("erp-db", (p) => (p.publiclyAccessible = true)),
    "odoo-database-durable": (f) => f.mutate("erp-db", (p) => (p.multiAz = false)),
    "odoo-filestore-protected": (f) => f.mutate("erp-files", (p) => (p.encrypted = false)),
    "odoo-session-cache-encrypted": (f) => f.mutate("erp-sessions", (p) => (p.transitEncryptionEnabled = false)),
    "odoo-imdsv2-required": (f) => f.mutate("erp-cron-lt", (p) => (p.metadataOptions = { httpTokens: "optional" })),
    "odoo-node-volumes-encrypted": (f) =>
        f.mutate("erp-cron-lt", (p) => ((p.blockDeviceMappings as { ebs: Record<string, unknown> }[])[0].ebs.encrypted = "false")),
    "odoo-no-secrets-in-user-data": (f) =>
        f.mutate(
            "erp-http-lt",
            (p) =>
                (p.userData = base64(
                    cloudConfig(`${odooConf({ workers: 6, maxCronThreads: 0, dbMaxconn: 64, dbHost: "db" })}admin_passwd = Adm1n!\n`),
                )),
        ),
    "odoo-https-only-in-production": (f) =>
        f.mutate("erp-http-listener", (p) => (p.defaultActions = [{ type: "forward", targetGroupArn: computed("arn:tg") }])),
    "odoo-restored-copy-safe": (f) => f.setTag("erp-db", "odoo:restored-from", "snapshot:erp-before-upgrade"),
};

describe("the pack booted as the Pulumi CLI boots it (run-policy-pack, TypeScript, cwd = policies/, gRPC)", function () {
    // ts-node type-checks the pack before it reports its port.
    this.timeout(300_000);
    let pack: PolicyAnalyzerClient;

    before(async () => {
        pack = await startPolicyAnalyzer({ packDir: PACK_DIR });
        await pack.handshake();
        await pack.configureStack({ project: "odoo-aws", stack: "prod", dryRun: true, tags: { "pulumi:project": "odoo-aws" } });
    });

    after(async () => {
        await pack?.close();
    });

    it("answers Handshake as @pulumi/policy 1.21 does (not implemented), which the CLI tolerates", async () => {
        assert.equal(await pack.handshake(), false);
    });

    it("describes itself: name, the version of policies/package.json, every policy with its level, type, severity and remediation", async () => {
        const info = await pack.getAnalyzerInfo();
        assert.equal(info.name, "odoo-aws");
        assert.equal(info.version, PACK_VERSION);
        assert.equal(info.supportsConfig, true);
        assert.deepEqual(
            info.policies.map((p) => p.name),
            packPolicies.map((p) => p.name),
        );
        for (const p of info.policies) {
            const local = packPolicies.find((x) => x.name === p.name)!;
            assert.equal(p.enforcementLevel, local.enforcementLevel, p.name);
            assert.equal(p.policyType, "validateStack" in local ? "stack" : "resource", p.name);
            assert.equal(p.severity, local.severity, p.name);
            assert.equal(p.remediationSteps, local.remediationSteps, p.name);
        }
    });

    it("publishes the config schemas with defaults from components/contract/sizing.ts and components/contract/environment.ts", async () => {
        const info = await pack.getAnalyzerInfo();
        const schema = (name: string) =>
            info.policies.find((p) => p.name === name)?.configSchema?.properties as Record<string, { type: string; default: unknown }>;
        assert.equal(schema("odoo-single-cron-node").allowNoCronNode.type, "boolean");
        assert.equal(schema("odoo-single-cron-node").allowNoCronNode.default, false);
        for (const name of ["odoo-database-sized-for-users", "odoo-http-worker-capacity", "odoo-database-not-burstable"]) {
            assert.deepEqual(schema(name).capacityTiers.default, JSON.parse(JSON.stringify(GUIDE_CAPACITY_TABLE.tiers)), name);
            assert.equal(schema(name).usersPerWorker.default, GUIDE_CAPACITY_TABLE.usersPerWorker, name);
        }
        for (const name of ["odoo-database-durable", "odoo-https-only-in-production", "odoo-multi-az-fleet"]) {
            assert.deepEqual(schema(name).productionEnvironments.default, [...DEFAULT_PRODUCTION_ENVIRONMENTS], name);
        }
    });

    for (const mode of ["preview", "update"] as const) {
        it(`passes the compliant clusters resource by resource and as a stack (${mode})`, async () => {
            const fixture = productionCluster().with(singleNodeCluster());
            if (mode === "preview") {
                assert.ok(
                    fixture.stack(mode).filter((r: PolicyResourceInput) => containsUnknown(r.props)).length > 15,
                    "the preview fixture carries unknowns",
                );
            }
            const result = await deploy(pack, fixture, mode);
            assert.deepEqual(
                result.diagnostics.map((d) => `${d.policyName}: ${d.message}`),
                [],
            );
        });
    }

    for (const [policy, breakIt] of Object.entries(BREAKS)) {
        it(`reaches a mandatory verdict for ${policy} in a first preview, unknowns present`, async () => {
            const result = await deploy(pack, breakIt(productionCluster()), "preview");
            noPreviewDowngrade(result);
            const mine = result.diagnostics.filter((d) => d.policyName === policy);
            assert.ok(
                mine.length > 0,
                `${policy} reported nothing; all diagnostics:\n${result.diagnostics.map((d) => d.message).join("\n")}`,
            );
            for (const d of mine) {
                assert.equal(d.enforcementLevel, "mandatory", d.message);
                assert.equal(d.policyPackName, "odoo-aws");
                assert.ok(d.urn.startsWith("urn:pulumi:prod::odoo-aws::"), d.urn);
            }
        });
    }

    for (const mode of ["preview", "update"] as const) {
        it(`rejects a hand-built stack without odoo:* tags that AWS would refuse, with the aws-* rules (${mode})`, async () => {
            const refused = new OdooStackFixture([
                {
                    type: "aws:ec2/securityGroup:SecurityGroup",
                    name: "web",
                    props: { description: "the shop's web servers", vpcId: computed("vpc-1") },
                },
                {
                    type: "aws:lb/targetGroup:TargetGroup",
                    name: "tg",
                    props: { name: "shop-production-web-servers-80-80", port: 8080, protocol: "HTTP", deregistrationDelay: 7200 },
                },
                {
                    type: "aws:lb/loadBalancer:LoadBalancer",
                    name: "lb",
                    props: { loadBalancerType: "application", idleTimeout: 5000, subnets: computed(["subnet-1"]) },
                },
                {
                    type: "aws:rds/instance:Instance",
                    name: "db",
                    props: {
                        identifier: "shop-db",
                        engine: "postgres",
                        instanceClass: "db.m7g.large",
                        manageMasterUserPassword: true,
                        backupRetentionPeriod: 7,
                    },
                },
                {
                    type: "aws:rds/instance:Instance",
                    name: "db-replica",
                    props: { replicateSourceDb: computed("shop-db"), instanceClass: "db.m7g.large" },
                    propertyDependencies: { replicateSourceDb: ["db"] },
                },
                {
                    type: "aws:elasticache/replicationGroup:ReplicationGroup",
                    name: "cache",
                    props: { description: "cache", authToken: computed("t"), numCacheClusters: 1, automaticFailoverEnabled: true },
                },
                {
                    type: "aws:lb/targetGroup:TargetGroup",
                    name: "tg-blue",
                    props: { name: "shop-web", port: 8080, protocol: "HTTP" },
                },
                {
                    type: "aws:lb/targetGroup:TargetGroup",
                    name: "tg-green",
                    props: { name: "shop-web", port: 8081, protocol: "HTTP" },
                },
                {
                    type: "aws:s3/bucketPolicy:BucketPolicy",
                    name: "logs-policy",
                    providerRegion: "us-east-1",
                    props: {
                        bucket: "shop-logs",
                        policy: JSON.stringify({
                            Statement: [
                                {
                                    Effect: "Allow",
                                    Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
                                    Action: "s3:PutObject",
                                    Resource: "arn:aws:s3:::shop-logs/AWSLogs/123456789012/*",
                                },
                            ],
                        }),
                    },
                },
                {
                    type: "aws:backup/plan:Plan",
                    name: "plan",
                    props: {
                        name: "shop",
                        rules: [{ ruleName: "daily", targetVaultName: "v", lifecycle: { coldStorageAfter: 30, deleteAfter: 60 } }],
                    },
                },
            ]);
            const result = await deploy(pack, refused, mode);
            noPreviewDowngrade(result);
            assert.deepEqual([...new Set(result.diagnostics.map((d) => d.policyName))].sort(), [
                "aws-backup-lifecycle",
                "aws-elasticache-auth-token",
                "aws-elasticache-failover",
                "aws-lb-idle-timeout",
                "aws-lb-target-group-deregistration-delay",
                "aws-lb-target-group-name",
                "aws-names-unique",
                "aws-rds-read-replica-source",
                "aws-s3-elb-log-delivery",
                "aws-security-group-description",
            ]);
            assert.ok(result.diagnostics.every((d) => d.enforcementLevel === "mandatory"));
        });
    }

    it("covers every mandatory Odoo policy of the pack in that list (the aws-* rules have the hand-built stack above)", () => {
        assert.deepEqual(
            Object.keys(BREAKS).sort(),
            odooPolicies
                .filter((p) => p.enforcementLevel === "mandatory")
                .map((p) => p.name)
                .sort(),
        );
    });

    it("applies a config override: a policy turned advisory, allowNoCronNode, productionEnvironments, a disabled policy", async () => {
        try {
            await pack.configure({ "odoo-single-cron-node": { enforcementLevel: "advisory" } });
            const twoCron = await pack.analyzeStack(
                productionCluster()
                    .mutate("erp-cron", (p) => (p.maxSize = 2))
                    .stack("preview"),
            );
            assert.deepEqual(
                twoCron.diagnostics.map((d) => [d.policyName, d.enforcementLevel]),
                [["odoo-single-cron-node", "advisory"]],
            );

            // Properties without a level keep the level the pack declares (the CLI fills it in).
            await pack.configure({
                "odoo-single-cron-node": { allowNoCronNode: true },
                "odoo-database-durable": { productionEnvironments: ["dev"] },
            });
            const noCron = await pack.analyzeStack(productionCluster().remove("erp-cron").with(singleNodeCluster()).stack("preview"));
            assert.deepEqual(
                noCron.diagnostics.filter((d) => d.policyName === "odoo-single-cron-node"),
                [],
            );
            const durable = noCron.diagnostics.filter((d) => d.policyName === "odoo-database-durable");
            assert.equal(durable.length, 3, durable.map((d) => d.message).join("\n"));
            assert.ok(durable.every((d) => d.enforcementLevel === "mandatory" && /sandbox-db/.test(d.message)));
            const stillTwo = await pack.analyzeStack(
                productionCluster()
                    .mutate("erp-cron", (p) => (p.maxSize = 2))
                    .stack("preview"),
            );
            assert.deepEqual(
                stillTwo.diagnostics.map((d) => [d.policyName, d.enforcementLevel]),
                [["odoo-single-cron-node", "mandatory"]],
            );

            await pack.configure({ "odoo-single-cron-node": { enforcementLevel: "disabled" } });
            assert.deepEqual(
                (
                    await pack.analyzeStack(
                        productionCluster()
                            .mutate("erp-cron", (p) => (p.maxSize = 2))
                            .stack("preview"),
                    )
                ).diagnostics,
                [],
            );
        } finally {
            await pack.configure({});
        }
    });

    it("fails the analysis with the setting named when the configured capacity table is inconsistent", async () => {
        try {
            await pack.configure({ "odoo-database-sized-for-users": { capacityTiers: GUIDE_CAPACITY_TABLE.tiers.slice(0, 2) } });
            await assert.rejects(pack.analyzeStack(productionCluster().stack("preview")), /odoo-database-sized-for-users\.capacityTiers/);
        } finally {
            await pack.configure({});
        }
    });
});

describe("the premise of the unknown tests", () => {
    it("@pulumi/policy downgrades a policy that reads an unknown value to a 'can't run during preview' advisory", async () => {
        const naive: StackValidationPolicy = {
            name: "naive-user-data-check",
            description: "reads user data without caring whether it is known",
            enforcementLevel: "mandatory",
            validateStack: (args, report) => {
                for (const r of args.resources) {
                    if (r.type === TYPE.launchTemplate && String(r.props.userData).includes("admin_passwd")) {
                        report("secret found");
                    }
                }
            },
        };
        const result = await analyzeStack(productionCluster().stack("preview"), { policies: [naive], allowPreviewDowngrade: true });
        assert.equal(result.diagnostics.length, 1);
        assert.equal(result.diagnostics[0].enforcementLevel, "advisory");
        assert.match(
            result.diagnostics[0].message,
            /can't run policy 'naive-user-data-check' .* during preview: string value at \.userData can't be known during preview/,
        );
    });
});
