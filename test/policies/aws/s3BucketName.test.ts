import { s3BucketName } from "../../../policies/aws/s3BucketName";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: s3BucketName,
    fixture: single({ type: "aws:s3/bucket:Bucket", props: { bucket: "acme-erp-prod-attachments" } }),
    subject: "subject",
    accepts: [{ title: "a bucket prefix", change: (p) => ((p.bucketPrefix = "acme-erp-"), delete p.bucket) }],
    rejects: [
        { title: "upper case and an underscore", change: (p) => (p.bucket = "acme_erp"), message: /other than lower-case letters/ },
        { title: "an IP address", change: (p) => (p.bucket = "10.0.0.1"), message: /formatted as an IP address/ },
        { title: "the reserved suffix -s3alias", change: (p) => (p.bucket = "acme-logs-s3alias"), message: /reserved suffix "-s3alias"/ },
        { title: "two characters", change: (p) => (p.bucket = "ab"), message: /2 characters long; accepted: 3–63/ },
        {
            title: "a prefix over 37 characters",
            change: (p) => ((p.bucketPrefix = "a".repeat(38)), delete p.bucket),
            message: /bucket prefix/,
        },
    ],
    unknown: { title: "a name built from the account ID", change: (p, unknown) => (p.bucket = unknown("acme_erp")) },
});
