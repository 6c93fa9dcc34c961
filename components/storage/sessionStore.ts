/**
 * `OdooSessionStore`: where Odoo's HTTP sessions live so that any node can serve any user — an
 * ElastiCache (Valkey or Redis OSS) replication group for the session_redis addon, or nothing
 * (`filestore`: sessions in the data dir, shared when it is on EFS; `local`: the node's disk).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { CacheNodeType, cacheNodeType } from "../contract/catalog";
import { OdooClusterContext, ResolvedClusterContext, capacityPlanOf, resolveClusterContext, tagsFor } from "../contract/clusterContext";
import { OdooArgumentError, optionalArn, requireInputList, requireOneOf, requireWholeNumber } from "../contract/errors";
import { REDIS_PORT } from "../contract/ports";
import { CapacityPlan, MAX_CACHE_NODES, SESSION_KINDS, SessionKind } from "../contract/sizing";
import { OdooRole } from "../contract/tags";

/** The ElastiCache engine: Valkey (the open-source fork, priced 20 % below) or Redis OSS. */
export const CacheEngine = {
    Valkey: "valkey",
    Redis: "redis",
} as const;
export type CacheEngine = (typeof CacheEngine)[keyof typeof CacheEngine];
export const CACHE_ENGINES: readonly CacheEngine[] = Object.values(CacheEngine);

/**
 * Engine versions ElastiCache offers for node-based replication groups that this package accepts:
 * Valkey 7.2 to 9.0, and Redis OSS 7.0 and 7.1 (its last line on ElastiCache). All speak the
 * protocol session_redis's `redis` client uses, with AUTH over TLS.
 */
export const SUPPORTED_CACHE_VERSIONS: Readonly<Record<CacheEngine, readonly string[]>> = {
    valkey: ["7.2", "8.0", "8.1", "8.2", "9.0"],
    redis: ["7.0", "7.1"],
};

/** Default version per engine: a current line available in every region. */
export const DEFAULT_CACHE_VERSION: Readonly<Record<CacheEngine, string>> = { valkey: "8.1", redis: "7.1" };

/**
 * The AUTH token: 64 letters and digits. ElastiCache allows 16–128 printable characters with only
 * `!&#$^<>-` as specials; letters and digits alone keep the token safe inside the
 * `rediss://:<token>@host:port` URL session_redis reads, in env files and in shell, and 64 of them
 * carry about 380 bits.
 */
export const AUTH_TOKEN_LENGTH = 64;

/** Arguments of {@link OdooSessionStore}. */
export interface OdooSessionStoreArgs extends OdooSessionStoreOptions {
    /** The cluster the session store belongs to: its name, environment, declared users and tags. */
    cluster: OdooClusterContext;
    /**
     * `redis` only: the isolated subnets of the cache subnet group, 1 to 20 subnet IDs; at least 2
     * (in different zones) with 2 or more nodes. Required with `redis`.
     */
    subnetIds?: pulumi.Input<string>[];
    /** `redis` only: security groups of the cache (6379 from the nodes only), 1 to 5 IDs. Required with `redis`. */
    securityGroupIds?: pulumi.Input<string>[];
}

/** Settings of {@link OdooSessionStore}; also the `sessions` argument of OdooCluster. */
export interface OdooSessionStoreOptions {
    /**
     * `redis` (an ElastiCache replication group, used through camptocamp's session_redis),
     * `filestore` (Odoo's default: sessions in the data dir, shared when it is on EFS) or `local`
     * (the node's disk; lost with the node). Only `redis` creates resources. Default: the capacity
     * plan's choice: `redis` for a fleet whose image carries session_redis (OdooCluster's
     * `imageAddons`, Odoo 17.0/18.0), otherwise `filestore`.
     */
    kind?: SessionKind;
    /** `redis` only: `valkey` or `redis` (Redis OSS). Default: `valkey`. */
    engine?: CacheEngine;
    /**
     * `redis` only: engine version, "major.minor": Valkey 7.2, 8.0, 8.1, 8.2 or 9.0; Redis OSS 7.0
     * or 7.1. Default: "8.1" for Valkey, "7.1" for Redis OSS.
     */
    engineVersion?: string;
    /**
     * `redis` only: ElastiCache node type from the catalog (cache.t4g, cache.m7g, cache.r7g).
     * Default: the capacity plan's type for the declared users.
     */
    nodeType?: string;
    /**
     * `redis` only: nodes, a primary plus replicas, 1 to 6. Automatic failover and Multi-AZ are on
     * exactly when there are at least 2. Default: 2 in production, 1 otherwise.
     */
    nodes?: number;
    /** `redis` only: ARN of a customer-managed KMS key for encryption at rest. Default: the ElastiCache service key. */
    kmsKeyId?: pulumi.Input<string>;
}

