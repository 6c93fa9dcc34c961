/**
 * What AWS itself would refuse or break, checked over every resource of the shipped stacks and the
 * what-ifs, in a first preview and in an update. Mocks accept anything; these rules are AWS's, each
 * with the page it comes from, and are written here apart from the components' own checks, so a
 * component that drifts from AWS fails here even when its own tests agree with it.
 */
import { strict as assert } from "node:assert";
import { MockRun, RecordedResource, UNKNOWN, runWithMocks } from "../../stacks/engine/mockRuntime";
import { StackOutputs, defineStack } from "../../stacks/program";
import { CONFIG_NAMESPACE } from "../../stacks/stackConfig";
import { STACKS_DIR } from "../../stacks/cli/preview";
import { applyOverrides, loadStackConfig, toEngineConfig } from "../../stacks/cli/stackFile";
import { cloudConfigOf, fileIn } from "../harness/nodeUserData";

/** A stack as shipped, or a what-if on top of one. */
interface Scenario {
    label: string;
    stack: string;
    overrides: string[];
    production: boolean;
}

const SCENARIOS: Scenario[] = [
    { label: "dev", stack: "dev", overrides: [], production: false },
    { label: "staging", stack: "staging", overrides: [], production: false },
    { label: "prod", stack: "prod", overrides: [], production: true },
    {
        label: "prod at 2,000 users",
        stack: "prod",
        overrides: ["concurrentUsers=2000", "database.instanceClass=db.r7g.8xlarge"],
        production: true,
    },
    {
        label: "prod with an S3 filestore",
        stack: "prod",
        overrides: ["filestore.kind=s3", "imageAddons.s3Attachments=true"],
        production: true,
    },
    {
        label: "prod on Aurora",
        stack: "prod",
        overrides: ["database.engine=aurora-postgresql", "database.instanceClass=db.r7g.4xlarge"],
        production: true,
    },
    { label: "prod-dr", stack: "prod-dr", overrides: [], production: true },
];

interface Run {
    scenario: Scenario;
    preview: boolean;
    run: MockRun<StackOutputs>;
    /** The stack's `aws:region`: where every resource goes that names no provider of its own. */
    region: string;
}

const T = {
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    defaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    legacyRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    rdsInstance: "aws:rds/instance:Instance",
    rdsCluster: "aws:rds/cluster:Cluster",
    clusterInstance: "aws:rds/clusterInstance:ClusterInstance",
    asg: "aws:autoscaling/group:Group",
    targetGroup: "aws:lb/targetGroup:TargetGroup",
    loadBalancer: "aws:lb/loadBalancer:LoadBalancer",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    command: "command:local:Command",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    record: "aws:route53/record:Record",
    healthCheck: "aws:route53/healthCheck:HealthCheck",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    kmsKey: "aws:kms/key:Key",
    provider: "pulumi:providers:aws",
} as const;

const runs: Run[] = [];

function label(r: Run): string {
    return `${r.scenario.label} (${r.preview ? "preview" : "update"})`;
}

function where(r: Run, resource: RecordedResource): string {
    return `${label(r)}: ${resource.type} ${resource.name}`;
}

/** The region a resource is created in: that of the explicit provider it names, or the stack's. */
function regionOf(r: Run, resource: RecordedResource): string {
    if (!resource.options.provider) {
        return r.region;
    }
    const urn = resource.options.provider.slice(0, resource.options.provider.lastIndexOf("::"));
    const provider = r.run.ofType(T.provider).find((p) => p.urn === urn);
    assert.ok(provider, `${where(r, resource)}: its provider ${urn} is one of the stack's`);
    return typeof provider.inputs.region === "string" ? provider.inputs.region : r.region;
}

/** The resources of `type` in the stack's own region (a standby's live in another). */
function inStackRegion(r: Run, type: string): RecordedResource[] {
    return r.run.ofType(type).filter((x) => regionOf(r, x) === r.region);
}

/** Dependencies of a resource: dependsOn and the resources its inputs came from. */
function dependenciesOf(resource: RecordedResource): Set<string> {
    return new Set([...resource.options.dependsOn, ...Object.values(resource.options.propertyDependencies).flat()]);
}

