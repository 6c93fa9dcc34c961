/**
 * Two resources of one stack with the same name where AWS wants it unique (per account and region,
 * or per account for IAM), through providers of the same account. AWS answers the second create with a duplicate-name error
 * (DuplicateTargetGroupName, DBInstanceAlreadyExists, EntityAlreadyExists…) — or, for ELB, whose
 * create calls are idempotent for identical settings, hands both Pulumi resources the same load
 * balancer or target group, so deleting one deletes the other's. Long names clipped to a limit are the
 * usual way this happens. Judged from known names only.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { ELB_DOCS } from "../../components/contract/awsLimits";
import { Fields, regionOf, stringField } from "../support/preflightRule";
import { unproxied } from "../support/previewValues";

/** A kind of resource whose name AWS keeps unique. */
interface UniqueName {
    what: string;
    types: readonly string[];
    /** The input that carries the name. */
    field: string;
    /** Unique per account across regions (IAM). */
    global?: boolean;
    /** Unique within the value of this input only (a security group's VPC). */
    within?: string;
    /** AWS stores the name in lower case, so names differing only in case collide. */
    caseInsensitive?: boolean;
    /**
     * The create call answers a second create of the name with the existing object (or updates it)
     * instead of refusing: PutMetricAlarm and PutDashboard create or update, CreateTopic returns the
     * existing topic, and ELB's creates are idempotent for the same settings.
     */
    shared?: boolean;
}

const UNIQUE_NAMES: readonly UniqueName[] = [
    {
        what: "load balancer",
        types: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
        field: "name",
        shared: true,
    },
    { what: "target group", types: ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"], field: "name", shared: true },
    {
        what: "DB instance",
        types: ["aws:rds/instance:Instance", "aws:rds/clusterInstance:ClusterInstance"],
        field: "identifier",
        caseInsensitive: true,
    },
    { what: "DB cluster", types: ["aws:rds/cluster:Cluster"], field: "clusterIdentifier", caseInsensitive: true },
    { what: "DB parameter group", types: ["aws:rds/parameterGroup:ParameterGroup"], field: "name", caseInsensitive: true },
    { what: "DB subnet group", types: ["aws:rds/subnetGroup:SubnetGroup"], field: "name", caseInsensitive: true },
    {
        what: "ElastiCache replication group",
        types: ["aws:elasticache/replicationGroup:ReplicationGroup"],
        field: "replicationGroupId",
        caseInsensitive: true,
    },
    { what: "security group", types: ["aws:ec2/securityGroup:SecurityGroup"], field: "name", within: "vpcId" },
    { what: "launch template", types: ["aws:ec2/launchTemplate:LaunchTemplate"], field: "name" },
    { what: "IAM role", types: ["aws:iam/role:Role"], field: "name", global: true, caseInsensitive: true },
    { what: "IAM policy", types: ["aws:iam/policy:Policy"], field: "name", global: true, caseInsensitive: true },
    {
        what: "IAM instance profile",
        types: ["aws:iam/instanceProfile:InstanceProfile"],
        field: "name",
        global: true,
        caseInsensitive: true,
    },
    { what: "log group", types: ["aws:cloudwatch/logGroup:LogGroup"], field: "name" },
    { what: "alarm", types: ["aws:cloudwatch/metricAlarm:MetricAlarm"], field: "name", shared: true },
    { what: "dashboard", types: ["aws:cloudwatch/dashboard:Dashboard"], field: "dashboardName", shared: true },
    { what: "SNS topic", types: ["aws:sns/topic:Topic"], field: "name", shared: true },
    { what: "secret", types: ["aws:secretsmanager/secret:Secret"], field: "name" },
    { what: "backup vault", types: ["aws:backup/vault:Vault"], field: "name" },
];

const BY_TYPE: ReadonlyMap<string, UniqueName> = new Map(UNIQUE_NAMES.flatMap((u) => u.types.map((t) => [t, u] as const)));

/**
 * What tells one AWS account from another in a provider's settings (a profile, roles to assume,
 * the allowed accounts): names only collide within one account, and two providers that differ
 * here may well be two accounts. Providers that set none of these share the stack's credentials.
 */
function accountOf(provider: { props?: unknown } | undefined): string {
    const props = (unproxied(provider?.props) ?? {}) as Fields;
    const roles = [props.assumeRoles, props.assumeRole]
        .flat()
        .map((r) => stringField(r as Fields | undefined, "roleArn"))
        .filter((r): r is string => r !== undefined);
    return JSON.stringify([stringField(props, "profile") ?? "", roles, props.allowedAccountIds ?? []]);
}

export const namesUnique: StackValidationPolicy = {
    name: "aws-names-unique",
    description: `No two resources of a stack share a name AWS keeps unique per account and region (per account for IAM) (${ELB_DOCS.createTargetGroup})`,
    enforcementLevel: "mandatory",
    severity: "high",
    url: ELB_DOCS.createTargetGroup,
    remediationSteps:
        "Give each resource its own name, or let Pulumi auto-name it (omit the name, or use namePrefix where the resource has one); names clipped to a length limit need a distinguishing part (a hash) inside the limit.",
    validateStack: (args, reportViolation) => {
        const seen = new Map<string, string>();
        for (const resource of args.resources) {
            const kind = BY_TYPE.get(resource.type);
            if (kind === undefined) {
                continue;
            }
            const fields = unproxied(resource.props) as Fields;
            const name = stringField(fields, kind.field);
            const within = kind.within === undefined ? "" : stringField(fields, kind.within);
            if (name === undefined || within === undefined) {
                continue; // unknown until deployed: judged once known
            }
            const region = kind.global ? "" : (regionOf(fields, resource.provider) ?? "");
            const account = accountOf(resource.provider);
            const key = [kind.what, account, region, within, kind.caseInsensitive ? name.toLowerCase() : name].join("\u0000");
            const first = seen.get(key);
            if (first === undefined) {
                seen.set(key, resource.urn);
                continue;
            }
            const place = kind.global ? "in the account" : region ? `in ${region}` : "in the region";
            const scope = kind.within ? ` of ${kind.within} ${within}` : "";
            const outcome = kind.shared
                ? "AWS refuses the second create or hands it the first one's object, so the two resources would overwrite and delete each other's"
                : "AWS refuses this when the resource is created";
            reportViolation(
                `the ${kind.what} name "${name}"${scope} is also ${first.split("::").pop()}'s; AWS keeps ${kind.what} names unique ${place}. ${outcome}.`,
                resource.urn,
            );
        }
    },
};
