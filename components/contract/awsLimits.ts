/**
 * What the AWS APIs accept, written once for the components (which must never send a value AWS
 * refuses) and the policy pack's `aws-*` preflight rules (which stop anyone else's stack from doing
 * so). The Pulumi provider checks types, not these: a refused value surfaces at `pulumi up`, after
 * other resources were already created.
 *
 * Each check returns the problems of a value, as sentences that end "…; accepted: …", or [] when AWS
 * accepts it. Each limit names the AWS page it comes from.
 */

/** Every preflight policy's name starts with this (the offline preview groups them by it). */
export const PREFLIGHT_POLICY_PREFIX = "aws-";

/** A range of whole numbers, both ends included. */
export interface IntRange {
    readonly min: number;
    readonly max: number;
}

function inRange(value: number, range: IntRange): boolean {
    return Number.isInteger(value) && value >= range.min && value <= range.max;
}

function rangeProblem(what: string, value: number, range: IntRange): string[] {
    return inRange(value, range) ? [] : [`${what} ${value} is outside ${range.min}–${range.max}`];
}

// ---------------------------------------------------------------------------------------------
// EC2 security groups

/**
 * Characters EC2 accepts in a VPC security-group name and description and in a rule description:
 * a-z, A-Z, 0-9, spaces and `._-:/()#,@[]+=&;{}!$*` — no apostrophe, no quote, no non-ASCII.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html
 */
export const SECURITY_GROUP_TEXT_PATTERN = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;
/** Longest security-group name, description and rule description. */
export const SECURITY_GROUP_TEXT_MAX_LENGTH = 255;
export const SECURITY_GROUP_DOCS = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html";

function invalidCharacters(value: string, allowed: RegExp): string[] {
    return [...new Set([...value].filter((c) => !allowed.test(c)))];
}

/** Problems of a security-group description or rule description. */
export function securityGroupTextProblems(what: string, value: string): string[] {
    const problems: string[] = [];
    const bad = invalidCharacters(value, /[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]/);
    if (bad.length > 0) {
        problems.push(
            `${what} contains ${bad.map((c) => JSON.stringify(c)).join(", ")}; accepted: a-z A-Z 0-9, space and ._-:/()#,@[]+=&;{}!$*`,
        );
    }
    if (value.length > SECURITY_GROUP_TEXT_MAX_LENGTH) {
        problems.push(`${what} is ${value.length} characters long; accepted: at most ${SECURITY_GROUP_TEXT_MAX_LENGTH}`);
    }
    return problems;
}

/** Problems of a security-group name (same characters; not empty, not starting with `sg-`). */
export function securityGroupNameProblems(value: string): string[] {
    const problems = securityGroupTextProblems("the security-group name", value);
    if (value.length === 0) {
        problems.push("the security-group name is empty; accepted: 1–255 characters");
    }
    if (value.toLowerCase().startsWith("sg-")) {
        problems.push(`the security-group name "${value}" starts with "sg-"; accepted: any other start`);
    }
    return problems;
}

// ---------------------------------------------------------------------------------------------
// Elastic Load Balancing (v2)

export const ELB_DOCS = {
    createLoadBalancer: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html",
    createTargetGroup: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html",
    targetGroupAttributes: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetGroupAttribute.html",
    loadBalancerAttributes: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerAttribute.html",
    createListener: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateListener.html",
    securityPolicies: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html",
} as const;

/**
 * Who writes an Application Load Balancer's access logs into the bucket. In a region that opened
 * before August 2022 it is the region's own Elastic Load Balancing account, which the bucket policy
 * must name (creating the ALB with access logs fails its test write otherwise); in a newer region it is
 * the log-delivery service principal. The table is the user guide's, "Attach a policy to your S3 bucket".
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
 */
