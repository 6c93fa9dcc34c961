/**
 * `OdooFilestore`: where every Odoo node finds the same attachments — an encrypted EFS file
 * system mounted at Odoo's data dir, an S3 bucket used through OCA's fs_storage/fs_attachment
 * addons, or the node's own disk (`local`, a single node only; nothing is created).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { OdooClusterContext, ResolvedClusterContext, capacityPlanOf, resolveClusterContext, tagsFor } from "../contract/clusterContext";
import { OdooArgumentError, optionalArn, optionalBoolean, requireInputList, requireOneOf, requireWholeNumber } from "../contract/errors";
import { efsFileSystemPolicy, efsNodeAccessPolicy, s3BucketPolicy, s3NodeAccessPolicy } from "./filestorePolicy";
import { OdooVersion } from "../contract/odooVersion";
import { FILESTORE_KINDS, FilestoreKind } from "../contract/sizing";
import { OdooRole, TAG } from "../contract/tags";

/** A POSIX owner on the shared file system. */
export interface PosixOwner {
    uid: number;
    gid: number;
}

/**
 * The `odoo` user of the official `odoo:<version>` images. The image installs Odoo's Debian
 * package, whose postinst runs `adduser --system --group odoo`, so the ids are the first free
 * system ids of the base image: 17.0 is built on Ubuntu jammy (uid 100 is `_apt`, gid 100
 * `users`), 18.0 and 19.0 on Ubuntu noble, where `_apt` moved to 42 and odoo gets uid 100
 * (odoo/docker `<version>/Dockerfile`; odoo/odoo issue #183106 reports uid=100 gid=101 on 18.0).
 */
export const OFFICIAL_IMAGE_ODOO_USER: Readonly<Record<OdooVersion, PosixOwner>> = {
    "17.0": { uid: 101, gid: 101 },
    "18.0": { uid: 100, gid: 101 },
    "19.0": { uid: 100, gid: 101 },
};

/**
 * The owner of the shared files, whatever the Odoo version. The access point maps every request to
 * this user, so the image's own uid does not matter on EFS; what matters is that it never changes:
 * an owner following the image (101 on 17.0, 100 on 18.0) would leave the tree a 17.0 node wrote
 * (0755, owner 101) unwritable after an upgrade to 18.0. 18.0's ids, which OdooCluster has always used.
 */
export const EFS_ODOO_OWNER: Readonly<PosixOwner> = OFFICIAL_IMAGE_ODOO_USER["18.0"];

/** Root of the Odoo access point on the file system; the nodes mount it as Odoo's data dir. */
export const EFS_ODOO_ROOT = "/odoo";
/** Mode of that root: the Odoo user only (the access point's identity applies to every node). */
export const EFS_ODOO_ROOT_PERMISSIONS = "0750";
/** Days before a file not read moves to EFS Infrequent Access; a read brings it back. */
export const EFS_TRANSITION_TO_IA = "AFTER_30_DAYS";
/** Days after which S3 aborts an unfinished multipart upload and frees its parts. */
export const S3_ABORT_MULTIPART_DAYS = 7;
/** Default days a replaced or deleted attachment stays recoverable as a noncurrent S3 version. */
export const DEFAULT_NONCURRENT_VERSION_DAYS = 90;

/** Arguments of {@link OdooFilestore}. */
export interface OdooFilestoreArgs extends OdooFilestoreOptions {
    /** The cluster the filestore belongs to: its name, environment, declared users and tags. */
    cluster: OdooClusterContext;
    /**
     * `efs` only: the private subnets of the Odoo nodes, one per availability zone (EFS allows one
     * mount target per zone). 1 to 6 subnet IDs; required with `efs`.
     */
    subnetIds?: pulumi.Input<string>[];
    /** `efs` only: security groups of the mount targets (NFS from the nodes only). 1 to 5 IDs; required with `efs`. */
    securityGroupIds?: pulumi.Input<string>[];
    /**
     * `efs` only: EFS automatic backups (AWS Backup's default daily plan, 35 days). OdooCluster turns
     * them off when its own AWS Backup plan protects the file system, so it is not backed up twice.
     * Default: true.
     */
    automaticBackups?: boolean;
}

