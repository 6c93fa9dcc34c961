/**
 * OdooLoadBalancer: the internet-facing Application Load Balancer in front of the Odoo nodes.
 *
 * One target group, HTTP on the node proxy's port (nginx on each node adds X-Forwarded-Host, which
 * Odoo's proxy_mode requires and the ALB never sends, and routes /websocket to the gevent port):
 * the ALB never targets Odoo's 8069 directly. HTTPS terminates here with an explicit TLS 1.3
 * policy; port 80 only redirects, unless a development stack explicitly runs without TLS.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import {
    ACM_CERTIFICATE_ARN,
    HOSTED_ZONE_ID,
    createDnsValidatedCertificate,
    isInZone,
    requireDomainName,
    requireZoneName,
} from "./certificate";
import { ELB_LOG_DELIVERY } from "../contract/awsLimits";
import { OdooClusterContext, ResolvedClusterContext, resolveClusterContext, tagsFor } from "../contract/clusterContext";
import { OdooArgumentError, optionalBoolean, requireInput, requireWholeNumber } from "../contract/errors";
import { DEFAULT_STICKINESS_SECONDS, MAX_STICKINESS_SECONDS, MIN_STICKINESS_SECONDS } from "../contract/stickiness";
import { NODE_ALIVE_PATH, PROXY_TIMEOUT_SECONDS } from "../nodes/nginxConf";
import { ALB_MAX_IDLE_TIMEOUT_SECONDS, REQUEST_TIMEOUTS } from "../contract/timeouts";
import { HTTPS_PORT, HTTP_PORT, NODE_PROXY_PORT } from "../contract/ports";
import { checkSubnetIdList } from "../network/subnetPlan";

/**
 * The guide's timeout for long requests (reports, imports) and idle websockets: the node proxy
 * waits that long too, so a shorter ALB timeout would cut those requests first.
 */
export const MIN_IDLE_TIMEOUT = PROXY_TIMEOUT_SECONDS;
/** AWS's maximum ALB idle timeout. */
export const MAX_IDLE_TIMEOUT = ALB_MAX_IDLE_TIMEOUT_SECONDS;
/** The default idle timeout: the chain's, above the node proxy's (contract/timeouts.ts). */
export const DEFAULT_IDLE_TIMEOUT = REQUEST_TIMEOUTS.albIdleSeconds;
/** AWS's maximum target-group deregistration delay. */
export const MAX_DEREGISTRATION_DELAY = 3600;
/** Default days the access logs are kept. */
export const DEFAULT_ACCESS_LOG_RETENTION_DAYS = 90;
/** Key prefix of the access logs in their bucket (ELB appends AWSLogs/<account>/…). */
export const ACCESS_LOG_PREFIX = "alb";

/** The default HTTPS policy: TLS 1.3 and 1.2 with hybrid post-quantum key exchange, AWS's current recommendation. */
export const DEFAULT_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09";
/**
 * Current ELB TLS 1.3 security policies whose minimum is TLS 1.2 (AWS documentation, "Security
 * policies for your Application Load Balancer", checked November 2025).
 */
export const TLS13_SSL_POLICIES: readonly string[] = [
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
];
/** TLS 1.3 policies that still accept TLS 1.0 or 1.1: refused, with the reason. */
export const LEGACY_TLS13_SSL_POLICIES: readonly string[] = [
    "ELBSecurityPolicy-TLS13-1-1-2021-06",
    "ELBSecurityPolicy-TLS13-1-0-2021-06",
    "ELBSecurityPolicy-TLS13-1-0-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09",
];

/**
 * Health check of the target group: the node proxy's {@link NODE_ALIVE_PATH}, which Odoo's gevent
 * process answers (`/web/health`, without touching PostgreSQL), so a node whose workers are all busy
 * stays healthy and a dead one does not (see nginxConf.ts). A node is out after 4 failed checks
 * (about a minute), and the Auto Scaling group replaces it.
 */
export const HEALTH_CHECK = {
    path: NODE_ALIVE_PATH,
    matcher: "200",
    interval: 15,
    timeout: 10,
    healthyThreshold: 2,
    unhealthyThreshold: 4,
} as const;

