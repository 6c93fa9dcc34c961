import { NODE_METRICS_NAMESPACE } from "../../../components/operations/alarms";
import { strict as assert } from "node:assert";
import {
    NodePolicyInput,
    PolicyStatement,
    ec2AssumeRolePolicy,
    nodePolicyDocument,
    ssmManagedPolicyArn,
} from "../../../components/nodes/nodeIam";

const base: NodePolicyInput = {
    partition: "aws",
    region: "eu-west-1",
    accountId: "123456789012",
    secretArns: [
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-1234-AbCdEf",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:erp-admin-AbCdEf",
    ],
    logGroupArn: "arn:aws:logs:eu-west-1:123456789012:log-group:/odoo/erp/prod/nodes",
};

function statement(input: NodePolicyInput, sid: string): PolicyStatement {
    const found = nodePolicyDocument(input).Statement.find((s) => s.Sid === sid);
    assert.ok(found, `no statement ${sid}`);
    return found;
}

describe("the node role's policy documents", () => {
    it("lets only EC2 assume the role", () => {
        const trust = ec2AssumeRolePolicy();
        assert.deepEqual(
            trust.Statement.map((s) => [s.Principal, s.Action]),
            [[{ Service: "ec2.amazonaws.com" }, ["sts:AssumeRole"]]],
        );
    });

    it("reads exactly the secrets it is given", () => {
        const s = statement({ ...base, secretArns: [...base.secretArns, base.secretArns[0]] }, "ReadOdooSecrets");
        assert.deepEqual(s.Action, ["secretsmanager:GetSecretValue"]);
        assert.deepEqual(s.Resource, base.secretArns);
    });

    it("decrypts a secret's customer-managed key only through Secrets Manager, and asks for no KMS without one", () => {
        const key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        const s = statement({ ...base, secretKeyArns: [key] }, "DecryptOdooSecrets");
        assert.deepEqual(s.Action, ["kms:Decrypt"]);
        assert.deepEqual(s.Resource, [key]);
        assert.deepEqual(s.Condition, { StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" } });
        assert.ok(!nodePolicyDocument(base).Statement.some((st) => st.Action.some((a) => a.startsWith("kms:"))));
    });

    it("writes logs to its own log group only", () => {
        assert.deepEqual(statement(base, "WriteOdooLogs").Resource, [base.logGroupArn, `${base.logGroupArn}:*`]);
    });

    it("has no wildcard resource except ECR's token, tag reads and the nodes' own metric namespace, which IAM cannot scope", () => {
        const full = nodePolicyDocument({
            ...base,
            efs: { fileSystemId: "fs-0123456789abcdef0" },
            s3: { bucket: "erp-attachments" },
            ecr: { partition: "aws", region: "eu-west-1", accountId: "123456789012", repository: "erp/odoo" },
        });
        const wildcards = full.Statement.filter((s) => (s.Resource ?? []).some((r) => r === "*"));
        assert.deepEqual(
            wildcards.map((s) => [s.Sid, s.Action]),
            [
                ["PublishNodeMetrics", ["cloudwatch:PutMetricData"]],
                ["ReadOwnGroupTag", ["ec2:DescribeTags"]],
                ["LogInToEcr", ["ecr:GetAuthorizationToken"]],
            ],
        );
        assert.deepEqual(full.Statement.find((s) => s.Sid === "PublishNodeMetrics")?.Condition, {
            StringEquals: { "cloudwatch:namespace": NODE_METRICS_NAMESPACE },
        });
        for (const s of full.Statement) {
            for (const r of s.Resource ?? []) {
                assert.ok(!/^arn:[^:]*:(secretsmanager|s3|elasticfilesystem):[^:]*:[^:]*:\*$/.test(r), `${s.Sid} grants ${r}`);
            }
        }
    });

    it("mounts its EFS file system through its access point only, over TLS", () => {
        const s = statement(
            { ...base, efs: { fileSystemId: "fs-0123456789abcdef0", accessPointId: "fsap-0123456789abcdef0" } },
            "MountOdooFilestore",
        );
        assert.deepEqual(s.Resource, ["arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-0123456789abcdef0"]);
        assert.deepEqual(s.Action, ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]);
        assert.deepEqual(s.Condition, {
            Bool: { "aws:SecureTransport": "true" },
            StringEquals: {
                "elasticfilesystem:AccessPointArn": "arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-0123456789abcdef0",
            },
        });
    });

    it("asks for EFS root access only without an access point, to hand the root directory to Odoo", () => {
        const s = statement({ ...base, efs: { fileSystemId: "fs-0123456789abcdef0" } }, "MountOdooFilestore");
        assert.ok(s.Action.includes("elasticfilesystem:ClientRootAccess"));
        assert.equal(s.Condition?.StringEquals, undefined);
    });

    it("reads and writes objects of its bucket only", () => {
        const input = { ...base, s3: { bucket: "erp-attachments" } };
        assert.deepEqual(statement(input, "ListOdooAttachments").Resource, ["arn:aws:s3:::erp-attachments"]);
        const rw = statement(input, "ReadWriteOdooAttachments");
        assert.deepEqual(rw.Resource, ["arn:aws:s3:::erp-attachments/*"]);
        assert.ok(!rw.Action.some((a) => a === "s3:*" || a.startsWith("s3:PutBucket")));
    });

    it("pulls from ECR only when the image lives there, and only from its repository", () => {
        assert.equal(
            nodePolicyDocument(base).Statement.some((s) => s.Action.some((a) => a.startsWith("ecr:"))),
            false,
        );
        const pull = statement(
            { ...base, ecr: { partition: "aws", region: "us-east-1", accountId: "210987654321", repository: "erp/odoo" } },
            "PullOdooImage",
        );
        assert.deepEqual(pull.Resource, ["arn:aws:ecr:us-east-1:210987654321:repository/erp/odoo"]);
    });

    it("grants no filestore access of its own when none is asked for", () => {
        const sids = nodePolicyDocument(base).Statement.map((s) => s.Sid);
        assert.deepEqual(sids, ["ReadOdooSecrets", "WriteOdooLogs", "PublishNodeMetrics", "ReadOwnGroupTag"]);
    });

    it("refuses a policy without secrets to read", () => {
        assert.throws(() => nodePolicyDocument({ ...base, secretArns: [] }), /secret ARNs/);
    });

    it("names Session Manager's managed policy in the partition", () => {
        assert.equal(ssmManagedPolicyArn("aws-cn"), "arn:aws-cn:iam::aws:policy/AmazonSSMManagedInstanceCore");
    });
});