/** Settings of {@link OdooFilestore}; also the `filestore` argument of OdooCluster. */
export interface OdooFilestoreOptions {
    /**
     * `efs` (an EFS file system at Odoo's data dir: attachments and, with `filestore` sessions,
     * sessions), `s3` (a bucket through OCA fs_storage + fs_attachment; the image must carry those
     * addons, and fs_attachment_s3 on 18.0/19.0) or `local` (the node's disk: one node only;
     * creates nothing). Default: the capacity plan's choice, `efs`.
     */
    kind?: FilestoreKind;
    /**
     * `efs` or `s3`: ARN of a customer-managed KMS key for the data at rest. Default: the
     * `aws/elasticfilesystem` key (EFS) or SSE-S3 (S3). With S3 the nodes' policy is granted use of
     * the key.
     */
    kmsKeyId?: pulumi.Input<string>;
    /**
     * `efs` only: uid the access point maps every node's requests to, 1 to 2147483647. Default: 100,
     * for every Odoo version (the owner must not change with an upgrade).
     */
    ownerUid?: number;
    /** `efs` only: gid the access point maps every node's requests to, 1 to 2147483647. Default: 101. */
    ownerGid?: number;
    /**
     * `s3` only: days a replaced or deleted attachment stays recoverable as a noncurrent version
     * before it expires, 1 to 3650. Default: 90.
     */
    noncurrentVersionExpirationDays?: number;
    /**
     * Whether the file system or bucket (and its backup, encryption and access settings) stays in
     * AWS when the stack is destroyed or the resource replaced. Default: true in production. Set
     * false to let `pulumi destroy` delete the data.
     */
    retainOnDelete?: boolean;
    /**
     * Build the filestore from another cluster's instead of empty (restore drills, recoveries). Pair
     * it with `database.restore` from the same moment: attachments and their rows must match.
     * Default: none (an empty filestore).
     */
    restore?: OdooFilestoreRestore;
}

/**
 * Where a restored filestore comes from. EFS: AWS Backup and EFS replication create file systems
 * only as API actions (StartRestoreJob, CreateReplicationConfiguration), which Pulumi cannot
 * declare, so the runbook script (`odoo-aws-restore-filestore`, README "Restore drill") creates
 * the file system and the cluster adopts it. S3: the cluster creates its bucket as usual and the
 * same script copies the source's objects into it.
 */
export interface OdooFilestoreRestore {
    /**
     * `efs` only: ID of the file system the restore created (`fs-…`, in the stack's region). The
     * cluster adopts it — mount targets, access point, backup and TLS-only policies — without
     * managing the file system itself, so `pulumi destroy` leaves it (delete it after a drill).
     * Default: none.
     */
    efsFileSystemId?: string;
    /**
     * `efs` only: directory of Odoo's data dir on that file system, the access point's root. `/odoo`
     * for a copy made by EFS replication; AWS Backup restores under a recovery directory
     * (`/aws-backup-restore_<time>/odoo`). An absolute path of at most 100 characters (the access
     * point's limit). Default: `/odoo`.
     */
    efsDataPath?: string;
    /**
     * `s3` only: the bucket whose objects the runbook copies into the new bucket (for the
     * `odoo:restored-from` tag and the copy command). Default: none.
     */
    s3SourceBucketName?: string;
}

/** {@link OdooFilestoreArgs} validated, with every default applied. */
export interface ResolvedFilestoreArgs {
    cluster: ResolvedClusterContext;
    kind: FilestoreKind;
    retainOnDelete: boolean;
    kmsKeyId?: pulumi.Input<string>;
    /** `efs` only: EFS automatic backups on. */
    automaticBackups?: boolean;
    /** `efs` only. */
    efs?: {
        subnetIds: pulumi.Input<string>[];
        securityGroupIds: pulumi.Input<string>[];
        owner: PosixOwner;
        /** The adopted file system of a restore, and the data dir on it. */
        adopted?: { fileSystemId: string; dataPath: string };
    };
    /** `s3` only. */
    s3?: {
        noncurrentVersionExpirationDays: number;
        restoredFromBucket?: string;
    };
    /** `efs:<fs-id>` or `bucket:<name>` of a restore: the `odoo:restored-from` tag. */
    restoredFrom?: string;
}