/** Arguments of {@link OdooLoadBalancer}. */
export interface OdooLoadBalancerArgs extends OdooLoadBalancerOptions {
    /** The cluster the load balancer belongs to: its name, environment, declared users and tags. */
    cluster: OdooClusterContext;
    /** The VPC of the target group (OdooNetwork's `vpcId`). */
    vpcId: pulumi.Input<string>;
    /** Public subnets for the load balancer, at least 2 in different availability zones (OdooNetwork's `publicSubnetIds`). */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The load balancer's security group (OdooNetwork's `loadBalancerSecurityGroupId`). */
    securityGroupId: pulumi.Input<string>;
}

/** Settings of {@link OdooLoadBalancer}; also the `loadBalancer` argument of OdooCluster. */
export interface OdooLoadBalancerOptions {
    /**
     * ARN of an existing, issued ACM certificate in the load balancer's region for the HTTPS
     * listener. Default: none; then `domainName` with a hosted zone creates one, or `allowHttpOnly`
     * must be true.
     */
    certificateArn?: pulumi.Input<string>;
    /**
     * The host name Odoo is served on, e.g. `erp.example.com` (lower case, no wildcard). With a
     * hosted zone it gets a DNS-validated ACM certificate (unless `certificateArn` is given) and
     * an alias A record to the load balancer; without one, `certificateArn` is required and the
     * DNS record is yours to make. Default: none (the URL is the load balancer's DNS name).
     */
    domainName?: string;
    /** ID of the public Route 53 hosted zone of `domainName`. Default: none. Not with `hostedZoneName`. */
    hostedZoneId?: pulumi.Input<string>;
    /** Name of the public Route 53 hosted zone of `domainName` (looked up), e.g. `example.com`. Default: none. Not with `hostedZoneId`. */
    hostedZoneName?: string;
    /**
     * Allow a load balancer without any certificate: port 80 then forwards to Odoo in clear text
     * (development only: passwords and session cookies cross the internet unencrypted). With a
     * certificate this changes nothing: port 80 always redirects to HTTPS. Default: false.
     */
    allowHttpOnly?: boolean;
    /**
     * Idle timeout of client and target connections, seconds, from the node proxy's timeout (1230)
     * to 4000. Below it the ALB would cut long reports, imports and idle websockets before Odoo and
     * the node proxy do. Default: 1260 (contract/timeouts.ts: Odoo's limit_time_real ≤ proxy ≤ ALB).
     */
    idleTimeoutSeconds?: number;
    /**
     * TLS policy of the HTTPS listener: one of the current ELBSecurityPolicy-TLS13-* policies with
     * TLS 1.2 or 1.3 as minimum (FIPS and post-quantum variants included). Default:
     * "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09". Only with a certificate.
     */
    sslPolicy?: string;
    /** Whether AWS refuses to delete the load balancer until this is turned off. Default: true in production, false otherwise. */
    deletionProtection?: boolean;
    /**
     * Whether to write access logs to a dedicated S3 bucket (SSE-S3 encrypted, public access
     * blocked, bucket-owner-enforced, TLS-only, expiring). In production the bucket is kept when
     * the stack is destroyed. Default: true in production, false otherwise.
     */
    accessLogs?: boolean;
    /** Days the access logs are kept, 1 to 3650. Default: 90. Only with access logs on. */
    accessLogRetentionDays?: number;
    /**
     * How long the ALB's stickiness cookie (AWSALB) pins a browser to a node after its last
     * request, seconds, 1 to 604800 (7 days). Default: 3600.
     */
    stickinessDurationSeconds?: number;
    /**
     * How long a node leaving the target group (scale-in, replacement) keeps its in-flight
     * requests, seconds, 0 to 3600. Open websockets hold a node for all of it. Default: the idle
     * timeout (capped at 3600), so a running report gets the time the ALB would give it anyway.
     */
    deregistrationDelaySeconds?: number;
}

/** How the load balancer does TLS. */
export const TlsMode = {
    /** The operator's ACM certificate. */
    ExistingCertificate: "existing-certificate",
    /** A DNS-validated ACM certificate created for `domainName`. */
    CreatedCertificate: "created-certificate",
    /** No TLS at all (allowHttpOnly). */
    HttpOnly: "http-only",
} as const;
export type TlsMode = (typeof TlsMode)[keyof typeof TlsMode];