/** {@link OdooSessionStoreArgs} validated, with every default applied. */
export interface ResolvedSessionStoreArgs {
    cluster: ResolvedClusterContext;
    kind: SessionKind;
    /** `redis` only. */
    redis?: {
        engine: CacheEngine;
        engineVersion: string;
        nodeType: CacheNodeType;
        nodes: number;
        /** Automatic failover and Multi-AZ: exactly when there is a replica to fail over to. */
        failover: boolean;
        subnetIds: pulumi.Input<string>[];
        securityGroupIds: pulumi.Input<string>[];
        kmsKeyId?: pulumi.Input<string>;
    };
}

const REDIS_ONLY = ["engine", "engineVersion", "nodeType", "nodes", "subnetIds", "securityGroupIds", "kmsKeyId"] as const;

/**
 * Validates the arguments of {@link OdooSessionStore} and applies the defaults. Pure: throws an
 * {@link OdooArgumentError} naming the property before any resource exists.
 */
export function resolveSessionStoreArgs(args: OdooSessionStoreArgs): ResolvedSessionStoreArgs {
    if (!args || typeof args !== "object") {
        throw new OdooArgumentError("args", args, "an object with at least cluster");
    }
    const cluster = resolveClusterContext(args.cluster, "cluster");
    const requested = args.kind === undefined ? undefined : requireOneOf("kind", args.kind, SESSION_KINDS);
    // Alone, the store plans for a cache when asked for one (choosing redis is the claim that the
    // image serves it); which kinds suit the fleet is the nodes' and the plan's business.
    const plan =
        requested === undefined || requested === SessionKind.Redis
            ? capacityPlanOf(cluster, {
                  sessions: requested,
                  imageAddons: { sessionRedis: requested === SessionKind.Redis },
                  cacheNodes:
                      args.nodes === undefined ? undefined : requireWholeNumber("nodes", args.nodes, { min: 1, max: MAX_CACHE_NODES }),
              })
            : undefined;
    const kind = requested ?? (plan as CapacityPlan).sessions;
    if (kind !== SessionKind.Redis) {
        for (const p of REDIS_ONLY) {
            if (args[p] !== undefined) {
                throw new OdooArgumentError(p, args[p], `no value with kind ${kind}`, "it applies to kind redis");
            }
        }
        return { cluster, kind };
    }

    const engine = args.engine === undefined ? CacheEngine.Valkey : requireOneOf("engine", args.engine, CACHE_ENGINES);
    const engineVersion =
        args.engineVersion === undefined
            ? DEFAULT_CACHE_VERSION[engine]
            : requireOneOf("engineVersion", args.engineVersion, SUPPORTED_CACHE_VERSIONS[engine]);
    if (plan === undefined || plan.sessions !== SessionKind.Redis) {
        throw new OdooArgumentError(
            "cluster.capacityPlan",
            `a plan with ${plan?.sessions} sessions`,
            "a plan with redis sessions for a redis session store (or no plan)",
        );
    }
    const nodeType = cacheNodeType(args.nodeType ?? plan.cache.nodeType, "nodeType");
    const nodes = args.nodes ?? plan.cache.nodes;
    const subnetIds = requireInputList("subnetIds", args.subnetIds, { min: 1, max: 20, what: "isolated subnet IDs" });
    if (nodes >= 2 && subnetIds.length < 2) {
        throw new OdooArgumentError(
            "subnetIds",
            subnetIds,
            `at least 2 subnet IDs in different availability zones for ${nodes} Multi-AZ nodes`,
        );
    }
    const securityGroupIds = requireInputList("securityGroupIds", args.securityGroupIds, {
        min: 1,
        max: 5,
        what: "security group IDs",
    });
    const kmsKeyId = optionalArn("kmsKeyId", args.kmsKeyId, "kms");
    return {
        cluster,
        kind,
        redis: { engine, engineVersion, nodeType, nodes, failover: nodes >= 2, subnetIds, securityGroupIds, kmsKeyId },
    };
}