const EFS_ID = /^fs-[0-9a-f]{8,40}$/;
/** EFS access point root paths: absolute, at most 100 characters (CreateAccessPoint's limit). */
const EFS_PATH = /^\/[A-Za-z0-9_.:@+=-]+(\/[A-Za-z0-9_.:@+=-]+)*$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function resolveFilestoreRestore(
    value: OdooFilestoreRestore | undefined,
    kind: FilestoreKind,
): { efs?: { fileSystemId: string; dataPath: string }; s3Bucket?: string } | undefined {
    if (value === undefined) {
        return undefined;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new OdooArgumentError("restore", value, "an object with efsFileSystemId (efs) or s3SourceBucketName (s3)");
    }
    if (kind === FilestoreKind.Local) {
        throw new OdooArgumentError("restore", value, "no value with kind local", "a node's own disk cannot be restored into");
    }
    if (kind === FilestoreKind.Efs) {
        if (value.s3SourceBucketName !== undefined) {
            throw new OdooArgumentError("restore.s3SourceBucketName", value.s3SourceBucketName, "no value with kind efs");
        }
        if (typeof value.efsFileSystemId !== "string" || !EFS_ID.test(value.efsFileSystemId)) {
            throw new OdooArgumentError(
                "restore.efsFileSystemId",
                value.efsFileSystemId,
                "the ID of the file system the restore created (fs-…)",
            );
        }
        const dataPath = value.efsDataPath ?? EFS_ODOO_ROOT;
        if (typeof dataPath !== "string" || dataPath.length > 100 || !EFS_PATH.test(dataPath)) {
            throw new OdooArgumentError(
                "restore.efsDataPath",
                value.efsDataPath,
                "an absolute path of at most 100 characters without empty or trailing segments, e.g. /odoo",
            );
        }
        return { efs: { fileSystemId: value.efsFileSystemId, dataPath } };
    }
    for (const p of ["efsFileSystemId", "efsDataPath"] as const) {
        if (value[p] !== undefined) {
            throw new OdooArgumentError(`restore.${p}`, value[p], "no value with kind s3");
        }
    }
    if (typeof value.s3SourceBucketName !== "string" || !BUCKET_NAME.test(value.s3SourceBucketName)) {
        throw new OdooArgumentError(
            "restore.s3SourceBucketName",
            value.s3SourceBucketName,
            "an S3 bucket name (3 to 63 lower-case letters, digits, dots or hyphens)",
        );
    }
    return { s3Bucket: value.s3SourceBucketName };
}

const EFS_ONLY = ["subnetIds", "securityGroupIds", "ownerUid", "ownerGid", "automaticBackups"] as const;
const S3_ONLY = ["noncurrentVersionExpirationDays"] as const;

function rejectArgs(args: OdooFilestoreArgs, names: readonly (keyof OdooFilestoreArgs)[], kind: FilestoreKind, appliesTo: string): void {
    for (const n of names) {
        if (args[n] !== undefined) {
            throw new OdooArgumentError(n, args[n], `no value with kind ${kind}`, `it applies to kind ${appliesTo}`);
        }
    }
}

/**
 * Validates the arguments of {@link OdooFilestore} and applies the defaults. Pure: throws an
 * {@link OdooArgumentError} naming the property before any resource exists.
 */
