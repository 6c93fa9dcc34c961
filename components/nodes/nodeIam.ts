/**
 * The IAM policy documents of the Odoo nodes' instance role. Pure: resolved strings in, policy
 * document objects out (the component serialises them inside `apply`).
 *
 * Least privilege: every statement names the exact resources; the `*`s are actions IAM does not
 * scope to a resource: `ecr:GetAuthorizationToken`, `ec2:DescribeTags` and
 * `cloudwatch:PutMetricData` (limited to the nodes' namespace by a condition).
 */
import { NODE_METRICS_NAMESPACE } from "../operations/alarms";

/** An IAM policy statement. */
export interface PolicyStatement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Action: string[];
    /** Absent only in a trust policy, which names a Principal instead. */
    Resource?: string[];
    Condition?: Record<string, Record<string, string | string[]>>;
    Principal?: Record<string, string>;
}

/** An IAM policy document. */
export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

/** The trust policy of the node role: only EC2 may assume it. */
export function ec2AssumeRolePolicy(dnsSuffix = "amazonaws.com"): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "Ec2AssumesTheNodeRole", Effect: "Allow", Principal: { Service: `ec2.${dnsSuffix}` }, Action: ["sts:AssumeRole"] },
        ],
    };
}

/** AWS's managed policy for Session Manager access (no SSH, no open port). */
export function ssmManagedPolicyArn(partition: string): string {
    return `arn:${partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`;
}

/** What the node policy grants, resolved. */
export interface NodePolicyInput {
    partition: string;
    region: string;
    accountId: string;
    /** Secrets the boot script reads: the database password, the master password, the Redis token. */
    secretArns: string[];
    /** Customer-managed KMS keys of those secrets (decrypt through Secrets Manager only). */
    secretKeyArns?: string[];
    /** The nodes' CloudWatch log group (ARN without the `:*` suffix). */
    logGroupArn: string;
    /** EFS access granted here when the filestore component gave no access policy. */
    efs?: { fileSystemId: string; accessPointId?: string };
    /** S3 access granted here when the filestore component gave no access policy. */
    s3?: { bucket: string };
    /** The ECR repository of the image, when the image comes from ECR. */
    ecr?: { partition: string; region: string; accountId: string; repository: string };
    /** Target groups a Spot node may leave on an interruption warning (spotInterruption.ts). */
    leaveTargetGroupArns?: string[];
}

/** The node role's own policy. */
export function nodePolicyDocument(input: NodePolicyInput): PolicyDocument {
    if (input.secretArns.length === 0) {
        throw new Error("the node policy needs the secret ARNs the boot script reads");
    }
    const statements: PolicyStatement[] = [
        {
            Sid: "ReadOdooSecrets",
            Effect: "Allow",
            Action: ["secretsmanager:GetSecretValue"],
            Resource: [...new Set(input.secretArns)],
        },
        ...(input.leaveTargetGroupArns && input.leaveTargetGroupArns.length > 0
            ? [
                  {
                      Sid: "LeaveTargetGroupOnSpotInterruption",
                      Effect: "Allow" as const,
                      Action: ["elasticloadbalancing:DeregisterTargets"],
                      Resource: [...new Set(input.leaveTargetGroupArns)],
                  },
              ]
            : []),
        ...(input.secretKeyArns?.length
            ? [
                  {
                      Sid: "DecryptOdooSecrets",
                      Effect: "Allow" as const,
                      Action: ["kms:Decrypt"],
                      Resource: [...new Set(input.secretKeyArns)],
                      // Only when Secrets Manager asks on the node's behalf, not for any ciphertext.
                      Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${input.region}.amazonaws.com` } },
                  },
              ]
            : []),
        {
            Sid: "WriteOdooLogs",
            Effect: "Allow",
            // DescribeLogStreams: the CloudWatch agent looks up its streams before it writes.
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            // CreateLogStream is authorised on the group, PutLogEvents on its streams: both forms, this group only.
            Resource: [input.logGroupArn, `${input.logGroupArn}:*`],
        },
        {
            Sid: "PublishNodeMetrics",
            Effect: "Allow",
            // PutMetricData has no resource-level permissions; the namespace condition scopes it.
            Action: ["cloudwatch:PutMetricData"],
            Resource: ["*"],
            Condition: { StringEquals: { "cloudwatch:namespace": NODE_METRICS_NAMESPACE } },
        },
        {
            Sid: "ReadOwnGroupTag",
            Effect: "Allow",
            // The agent and the boot step read the instance's aws:autoscaling:groupName tag, the
            // metrics' dimension; DescribeTags has no resource-level permissions.
            Action: ["ec2:DescribeTags"],
            Resource: ["*"],
        },
    ];
    if (input.efs) {
        const fileSystemArn = `arn:${input.partition}:elasticfilesystem:${input.region}:${input.accountId}:file-system/${input.efs.fileSystemId}`;
        const condition: Record<string, Record<string, string>> = { Bool: { "aws:SecureTransport": "true" } };
        if (input.efs.accessPointId) {
            condition.StringEquals = {
                "elasticfilesystem:AccessPointArn": `arn:${input.partition}:elasticfilesystem:${input.region}:${input.accountId}:access-point/${input.efs.accessPointId}`,
            };
        }
        statements.push({
            Sid: "MountOdooFilestore",
            Effect: "Allow",
            // Without an access point the node must chown the file system's root once: root access.
            Action: [
                "elasticfilesystem:ClientMount",
                "elasticfilesystem:ClientWrite",
                ...(input.efs.accessPointId ? [] : ["elasticfilesystem:ClientRootAccess"]),
            ],
            Resource: [fileSystemArn],
            Condition: condition,
        });
    }
    if (input.s3) {
        const bucketArn = `arn:${input.partition}:s3:::${input.s3.bucket}`;
        statements.push(
            { Sid: "ListOdooAttachments", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: [bucketArn] },
            {
                Sid: "ReadWriteOdooAttachments",
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
                Resource: [`${bucketArn}/*`],
            },
        );
    }
    if (input.ecr) {
        statements.push(
            // GetAuthorizationToken has no resource-level permissions: "*" is the only form IAM accepts.
            { Sid: "LogInToEcr", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] },
            {
                Sid: "PullOdooImage",
                Effect: "Allow",
                Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
                Resource: [`arn:${input.ecr.partition}:ecr:${input.ecr.region}:${input.ecr.accountId}:repository/${input.ecr.repository}`],
            },
        );
    }
    return { Version: "2012-10-17", Statement: statements };
}