/**
 * The session store of an Odoo cluster.
 *
 * With `redis`: a cache subnet group, a generated AUTH token kept in Secrets Manager, and an
 * ElastiCache replication group (cluster mode off) encrypted in transit (TLS required) and at rest,
 * with failover and Multi-AZ exactly when it has two or more nodes. The default parameter group of
 * the engine is kept: its `volatile-lru` eviction drops the oldest sessions first, and every
 * session session_redis writes carries an expiry. With `filestore` or `local`: nothing.
 */
export class OdooSessionStore extends pulumi.ComponentResource {
    /** `redis`, `filestore` or `local`. */
    public readonly kind: pulumi.Output<string>;
    /** Primary endpoint host (`redis` only). */
    public readonly host?: pulumi.Output<string>;
    /** Port (`redis` only, 6379). */
    public readonly port?: pulumi.Output<number>;
    /** ARN of the Secrets Manager secret whose string is the AUTH token (`redis` only). */
    public readonly authTokenSecretArn?: pulumi.Output<string>;
    /** `valkey` or `redis` (`redis` kind only). */
    public readonly engine?: pulumi.Output<string>;
    /** ID of the ElastiCache replication group (`redis` only): its members' metrics carry `<id>-001`, `-002`, … */
    public readonly replicationGroupId?: pulumi.Output<string>;

    constructor(name: string, args: OdooSessionStoreArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveSessionStoreArgs(args);
        super("odoo-aws:index:OdooSessionStore", name, {}, opts);
        this.kind = pulumi.output(resolved.kind);

        if (resolved.redis) {
            const redis = resolved.redis;
            const tags = tagsFor(resolved.cluster, OdooRole.Sessions);
            const subnetGroup = new aws.elasticache.SubnetGroup(
                `${name}-subnets`,
                {
                    description: `Isolated subnets of the Odoo session cache of ${resolved.cluster.name} (${resolved.cluster.environment})`,
                    subnetIds: redis.subnetIds,
                    tags,
                },
                { parent: this },
            );
            const token = new random.RandomPassword(
                `${name}-auth-token`,
                {
                    length: AUTH_TOKEN_LENGTH,
                    special: false,
                    minUpper: 1,
                    minLower: 1,
                    minNumeric: 1,
                },
                { parent: this },
            );
            // The SDK marks `result` secret through the engine; wrapping it here keeps it secret
            // wherever it flows, whatever runs the program.
            const authToken = pulumi.secret(token.result);
            const secret = new aws.secretsmanager.Secret(
                `${name}-auth-token`,
                {
                    description: `AUTH token of the Odoo session cache of ${resolved.cluster.name} (${resolved.cluster.environment})`,
                    tags,
                },
                { parent: this },
            );
            new aws.secretsmanager.SecretVersion(
                `${name}-auth-token`,
                {
                    secretId: secret.id,
                    secretString: authToken,
                },
                { parent: this },
            );
            const group = new aws.elasticache.ReplicationGroup(
                `${name}-cache`,
                {
                    description: `Odoo sessions of ${resolved.cluster.name} (${resolved.cluster.environment})`,
                    engine: redis.engine,
                    engineVersion: redis.engineVersion,
                    nodeType: redis.nodeType.name,
                    numCacheClusters: redis.nodes,
                    automaticFailoverEnabled: redis.failover,
                    multiAzEnabled: redis.failover,
                    port: REDIS_PORT,
                    subnetGroupName: subnetGroup.name,
                    securityGroupIds: redis.securityGroupIds,
                    atRestEncryptionEnabled: true,
                    kmsKeyId: redis.kmsKeyId,
                    transitEncryptionEnabled: true,
                    transitEncryptionMode: "required",
                    authToken,
                    autoMinorVersionUpgrade: true,
                    tags,
                },
                { parent: this },
            );
            this.host = group.primaryEndpointAddress;
            this.port = group.port.apply((p) => p ?? REDIS_PORT);
            this.authTokenSecretArn = secret.arn;
            this.engine = pulumi.output(redis.engine);
            this.replicationGroupId = group.id;
        }
        this.registerOutputs({
            kind: this.kind,
            host: this.host,
            port: this.port,
            authTokenSecretArn: this.authTokenSecretArn,
            engine: this.engine,
            replicationGroupId: this.replicationGroupId,
        });
    }
}
