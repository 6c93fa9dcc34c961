/**
 * The cluster's attachments are encrypted at rest and, on S3, never public.
 *
 * The filestore holds every attachment of the ERP: signed contracts, payslips, scanned IDs. EFS
 * encryption can only be chosen when the file system is created. An S3 bucket's encryption and
 * public-access block are separate resources in provider v7 whose `bucket` input is the bucket's ID —
 * unknown in a first preview — so they are matched to the bucket through the engine's dependency
 * records, not by value.
 */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { isType } from "../support/awsTypes";
import { clustersOf, membersOfType } from "../support/clusters";
import { NOT_KNOWN, describe, known, knownArray, knownBoolean, knownString } from "../support/previewValues";
import { isLinkedTo } from "../support/resourceLinks";

/** Server-side encryption algorithms S3 accepts as a bucket default. */
export const S3_SSE_ALGORITHMS: readonly string[] = ["AES256", "aws:kms", "aws:kms:dsse"];
const PUBLIC_ACCESS_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/** The resources among `candidates` (encryption or public-access-block resources) that configure `bucket`. */
function configurationsOf(bucket: PolicyResource, candidates: readonly PolicyResource[]): PolicyResource[] {
    const bucketName = knownString(() => bucket.props.bucket);
    return candidates.filter((r) => {
        if (isLinkedTo(r, ["bucket"], bucket)) {
            return true;
        }
        const target = knownString(() => r.props.bucket);
        return typeof bucketName === "string" && target === bucketName;
    });
}

function algorithmsOf(rules: unknown[] | typeof NOT_KNOWN): (string | typeof NOT_KNOWN)[] {
    if (rules === NOT_KNOWN) {
        return [NOT_KNOWN];
    }
    return rules.map((rule) => {
        const algorithm = knownString(
            () =>
                (rule as { applyServerSideEncryptionByDefault?: { sseAlgorithm?: unknown } }).applyServerSideEncryptionByDefault
                    ?.sseAlgorithm,
        );
        return algorithm ?? "";
    });
}

function encryptionProblem(bucket: PolicyResource, encryptions: readonly PolicyResource[]): string | undefined {
    // The deprecated inline block of aws.s3.Bucket counts as well.
    const inline = known(() => (bucket.props.serverSideEncryptionConfiguration as { rule?: unknown } | undefined)?.rule);
    const inlineAlgorithm =
        inline && inline !== NOT_KNOWN
            ? knownString(
                  () =>
                      (inline as { applyServerSideEncryptionByDefault?: { sseAlgorithm?: unknown } }).applyServerSideEncryptionByDefault
                          ?.sseAlgorithm,
              )
            : undefined;
    if (typeof inlineAlgorithm === "string" && S3_SSE_ALGORITHMS.includes(inlineAlgorithm)) {
        return undefined;
    }
    const configs = configurationsOf(bucket, encryptions);
    if (configs.length === 0) {
        return "no BucketServerSideEncryptionConfiguration applies to it";
    }
    const algorithms = configs.flatMap((c) => algorithmsOf(knownArray(() => c.props.rules)));
    if (algorithms.length > 0 && algorithms.every((a) => typeof a === "string" && S3_SSE_ALGORITHMS.includes(a))) {
        return undefined;
    }
    return `its default encryption algorithm is ${algorithms.map(describe).join(", ") || "not set"} (accepted: ${S3_SSE_ALGORITHMS.join(", ")})`;
}

function publicAccessProblem(bucket: PolicyResource, publicAccessBlocks: readonly PolicyResource[]): string | undefined {
    const blocks = configurationsOf(bucket, publicAccessBlocks);
    if (blocks.length === 0) {
        return "no BucketPublicAccessBlock applies to it";
    }
    for (const block of blocks) {
        const open = PUBLIC_ACCESS_FLAGS.map((flag) => [flag, knownBoolean(() => block.props[flag])] as const).filter(
            ([, v]) => v !== true,
        );
        if (open.length === 0) {
            return undefined;
        }
        if (block === blocks[blocks.length - 1]) {
            return `its public access block ${block.name} leaves ${open.map(([flag, v]) => `${flag} ${describe(v)}`).join(", ")} (all four must be true)`;
        }
    }
    return undefined;
}

export const filestoreProtected: StackValidationPolicy = {
    name: "odoo-filestore-protected",
    description:
        "The cluster's filestore is encrypted at rest: EFS with encrypted: true; an S3 bucket with default encryption and all four public-access blocks on.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "EFS: create the file system with encrypted: true (optionally kmsKeyId); an unencrypted one must be replaced and its data copied. " +
        "S3: add an aws.s3.BucketServerSideEncryptionConfiguration (AES256 or aws:kms) and an aws.s3.BucketPublicAccessBlock with " +
        "blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true, both with bucket: <the bucket>.id.",
    validateStack: (args, reportViolation) => {
        const encryptions = args.resources.filter((r) => isType(r.type, "BucketEncryption"));
        const publicAccessBlocks = args.resources.filter((r) => isType(r.type, "BucketPublicAccessBlock"));
        for (const cluster of clustersOf(args.resources)) {
            for (const efs of membersOfType(cluster, "EfsFileSystem")) {
                const encrypted = knownBoolean(() => efs.resource.props.encrypted);
                if (encrypted !== true) {
                    reportViolation(
                        `EFS file system ${efs.resource.name} of cluster "${cluster.name}": encrypted is ${describe(encrypted)}; the filestore must be encrypted at rest.`,
                        efs.resource.urn,
                    );
                }
            }
            for (const bucket of membersOfType(cluster, "Bucket").filter((b) => b.tags.role === "filestore")) {
                const encryption = encryptionProblem(bucket.resource, encryptions);
                if (encryption) {
                    reportViolation(
                        `S3 filestore bucket ${bucket.resource.name} of cluster "${cluster.name}" is not shown to be encrypted: ${encryption}.`,
                        bucket.resource.urn,
                    );
                }
                const publicAccess = publicAccessProblem(bucket.resource, publicAccessBlocks);
                if (publicAccess) {
                    reportViolation(
                        `S3 filestore bucket ${bucket.resource.name} of cluster "${cluster.name}" may become public: ${publicAccess}.`,
                        bucket.resource.urn,
                    );
                }
            }
        }
    },
};