export const ELB_LOG_DELIVERY = {
    url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html",
    servicePrincipal: "logdelivery.elasticloadbalancing.amazonaws.com",
    accountByRegion: {
        "us-east-1": "127311923021",
        "us-east-2": "033677994240",
        "us-west-1": "027434742980",
        "us-west-2": "797873946194",
        "af-south-1": "098369216593",
        "ap-east-1": "754344448648",
        "ap-southeast-3": "589379963580",
        "ap-south-1": "718504428378",
        "ap-northeast-3": "383597477331",
        "ap-northeast-2": "600734575887",
        "ap-southeast-1": "114774131450",
        "ap-southeast-2": "783225319266",
        "ap-northeast-1": "582318560864",
        "ca-central-1": "985666609251",
        "eu-central-1": "054676820928",
        "eu-west-1": "156460612806",
        "eu-west-2": "652711504416",
        "eu-south-1": "635631232127",
        "eu-west-3": "009996457667",
        "eu-north-1": "897822967062",
        "me-south-1": "076674570225",
        "sa-east-1": "507241528517",
        "us-gov-west-1": "048591011584",
        "us-gov-east-1": "190560391635",
        "cn-north-1": "638102146993",
        "cn-northwest-1": "037604701340",
    } as Readonly<Record<string, string>>,
    /**
     * Regions of that table where the service principal is documented as well: the provider's
     * `aws.elb.getServiceAccount` note says regions opened since Jakarta (December 2021) use it,
     * while the user guide still lists Jakarta's account. Either grant is accepted there.
     */
    servicePrincipalAlsoIn: ["ap-southeast-3"] as readonly string[],
} as const;

/** Longest load-balancer and target-group name. */
export const ELB_NAME_MAX_LENGTH = 32;
/** Longest `namePrefix` the provider takes for a load balancer or target group (it appends 26 characters). */
export const ELB_NAME_PREFIX_MAX_LENGTH = 6;

/**
 * Problems of a load-balancer or target-group name: at most 32 alphanumerics or hyphens, no
 * hyphen first or last; a load balancer's may not start with "internal-".
 */
export function elbNameProblems(what: "load balancer" | "target group", value: string): string[] {
    const problems: string[] = [];
    const label = `the ${what} name "${value}"`;
    if (value.length === 0 || value.length > ELB_NAME_MAX_LENGTH) {
        problems.push(`${label} is ${value.length} characters long; accepted: 1–${ELB_NAME_MAX_LENGTH}`);
    }
    const bad = invalidCharacters(value, /[a-zA-Z0-9-]/);
    if (bad.length > 0) {
        problems.push(`${label} contains ${bad.map((c) => JSON.stringify(c)).join(", ")}; accepted: letters, digits and hyphens`);
    }
    if (value.startsWith("-") || value.endsWith("-")) {
        problems.push(`${label} begins or ends with a hyphen; accepted: a letter or digit at both ends`);
    }
    if (what === "load balancer" && value.toLowerCase().startsWith("internal-")) {
        problems.push(`${label} begins with "internal-"; accepted: any other start`);
    }
    return problems;
}

/** ALB idle timeout (`idle_timeout.timeout_seconds`). */
export const ALB_IDLE_TIMEOUT_SECONDS: IntRange = { min: 1, max: 4000 };
/** Target group `deregistration_delay.timeout_seconds`. */
export const DEREGISTRATION_DELAY_SECONDS: IntRange = { min: 0, max: 3600 };
/** `stickiness.lb_cookie.duration_seconds` and `stickiness.app_cookie.duration_seconds`: 1 s to 7 days. */
export const STICKINESS_DURATION_SECONDS: IntRange = { min: 1, max: 604800 };
/** Cookie names the ALB reserves for itself; an app_cookie may not use them. */
export const ALB_RESERVED_COOKIE_NAMES = ["AWSALB", "AWSALBAPP", "AWSALBTG"] as const;
/** Health-check interval, timeout and thresholds of an ALB target group (HTTP/HTTPS). */
export const HEALTH_CHECK_INTERVAL_SECONDS: IntRange = { min: 5, max: 300 };
export const HEALTH_CHECK_TIMEOUT_SECONDS: IntRange = { min: 2, max: 120 };
export const HEALTH_CHECK_THRESHOLD: IntRange = { min: 2, max: 10 };

/** Problems of an ALB idle timeout. */
export function idleTimeoutProblems(seconds: number): string[] {
    return rangeProblem("the idle timeout", seconds, ALB_IDLE_TIMEOUT_SECONDS).map((p) => `${p} s`);
}

/** Problems of a deregistration delay. */
export function deregistrationDelayProblems(seconds: number): string[] {
    return rangeProblem("the deregistration delay", seconds, DEREGISTRATION_DELAY_SECONDS).map((p) => `${p} s`);
}

/** Problems of a stickiness cookie duration. */
export function stickinessDurationProblems(seconds: number): string[] {
    return rangeProblem("the stickiness cookie duration", seconds, STICKINESS_DURATION_SECONDS).map((p) => `${p} s (7 days)`);
}