before(async function () {
    this.timeout(600_000);
    for (const scenario of SCENARIOS) {
        const config = toEngineConfig(applyOverrides(loadStackConfig(STACKS_DIR, scenario.stack), scenario.overrides));
        for (const preview of [true, false]) {
            const run = await runWithMocks(() => defineStack(config), {
                preview,
                project: CONFIG_NAMESPACE,
                stack: scenario.stack,
                config,
            });
            runs.push({ scenario, preview, run, region: config["aws:region"] });
        }
    }
});

describe("what AWS accepts, over every resource of the shipped stacks and the what-ifs", function () {
    this.timeout(120_000);

    /**
     * EC2 accepts in a security-group description and in a rule description only a-z, A-Z, 0-9,
     * spaces and ._-:/()#,@[]+=&;{}!$*, at most 255 characters — an apostrophe fails the create.
     * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html (GroupDescription)
     * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html (Description)
     */
    it("writes every security-group and rule description in EC2's character set, at most 255 characters", () => {
        const allowed = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]{0,255}$/;
        let checked = 0;
        for (const r of runs) {
            for (const resource of r.run.resources) {
                const texts: unknown[] = [];
                if (resource.type === T.securityGroup || resource.type === T.defaultSecurityGroup) {
                    texts.push(resource.inputs.description, resource.inputs.name);
                    for (const rule of [
                        ...((resource.inputs.ingress as unknown[]) ?? []),
                        ...((resource.inputs.egress as unknown[]) ?? []),
                    ]) {
                        texts.push((rule as { description?: unknown }).description);
                    }
                } else if ([T.ingressRule, T.egressRule, T.legacyRule].includes(resource.type as never)) {
                    texts.push(resource.inputs.description);
                } else {
                    continue;
                }
                for (const text of texts.filter((t) => t !== undefined)) {
                    assert.notEqual(text, UNKNOWN, `${where(r, resource)}: a description must be known before the create`);
                    assert.match(String(text), allowed, `${where(r, resource)}: ${JSON.stringify(text)}`);
                    checked++;
                }
            }
        }
        assert.ok(checked > 100, `${checked} descriptions checked`);
    });

    /**
     * RDS does not create a read replica of a source whose master password it manages in Secrets
     * Manager (all engines but SQL Server).
     * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html#rds-secrets-manager-limitations
     */
    it("creates no read replica of a source whose password RDS manages, and no managed password at all", () => {
        let replicas = 0;
        for (const r of runs) {
            const instances = r.run.ofType(T.rdsInstance);
            for (const replica of instances.filter((i) => i.inputs.replicateSourceDb !== undefined)) {
                replicas++;
                const sources = replica.options.propertyDependencies.replicateSourceDb ?? [];
                const source = instances.find((i) => sources.includes(i.urn) || i.state.identifier === replica.inputs.replicateSourceDb);
                assert.ok(source, `${where(r, replica)}: its source is one of the stack's instances`);
                assert.notEqual(source.inputs.manageMasterUserPassword, true, `${where(r, source)} manages its password and has replicas`);
            }
            // A cross-region replica (the DR standby) is refused likewise, so no source may manage it.
            for (const db of [...instances, ...r.run.ofType(T.rdsCluster)]) {
                assert.notEqual(db.inputs.manageMasterUserPassword, true, where(r, db));
            }
        }
        assert.ok(replicas >= 4, `${replicas} replicas checked`);
    });

    /**
     * An encrypted read replica in another region than its source names the source by ARN and
     * needs a KMS key of its own region (a key is regional); one in the source's region must not
     * set a key: it is always encrypted with the source's.
     * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html
     * (SourceDBInstanceIdentifier, KmsKeyId)
     */
    it("gives a cross-region replica its source's ARN and a key of its own region, and a same-region replica no key", () => {
        let crossRegion = 0;
        for (const r of runs) {
            const instances = r.run.ofType(T.rdsInstance);
            for (const replica of instances.filter((i) => i.inputs.replicateSourceDb !== undefined)) {
                const sources = replica.options.propertyDependencies.replicateSourceDb ?? [];
                const source = instances.find((i) => sources.includes(i.urn));
                assert.ok(source, `${where(r, replica)}: its source is one of the stack's instances`);
                if (regionOf(r, replica) === regionOf(r, source)) {
                    assert.equal(replica.inputs.kmsKeyId, undefined, `${where(r, replica)}: same region, no key`);
                    continue;
                }
                crossRegion++;
                if (!r.preview) {
                    assert.match(String(replica.inputs.replicateSourceDb), /^arn:aws:rds:us-east-1:\d{12}:db:/, where(r, replica));
                }
                assert.equal(replica.inputs.storageEncrypted, true, where(r, replica));
                const keys = (replica.options.propertyDependencies.kmsKeyId ?? []).map((urn) => r.run.resources.find((x) => x.urn === urn));
                assert.ok(replica.inputs.kmsKeyId !== undefined && keys.length === 1, `${where(r, replica)}: a key of its own`);
                assert.equal(keys[0]?.type, T.kmsKey, where(r, replica));
                assert.equal(regionOf(r, keys[0]!), regionOf(r, replica), `${where(r, replica)}: the key is in the replica's region`);
            }
        }
        assert.ok(crossRegion >= 2, `${crossRegion} cross-region replicas checked`);
    });

    /**
     * A resource with a fixed AWS name cannot be replaced create-before-delete (Pulumi's default):
     * the new one is refused while the old one holds the name. So a named resource is either
     * auto-named or prefixed, deleted first, or has no other input that would replace it — which
     * here means: every input that forces a replacement (per the provider's docs) is the same in
     * every stack and what-if, so no configuration can change it.
     * https://www.pulumi.com/docs/iac/concepts/resources/names/#autonaming
     * https://www.pulumi.com/docs/iac/concepts/resources/options/deletebeforereplace/
     */
    it("gives every named resource whose replacement is possible an auto-name or prefix, or deletes it first", () => {
        // The inputs that name a resource in AWS; elsewhere the same field may only point at another one.
        const NAME_FIELDS = ["name", "dashboardName", "alarmName"];
        const OWN_IDENTIFIER: Record<string, string> = {
            "aws:s3/bucket:Bucket": "bucket",
            [T.rdsInstance]: "identifier",
            [T.clusterInstance]: "identifier",
            [T.rdsCluster]: "clusterIdentifier",
            "aws:elasticache/replicationGroup:ReplicationGroup": "replicationGroupId",
        };
        const nameFieldsOf = (type: string) => (OWN_IDENTIFIER[type] ? [...NAME_FIELDS, OWN_IDENTIFIER[type]] : NAME_FIELDS);
        /** Inputs that force a new resource besides the name, from the Pulumi AWS provider's docs. */
        const REPLACED_ON: Record<string, string[]> = {
            [T.targetGroup]: ["port", "protocol", "protocolVersion", "targetType", "vpcId"],
            [T.loadBalancer]: ["internal", "loadBalancerType"],
            "aws:cloudwatch/logGroup:LogGroup": ["logGroupClass"],
            "aws:route53/zone:Zone": ["delegationSetId"],
            "aws:cloudwatch/dashboard:Dashboard": [],
        };
        // A record's name, type, zone and set identifier are its identity: replacing it means a new identity.
        const IDENTITY_TYPES = [T.record];
        const valuesByType = new Map<string, Map<string, Set<string>>>();
        const named: [Run, RecordedResource][] = [];
        for (const r of runs) {
            for (const resource of r.run.resources.filter((x) => x.custom)) {
                const fixed = nameFieldsOf(resource.type).filter((f) => resource.inputs[f] !== undefined);
                if (fixed.length === 0 || IDENTITY_TYPES.includes(resource.type as never) || resource.options.deleteBeforeReplace) {
                    continue;
                }
                const replacedOn = REPLACED_ON[resource.type];
                assert.ok(replacedOn, `${where(r, resource)} has a fixed ${fixed.join(", ")}: list what replaces it, or auto-name it`);
                named.push([r, resource]);
                const perInput = valuesByType.get(resource.type) ?? new Map<string, Set<string>>();
                valuesByType.set(resource.type, perInput);
                for (const input of replacedOn) {
                    const value = resource.inputs[input];
                    const seen = perInput.get(input) ?? new Set<string>();
                    seen.add(value === UNKNOWN ? `unknown:${resource.urn}` : JSON.stringify(value));
                    perInput.set(input, seen);
                }
            }
        }
        for (const [type, perInput] of valuesByType) {
            for (const [input, values] of perInput) {
                assert.equal(
                    values.size,
                    1,
                    `${type} has a fixed name, but ${input} varies (${[...values].join(", ")}) and would replace it`,
                );
            }
        }
        assert.ok(
            named.some(([, resource]) => resource.type === T.loadBalancer),
            "the ALB keeps its readable name (nothing configurable replaces it)",
        );
        for (const r of runs) {
            for (const tg of r.run.ofType(T.targetGroup)) {
                assert.equal(tg.inputs.name, undefined, `${where(r, tg)}: a fixed target-group name fails its replacement`);
            }
        }
    });

    /**
     * An instance refresh replaces instances in batches; each batch waits for the new instances'
     * warm-up, and the old ones drain for the target group's deregistration delay. A step that waits
     * for the refresh must wait at least that long.
     * https://docs.aws.amazon.com/autoscaling/ec2/userguide/instance-refresh-overview.html
     * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-target-group-attributes.html#deregistration-delay
     */
    it("waits in the upgrade step and the health gate at least as long as the rollout they wait for", () => {
        let gates = 0;
        for (const r of runs.filter((x) => !x.preview)) {
            // The gate and the upgrade step wait for the stack region's groups; a standby's are parked.
            const groups = inStackRegion(r, T.asg);
            const [tg, ...others] = inStackRegion(r, T.targetGroup);
            assert.equal(others.length, 0, `${label(r)}: one target group in the stack's region`);
            const drain = Number(tg.inputs.deregistrationDelay ?? 300);
            const rolloutOf = (group: RecordedResource) => {
                const p = (group.inputs.instanceRefresh as { preferences: Record<string, unknown> }).preferences;
                const size = Number(group.inputs.maxSize);
                const max = Number(p.maxHealthyPercentage);
                const min = Number(p.minHealthyPercentage);
                const perBatch = Math.max(1, Math.floor((size * (max > 100 ? max - 100 : 100 - min)) / 100));
                const attached = group.inputs.targetGroupArns !== undefined;
                return Math.ceil(size / perBatch) * (Number(p.instanceWarmup) + (attached ? drain : 0));
            };
            for (const command of r.run.ofType(T.command)) {
                const env = command.inputs.environment as Record<string, string>;
                if (env.ODOO_HEALTH_TIMEOUT !== undefined) {
                    gates++;
                    const longest = Math.max(...groups.map(rolloutOf));
                    assert.ok(
                        Number(env.ODOO_HEALTH_TIMEOUT) >= longest,
                        `${where(r, command)}: ${env.ODOO_HEALTH_TIMEOUT} s < ${longest} s`,
                    );
                }
                if (env.ODOO_NODE_WAIT !== undefined) {
                    const cron = groups.find((g) => g.state.name === env.ODOO_CRON_GROUP);
                    assert.ok(cron, `${where(r, command)} waits for the cron group`);
                    assert.ok(
                        Number(env.ODOO_NODE_WAIT) >= rolloutOf(cron),
                        `${where(r, command)}: ${env.ODOO_NODE_WAIT} s < ${rolloutOf(cron)} s`,
                    );
                }
            }
        }
        assert.ok(gates >= 4, `${gates} health gates checked`);
    });

    /** The HTTP fleet never serves new code on an old schema: it rolls out after the upgrade step. */
    it("rolls the HTTP fleet out only after the module upgrade on the cron node", () => {
        for (const r of runs.filter((x) => x.scenario.production)) {
            const upgrade = r.run.ofType(T.command).find((c) => (c.inputs.environment as Record<string, string>).ODOO_NODE_WAIT);
            assert.ok(upgrade, label(r));
            const http = r.run.ofType(T.asg).find((g) => g.name.endsWith("-http"))!;
            const cron = r.run.ofType(T.asg).find((g) => g.name.endsWith("-cron"))!;
            assert.ok(dependenciesOf(http).has(upgrade.urn), `${label(r)}: HTTP fleet after the upgrade`);
            assert.ok(dependenciesOf(upgrade).has(cron.urn), `${label(r)}: the upgrade after the cron node`);
        }
    });

    /**
     * Odoo must end a long request (and roll it back) before the proxy or the ALB gives up, and the
     * node's keep-alive must outlive the ALB's idle timeout, or the ALB answers 502.
     * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#connection-idle-timeout
     */
    it("orders the request timeouts: Odoo's limit_time_real ≤ nginx's proxy timeouts ≤ the ALB's idle timeout", () => {
        for (const r of runs.filter((x) => !x.preview)) {
            for (const template of r.run.ofType(T.launchTemplate)) {
                // Each region's nodes sit behind that region's load balancer.
                const albs = r.run.ofType(T.loadBalancer).filter((lb) => regionOf(r, lb) === regionOf(r, template));
                assert.equal(albs.length, 1, `${where(r, template)}: one load balancer in its region`);
                const idle = Number(albs[0].inputs.idleTimeout);
                const config = cloudConfigOf(template);
                const conf = config.write_files.find((f) => f.path.endsWith("odoo.conf") && f.path.startsWith("/etc/odoo-aws"))!.content;
                const limit = Number(/^limit_time_real\s*=\s*(\d+)/m.exec(conf)![1]);
                const nginx = config.write_files.find((f) => f.path === "/etc/nginx/conf.d/odoo.conf");
                if (!nginx) {
                    continue; // the cron node serves no users
                }
                const read = Number(/proxy_read_timeout (\d+)s;/.exec(fileIn(config, nginx.path))![1]);
                assert.ok(limit <= read && read <= idle, `${where(r, template)}: ${limit} ≤ ${read} ≤ ${idle}`);
            }
        }
    });
});

