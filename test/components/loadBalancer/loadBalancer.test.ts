import { strict as assert } from "node:assert";
import {
    DEFAULT_SSL_POLICY,
    LEGACY_TLS13_SSL_POLICIES,
    OdooLoadBalancer,
    OdooLoadBalancerArgs,
    TLS13_SSL_POLICIES,
    accessLogBucketPolicy,
    ELB_ACCOUNT_REGIONS,
    loadBalancerNames,
    resolveLoadBalancerArgs,
} from "../../../components/loadBalancer/loadBalancer";
import { OdooNetwork } from "../../../components/network/network";
import * as pulumi from "@pulumi/pulumi";
import { isTaggableType } from "../../harness/componentChecks";
import { MockRun, RecordedResource, UNKNOWN, failedRunWithMocks, resolveOutput, runWithMocks } from "../../harness/pulumiMocks";
import { rejectsArgumentError } from "../../harness/argumentErrors";
import { TYPE } from "../../harness/resourceTypes";

const prodCluster = { name: "erp", environment: "prod", concurrentUsers: 300 };
const devCluster = { name: "erp", environment: "dev", concurrentUsers: 100 };
const placement = {
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
    securityGroupId: "sg-0123456789abcdef0",
};
const certificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";

const T = {
    component: "odoo-aws:index:OdooLoadBalancer",
    alb: TYPE.loadBalancer,
    tg: TYPE.targetGroup,
    listener: TYPE.listener,
    cert: TYPE.certificate,
    validation: TYPE.certificateValidation,
    record: TYPE.dnsRecord,
    bucket: TYPE.bucket,
    ownership: TYPE.bucketOwnershipControls,
    publicAccess: TYPE.bucketPublicAccessBlock,
    encryption: TYPE.bucketEncryption,
    lifecycle: TYPE.bucketLifecycle,
    bucketPolicy: TYPE.bucketPolicy,
};

function loadBalancer(
    args: Omit<OdooLoadBalancerArgs, "vpcId" | "subnetIds" | "securityGroupId"> & Partial<OdooLoadBalancerArgs>,
    name = "erp-lb",
) {
    return () => new OdooLoadBalancer(name, { ...placement, ...args } as OdooLoadBalancerArgs);
}

function countByType(run: MockRun<unknown>): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of run.resources) {
        counts[r.type] = (counts[r.type] ?? 0) + 1;
    }
    return counts;
}

function dependsOn(resource: RecordedResource, target: RecordedResource): boolean {
    // The engine's URNs carry the parent's type chain; the harness's short URN is the suffix.
    return resource.options.dependsOn.some((urn) => urn.endsWith(`${target.type}::${target.name}`));
}

function assertTagged(run: MockRun<unknown>): void {
    const taggable = run.resources.filter((r) => r.type.startsWith("aws:") && isTaggableType(r.type));
    assert.ok(taggable.length > 0);
    for (const r of taggable) {
        const tags = r.inputs.tags as Record<string, string> | undefined;
        assert.ok(tags, `${r.type} ${r.name} has tags`);
        assert.equal(tags["odoo:cluster"], "erp", r.name);
        assert.equal(tags["odoo:role"], "lb", r.name);
        assert.match(tags["odoo:concurrent-users"], /^\d+$/, r.name);
        assert.ok(tags["odoo:environment"], r.name);
    }
}