export function resolveFilestoreArgs(args: OdooFilestoreArgs): ResolvedFilestoreArgs {
    if (!args || typeof args !== "object") {
        throw new OdooArgumentError("args", args, "an object with at least cluster");
    }
    const cluster = resolveClusterContext(args.cluster, "cluster");
    const kind = args.kind === undefined ? capacityPlanOf(cluster).filestore : requireOneOf("kind", args.kind, FILESTORE_KINDS);
    const retainOnDelete = optionalBoolean("retainOnDelete", args.retainOnDelete) ?? cluster.production;
    const restore = resolveFilestoreRestore(args.restore, kind);

    if (kind !== FilestoreKind.Efs) {
        rejectArgs(args, EFS_ONLY, kind, "efs");
    }
    if (kind !== FilestoreKind.S3) {
        rejectArgs(args, S3_ONLY, kind, "s3");
    }
    if (kind === FilestoreKind.Local) {
        rejectArgs(args, ["kmsKeyId"], kind, "efs or s3");
        return { cluster, kind, retainOnDelete };
    }
    const kmsKeyId = optionalArn("kmsKeyId", args.kmsKeyId, "kms");

    if (kind === FilestoreKind.Efs) {
        const subnetIds = requireInputList("subnetIds", args.subnetIds, {
            min: 1,
            max: 6,
            what: "private subnet IDs, one per availability zone",
        });
        const securityGroupIds = requireInputList("securityGroupIds", args.securityGroupIds, {
            min: 1,
            max: 5,
            what: "security group IDs",
        });
        const image = EFS_ODOO_OWNER;
        const id = (p: "ownerUid" | "ownerGid", fallback: number) =>
            args[p] === undefined ? fallback : requireWholeNumber(p, args[p], { min: 1, max: 2147483647 });
        return {
            cluster,
            kind,
            retainOnDelete,
            kmsKeyId,
            automaticBackups: optionalBoolean("automaticBackups", args.automaticBackups) ?? true,
            efs: {
                subnetIds,
                securityGroupIds,
                owner: { uid: id("ownerUid", image.uid), gid: id("ownerGid", image.gid) },
                adopted: restore?.efs,
            },
            restoredFrom: restore?.efs ? `efs:${restore.efs.fileSystemId}` : undefined,
        };
    }
    const noncurrentVersionExpirationDays =
        args.noncurrentVersionExpirationDays === undefined
            ? DEFAULT_NONCURRENT_VERSION_DAYS
            : requireWholeNumber("noncurrentVersionExpirationDays", args.noncurrentVersionExpirationDays, { min: 1, max: 3650 });
    return {
        cluster,
        kind,
        retainOnDelete,
        kmsKeyId,
        s3: { noncurrentVersionExpirationDays, restoredFromBucket: restore?.s3Bucket },
        restoredFrom: restore?.s3Bucket ? `bucket:${restore.s3Bucket}` : undefined,
    };
}

/** The filestore's tags: the role, and for a restored one where it came from. */
function filestoreTags(cfg: ResolvedFilestoreArgs): Record<string, string> {
    const tags = tagsFor(cfg.cluster, OdooRole.Filestore);
    return cfg.restoredFrom ? { ...tags, [TAG.restoredFrom]: cfg.restoredFrom } : tags;
}

/**
 * S3 bucket names allow lower-case letters, digits and single hyphens; the cluster name is kept to
 * those, and the prefix leaves room for the 26 characters AWS appends (63 at most).
 */
export function filestoreBucketPrefix(cluster: string): string {
    return `${cluster}-filestore-`.replace(/-+/g, "-");
}

/**
 * The shared filestore of an Odoo cluster.
 *
 * `efs`: an encrypted `aws.efs.FileSystem` (elastic throughput, Infrequent Access after 30 days and
 * back on first read), AWS Backup on, a mount target per subnet, an access point that pins Odoo's
 * uid/gid at `/odoo`, a file-system policy denying non-TLS access, and an IAM policy letting the
 * nodes mount through that access point only. `s3`: a versioned, encrypted, private bucket that
 * refuses non-TLS requests, with lifecycle rules, and an IAM policy scoped to it. In production the
 * data (and its protections) survive `pulumi destroy` unless `retainOnDelete` is false.
 */
export class OdooFilestore extends pulumi.ComponentResource {
    /** `efs`, `s3` or `local`. */
    public readonly kind: pulumi.Output<string>;
    /** EFS file system ID (`efs` only). */
    public readonly fileSystemId?: pulumi.Output<string>;
    /** ARN of the EFS file system (`efs` only). */
    public readonly fileSystemArn?: pulumi.Output<string>;
    /** EFS access point the nodes mount (`efs` only): it fixes Odoo's uid/gid and root directory. */
    public readonly accessPointId?: pulumi.Output<string>;
    /** Bucket name (`s3` only). */
    public readonly bucketName?: pulumi.Output<string>;
    /** Bucket ARN (`s3` only). */
    public readonly bucketArn?: pulumi.Output<string>;
    /** ARN of the IAM policy to attach to the nodes' role (`efs` and `s3`; absent for `local`). */
    public readonly accessPolicyArn?: pulumi.Output<string>;