describe("the prod stack as an operator would check it before the first pulumi up", function () {
    this.timeout(120_000);
    const prodRuns = () => runs.filter((r) => r.scenario.production && !r.preview);

    /** https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html (AlarmActions) */
    it("gives every production alarm an action", () => {
        for (const r of prodRuns()) {
            const alarms = r.run.ofType(T.alarm);
            assert.ok(alarms.length >= 20, `${label(r)}: ${alarms.length} alarms`);
            for (const alarm of alarms) {
                assert.ok((alarm.inputs.alarmActions as unknown[] | undefined)?.length, `${where(r, alarm)} notifies nobody`);
            }
        }
    });

    /**
     * Route 53's health checkers cannot reach a private replica; in a private zone a record's health
     * check follows a CloudWatch alarm. Aurora has its own reader endpoint instead.
     * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-private-hosted-zones.html
     */
    it("routes read-only work only to healthy replicas (or Aurora's reader endpoint)", () => {
        for (const r of prodRuns()) {
            const aurora = r.run.ofType(T.rdsCluster).length > 0;
            const replicaRecords = r.run.ofType(T.record).filter((x) => x.inputs.setIdentifier !== undefined);
            if (aurora) {
                assert.equal(replicaRecords.length, 0, label(r));
                assert.ok(r.run.ofType(T.clusterInstance).length >= 2, `${label(r)}: a writer and readers`);
                continue;
            }
            // A standby's cross-region replica serves no reads: it is promoted at a failover.
            const replicas = inStackRegion(r, T.rdsInstance).filter((x) => x.inputs.replicateSourceDb !== undefined);
            assert.ok(replicas.length >= 1, `${label(r)}: no replica`);
            assert.equal(replicaRecords.length, replicas.length, `${label(r)}: one weighted record per replica`);
            const checks = r.run.ofType(T.healthCheck);
            for (const record of replicaRecords) {
                const check = checks.find((c) => `${c.name}-id` === record.inputs.healthCheckId);
                assert.ok(check, `${where(r, record)} has no health check`);
                assert.equal(check.inputs.type, "CLOUDWATCH_METRIC", where(r, check));
            }
        }
    });

    /**
     * us-east-1 and us-west-2 (the standby's) opened before August 2022: ELB writes access logs as
     * the region's own ELB account, which the bucket policy of that region's load balancer must name.
     * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
     */
    it("lets each region's ELB account write that region's access logs", () => {
        const ELB_ACCOUNT: Record<string, string> = { "us-east-1": "127311923021", "us-west-2": "797873946194" };
        const regions = new Set<string>();
        for (const r of prodRuns()) {
            for (const bucketPolicy of r.run.ofType(T.bucketPolicy).filter((p) => p.name.includes("lb-logs"))) {
                const region = regionOf(r, bucketPolicy);
                regions.add(region);
                const policy = JSON.parse(String(bucketPolicy.inputs.policy)) as {
                    Statement: { Effect: string; Principal: unknown; Action: string }[];
                };
                const principals = policy.Statement.filter((s) => s.Effect === "Allow" && s.Action === "s3:PutObject").map(
                    (s) => s.Principal,
                );
                assert.ok(
                    principals.some((p) => JSON.stringify(p) === JSON.stringify({ AWS: `arn:aws:iam::${ELB_ACCOUNT[region]}:root` })),
                    `${where(r, bucketPolicy)} (${region}): ${JSON.stringify(principals)}`,
                );
            }
        }
        assert.deepEqual([...regions].sort(), ["us-east-1", "us-west-2"]);
    });
});