/** {@link OdooLoadBalancerArgs}, validated, with defaults applied. */
export interface ResolvedLoadBalancerArgs {
    context: ResolvedClusterContext;
    names: LoadBalancerNames;
    tls: TlsMode;
    certificateArn?: pulumi.Input<string>;
    domainName?: string;
    hostedZoneId?: pulumi.Input<string>;
    hostedZoneName?: string;
    sslPolicy?: string;
    idleTimeoutSeconds: number;
    deletionProtection: boolean;
    accessLogs: boolean;
    accessLogRetentionDays: number;
    /** Keep the log bucket (and its logs) when the stack is destroyed. */
    retainAccessLogs: boolean;
    stickinessDurationSeconds: number;
    deregistrationDelaySeconds: number;
}

/** AWS name of the load balancer (at most 32 characters). */
export interface LoadBalancerNames {
    loadBalancer: string;
}

/**
 * The target group has no fixed name, only this prefix (AWS allows at most 6 characters; AWS adds
 * a unique rest). Port, protocol, protocol version, target type and VPC all replace a target group,
 * and Pulumi creates the replacement before deleting the old one: under a fixed name that create
 * fails on the duplicate. The tags say which cluster a group belongs to.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html
 */
export const TARGET_GROUP_NAME_PREFIX = "odoo-";

/** ALB names: 1 to 32 letters, digits and hyphens. */
const LOAD_BALANCER_NAME_MAX = 32;

function clip(text: string, length: number): string {
    return text.slice(0, length).replace(/-+$/, "");
}

/**
 * The ALB's AWS name from the cluster and environment, e.g. `erp-prod`: what an operator looks
 * for in the console and in CloudWatch metrics. A name that does not fit is clipped and given a
 * hash of the whole, so two long names that share their first characters never collide. The ALB
 * keeps a fixed name because nothing else that would replace it can change (scheme and type are
 * fixed by the component): a rename creates the new ALB under its new name before the old one goes.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html
 */
export function loadBalancerNames(context: Pick<ResolvedClusterContext, "name" | "environment">): LoadBalancerNames {
    let whole = `${context.name}-${context.environment}`;
    // AWS reserves the "internal-" prefix for the DNS names of internal load balancers.
    if (whole.startsWith("internal-")) {
        whole = `odoo-${whole}`;
    }
    if (whole.length <= LOAD_BALANCER_NAME_MAX) {
        return { loadBalancer: whole };
    }
    const hash = createHash("sha256").update(whole).digest("hex").slice(0, 8);
    return { loadBalancer: `${clip(whole, LOAD_BALANCER_NAME_MAX - hash.length - 1)}-${hash}` };
}

const SUBNETS_ACCEPTED = "at least 2 public subnet IDs in different availability zones (an Application Load Balancer needs two)";

/**
 * Validates {@link OdooLoadBalancerArgs} and applies the defaults. Throws an
 * {@link OdooArgumentError} naming the property; creates nothing.
 */