    constructor(name: string, args: OdooFilestoreArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveFilestoreArgs(args);
        super("odoo-aws:index:OdooFilestore", name, {}, opts);
        this.kind = pulumi.output(resolved.kind);

        if (resolved.efs) {
            const efs = this.createEfs(name, resolved, resolved.efs);
            // Resolves once every mount target exists: a node that reads it (its launch template)
            // never boots before it can mount the file system.
            this.fileSystemId = pulumi.all([efs.fileSystem.id, ...efs.mountTargets.map((m) => m.id)]).apply(([id]) => id);
            this.fileSystemArn = efs.fileSystem.arn;
            this.accessPointId = efs.accessPoint.id;
            this.accessPolicyArn = efs.policy.arn;
        } else if (resolved.s3) {
            const s3 = this.createS3(name, resolved, resolved.s3);
            this.bucketName = s3.bucket.bucket;
            this.bucketArn = s3.bucket.arn;
            this.accessPolicyArn = s3.policy.arn;
        }
        this.registerOutputs({
            kind: this.kind,
            fileSystemId: this.fileSystemId,
            fileSystemArn: this.fileSystemArn,
            accessPointId: this.accessPointId,
            bucketName: this.bucketName,
            bucketArn: this.bucketArn,
            accessPolicyArn: this.accessPolicyArn,
        });
    }

