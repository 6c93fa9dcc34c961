/**
 * The IAM documents of the shared filestore: what the Odoo nodes may do on it, and the resource
 * policies that refuse unencrypted transport. Pure: plain objects from plain ARNs; the component
 * serialises them with `JSON.stringify` once the ARNs are known.
 */

/** An IAM policy document. */
export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

/** One statement of a {@link PolicyDocument}. */
export interface PolicyStatement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Principal?: { AWS: string } | string;
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

/** The NFS client actions of EFS. */
export const EFS_CLIENT_ACTIONS = [
    "elasticfilesystem:ClientMount",
    "elasticfilesystem:ClientWrite",
    "elasticfilesystem:ClientRootAccess",
] as const;

/**
 * Node access to an EFS file system: mount and write, and only through the Odoo access point
 * (whose POSIX identity and root directory then apply to every operation). No ClientRootAccess:
 * the nodes never need root on the share.
 */
export function efsNodeAccessPolicy(fileSystemArn: string, accessPointArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "MountOdooAccessPoint",
                Effect: "Allow",
                Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
                Resource: fileSystemArn,
                Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": accessPointArn } },
            },
        ],
    };
}

/**
 * File-system policy: any NFS client action without TLS is denied. With a file-system policy in
 * place EFS also stops granting anonymous access, so a client must mount with `-o tls,iam` and an
 * identity allowed by {@link efsNodeAccessPolicy}.
 */
export function efsFileSystemPolicy(fileSystemArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyUnencryptedTransport",
                Effect: "Deny",
                Principal: { AWS: "*" },
                Action: [...EFS_CLIENT_ACTIONS],
                Resource: fileSystemArn,
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    };
}

/**
 * Node access to the S3 filestore bucket: list it, and read, write and delete its objects (OCA
 * fs_attachment stores, reads and garbage-collects attachments), plus aborting the multipart
 * uploads large attachments use. With a customer-managed KMS key, the nodes also need that key to
 * encrypt and decrypt the objects.
 */
export function s3NodeAccessPolicy(bucketArn: string, kmsKeyArn?: string): PolicyDocument {
    const statements: PolicyStatement[] = [
        {
            Sid: "ListFilestoreBucket",
            Effect: "Allow",
            Action: ["s3:ListBucket", "s3:GetBucketLocation"],
            Resource: bucketArn,
        },
        {
            Sid: "ReadWriteFilestoreObjects",
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
            Resource: `${bucketArn}/*`,
        },
    ];
    if (kmsKeyArn) {
        statements.push({
            Sid: "UseFilestoreKey",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: kmsKeyArn,
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}

/** Bucket policy: every request without TLS is denied, on the bucket and on its objects. */
export function s3BucketPolicy(bucketArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyUnencryptedTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [bucketArn, `${bucketArn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    };
}