export function resolveLoadBalancerArgs(args: OdooLoadBalancerArgs): ResolvedLoadBalancerArgs {
    if (!args || typeof args !== "object") {
        throw new OdooArgumentError("args", args, "an object with cluster, vpcId, subnetIds and securityGroupId");
    }
    const context = resolveClusterContext(args.cluster);
    requireInput("vpcId", args.vpcId, /^vpc-[0-9a-f]{8,17}$/, `an ID such as "vpc-0123456789abcdef0"`);
    requireInput("securityGroupId", args.securityGroupId, /^sg-[0-9a-f]{8,17}$/, `an ID such as "sg-0123456789abcdef0"`);
    // A plain list is checked now; an Output (OdooNetwork's publicSubnetIds) once it resolves.
    if (Array.isArray(args.subnetIds)) {
        checkSubnetIdList(args.subnetIds, "subnetIds", SUBNETS_ACCEPTED);
    } else if (!pulumi.Output.isInstance(args.subnetIds) && !(args.subnetIds instanceof Promise)) {
        throw new OdooArgumentError("subnetIds", args.subnetIds, SUBNETS_ACCEPTED);
    }

    // TLS: an existing certificate, a created one, or (explicitly) none.
    const allowHttpOnly = optionalBoolean("allowHttpOnly", args.allowHttpOnly) ?? false;
    if (
        args.certificateArn !== undefined &&
        (args.certificateArn === "" || (typeof args.certificateArn === "string" && !ACM_CERTIFICATE_ARN.test(args.certificateArn)))
    ) {
        throw new OdooArgumentError(
            "certificateArn",
            args.certificateArn,
            `an ACM certificate ARN such as "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-…"`,
        );
    }
    const domainName = args.domainName === undefined ? undefined : requireDomainName(args.domainName);
    if (args.hostedZoneId !== undefined && args.hostedZoneName !== undefined) {
        throw new OdooArgumentError("hostedZoneName", args.hostedZoneName, "nothing when hostedZoneId is given (one way to name the zone)");
    }
    if (args.hostedZoneId !== undefined) {
        if (args.hostedZoneId === "" || (typeof args.hostedZoneId === "string" && !HOSTED_ZONE_ID.test(args.hostedZoneId))) {
            throw new OdooArgumentError("hostedZoneId", args.hostedZoneId, `a Route 53 hosted zone ID such as "Z0123456789ABCDEFGHIJ"`);
        }
    }
    const hostedZoneName = args.hostedZoneName === undefined ? undefined : requireZoneName(args.hostedZoneName);
    const hasZone = args.hostedZoneId !== undefined || hostedZoneName !== undefined;
    if (hasZone && domainName === undefined) {
        throw new OdooArgumentError(
            args.hostedZoneId !== undefined ? "hostedZoneId" : "hostedZoneName",
            args.hostedZoneId ?? hostedZoneName,
            "a zone only together with domainName",
        );
    }
    if (domainName !== undefined && hostedZoneName !== undefined && !isInZone(domainName, hostedZoneName)) {
        throw new OdooArgumentError("domainName", domainName, `a name in the zone ${hostedZoneName} (e.g. "erp.${hostedZoneName}")`);
    }
    if (domainName !== undefined && !hasZone && args.certificateArn === undefined) {
        throw new OdooArgumentError(
            "domainName",
            domainName,
            "a domain together with hostedZoneId or hostedZoneName (to validate a new certificate and point the domain at the load balancer), or with certificateArn (your certificate, your DNS)",
        );
    }
    let tls: TlsMode;
    if (args.certificateArn !== undefined) {
        tls = "existing-certificate";
    } else if (domainName !== undefined && hasZone) {
        tls = "created-certificate";
    } else if (allowHttpOnly) {
        tls = "http-only";
    } else {
        throw new OdooArgumentError(
            "certificateArn",
            args.certificateArn,
            "an ACM certificate ARN, or domainName with hostedZoneId or hostedZoneName to create one; or allowHttpOnly: true for a development stack without TLS",
        );
    }

    let sslPolicy: string | undefined;
    if (tls === "http-only") {
        if (args.sslPolicy !== undefined) {
            throw new OdooArgumentError("sslPolicy", args.sslPolicy, "nothing without a certificate", "there is no HTTPS listener");
        }
    } else {
        sslPolicy = args.sslPolicy ?? DEFAULT_SSL_POLICY;
        if (typeof sslPolicy !== "string" || !TLS13_SSL_POLICIES.includes(sslPolicy)) {
            const why = LEGACY_TLS13_SSL_POLICIES.includes(sslPolicy as string)
                ? "it still accepts TLS 1.0 or 1.1, which browsers and PCI DSS have retired"
                : undefined;
            throw new OdooArgumentError(
                "sslPolicy",
                args.sslPolicy,
                `one of ${TLS13_SSL_POLICIES.map((p) => JSON.stringify(p)).join(", ")}`,
                why,
            );
        }
    }

    let idleTimeout = DEFAULT_IDLE_TIMEOUT;
    if (args.idleTimeoutSeconds !== undefined) {
        const accepted = `a whole number of seconds from ${MIN_IDLE_TIMEOUT} to ${MAX_IDLE_TIMEOUT}`;
        if (
            typeof args.idleTimeoutSeconds !== "number" ||
            !Number.isInteger(args.idleTimeoutSeconds) ||
            args.idleTimeoutSeconds > MAX_IDLE_TIMEOUT
        ) {
            throw new OdooArgumentError("idleTimeoutSeconds", args.idleTimeoutSeconds, accepted);
        }
        if (args.idleTimeoutSeconds < MIN_IDLE_TIMEOUT) {
            throw new OdooArgumentError(
                "idleTimeoutSeconds",
                args.idleTimeoutSeconds,
                accepted,
                `the node proxy waits ${MIN_IDLE_TIMEOUT} s for Odoo's long reports, imports and idle websockets; a shorter timeout cuts them at the load balancer with a 504`,
            );
        }
        idleTimeout = args.idleTimeoutSeconds;
    }

    const deletionProtection = optionalBoolean("deletionProtection", args.deletionProtection) ?? context.production;
    const accessLogs = optionalBoolean("accessLogs", args.accessLogs) ?? context.production;
    if (args.accessLogRetentionDays !== undefined && !accessLogs) {
        throw new OdooArgumentError(
            "accessLogRetentionDays",
            args.accessLogRetentionDays,
            "nothing while accessLogs is off",
            "there are no access logs to keep",
        );
    }
    const accessLogRetentionDays =
        args.accessLogRetentionDays === undefined
            ? DEFAULT_ACCESS_LOG_RETENTION_DAYS
            : requireWholeNumber("accessLogRetentionDays", args.accessLogRetentionDays, { min: 1, max: 3650 });
    const stickinessDuration =
        args.stickinessDurationSeconds === undefined
            ? DEFAULT_STICKINESS_SECONDS
            : requireWholeNumber("stickinessDurationSeconds", args.stickinessDurationSeconds, {
                  min: MIN_STICKINESS_SECONDS,
                  max: MAX_STICKINESS_SECONDS,
              });
    const deregistrationDelay =
        args.deregistrationDelaySeconds === undefined
            ? Math.min(idleTimeout, MAX_DEREGISTRATION_DELAY)
            : requireWholeNumber("deregistrationDelaySeconds", args.deregistrationDelaySeconds, { min: 0, max: MAX_DEREGISTRATION_DELAY });

    return {
        context,
        names: loadBalancerNames(context),
        tls,
        certificateArn: args.certificateArn,
        domainName,
        hostedZoneId: args.hostedZoneId,
        hostedZoneName,
        sslPolicy,
        idleTimeoutSeconds: idleTimeout,
        deletionProtection,
        accessLogs,
        accessLogRetentionDays,
        retainAccessLogs: accessLogs && context.production,
        stickinessDurationSeconds: stickinessDuration,
        deregistrationDelaySeconds: deregistrationDelay,
    };
}