    private createEfs(name: string, resolved: ResolvedFilestoreArgs, efs: NonNullable<ResolvedFilestoreArgs["efs"]>) {
        const tags = filestoreTags(resolved);
        // The data, and what protects it, outlives the stack; mount targets and the access point
        // are cheap to recreate and hold no data.
        const keep = { parent: this, retainOnDelete: resolved.retainOnDelete };
        // A restored file system was created by AWS Backup or EFS replication: read, not managed.
        const fileSystem = efs.adopted
            ? aws.efs.FileSystem.get(`${name}-efs`, efs.adopted.fileSystemId, undefined, { parent: this })
            : new aws.efs.FileSystem(
                  `${name}-efs`,
                  {
                      encrypted: true,
                      kmsKeyId: resolved.kmsKeyId,
                      performanceMode: "generalPurpose",
                      throughputMode: "elastic",
                      lifecyclePolicies: [{ transitionToIa: EFS_TRANSITION_TO_IA }, { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" }],
                      tags,
                  },
                  keep,
              );
        // EFS automatic backups are AWS Backup's default daily plan. When the cluster's own AWS
        // Backup plan protects the file system, they would back it up a second time (twice the
        // storage, two retention rules), so the cluster turns them off then; the policy stays
        // explicit either way.
        new aws.efs.BackupPolicy(
            `${name}-efs-backup`,
            {
                fileSystemId: fileSystem.id,
                backupPolicy: { status: resolved.automaticBackups ? "ENABLED" : "DISABLED" },
            },
            keep,
        );
        new aws.efs.FileSystemPolicy(
            `${name}-efs-policy`,
            {
                fileSystemId: fileSystem.id,
                policy: fileSystem.arn.apply((arn) => JSON.stringify(efsFileSystemPolicy(arn))),
            },
            keep,
        );
        const mountTargets = efs.subnetIds.map(
            (subnetId, i) =>
                new aws.efs.MountTarget(
                    `${name}-efs-mount-${i + 1}`,
                    {
                        fileSystemId: fileSystem.id,
                        subnetId,
                        securityGroups: efs.securityGroupIds,
                    },
                    { parent: this },
                ),
        );
        const accessPoint = new aws.efs.AccessPoint(
            `${name}-efs-odoo`,
            {
                fileSystemId: fileSystem.id,
                posixUser: { uid: efs.owner.uid, gid: efs.owner.gid },
                rootDirectory: {
                    // On a restored file system the directory exists, and EFS ignores creationInfo.
                    path: efs.adopted?.dataPath ?? EFS_ODOO_ROOT,
                    creationInfo: { ownerUid: efs.owner.uid, ownerGid: efs.owner.gid, permissions: EFS_ODOO_ROOT_PERMISSIONS },
                },
                tags,
            },
            { parent: this },
        );
        const policy = new aws.iam.Policy(
            `${name}-efs-access`,
            {
                description: `Odoo nodes of ${resolved.cluster.name} (${resolved.cluster.environment}): mount the filestore through its access point`,
                policy: pulumi
                    .all([fileSystem.arn, accessPoint.arn])
                    .apply(([fsArn, apArn]) => JSON.stringify(efsNodeAccessPolicy(fsArn, apArn))),
                tags,
            },
            { parent: this },
        );
        return { fileSystem, accessPoint, policy, mountTargets };
    }

    private createS3(name: string, resolved: ResolvedFilestoreArgs, s3: NonNullable<ResolvedFilestoreArgs["s3"]>) {
        const tags = filestoreTags(resolved);
        // Deleting versioning, encryption, the public access block or the TLS-only policy would
        // strip a retained bucket of its protections, so they are retained with it.
        const keep = { parent: this, retainOnDelete: resolved.retainOnDelete };
        const bucket = new aws.s3.Bucket(
            `${name}-bucket`,
            {
                bucketPrefix: filestoreBucketPrefix(resolved.cluster.name),
                // Outside production a destroy may empty the bucket; in production it never does.
                forceDestroy: !resolved.cluster.production && !resolved.retainOnDelete,
                tags,
            },
            keep,
        );
        new aws.s3.BucketVersioning(
            `${name}-versioning`,
            {
                bucket: bucket.id,
                versioningConfiguration: { status: "Enabled" },
            },
            keep,
        );
        new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-encryption`,
            {
                bucket: bucket.id,
                rules: [
                    resolved.kmsKeyId === undefined
                        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, blockedEncryptionTypes: ["SSE-C"] }
                        : // A bucket key cuts the KMS calls (and their cost) of every attachment read and write.
                          {
                              applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: resolved.kmsKeyId },
                              bucketKeyEnabled: true,
                              blockedEncryptionTypes: ["SSE-C"],
                          },
                ],
            },
            keep,
        );
        const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
            `${name}-public-access-block`,
            {
                bucket: bucket.id,
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            },
            keep,
        );
        new aws.s3.BucketOwnershipControls(
            `${name}-ownership`,
            {
                bucket: bucket.id,
                rule: { objectOwnership: "BucketOwnerEnforced" },
            },
            keep,
        );
        new aws.s3.BucketLifecycleConfiguration(
            `${name}-lifecycle`,
            {
                bucket: bucket.id,
                rules: [
                    {
                        id: "expire-noncurrent-versions",
                        status: "Enabled",
                        filter: {},
                        noncurrentVersionExpiration: { noncurrentDays: s3.noncurrentVersionExpirationDays },
                        // Once its versions are gone a delete marker is clutter.
                        expiration: { expiredObjectDeleteMarker: true },
                    },
                    {
                        id: "abort-incomplete-multipart-uploads",
                        status: "Enabled",
                        filter: {},
                        abortIncompleteMultipartUpload: { daysAfterInitiation: S3_ABORT_MULTIPART_DAYS },
                    },
                ],
            },
            keep,
        );
        new aws.s3.BucketPolicy(
            `${name}-tls-only`,
            {
                bucket: bucket.id,
                policy: bucket.arn.apply((arn) => JSON.stringify(s3BucketPolicy(arn))),
            },
            { ...keep, dependsOn: [publicAccessBlock] },
        );
        const policy = new aws.iam.Policy(
            `${name}-s3-access`,
            {
                description: `Odoo nodes of ${resolved.cluster.name} (${resolved.cluster.environment}): read and write the filestore bucket`,
                policy: pulumi
                    .all([bucket.arn, resolved.kmsKeyId])
                    .apply(([bucketArn, kmsKeyArn]) => JSON.stringify(s3NodeAccessPolicy(bucketArn, kmsKeyArn))),
                tags,
            },
            { parent: this },
        );
        return { bucket, policy };
    }
}
