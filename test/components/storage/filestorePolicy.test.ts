import { strict as assert } from "node:assert";
import { efsFileSystemPolicy, efsNodeAccessPolicy, s3BucketPolicy, s3NodeAccessPolicy } from "../../../components/storage/filestorePolicy";

const FS = "arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-0123";
const AP = "arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-0123";
const BUCKET = "arn:aws:s3:::erp-filestore-abc";
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555";

function resources(statements: { Resource: string | string[] }[]): string[] {
    return statements.flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]));
}

describe("the filestore's IAM documents", () => {
    it("lets the nodes mount and write the EFS file system only through the Odoo access point, without root", () => {
        const doc = efsNodeAccessPolicy(FS, AP);
        assert.equal(doc.Statement.length, 1);
        const [s] = doc.Statement;
        assert.equal(s.Effect, "Allow");
        assert.deepEqual(s.Action, ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]);
        assert.equal(s.Resource, FS);
        assert.deepEqual(s.Condition, { StringEquals: { "elasticfilesystem:AccessPointArn": AP } });
    });

    it("denies every NFS client action without TLS in the file-system policy", () => {
        const [s] = efsFileSystemPolicy(FS).Statement;
        assert.equal(s.Effect, "Deny");
        assert.deepEqual(s.Principal, { AWS: "*" });
        assert.ok((s.Action as string[]).includes("elasticfilesystem:ClientMount"));
        assert.ok((s.Action as string[]).includes("elasticfilesystem:ClientRootAccess"));
        assert.deepEqual(s.Condition, { Bool: { "aws:SecureTransport": "false" } });
    });

    it("scopes the nodes' S3 access to the bucket and its objects, with no wildcard resource", () => {
        const doc = s3NodeAccessPolicy(BUCKET);
        assert.deepEqual(resources(doc.Statement).sort(), [BUCKET, `${BUCKET}/*`].sort());
        const objects = doc.Statement.find((s) => s.Resource === `${BUCKET}/*`)!;
        for (const action of ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]) {
            assert.ok((objects.Action as string[]).includes(action), action);
        }
        const bucket = doc.Statement.find((s) => s.Resource === BUCKET)!;
        assert.ok((bucket.Action as string[]).includes("s3:ListBucket"));
        assert.ok(!doc.Statement.some((s) => JSON.stringify(s.Action).includes("s3:*")), "no blanket S3 action");
    });

    it("adds the customer-managed key, and only that key, when the bucket uses one", () => {
        assert.ok(!JSON.stringify(s3NodeAccessPolicy(BUCKET)).includes("kms:"));
        const doc = s3NodeAccessPolicy(BUCKET, KEY);
        const kms = doc.Statement.find((s) => JSON.stringify(s.Action).includes("kms:"))!;
        assert.equal(kms.Resource, KEY);
        assert.deepEqual(kms.Action, ["kms:Decrypt", "kms:GenerateDataKey"]);
    });

    it("denies every S3 request without TLS on the bucket and its objects", () => {
        const [s] = s3BucketPolicy(BUCKET).Statement;
        assert.equal(s.Effect, "Deny");
        assert.equal(s.Principal, "*");
        assert.deepEqual(s.Resource, [BUCKET, `${BUCKET}/*`]);
        assert.deepEqual(s.Condition, { Bool: { "aws:SecureTransport": "false" } });
    });
});