for (const preview of [true, false]) {
    const mode = preview ? "preview" : "update";

    describe(`OdooLoadBalancer (${mode})`, () => {
        let prod: MockRun<OdooLoadBalancer>;
        let devWithCert: MockRun<OdooLoadBalancer>;
        let devHttpOnly: MockRun<OdooLoadBalancer>;

        before(async () => {
            prod = await runWithMocks(
                loadBalancer({ cluster: prodCluster, domainName: "erp.example.com", hostedZoneName: "example.com" }),
                { preview },
            );
            devWithCert = await runWithMocks(loadBalancer({ cluster: devCluster, certificateArn }), { preview });
            devHttpOnly = await runWithMocks(loadBalancer({ cluster: devCluster, allowHttpOnly: true }), { preview });
        });

        it("creates the ALB, target group, both listeners, a validated certificate, two DNS records and the log bucket in production", () => {
            assert.deepEqual(countByType(prod), {
                [T.component]: 1,
                [T.alb]: 1,
                [T.tg]: 1,
                [T.listener]: 2,
                [T.cert]: 1,
                [T.validation]: 1,
                [T.record]: 2,
                [T.bucket]: 1,
                [T.ownership]: 1,
                [T.publicAccess]: 1,
                [T.encryption]: 1,
                [T.lifecycle]: 1,
                [T.bucketPolicy]: 1,
            });
        });

        it("creates no certificate, DNS record or log bucket for a dev stack with its own certificate", () => {
            assert.deepEqual(countByType(devWithCert), { [T.component]: 1, [T.alb]: 1, [T.tg]: 1, [T.listener]: 2 });
        });

        it("creates only a port-80 listener when HTTP-only is explicitly allowed", () => {
            assert.deepEqual(countByType(devHttpOnly), { [T.component]: 1, [T.alb]: 1, [T.tg]: 1, [T.listener]: 1 });
            assert.equal(devHttpOnly.one(T.listener).inputs.port, 80);
        });

        it("makes an internet-facing application load balancer in the public subnets that drops invalid headers and waits 1260 s, past the node proxy and Odoo", () => {
            const alb = prod.one(T.alb).inputs;
            assert.equal(alb.loadBalancerType, "application");
            assert.equal(alb.internal, false);
            assert.deepEqual(alb.subnets, placement.subnetIds);
            assert.deepEqual(alb.securityGroups, [placement.securityGroupId]);
            assert.equal(alb.idleTimeout, 1260);
            assert.equal(alb.dropInvalidHeaderFields, true);
            assert.equal(alb.name, "erp-prod");
        });

        it("protects the load balancer from deletion in production only", () => {
            assert.equal(prod.one(T.alb).inputs.enableDeletionProtection, true);
            assert.equal(devWithCert.one(T.alb).inputs.enableDeletionProtection, false);
        });

        it("writes access logs in production only, after the bucket policy lets ELB write", () => {
            const alb = prod.one(T.alb);
            const logs = alb.inputs.accessLogs as Record<string, unknown>;
            assert.equal(logs.enabled, true);
            assert.equal(logs.prefix, "alb");
            assert.ok(dependsOn(alb, prod.one(T.bucketPolicy)));
            if (!preview) {
                assert.equal(logs.bucket, prod.one(T.bucket).state.bucket);
            }
            assert.equal(devWithCert.one(T.alb).inputs.accessLogs, undefined);
        });

        it("keeps the production log bucket private, SSE-S3 encrypted, owner-enforced, expiring, and retained on delete", () => {
            const bucket = prod.one(T.bucket);
            assert.equal(bucket.options.retainOnDelete, true);
            for (const setting of [T.encryption, T.publicAccess, T.ownership, T.lifecycle, T.bucketPolicy]) {
                assert.equal(prod.one(setting).options.retainOnDelete, true, `${setting} stays with the retained bucket`);
            }
            assert.equal(bucket.inputs.forceDestroy, false);
            assert.match(bucket.inputs.bucketPrefix as string, /^erp-alb-logs-$/);
            assert.deepEqual(prod.one(T.encryption).inputs.rules, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
            const block = prod.one(T.publicAccess).inputs;
            assert.deepEqual(
                [block.blockPublicAcls, block.blockPublicPolicy, block.ignorePublicAcls, block.restrictPublicBuckets],
                [true, true, true, true],
            );
            assert.deepEqual(prod.one(T.ownership).inputs.rule, { objectOwnership: "BucketOwnerEnforced" });
            const [rule] = prod.one(T.lifecycle).inputs.rules as Record<string, unknown>[];
            assert.deepEqual(rule.expiration, { days: 90 });
            assert.equal(rule.status, "Enabled");
        });

        it("serves one target group over HTTP on the node proxy's port 8080, health-checked on the node's liveness path (Odoo's gevent process)", () => {
            const tg = prod.one(T.tg).inputs;
            assert.equal(tg.port, 8080);
            assert.equal(tg.protocol, "HTTP");
            assert.equal(tg.targetType, "instance");
            assert.equal(tg.vpcId, placement.vpcId);
            assert.equal(tg.name, undefined, "a fixed name fails the create-before-delete of a replacement");
            assert.equal(tg.namePrefix, "odoo-");
            const health = tg.healthCheck as Record<string, unknown>;
            assert.equal(health.path, "/odoo-aws/alive");
            assert.equal(health.matcher, "200");
            assert.equal(health.port, "traffic-port");
            assert.ok((health.timeout as number) < (health.interval as number));
            assert.equal(tg.deregistrationDelay, 1260);
        });

        it("pins browsers with the ALB's own duration cookie for an hour", () => {
            assert.deepEqual(prod.one(T.tg).inputs.stickiness, { enabled: true, type: "lb_cookie", cookieDuration: 3600 });
        });

        it("terminates HTTPS with the current TLS 1.3 policy and forwards to the target group", () => {
            const https = prod.ofType(T.listener).find((l) => l.inputs.port === 443);
            assert.ok(https);
            assert.equal(https.inputs.protocol, "HTTPS");
            assert.equal(https.inputs.sslPolicy, "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09");
            const [action] = https.inputs.defaultActions as Record<string, unknown>[];
            assert.equal(action.type, "forward");
            if (!preview) {
                assert.equal(action.targetGroupArn, prod.one(T.tg).state.arn);
                assert.equal(
                    https.inputs.certificateArn,
                    prod.one(T.validation).state.certificateArn,
                    "the listener waits for the validated certificate",
                );
            }
        });

        it("only redirects port 80 to HTTPS with a 301 when there is a certificate", () => {
            for (const run of [prod, devWithCert]) {
                const http = run.ofType(T.listener).find((l) => l.inputs.port === 80);
                assert.ok(http);
                assert.deepEqual(http.inputs.defaultActions, [
                    { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
                ]);
            }
        });

        it("forwards port 80 to the target group only when HTTP-only is allowed", () => {
            const [action] = devHttpOnly.one(T.listener).inputs.defaultActions as Record<string, unknown>[];
            assert.equal(action.type, "forward");
            assert.equal(action.redirect, undefined);
        });

        it("validates the created certificate through the zone and points the domain at the ALB", () => {
            const cert = prod.one(T.cert).inputs;
            assert.equal(cert.domainName, "erp.example.com");
            assert.equal(cert.validationMethod, "DNS");
            const alias = prod.one(T.record, "alias").inputs;
            assert.equal(alias.name, "erp.example.com");
            assert.equal(alias.type, "A");
            assert.equal(alias.zoneId, "Z0MOCKZONE");
            const validationRecord = prod.one(T.record, "cert-record").inputs;
            assert.equal(validationRecord.zoneId, "Z0MOCKZONE");
            if (!preview) {
                const albState = prod.one(T.alb).state;
                assert.deepEqual(alias.aliases, [{ name: albState.dnsName, zoneId: albState.zoneId, evaluateTargetHealth: true }]);
                assert.equal(validationRecord.type, "CNAME");
                assert.match(validationRecord.name as string, /\.erp\.example\.com\.$/);
                assert.deepEqual(prod.one(T.validation).inputs.validationRecordFqdns, [
                    (validationRecord.name as string).replace(/\.$/, ""),
                ]);
            }
        });

        it("tags every taggable resource with the contract and role lb", () => {
            assertTagged(prod);
            assertTagged(devHttpOnly);
        });

        it("parents every resource to the component", () => {
            const urn = prod.one(T.component).urn;
            for (const r of prod.resources.filter((x) => x.type !== T.component)) {
                assert.equal(r.options.parent, urn, r.name);
            }
        });

        it("exposes the URL, and the HTTPS listener only when there is one", async () => {
            assert.equal((await resolveOutput(prod.result.url)).value, "https://erp.example.com");
            assert.equal((await resolveOutput(devHttpOnly.result.httpsListenerArn)).value, undefined);
            assert.equal((await resolveOutput(devHttpOnly.result.logBucketName)).value, undefined);
            assert.equal((await resolveOutput(devHttpOnly.result.certificateArn)).value, undefined);
            assert.equal((await resolveOutput(devWithCert.result.certificateArn)).value, certificateArn);
            if (preview) {
                assert.equal((await resolveOutput(devWithCert.result.url)).value, UNKNOWN);
                assert.equal((await resolveOutput(prod.result.httpsListenerArn)).value, UNKNOWN);
            } else {
                const dnsName = devWithCert.one(T.alb).state.dnsName;
                assert.equal((await resolveOutput(devWithCert.result.url)).value, `https://${String(dnsName)}`);
                assert.equal((await resolveOutput(devHttpOnly.result.url)).value, `http://${String(devHttpOnly.one(T.alb).state.dnsName)}`);
                assert.match(String((await resolveOutput(prod.result.httpsListenerArn)).value), /listener\/erp-lb-https$/);
                assert.match(String((await resolveOutput(prod.result.arnSuffix)).value), /^app\/erp-prod\/[0-9a-f]{16}$/);
                assert.match(
                    String((await resolveOutput(prod.result.targetGroupArnSuffix)).value),
                    /^targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/,
                );
                assert.equal((await resolveOutput(prod.result.logBucketName)).value, prod.one(T.bucket).state.bucket);
            }
        });

        if (!preview) {
            it("lets only ELB log delivery write (us-east-1: the regional ELB account too), under this account's prefix, and refuses requests without TLS", () => {
                const policy = JSON.parse(prod.one(T.bucketPolicy).inputs.policy as string);
                const bucketArn = String(prod.one(T.bucket).state.arn);
                const allow = policy.Statement.filter((s: { Effect: string }) => s.Effect === "Allow");
                assert.deepEqual(
                    allow.map((s: { Principal: unknown; Action: unknown; Resource: unknown }) => [s.Principal, s.Action, s.Resource]),
                    [
                        [{ AWS: "arn:aws:iam::127311923021:root" }, "s3:PutObject", `${bucketArn}/alb/AWSLogs/123456789012/*`],
                        [
                            { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
                            "s3:PutObject",
                            `${bucketArn}/alb/AWSLogs/123456789012/*`,
                        ],
                    ],
                );
                const deny = policy.Statement.find((s: { Effect: string }) => s.Effect === "Deny");
                assert.deepEqual(deny.Condition, { Bool: { "aws:SecureTransport": "false" } });
            });
        }
    });
}

describe("OdooLoadBalancer options", () => {
    it("uses a given zone ID without looking the zone up, and an existing certificate without creating one", async () => {
        const run = await runWithMocks(
            loadBalancer({
                cluster: prodCluster,
                domainName: "erp.example.com",
                hostedZoneId: "Z0123456789ABCDEFGHIJ",
                certificateArn,
                accessLogs: false,
            }),
            {
                preview: true,
                calls: {
                    "aws:route53/getZone:getZone": () => {
                        throw new Error("must not be called");
                    },
                },
            },
        );
        assert.equal(run.ofType(T.cert).length, 0);
        assert.equal(run.one(T.record).inputs.zoneId, "Z0123456789ABCDEFGHIJ");
        assert.equal(run.ofType(T.listener).find((l) => l.inputs.port === 443)?.inputs.certificateArn, certificateArn);
        assert.equal((await resolveOutput(run.result.url)).value, "https://erp.example.com");
        assert.equal(run.ofType(T.bucket).length, 0);
    });

    it("serves a domain whose DNS is elsewhere with the operator's certificate and no record", async () => {
        const run = await runWithMocks(loadBalancer({ cluster: devCluster, domainName: "erp.example.org", certificateArn }), {
            preview: true,
        });
        assert.equal(run.ofType(T.record).length, 0);
        assert.equal((await resolveOutput(run.result.url)).value, "https://erp.example.org");
    });

    it("honours a longer idle timeout, a FIPS policy, a day of stickiness and access logs outside production", async () => {
        const run = await runWithMocks(
            loadBalancer({
                cluster: devCluster,
                certificateArn,
                idleTimeoutSeconds: 4000,
                sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
                stickinessDurationSeconds: 86400,
                accessLogs: true,
                accessLogRetentionDays: 30,
            }),
            { preview: false },
        );
        assert.equal(run.one(T.alb).inputs.idleTimeout, 4000);
        assert.equal(run.one(T.tg).inputs.deregistrationDelay, 3600, "capped at AWS's maximum");
        assert.equal((run.one(T.tg).inputs.stickiness as Record<string, unknown>).cookieDuration, 86400);
        assert.equal(
            run.ofType(T.listener).find((l) => l.inputs.port === 443)?.inputs.sslPolicy,
            "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
        );
        const bucket = run.one(T.bucket);
        assert.equal(bucket.options.retainOnDelete, false, "dev logs go with the stack");
        assert.equal(bucket.inputs.forceDestroy, true);
        assert.deepEqual((run.one(T.lifecycle).inputs.rules as Record<string, unknown>[])[0].expiration, { days: 30 });
        assert.equal(run.one(T.alb).inputs.enableDeletionProtection, false);
    });

    it("builds a production load balancer without TLS when explicitly allowed", async () => {
        const run = await runWithMocks(loadBalancer({ cluster: prodCluster, allowHttpOnly: true }), { preview: true });
        assert.equal(run.one(T.listener).inputs.port, 80);
        assert.equal(run.one(T.alb).inputs.enableDeletionProtection, true);
    });

    it("refuses to create the ALB when a subnet list given as an Output resolves to a single subnet", async () => {
        const failure = await failedRunWithMocks(
            loadBalancer({ cluster: devCluster, certificateArn, subnetIds: pulumi.output(["subnet-0123456789abcdef0"]) }),
            { preview: false },
        );
        assert.deepEqual(
            failure.resources.filter((r) => r.type === T.alb),
            [],
        );
        assert.match(failure.message, /subnetIds is \["subnet-0123456789abcdef0"\]; accepted: at least 2 public subnet IDs/);
    });

    it("turns production's protections off only when asked, and shows it on the resources", async () => {
        const run = await runWithMocks(
            loadBalancer({ cluster: prodCluster, certificateArn, deletionProtection: false, accessLogs: false }),
            { preview: true },
        );
        assert.equal(run.one(T.alb).inputs.enableDeletionProtection, false);
        assert.equal(run.one(T.alb).inputs.accessLogs, undefined);
        assert.equal(run.ofType(T.bucket).length, 0);
    });
});

for (const preview of [true, false]) {
    describe(`OdooLoadBalancer wired to OdooNetwork (${preview ? "preview" : "update"})`, () => {
        it("sits in the network's public subnets behind its load balancer group, and its target group in the VPC", async () => {
            const run = await runWithMocks(
                () => {
                    const network = new OdooNetwork("erp-net", { cluster: prodCluster });
                    return new OdooLoadBalancer("erp-lb", {
                        cluster: prodCluster,
                        vpcId: network.vpcId,
                        subnetIds: network.publicSubnetIds,
                        securityGroupId: network.loadBalancerSecurityGroupId,
                        certificateArn,
                    });
                },
                { preview },
            );
            const alb = run.one(T.alb).inputs;
            if (preview) {
                assert.equal(alb.subnets, UNKNOWN, "subnet IDs are not known before the subnets exist");
            } else {
                assert.deepEqual(alb.subnets, ["erp-net-public-1-id", "erp-net-public-2-id", "erp-net-public-3-id"]);
                assert.deepEqual(alb.securityGroups, ["erp-net-lb-sg-id"]);
                assert.equal(run.one(T.tg).inputs.vpcId, "erp-net-vpc-id");
            }
            assert.equal(run.one(T.tg).inputs.port, 8080);
        });
    });
}

describe("OdooLoadBalancer argument errors (nothing is created)", () => {
    const cases: { title: string; args: Partial<OdooLoadBalancerArgs>; property: string; value: RegExp; accepted: RegExp }[] = [
        {
            title: "an idle timeout of 60 s, explaining the node proxy's 1230 s",
            args: { cluster: devCluster, certificateArn, idleTimeoutSeconds: 60 },
            property: "idleTimeoutSeconds",
            value: /is 60;/,
            accepted: /from 1230 to 4000.*long reports, imports and idle websockets/,
        },
        {
            title: "an idle timeout beyond AWS's 4000 s",
            args: { cluster: devCluster, certificateArn, idleTimeoutSeconds: 5000 },
            property: "idleTimeoutSeconds",
            value: /is 5000;/,
            accepted: /from 1230 to 4000/,
        },
        {
            title: "a stickiness of 0 s",
            args: { cluster: devCluster, certificateArn, stickinessDurationSeconds: 0 },
            property: "stickinessDurationSeconds",
            value: /is 0;/,
            accepted: /from 1 to 604800/,
        },
        {
            title: "a stickiness beyond 7 days",
            args: { cluster: devCluster, certificateArn, stickinessDurationSeconds: 604801 },
            property: "stickinessDurationSeconds",
            value: /is 604801;/,
            accepted: /from 1 to 604800/,
        },
        {
            title: "an unknown TLS policy",
            args: { cluster: devCluster, certificateArn, sslPolicy: "ELBSecurityPolicy-2016-08" },
            property: "sslPolicy",
            value: /"ELBSecurityPolicy-2016-08"/,
            accepted: /one of "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"/,
        },
        {
            title: "a TLS 1.3 policy that still allows TLS 1.0, saying why",
            args: { cluster: devCluster, certificateArn, sslPolicy: "ELBSecurityPolicy-TLS13-1-0-2021-06" },
            property: "sslPolicy",
            value: /"ELBSecurityPolicy-TLS13-1-0-2021-06"/,
            accepted: /still accepts TLS 1\.0 or 1\.1/,
        },
        {
            title: "a TLS policy without a certificate",
            args: { cluster: devCluster, allowHttpOnly: true, sslPolicy: DEFAULT_SSL_POLICY },
            property: "sslPolicy",
            value: /"ELBSecurityPolicy-TLS13/,
            accepted: /nothing without a certificate/,
        },
        {
            title: "neither a certificate nor allowHttpOnly, naming both options",
            args: { cluster: prodCluster },
            property: "certificateArn",
            value: /is undefined;/,
            accepted: /an ACM certificate ARN, or domainName with hostedZoneId or hostedZoneName.*allowHttpOnly: true/,
        },
        {
            title: "a domain without a zone or certificate",
            args: { cluster: prodCluster, domainName: "erp.example.com" },
            property: "domainName",
            value: /"erp\.example\.com"/,
            accepted: /together with hostedZoneId or hostedZoneName.*or with certificateArn/,
        },
        {
            title: "a domain outside its zone",
            args: { cluster: prodCluster, domainName: "erp.example.org", hostedZoneName: "example.com" },
            property: "domainName",
            value: /"erp\.example\.org"/,
            accepted: /a name in the zone example\.com/,
        },
        {
            title: "both a zone ID and a zone name",
            args: {
                cluster: prodCluster,
                domainName: "erp.example.com",
                hostedZoneId: "Z0123456789ABCDEFGHIJ",
                hostedZoneName: "example.com",
            },
            property: "hostedZoneName",
            value: /"example\.com"/,
            accepted: /nothing when hostedZoneId is given/,
        },
        {
            title: "a zone without a domain",
            args: { cluster: prodCluster, certificateArn, hostedZoneId: "Z0123456789ABCDEFGHIJ" },
            property: "hostedZoneId",
            value: /"Z0123456789ABCDEFGHIJ"/,
            accepted: /only together with domainName/,
        },
        {
            title: "a wildcard domain",
            args: { cluster: prodCluster, domainName: "*.example.com", hostedZoneName: "example.com" },
            property: "domainName",
            value: /"\*\.example\.com"/,
            accepted: /a lower-case host name/,
        },
        {
            title: "a malformed certificate ARN",
            args: { cluster: prodCluster, certificateArn: "my-cert" },
            property: "certificateArn",
            value: /"my-cert"/,
            accepted: /an ACM certificate ARN/,
        },
        {
            title: "a single subnet",
            args: { cluster: prodCluster, certificateArn, subnetIds: ["subnet-0123456789abcdef0"] },
            property: "subnetIds",
            value: /\["subnet-0123456789abcdef0"\]/,
            accepted: /at least 2 public subnet IDs/,
        },
        {
            title: "a security group ID that is not one",
            args: { cluster: prodCluster, certificateArn, securityGroupId: "default" },
            property: "securityGroupId",
            value: /"default"/,
            accepted: /an ID such as "sg-/,
        },
        {
            title: "a log retention with access logs off",
            args: { cluster: devCluster, certificateArn, accessLogRetentionDays: 30 },
            property: "accessLogRetentionDays",
            value: /is 30;/,
            accepted: /nothing while accessLogs is off/,
        },
        {
            title: "a deregistration delay beyond AWS's hour",
            args: { cluster: devCluster, certificateArn, deregistrationDelaySeconds: 4000 },
            property: "deregistrationDelaySeconds",
            value: /is 4000;/,
            accepted: /from 0 to 3600/,
        },
    ];
    for (const c of cases) {
        it(`rejects ${c.title}`, async () => {
            await rejectsArgumentError(loadBalancer(c.args as OdooLoadBalancerArgs), {
                property: c.property,
                message: [c.value, c.accepted],
            });
        });
    }
});

describe("the load balancer's pure parts", () => {
    it("names the ALB after the cluster and environment, within AWS's 32 characters, and long names apart by a hash", () => {
        assert.deepEqual(loadBalancerNames({ name: "erp", environment: "prod" }), { loadBalancer: "erp-prod" });
        const long = loadBalancerNames({ name: "a".repeat(20), environment: "staging-eu-central-1" });
        const other = loadBalancerNames({ name: "a".repeat(20), environment: "staging-eu-central-2" });
        assert.ok(long.loadBalancer.length <= 32 && /^[a-z0-9-]+$/.test(long.loadBalancer));
        assert.notEqual(long.loadBalancer, other.loadBalancer, "clipped names of two environments must not collide");
        assert.equal(loadBalancerNames({ name: "internal", environment: "prod" }).loadBalancer, "odoo-internal-prod");
    });

    it("offers only TLS 1.3 policies with a TLS 1.2 minimum, the default among them, none of the legacy ones", () => {
        assert.ok(TLS13_SSL_POLICIES.includes(DEFAULT_SSL_POLICY));
        assert.ok(TLS13_SSL_POLICIES.every((p) => /^ELBSecurityPolicy-TLS13-1-[23]-/.test(p)));
        assert.ok(LEGACY_TLS13_SSL_POLICIES.every((p) => /^ELBSecurityPolicy-TLS13-1-[01]-/.test(p) && !TLS13_SSL_POLICIES.includes(p)));
        assert.equal(new Set(TLS13_SSL_POLICIES).size, TLS13_SSL_POLICIES.length);
    });

    it("scopes the log-delivery grant to the account's prefix in the given partition", () => {
        const policy = JSON.parse(accessLogBucketPolicy("arn:aws-cn:s3:::logs", "111122223333"));
        assert.equal(policy.Statement[0].Resource, "arn:aws-cn:s3:::logs/alb/AWSLogs/111122223333/*");
        assert.deepEqual(policy.Statement[0].Principal, { Service: "logdelivery.elasticloadbalancing.amazonaws.com" });
    });

    it("grants the regional ELB account too in a region older than August 2022, where ELB writes as that account", () => {
        const policy = JSON.parse(accessLogBucketPolicy("arn:aws:s3:::logs", "111122223333", "arn:aws:iam::127311923021:root"));
        const grant = policy.Statement.find((s: { Sid: string }) => s.Sid === "AllowRegionalElbAccountLogDelivery");
        assert.deepEqual(grant.Principal, { AWS: "arn:aws:iam::127311923021:root" });
        assert.equal(grant.Resource, "arn:aws:s3:::logs/alb/AWSLogs/111122223333/*");
        // Jakarta opened in December 2021 and has an ELB account; Spain (November 2022) and the UAE
        // (late August 2022) have only the service principal.
        assert.ok(ELB_ACCOUNT_REGIONS.includes("us-east-1") && ELB_ACCOUNT_REGIONS.includes("ap-southeast-3"));
        assert.ok(!ELB_ACCOUNT_REGIONS.includes("eu-south-2") && !ELB_ACCOUNT_REGIONS.includes("me-central-1"));
    });

    it("sizes the deregistration delay from the idle timeout unless told otherwise", () => {
        const base = { ...placement, cluster: devCluster, certificateArn };
        assert.equal(resolveLoadBalancerArgs(base).deregistrationDelaySeconds, 1260);
        assert.equal(resolveLoadBalancerArgs({ ...base, idleTimeoutSeconds: 1800 }).deregistrationDelaySeconds, 1800);
        assert.equal(resolveLoadBalancerArgs({ ...base, deregistrationDelaySeconds: 120 }).deregistrationDelaySeconds, 120);
    });

    it("uses an existing certificate over creating one when both are possible", () => {
        const plan = resolveLoadBalancerArgs({
            ...placement,
            cluster: prodCluster,
            certificateArn,
            domainName: "erp.example.com",
            hostedZoneName: "example.com.",
        });
        assert.equal(plan.tls, "existing-certificate");
        assert.equal(plan.hostedZoneName, "example.com");
    });
});