/**
 * Regions that opened before August 2022, where ELB delivers access logs as the region's own ELB
 * account (the ones `aws.elb.getServiceAccount` knows): a bucket policy there must name that
 * account, and ALB creation with access logs fails its test write otherwise. Newer regions use the
 * log-delivery service principal. The table lives in the contract, shared with the preflight rule.
 */
export const ELB_ACCOUNT_REGIONS: readonly string[] = Object.keys(ELB_LOG_DELIVERY.accountByRegion);

/**
 * Bucket policy of the access-log bucket: the service principal (every region that has it) and,
 * in a region older than August 2022, the regional ELB account (`elbAccountArn`), both limited to
 * this account's log prefix; every request without TLS is denied.
 */
export function accessLogBucketPolicy(
    bucketArn: string,
    accountId: string,
    elbAccountArn?: string,
    prefix: string = ACCESS_LOG_PREFIX,
): string {
    const logs = `${bucketArn}/${prefix}/AWSLogs/${accountId}/*`;
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            ...(elbAccountArn
                ? [
                      {
                          Sid: "AllowRegionalElbAccountLogDelivery",
                          Effect: "Allow",
                          Principal: { AWS: elbAccountArn },
                          Action: "s3:PutObject",
                          Resource: logs,
                      },
                  ]
                : []),
            {
                Sid: "AllowAlbAccessLogDelivery",
                Effect: "Allow",
                Principal: { Service: ELB_LOG_DELIVERY.servicePrincipal },
                Action: "s3:PutObject",
                Resource: logs,
            },
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [bucketArn, `${bucketArn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    });
}

/**
 * The Application Load Balancer of an Odoo cluster: HTTPS with a TLS 1.3 policy, port 80
 * redirecting, one sticky target group on the nodes' proxy port, optional access logs, and the
 * domain's certificate and DNS record when a Route 53 zone is given.
 */
export class OdooLoadBalancer extends pulumi.ComponentResource {
    /** ARN of the load balancer. */
    public readonly loadBalancerArn: pulumi.Output<string>;
    /** ARN suffix of the load balancer (`app/<name>/<id>`), the `LoadBalancer` dimension of its CloudWatch metrics. */
    public readonly arnSuffix: pulumi.Output<string>;
    /** DNS name of the load balancer. */
    public readonly dnsName: pulumi.Output<string>;
    /** Route 53 zone ID of the load balancer, for alias records. */
    public readonly zoneId: pulumi.Output<string>;
    /** Where users reach Odoo: `https://<domainName>`, else `https://<dnsName>`, or `http://<dnsName>` without TLS. */
    public readonly url: pulumi.Output<string>;
    /** ARN of the target group the node autoscaling groups register with. */
    public readonly targetGroupArn: pulumi.Output<string>;
    /**
     * ARN suffix of the target group, the `TargetGroup` dimension of its CloudWatch metrics; resolves
     * once the listeners that forward to the group exist.
     */
    public readonly targetGroupArnSuffix: pulumi.Output<string>;
    /** ARN of the HTTPS listener; undefined when the load balancer runs without TLS. */
    public readonly httpsListenerArn: pulumi.Output<string | undefined>;
    /** ARN of the HTTP listener on port 80 (a redirect, or the forward of an HTTP-only stack). */
    public readonly httpListenerArn: pulumi.Output<string>;
    /** ARN of the certificate the HTTPS listener uses (the given or the created one); undefined without TLS. */
    public readonly certificateArn: pulumi.Output<string | undefined>;
    /** Name of the access-log bucket; undefined when access logs are off. */
    public readonly logBucketName: pulumi.Output<string | undefined>;

    constructor(name: string, args: OdooLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = resolveLoadBalancerArgs(args);
        super("odoo-aws:index:OdooLoadBalancer", name, {}, opts);
        const ctx = plan.context;
        const tags = (resourceName: string) => ({ ...tagsFor(ctx, "lb"), Name: resourceName });
        const parent = { parent: this };

        if (plan.tls === "http-only" && ctx.production) {
            pulumi.log.warn(
                "allowHttpOnly: this production load balancer has no certificate; passwords and session cookies cross the internet in clear text",
                this,
            );
        }

        const logBucket = plan.accessLogs ? this.createLogBucket(name, plan, tags) : undefined;

        const loadBalancer = new aws.lb.LoadBalancer(
            `${name}-alb`,
            {
                name: plan.names.loadBalancer,
                loadBalancerType: "application",
                internal: false,
                ipAddressType: "ipv4",
                subnets: pulumi.output(args.subnetIds).apply((ids) => {
                    checkSubnetIdList(ids, "subnetIds", SUBNETS_ACCEPTED, false);
                    return ids;
                }),
                securityGroups: [args.securityGroupId],
                idleTimeout: plan.idleTimeoutSeconds,
                // Rejects headers with characters outside the HTTP spec instead of passing them to nginx and Odoo.
                dropInvalidHeaderFields: true,
                desyncMitigationMode: "defensive",
                enableHttp2: true,
                enableDeletionProtection: plan.deletionProtection,
                accessLogs: logBucket ? { bucket: logBucket.bucket.bucket, prefix: ACCESS_LOG_PREFIX, enabled: true } : undefined,
                tags: tags(`${name}-alb`),
            },
            {
                parent: this,
                // ELB test-writes to the bucket when access logs are turned on: the policy must exist first.
                dependsOn: logBucket ? [logBucket.policy] : [],
            },
        );

        const targetGroup = new aws.lb.TargetGroup(
            `${name}-tg`,
            {
                namePrefix: TARGET_GROUP_NAME_PREFIX,
                vpcId: args.vpcId,
                targetType: "instance",
                protocol: "HTTP",
                protocolVersion: "HTTP1",
                port: NODE_PROXY_PORT,
                // Odoo's requests vary from milliseconds to minutes (reports): send new work to the
                // node with the fewest requests in flight rather than round-robin onto a busy one.
                loadBalancingAlgorithmType: "least_outstanding_requests",
                deregistrationDelay: plan.deregistrationDelaySeconds,
                healthCheck: {
                    enabled: true,
                    protocol: "HTTP",
                    port: "traffic-port",
                    path: HEALTH_CHECK.path,
                    matcher: HEALTH_CHECK.matcher,
                    interval: HEALTH_CHECK.interval,
                    timeout: HEALTH_CHECK.timeout,
                    healthyThreshold: HEALTH_CHECK.healthyThreshold,
                    unhealthyThreshold: HEALTH_CHECK.unhealthyThreshold,
                },
                // Duration-based (AWSALB), not application-based on Odoo's session_id: AWSALBAPP is only
                // issued when Odoo sends Set-Cookie session_id, which it does for a new or modified
                // session and at every rotation (login, logout), and not at all on routes that do not
                // save the session; stickiness then also needs the browser to send both cookies back.
                // AWSALB pins every client from its first response, anonymous website visitors and
                // API clients included, slides with each request, and does not care when Odoo
                // rotates its cookie. Sessions are shared (Redis or EFS), so the pin is for locality,
                // never for correctness. WebSockets are sticky by nature once upgraded.
                stickiness: { enabled: true, type: "lb_cookie", cookieDuration: plan.stickinessDurationSeconds },
                tags: tags(`${name}-tg`),
            },
            parent,
        );

        // The domain's public hosted zone: the given ID, or looked up by name.
        const zoneId =
            plan.hostedZoneId !== undefined
                ? pulumi.output(plan.hostedZoneId)
                : plan.hostedZoneName !== undefined
                  ? aws.route53.getZoneOutput({ name: plan.hostedZoneName, privateZone: false }, parent).zoneId
                  : undefined;

        const forward = [{ type: "forward", targetGroupArn: targetGroup.arn }];
        let certificateArn: pulumi.Output<string> | undefined;
        if (plan.tls === "existing-certificate") {
            certificateArn = pulumi.output(plan.certificateArn as pulumi.Input<string>);
        } else if (plan.tls === "created-certificate") {
            certificateArn = createDnsValidatedCertificate(
                name,
                {
                    domainName: plan.domainName as string,
                    zoneId: zoneId as pulumi.Output<string>,
                    tags: tagsFor(ctx, "lb"),
                },
                parent,
            );
        }

        let httpsListener: aws.lb.Listener | undefined;
        if (certificateArn) {
            httpsListener = new aws.lb.Listener(
                `${name}-https`,
                {
                    loadBalancerArn: loadBalancer.arn,
                    port: HTTPS_PORT,
                    protocol: "HTTPS",
                    sslPolicy: plan.sslPolicy,
                    certificateArn,
                    defaultActions: forward,
                    // One year of HSTS for this host only: once a browser has seen Odoo over HTTPS it
                    // never tries plain HTTP again (no includeSubDomains: other hosts of the domain are not ours).
                    routingHttpResponseStrictTransportSecurityHeaderValue: "max-age=31536000",
                    tags: tags(`${name}-https`),
                },
                parent,
            );
        }
        const httpListener = new aws.lb.Listener(
            `${name}-http`,
            {
                loadBalancerArn: loadBalancer.arn,
                port: HTTP_PORT,
                protocol: "HTTP",
                defaultActions: httpsListener
                    ? [{ type: "redirect", redirect: { protocol: "HTTPS", port: String(HTTPS_PORT), statusCode: "HTTP_301" } }]
                    : forward,
                tags: tags(`${name}-http`),
            },
            parent,
        );

        if (plan.domainName !== undefined && zoneId) {
            new aws.route53.Record(
                `${name}-alias`,
                {
                    zoneId,
                    name: plan.domainName,
                    type: "A",
                    aliases: [{ name: loadBalancer.dnsName, zoneId: loadBalancer.zoneId, evaluateTargetHealth: true }],
                },
                parent,
            );
        }

        this.loadBalancerArn = loadBalancer.arn;
        this.arnSuffix = loadBalancer.arnSuffix;
        this.dnsName = loadBalancer.dnsName;
        this.zoneId = loadBalancer.zoneId;
        this.url =
            plan.domainName !== undefined
                ? pulumi.output(`https://${plan.domainName}`)
                : pulumi.interpolate`${certificateArn ? "https" : "http"}://${loadBalancer.dnsName}`;
        this.targetGroupArn = targetGroup.arn;
        // Resolves once a listener forwards to the group: AWS refuses an ALBRequestCountPerTarget
        // scaling policy (and a metric alarm is meaningless) for a target group not yet tied to the
        // load balancer; in production the HTTPS listener itself waits for certificate validation.
        this.targetGroupArnSuffix = pulumi
            .all([targetGroup.arnSuffix, httpListener.arn, ...(httpsListener ? [httpsListener.arn] : [])])
            .apply(([suffix]) => suffix);
        this.httpsListenerArn = httpsListener ? httpsListener.arn : pulumi.output(undefined);
        this.httpListenerArn = httpListener.arn;
        this.certificateArn = certificateArn ?? pulumi.output(undefined);
        this.logBucketName = logBucket ? logBucket.bucket.bucket : pulumi.output(undefined);

        this.registerOutputs({
            loadBalancerArn: this.loadBalancerArn,
            arnSuffix: this.arnSuffix,
            dnsName: this.dnsName,
            zoneId: this.zoneId,
            url: this.url,
            targetGroupArn: this.targetGroupArn,
            targetGroupArnSuffix: this.targetGroupArnSuffix,
            httpsListenerArn: this.httpsListenerArn,
            httpListenerArn: this.httpListenerArn,
            certificateArn: this.certificateArn,
            logBucketName: this.logBucketName,
        });
    }

    private createLogBucket(name: string, plan: ResolvedLoadBalancerArgs, tags: (resourceName: string) => Record<string, string>) {
        // In production the bucket outlives the stack, and so must its settings: without them the
        // kept logs would lose their encryption default, public-access block and expiry.
        const parent = { parent: this, retainOnDelete: plan.retainAccessLogs };
        const bucketName = `${name}-logs`;
        const bucket = new aws.s3.Bucket(
            bucketName,
            {
                // S3 names are global and lower-case: derive from the (lower-case) cluster name, not the component name.
                bucketPrefix: `${plan.context.name}-alb-logs-`,
                // Outside production the logs go with the stack; in production the bucket is retained
                // and S3 refuses to delete it while it holds logs.
                forceDestroy: !plan.retainAccessLogs,
                tags: tags(bucketName),
            },
            { parent: this, retainOnDelete: plan.retainAccessLogs },
        );
        const ownership = new aws.s3.BucketOwnershipControls(
            `${bucketName}-ownership`,
            {
                bucket: bucket.id,
                rule: { objectOwnership: "BucketOwnerEnforced" },
            },
            parent,
        );
        const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
            `${bucketName}-public-access`,
            {
                bucket: bucket.id,
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            },
            parent,
        );
        new aws.s3.BucketServerSideEncryptionConfiguration(
            `${bucketName}-encryption`,
            {
                bucket: bucket.id,
                // SSE-S3 is the only encryption ELB log delivery supports (SSE-KMS buckets receive nothing).
                rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
            },
            parent,
        );
        new aws.s3.BucketLifecycleConfiguration(
            `${bucketName}-expiry`,
            {
                bucket: bucket.id,
                rules: [
                    {
                        id: "expire-access-logs",
                        status: "Enabled",
                        filter: { prefix: `${ACCESS_LOG_PREFIX}/` },
                        expiration: { days: plan.accessLogRetentionDays },
                        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                    },
                ],
            },
            parent,
        );
        const account = aws.getCallerIdentityOutput({}, { parent: this });
        const region = aws.getRegionOutput({}, { parent: this });
        // Asked only in the regions that have such an account: the data source fails elsewhere.
        const elbAccountArn = region.region.apply((name) =>
            ELB_ACCOUNT_REGIONS.includes(name)
                ? aws.elb.getServiceAccount({ region: name }, { parent: this }).then((a) => a.arn)
                : Promise.resolve(undefined),
        );
        const policy = new aws.s3.BucketPolicy(
            `${bucketName}-policy`,
            {
                bucket: bucket.id,
                policy: pulumi
                    .all([bucket.arn, account.accountId, elbAccountArn])
                    .apply(([arn, accountId, elb]) => accessLogBucketPolicy(arn, accountId, elb)),
            },
            { ...parent, dependsOn: [publicAccessBlock, ownership] },
        );
        return { bucket, policy };
    }
}
