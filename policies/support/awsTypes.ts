/**
 * The AWS resource types the pack judges, by Pulumi type token. Where the provider keeps an older
 * token for the same AWS object (the `alb` module, the `…V2` S3 resources) both are listed, so a
 * user's own resources written against the older names are judged the same way.
 */
export const AwsType = {
    AutoscalingGroup: ["aws:autoscaling/group:Group"],
    LaunchTemplate: ["aws:ec2/launchTemplate:LaunchTemplate"],
    Instance: ["aws:ec2/instance:Instance"],
    Subnet: ["aws:ec2/subnet:Subnet"],
    LoadBalancer: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
    TargetGroup: ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"],
    Listener: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
    ListenerRule: ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"],
    DbInstance: ["aws:rds/instance:Instance"],
    DbCluster: ["aws:rds/cluster:Cluster"],
    DbClusterInstance: ["aws:rds/clusterInstance:ClusterInstance"],
    EfsFileSystem: ["aws:efs/fileSystem:FileSystem"],
    Bucket: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    BucketEncryption: [
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    ],
    BucketPublicAccessBlock: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
    CacheReplicationGroup: ["aws:elasticache/replicationGroup:ReplicationGroup"],
    BackupPlan: ["aws:backup/plan:Plan"],
} as const satisfies Record<string, readonly string[]>;
export type AwsType = keyof typeof AwsType;

/** Whether a type token is one of the tokens of `kind`. */
export function isType(type: string, kind: AwsType): boolean {
    return (AwsType[kind] as readonly string[]).includes(type);
}

/** Every token the pack reads tags from; other resources are never inspected. */
export const JUDGED_TYPES: ReadonlySet<string> = new Set(
    (
        [
            "AutoscalingGroup",
            "LaunchTemplate",
            "Instance",
            "LoadBalancer",
            "TargetGroup",
            "Listener",
            "ListenerRule",
            "DbInstance",
            "DbCluster",
            "DbClusterInstance",
            "EfsFileSystem",
            "Bucket",
            "CacheReplicationGroup",
            "BackupPlan",
        ] as AwsType[]
    ).flatMap((k) => [...AwsType[k]]),
);
