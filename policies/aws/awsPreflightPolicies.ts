/**
 * The `aws-*` preflight rules: what the AWS APIs would refuse at create time — names, character
 * sets, ranges and combinations the Pulumi provider does not check — caught at `pulumi preview`.
 * They judge any stack's resources of these types, with or without the odoo:* tags, and decide
 * only from known values: an unknown value is never a violation.
 */
import { Policies } from "@pulumi/policy";
import { PREFLIGHT_POLICY_PREFIX } from "../../components/contract/awsLimits";
import { acmCertificateDomain } from "./acmCertificateDomain";
import { alarmEvaluation } from "./alarmEvaluation";
import { autoscalingGroupSizes } from "./autoscalingGroupSizes";
import { autoscalingHealthyPercentages } from "./autoscalingHealthyPercentages";
import { autoscalingTargetTracking } from "./autoscalingTargetTracking";
import { backupLifecycle } from "./backupLifecycle";
import { backupNames } from "./backupNames";
import { dashboardName } from "./dashboardName";
import { efsAccessPointPath } from "./efsAccessPointPath";
import { efsThroughputMode } from "./efsThroughputMode";
import { elasticacheAuthToken } from "./elasticacheAuthToken";
import { elasticacheFailover } from "./elasticacheFailover";
import { elasticacheReplicationGroupId } from "./elasticacheReplicationGroupId";
import { iamName } from "./iamName";
import { iamPolicySize } from "./iamPolicySize";
import { iamRoleSessionDuration } from "./iamRoleSessionDuration";
import { kmsDeletionWindow } from "./kmsDeletionWindow";
import { launchTemplateName } from "./launchTemplateName";
import { lbDeregistrationDelay } from "./lbDeregistrationDelay";
import { lbHealthCheck } from "./lbHealthCheck";
import { lbIdleTimeout } from "./lbIdleTimeout";
import { lbListenerCertificate } from "./lbListenerCertificate";
import { lbListenerSslPolicy } from "./lbListenerSslPolicy";
import { lbName } from "./lbName";
import { lbTargetGroupName } from "./lbTargetGroupName";
import { lbTargetGroupStickiness } from "./lbTargetGroupStickiness";
import { namesUnique } from "./namesUnique";
import { logGroupName } from "./logGroupName";
import { logGroupRetention } from "./logGroupRetention";
import { rdsBackupRetention } from "./rdsBackupRetention";
import { rdsIdentifier } from "./rdsIdentifier";
import { rdsInstanceClass } from "./rdsInstanceClass";
import { rdsParameterGroupFamily } from "./rdsParameterGroupFamily";
import { rdsParameterGroupName } from "./rdsParameterGroupName";
import { rdsPerformanceInsightsRetention } from "./rdsPerformanceInsightsRetention";
import { rdsReadReplicaSource } from "./rdsReadReplicaSource";
import { rdsStorageAutoscaling } from "./rdsStorageAutoscaling";
import { rdsSubnetGroupName } from "./rdsSubnetGroupName";
import { route53HealthCheck } from "./route53HealthCheck";
import { route53RecordRouting } from "./route53RecordRouting";
import { s3BucketName } from "./s3BucketName";
import { s3ElbLogDelivery } from "./s3ElbLogDelivery";
import { secretRecoveryWindow } from "./secretRecoveryWindow";
import { securityGroupDescription } from "./securityGroupDescription";
import { securityGroupName } from "./securityGroupName";
import { securityGroupRuleDescription } from "./securityGroupRuleDescription";
import { snsTopicName } from "./snsTopicName";

/** The prefix every preflight rule's name starts with. */
export const PREFLIGHT_PREFIX = PREFLIGHT_POLICY_PREFIX;

/** Every preflight rule, by service. */
export const awsPreflightPolicies: Policies = [
    // EC2
    securityGroupDescription,
    securityGroupName,
    securityGroupRuleDescription,
    launchTemplateName,
    // Auto Scaling
    autoscalingGroupSizes,
    autoscalingHealthyPercentages,
    autoscalingTargetTracking,
    // Elastic Load Balancing
    lbName,
    lbTargetGroupName,
    lbIdleTimeout,
    lbTargetGroupStickiness,
    lbDeregistrationDelay,
    lbHealthCheck,
    lbListenerCertificate,
    lbListenerSslPolicy,
    // ACM
    acmCertificateDomain,
    // RDS
    rdsIdentifier,
    rdsParameterGroupName,
    rdsSubnetGroupName,
    rdsInstanceClass,
    rdsStorageAutoscaling,
    rdsPerformanceInsightsRetention,
    rdsBackupRetention,
    rdsReadReplicaSource,
    rdsParameterGroupFamily,
    // ElastiCache
    elasticacheReplicationGroupId,
    elasticacheAuthToken,
    elasticacheFailover,
    // EFS
    efsAccessPointPath,
    efsThroughputMode,
    // S3
    s3BucketName,
    s3ElbLogDelivery,
    // IAM
    iamName,
    iamRoleSessionDuration,
    iamPolicySize,
    // KMS, Secrets Manager
    kmsDeletionWindow,
    secretRecoveryWindow,
    // CloudWatch, SNS
    logGroupName,
    logGroupRetention,
    alarmEvaluation,
    dashboardName,
    snsTopicName,
    // Route 53
    route53RecordRouting,
    route53HealthCheck,
    // AWS Backup
    backupLifecycle,
    backupNames,
    // Across the stack
    namesUnique,
];