/**
 * Application Load Balancers accept only AWS's predefined security policies (no custom ones), and
 * every predefined name starts with this prefix; a closed list would go stale with each new policy.
 */
export const ALB_SSL_POLICY_PREFIX = "ELBSecurityPolicy-";

/** Problems of an HTTPS listener's security policy name. */
export function sslPolicyProblems(name: string): string[] {
    return name.startsWith(ALB_SSL_POLICY_PREFIX) && name.length > ALB_SSL_POLICY_PREFIX.length
        ? []
        : [
              `the security policy "${name}" is not one of AWS's predefined policies; accepted: an ELBSecurityPolicy-* name, e.g. ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09`,
          ];
}

// ---------------------------------------------------------------------------------------------
// Auto Scaling

export const AUTOSCALING_DOCS = {
    refreshPreferences: "https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_RefreshPreferences.html",
    maintenancePolicy: "https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_InstanceMaintenancePolicy.html",
    createGroup: "https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CreateAutoScalingGroup.html",
} as const;
export const MIN_HEALTHY_PERCENTAGE: IntRange = { min: 0, max: 100 };
export const MAX_HEALTHY_PERCENTAGE: IntRange = { min: 100, max: 200 };
/** The widest gap AWS allows between the two percentages. */
export const HEALTHY_PERCENTAGE_MAX_SPREAD = 100;

/**
 * Problems of an instance refresh's (or instance maintenance policy's) healthy percentages: min
 * 0–100, max 100–200, max − min ≤ 100. `undefined` is a percentage left out, which AWS replaces
 * with `minWhenAbsent` (90 for a refresh); null when the minimum cannot be told (the gap is then not judged).
 */
export function healthyPercentageProblems(min: number | undefined, max: number | undefined, minWhenAbsent: number | null = 90): string[] {
    const problems: string[] = [];
    if (min !== undefined) {
        problems.push(...rangeProblem("minHealthyPercentage", min, MIN_HEALTHY_PERCENTAGE));
    }
    if (max !== undefined) {
        problems.push(...rangeProblem("maxHealthyPercentage", max, MAX_HEALTHY_PERCENTAGE));
        const effectiveMin = min ?? minWhenAbsent;
        if (effectiveMin !== null && max - effectiveMin > HEALTHY_PERCENTAGE_MAX_SPREAD) {
            problems.push(
                `maxHealthyPercentage ${max} is ${max - effectiveMin} above minHealthyPercentage ${effectiveMin}${min === undefined ? " (AWS's default)" : ""}; accepted: at most ${HEALTHY_PERCENTAGE_MAX_SPREAD} apart`,
            );
        }
    }
    return problems.map((p) => (p.includes("accepted") ? p : `${p}; accepted: min 0–100, max 100–200`));
}

/**
 * Whether a replacement with these percentages launches before it terminates: above 100 % the group
 * may run more instances than desired while it replaces one.
 */
export function launchesBeforeTerminating(maxHealthyPercentage: number | undefined): boolean {
    return maxHealthyPercentage !== undefined && maxHealthyPercentage > 100;
}

// ---------------------------------------------------------------------------------------------
// RDS

export const RDS_DOCS = {
    createInstance: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
    createReadReplica: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html",
    secretsManagerLimitations:
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html#rds-secrets-manager-limitations",
    parameterGroup: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBParameterGroup.html",
    subnetGroup: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html",
    storageAutoscaling: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.Autoscaling.html",
    instanceClasses: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.html",
} as const;

/** Longest DB instance and DB cluster identifier. */
export const RDS_IDENTIFIER_MAX_LENGTH = 63;
/** Longest DB snapshot, parameter group and subnet group name. */
export const RDS_NAME_MAX_LENGTH = 255;
/** Automated backup retention, days (0 turns automated backups off). */
export const RDS_BACKUP_RETENTION_DAYS: IntRange = { min: 0, max: 35 };

/**
 * Problems of an RDS identifier (DB instance, DB cluster, snapshot, parameter group): letters,
 * digits and hyphens, a letter first, no hyphen last, no two hyphens in a row.
 */
