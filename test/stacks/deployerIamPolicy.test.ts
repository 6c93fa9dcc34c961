import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { renderHealthGateScript, renderUpgradeDriverScript } from "../../components/operations/operationScripts";

const ROOT = path.join(__dirname, "..", "..");
const POLICY_FILE = path.join(ROOT, "stacks", "deployer-iam-policy.json");

/**
 * The IAM service prefix of each provider module the components use (`aws.<module>.<Type>`), and
 * of the types that belong to another service than their module. An unmapped module fails the
 * test: a new kind of resource needs a look at the deployer's permissions.
 */
const SERVICE_OF_MODULE: Record<string, string> = {
    acm: "acm",
    autoscaling: "autoscaling",
    backup: "backup",
    cloudwatch: "cloudwatch",
    ec2: "ec2",
    efs: "elasticfilesystem",
    elasticache: "elasticache",
    elb: "elasticloadbalancing",
    iam: "iam",
    kms: "kms",
    lb: "elasticloadbalancing",
    rds: "rds",
    route53: "route53",
    s3: "s3",
    secretsmanager: "secretsmanager",
    sns: "sns",
    vpc: "ec2",
};
const SERVICE_OF_TYPE: Record<string, string> = { "cloudwatch.LogGroup": "logs" };

interface Statement {
    Effect: string;
    Action: string | string[];
    Resource: string | string[];
}

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const file = path.join(dir, e.name);
        return e.isDirectory() ? sourceFiles(file) : file.endsWith(".ts") ? [file] : [];
    });
}

/** Every `aws.<module>.<Type>` the components create or read. */
function providerTypes(): string[] {
    const types = new Set<string>();
    for (const file of sourceFiles(path.join(ROOT, "components"))) {
        for (const m of fs.readFileSync(file, "utf8").matchAll(/\baws\.([a-z0-9]+)\.([A-Z][A-Za-z0-9]*|get[A-Z][A-Za-z0-9]*)\b/g)) {
            if (!m[2].endsWith("Args")) {
                types.add(`${m[1]}.${m[2]}`);
            }
        }
    }
    return [...types].sort();
}

/** `aws <service> <command>` calls of the scripts that run where `pulumi up` runs, as IAM actions. */
function deployerCliActions(): string[] {
    const scripts = renderUpgradeDriverScript() + renderHealthGateScript();
    return [
        ...new Set(
            [...scripts.matchAll(/\baws ([a-z0-9]+) ([a-z][a-z0-9-]+)/g)].map(
                (m) => `${m[1]}:${m[2].replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())}`,
            ),
        ),
    ].sort();
}

describe("the IAM policy a deployer needs (stacks/deployer-iam-policy.json)", () => {
    const policy = JSON.parse(fs.readFileSync(POLICY_FILE, "utf8")) as { Version: string; Statement: Statement[] };
    const allowed = policy.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    const allows = (action: string) => allowed.some((a) => a === action || (a.endsWith(":*") && action.startsWith(a.slice(0, -1))));

    it("is an IAM policy document with allow statements only", () => {
        assert.equal(policy.Version, "2012-10-17");
        assert.ok(policy.Statement.length > 0);
        for (const s of policy.Statement) {
            assert.equal(s.Effect, "Allow");
            for (const action of Array.isArray(s.Action) ? s.Action : [s.Action]) {
                assert.match(action, /^[a-z0-9-]+:[A-Za-z*]+$/);
            }
        }
    });

    it("covers the service of every AWS resource type and data source the components use", () => {
        const types = providerTypes();
        assert.ok(types.length > 40, types.join(" "));
        const missing: string[] = [];
        for (const type of types) {
            const service = SERVICE_OF_TYPE[type] ?? SERVICE_OF_MODULE[type.split(".")[0]];
            assert.ok(service, `no IAM service known for aws.${type}: map it here and extend the policy`);
            if (!allowed.some((a) => a.startsWith(`${service}:`))) {
                missing.push(`aws.${type} (${service})`);
            }
        }
        assert.deepEqual(missing, []);
    });

    it("allows every AWS CLI call of the upgrade step and the health gate, which run where pulumi up runs", () => {
        const actions = deployerCliActions();
        assert.ok(actions.includes("ssm:SendCommand"), actions.join(" "));
        assert.deepEqual(
            actions.filter((a) => !allows(a)),
            [],
        );
    });

    it("lets the deployer manage only the cluster's own roles, and pass them only to the services that use them", () => {
        const iam = policy.Statement.filter((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]).some((a) => a.startsWith("iam:")));
        for (const s of iam) {
            const actions = Array.isArray(s.Action) ? s.Action : [s.Action];
            assert.ok(!actions.includes("iam:*"), "no iam:*");
            const resources = Array.isArray(s.Resource) ? s.Resource : [s.Resource];
            if (actions.some((a) => a !== "iam:CreateServiceLinkedRole")) {
                assert.ok(
                    resources.every((r) => r !== "*"),
                    `${actions.join(",")} on ${resources.join(",")}`,
                );
            }
        }
    });
});
