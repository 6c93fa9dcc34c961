/** S3 general purpose bucket names: 3–63 lower-case letters, digits, dots and hyphens, with AWS's reserved prefixes and suffixes excluded. */
import { S3_BUCKET_NAMING_DOCS, bucketNameProblems } from "../../components/contract/awsLimits";
import { AwsType } from "../support/awsTypes";
import { preflightRule, stringField } from "../support/preflightRule";

/** The provider appends 26 characters to a bucket prefix. */
const PREFIX_MAX_LENGTH = 37;

export const s3BucketName = preflightRule({
    name: "aws-s3-bucket-name",
    description:
        "An S3 bucket name has 3–63 lower-case letters, digits, dots or hyphens, begins and ends with a letter or digit, is not an IP address and avoids reserved prefixes and suffixes",
    url: S3_BUCKET_NAMING_DOCS,
    types: AwsType.Bucket,
    remediationSteps:
        "Use lower-case letters, digits and hyphens (avoid dots), 3–63 characters, e.g. <company>-<cluster>-<env>-attachments.",
    check: (fields) => {
        const name = stringField(fields, "bucket");
        const problems = name === undefined ? [] : bucketNameProblems(name);
        const prefix = stringField(fields, "bucketPrefix");
        if (prefix !== undefined && (prefix.length > PREFIX_MAX_LENGTH || !/^[a-z0-9][a-z0-9.-]*$/.test(prefix))) {
            problems.push(
                `the bucket prefix "${prefix}" is not 1–${PREFIX_MAX_LENGTH} lower-case letters, digits, dots or hyphens starting with a letter or digit`,
            );
        }
        return problems;
    },
});