export function rdsIdentifierProblems(what: string, value: string, maxLength: number): string[] {
    const problems: string[] = [];
    const label = `${what} "${value}"`;
    if (value.length === 0 || value.length > maxLength) {
        problems.push(`${label} is ${value.length} characters long; accepted: 1–${maxLength}`);
    }
    if (!/^[a-zA-Z0-9-]*$/.test(value)) {
        problems.push(`${label} contains characters other than letters, digits and hyphens; accepted: a-z A-Z 0-9 -`);
    }
    if (value.length > 0 && !/^[a-zA-Z]/.test(value)) {
        problems.push(`${label} does not start with a letter; accepted: a letter first`);
    }
    if (value.endsWith("-") || value.includes("--")) {
        problems.push(`${label} ends with a hyphen or has two hyphens in a row; accepted: neither`);
    }
    return problems;
}

/**
 * Performance Insights retention: 7 (free), 31 × months for 1–23 months, or 731.
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
 */
export function performanceInsightsRetentionProblems(days: number): string[] {
    const ok = days === 7 || days === 731 || (Number.isInteger(days) && days % 31 === 0 && days >= 31 && days <= 31 * 23);
    return ok ? [] : [`Performance Insights retention ${days} days is not offered; accepted: 7, 31 × 1–23 months (31, 62, … 713) or 731`];
}

/** The major version of an engine version string ("17.4" → "17"; "8.0.35" → "8.0" for MySQL-style majors). */
export function engineMajorVersion(engine: string, version: string): string {
    const parts = version.split(".");
    return /mysql|mariadb/.test(engine) ? parts.slice(0, 2).join(".") : parts[0];
}

/**
 * The parameter group family an engine and version belong to ("postgres" "17.4" → "postgres17",
 * "aurora-postgresql" "16" → "aurora-postgresql16"); undefined for engines this does not cover.
 */
export function parameterGroupFamily(engine: string, version: string): string | undefined {
    if (engine === "postgres" || engine === "aurora-postgresql") {
        return `${engine}${engineMajorVersion(engine, version)}`;
    }
    if (engine === "mysql" || engine === "mariadb") {
        return `${engine}${engineMajorVersion(engine, version)}`;
    }
    return undefined;
}

// ---------------------------------------------------------------------------------------------
// ElastiCache

export const ELASTICACHE_DOCS = {
    createReplicationGroup: "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html",
    authToken: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html",
    multiAz: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html",
} as const;
export const REPLICATION_GROUP_ID_MAX_LENGTH = 40;
export const AUTH_TOKEN_LENGTH: IntRange = { min: 16, max: 128 };
/** Printable special characters an AUTH token may contain besides letters and digits. */
export const AUTH_TOKEN_SPECIAL_CHARACTERS = "!&#$^<>-";

/** Problems of an ElastiCache AUTH token. */
export function authTokenProblems(token: string): string[] {
    const problems: string[] = [];
    if (token.length < AUTH_TOKEN_LENGTH.min || token.length > AUTH_TOKEN_LENGTH.max) {
        problems.push(`the AUTH token is ${token.length} characters long; accepted: ${AUTH_TOKEN_LENGTH.min}–${AUTH_TOKEN_LENGTH.max}`);
    }
    const bad = [...token].filter((c) => !/[a-zA-Z0-9]/.test(c) && !AUTH_TOKEN_SPECIAL_CHARACTERS.includes(c));
    if (bad.length > 0) {
        // Never echo the token's characters: it is a secret.
        problems.push(
            `the AUTH token contains ${bad.length} character(s) AWS refuses; accepted: letters, digits and ${AUTH_TOKEN_SPECIAL_CHARACTERS}`,
        );
    }
    return problems;
}

// ---------------------------------------------------------------------------------------------
// S3

export const S3_BUCKET_NAMING_DOCS = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html";
const S3_RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const S3_RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/** Problems of a general purpose bucket name. */
export function bucketNameProblems(name: string): string[] {
    const problems: string[] = [];
    const label = `the bucket name "${name}"`;
    if (name.length < 3 || name.length > 63) {
        problems.push(`${label} is ${name.length} characters long; accepted: 3–63`);
    }
    if (!/^[a-z0-9.-]*$/.test(name)) {
        problems.push(`${label} has characters other than lower-case letters, digits, dots and hyphens; accepted: a-z 0-9 . -`);
    }
    if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) {
        problems.push(`${label} does not begin and end with a letter or digit`);
    }
    if (name.includes("..")) {
        problems.push(`${label} has two adjacent dots`);
    }
    if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) {
        problems.push(`${label} is formatted as an IP address`);
    }
    for (const prefix of S3_RESERVED_PREFIXES.filter((p) => name.startsWith(p))) {
        problems.push(`${label} starts with the reserved prefix "${prefix}"`);
    }
    for (const suffix of S3_RESERVED_SUFFIXES.filter((s) => name.endsWith(s))) {
        problems.push(`${label} ends with the reserved suffix "${suffix}"`);
    }
    return problems;
}

// ---------------------------------------------------------------------------------------------
// IAM

export const IAM_QUOTAS_DOCS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html";
/** Longest name per IAM entity. */
export const IAM_NAME_MAX_LENGTH = { role: 64, user: 64, group: 128, policy: 128, instanceProfile: 128 } as const;
/** Longest managed policy document (characters, whitespace not counted) and inline role policy document. */
export const IAM_MANAGED_POLICY_MAX_CHARS = 6144;
export const IAM_ROLE_INLINE_POLICIES_MAX_CHARS = 10240;
/** A role's maximum session duration, seconds (1–12 hours). */
export const IAM_ROLE_MAX_SESSION_SECONDS: IntRange = { min: 3600, max: 43200 };

/** Problems of an IAM user, group, role, managed policy or instance profile name. */
export function iamNameProblems(what: string, name: string, maxLength: number): string[] {
    const problems: string[] = [];
    const label = `the ${what} name "${name}"`;
    if (name.length === 0 || name.length > maxLength) {
        problems.push(`${label} is ${name.length} characters long; accepted: 1–${maxLength}`);
    }
    if (!/^[\w+=,.@-]*$/.test(name)) {
        problems.push(`${label} has characters other than letters, digits and _+=,.@-`);
    }
    return problems;
}

/** Problems of the name of an inline policy (any ASCII except \ / * ? and space, 1–128). */
export function inlinePolicyNameProblems(name: string): string[] {
    const problems: string[] = [];
    if (name.length === 0 || name.length > IAM_NAME_MAX_LENGTH.policy) {
        problems.push(`the inline policy name "${name}" is ${name.length} characters long; accepted: 1–${IAM_NAME_MAX_LENGTH.policy}`);
    }
    if (/[\\/*? ]/.test(name) || /[^\x21-\x7e]/.test(name)) {
        problems.push(`the inline policy name "${name}" has a space, a non-ASCII character or one of \\ / * ?`);
    }
    return problems;
}

/** The size IAM counts for a policy document: characters other than whitespace. */
export function policyDocumentSize(document: string): number {
    return document.replace(/\s/g, "").length;
}

// ---------------------------------------------------------------------------------------------
// CloudWatch, SNS, KMS, Secrets Manager, Route 53, Backup, ACM

export const LOGS_DOCS = {
    createLogGroup: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html",
    retention: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html",
} as const;
/** The retentions CloudWatch Logs offers, days. */
export const LOG_RETENTION_DAYS: readonly number[] = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];
export const LOG_GROUP_NAME_MAX_LENGTH = 512;

/** Problems of a log group name. */
export function logGroupNameProblems(name: string): string[] {
    const problems: string[] = [];
    if (name.length === 0 || name.length > LOG_GROUP_NAME_MAX_LENGTH) {
        problems.push(`the log group name is ${name.length} characters long; accepted: 1–${LOG_GROUP_NAME_MAX_LENGTH}`);
    }
    if (!/^[.\-_/#A-Za-z0-9]*$/.test(name)) {
        problems.push(`the log group name "${name}" has characters other than a-z A-Z 0-9 . - _ / #`);
    }
    return problems;
}

export const ALARM_DOCS = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html";
export const ALARM_NAME_MAX_LENGTH = 255;
/** Longest evaluation range of an alarm: 1 day for periods under an hour, 7 days otherwise. */
export const ALARM_MAX_RANGE_SECONDS = { underAnHour: 86400, otherwise: 604800 } as const;

/** Problems of a metric alarm's period and evaluation. */
export function alarmEvaluationProblems(
    period: number | undefined,
    evaluationPeriods: number | undefined,
    datapointsToAlarm: number | undefined,
): string[] {
    const problems: string[] = [];
    if (period !== undefined && !(period === 10 || period === 20 || period === 30 || (period > 0 && period % 60 === 0))) {
        problems.push(`the period ${period} s is not offered; accepted: 10, 20, 30 or a multiple of 60`);
    }
    if (period !== undefined && evaluationPeriods !== undefined) {
        const limit = period < 3600 ? ALARM_MAX_RANGE_SECONDS.underAnHour : ALARM_MAX_RANGE_SECONDS.otherwise;
        if (period * evaluationPeriods > limit) {
            problems.push(
                `period × evaluationPeriods = ${period * evaluationPeriods} s; accepted: at most ${limit} s (${period < 3600 ? "1 day for periods under an hour" : "7 days"})`,
            );
        }
    }
    if (datapointsToAlarm !== undefined && evaluationPeriods !== undefined && datapointsToAlarm > evaluationPeriods) {
        problems.push(
            `datapointsToAlarm ${datapointsToAlarm} exceeds evaluationPeriods ${evaluationPeriods}; accepted: at most evaluationPeriods`,
        );
    }
    return problems;
}

export const DASHBOARD_DOCS = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html";
export const SNS_DOCS = "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html";
export const KMS_DOCS = "https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html";
export const KMS_DELETION_WINDOW_DAYS: IntRange = { min: 7, max: 30 };
export const SECRETS_MANAGER_DOCS = "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html";
export const SECRET_RECOVERY_WINDOW_DAYS: IntRange = { min: 7, max: 30 };

export const ROUTE53_DOCS = {
    recordSet: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html",
    healthCheck: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html",
} as const;
export const ROUTE53_WEIGHT: IntRange = { min: 0, max: 255 };
export const ROUTE53_HEALTH_CHECK_INTERVALS: readonly number[] = [10, 30];
export const ROUTE53_FAILURE_THRESHOLD: IntRange = { min: 1, max: 10 };

export const BACKUP_DOCS = {
    lifecycle: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html",
    vault: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupVault.html",
} as const;
/** Days a recovery point stays in cold storage at least. */
export const BACKUP_COLD_STORAGE_MIN_DAYS = 90;

/** Problems of a backup rule's lifecycle. */
export function backupLifecycleProblems(coldStorageAfter: number | undefined, deleteAfter: number | undefined): string[] {
    if (coldStorageAfter === undefined || deleteAfter === undefined || coldStorageAfter < 0 || deleteAfter < 0) {
        return [];
    }
    return deleteAfter < coldStorageAfter + BACKUP_COLD_STORAGE_MIN_DAYS
        ? [
              `deleteAfter ${deleteAfter} days is less than ${BACKUP_COLD_STORAGE_MIN_DAYS} days after coldStorageAfter ${coldStorageAfter}; accepted: at least ${coldStorageAfter + BACKUP_COLD_STORAGE_MIN_DAYS}`,
          ]
        : [];
}

export const ACM_DOCS = "https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html";

/** Problems of a certificate's domain name (fully qualified, ≤ 253 characters, labels ≤ 63, a wildcard only leftmost). */
export function certificateDomainProblems(domain: string): string[] {
    const problems: string[] = [];
    const label = `the domain name "${domain}"`;
    if (domain.length === 0 || domain.length > 253) {
        problems.push(`${label} is ${domain.length} characters long; accepted: 1–253`);
    }
    const labels = domain.split(".");
    if (labels.some((l) => l.length === 0 || l.length > 63)) {
        problems.push(`${label} has an empty label or one over 63 characters`);
    }
    if (labels.slice(1).some((l) => l.includes("*")) || (labels[0].includes("*") && labels[0] !== "*")) {
        problems.push(`${label} has a wildcard other than a leftmost "*."`);
    }
    if (!/^[a-zA-Z0-9.*-]*$/.test(domain)) {
        problems.push(`${label} has characters other than letters, digits, hyphens, dots and a leading "*."`);
    }
    return problems;
}

export const EFS_DOCS = {
    rootDirectory: "https://docs.aws.amazon.com/efs/latest/ug/API_RootDirectory.html",
    createFileSystem: "https://docs.aws.amazon.com/efs/latest/ug/API_CreateFileSystem.html",
} as const;

/** Problems of an EFS access point root directory path (≤ 100 characters, up to four directories below /). */
export function accessPointPathProblems(path: string): string[] {
    const ok = path.length >= 1 && path.length <= 100 && /^(\/|(\/(?!\.)+[^$#<>;`|&?{}^*/\n]+){1,4})$/.test(path);
    return ok
        ? []
        : [
              `the access point path "${path}" is not accepted; accepted: "/" or up to four directories, ≤ 100 characters, none starting with "." and no $#<>;\`|&?{}^*`,
          ];
}
