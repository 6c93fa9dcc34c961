/**
 * The tag contract between the components and the policy pack (README, "What it builds" and "The
 * policy pack").
 *
 * Components write these tags on every taggable AWS resource; policies read them, because a
 * policy never sees component inputs — only AWS resources, and only values known at preview.
 * Every value is a plain string fixed before any resource exists.
 */
import { OdooArgumentError } from "./errors";
import { FILESTORE_KINDS, FilestoreKind, SESSION_KINDS, SessionKind } from "./sizing";
import { CAPACITY_KINDS, CapacityKind } from "./spotCapacity";

/** Tag keys of the contract. */
export const TAG = {
    cluster: "odoo:cluster",
    role: "odoo:role",
    concurrentUsers: "odoo:concurrent-users",
    environment: "odoo:environment",
    maxCronThreads: "odoo:max-cron-threads",
    workers: "odoo:workers",
    dbMaxconn: "odoo:db-maxconn",
    filestore: "odoo:filestore",
    sessions: "odoo:sessions",
    /** The capacity model's workload (components/contract/workload.ts, formatWorkloadTag) on node resources. */
    workload: "odoo:workload",
    /** How a node group buys instances: `on-demand` or `spot-share` (spotCapacity.ts). Node ASGs, launch templates, instances. */
    capacity: "odoo:capacity",
    /** `max_connections` of a database server's parameter group. RDS instances. */
    maxConnections: "odoo:max-connections",
    /**
     * A cluster built from another cluster's backup: what it was restored from (`snapshot:<id>` or
     * `point-in-time:<source>`), on the database and the nodes.
     */
    restoredFrom: "odoo:restored-from",
    /** `on` or `off` on the nodes of a restored copy: outgoing mail and cron off until enabled (restore.ts). */
    safeMode: "odoo:safe-mode",
    /** The region of a disaster-recovery standby, on every resource of the standby (standby.ts). */
    standbyRegion: "odoo:standby-region",
    /** On an AWS Backup plan: the region its copy actions send every recovery point to. */
    backupCopyRegion: "odoo:backup-copy-region",
} as const;

/** Every key the contract reserves; user tags may not set them. */
export const RESERVED_TAG_KEYS: readonly string[] = Object.values(TAG);

/** What a resource is in the cluster. */
export const OdooRole = {
    Http: "http",
    Cron: "cron",
    HttpCron: "http+cron",
    DbPrimary: "db-primary",
    DbReplica: "db-replica",
    Filestore: "filestore",
    Sessions: "sessions",
    Lb: "lb",
    Network: "network",
    /** Operations: alarms, their topic and key, backup vaults and plans, the roles they use. */
    Ops: "ops",
} as const;
export type OdooRole = (typeof OdooRole)[keyof typeof OdooRole];
export const ODOO_ROLES: readonly OdooRole[] = Object.values(OdooRole);
/** Roles of resources that run Odoo. */
export const NODE_ROLES: readonly OdooRole[] = [OdooRole.Http, OdooRole.Cron, OdooRole.HttpCron];

/** Tags every resource of a cluster carries. */
export interface ClusterTagValues {
    cluster: string;
    concurrentUsers: number;
    environment: string;
}

/** Extra tags of resources that run Odoo (ASGs, instances, launch templates). */
export interface NodeTagValues {
    maxCronThreads: number;
    workers: number;
    dbMaxconn: number;
    filestore: FilestoreKind;
    sessions: SessionKind;
    /** The cluster's workload as {@link TAG.workload} formats it; left out when the cluster declares none. */
    workload?: string;
    /** Default: `on-demand`. */
    capacity?: CapacityKind;
}

/**
 * Merges the user's tags with the contract's: user tags first, then the contract's keys, so a user
 * tag can never override them. A user tag that tries is an error rather than silently dropped.
 */
export function clusterTags(
    cluster: ClusterTagValues,
    role: OdooRole,
    userTags: Record<string, string> = {},
    node?: NodeTagValues,
): Record<string, string> {
    for (const key of Object.keys(userTags)) {
        if (RESERVED_TAG_KEYS.includes(key)) {
            throw new OdooArgumentError(
                `tags["${key}"]`,
                userTags[key],
                `a key outside the reserved odoo:* contract (${RESERVED_TAG_KEYS.join(", ")})`,
            );
        }
    }
    const tags: Record<string, string> = {
        ...userTags,
        [TAG.cluster]: cluster.cluster,
        [TAG.role]: role,
        [TAG.concurrentUsers]: String(cluster.concurrentUsers),
        [TAG.environment]: cluster.environment,
    };
    if (node) {
        tags[TAG.maxCronThreads] = String(node.maxCronThreads);
        tags[TAG.workers] = String(node.workers);
        tags[TAG.dbMaxconn] = String(node.dbMaxconn);
        tags[TAG.filestore] = node.filestore;
        tags[TAG.sessions] = node.sessions;
        if (node.workload !== undefined) {
            tags[TAG.workload] = node.workload;
        }
        tags[TAG.capacity] = node.capacity ?? "on-demand";
    }
    return tags;
}

/** The contract's view of a resource's tags, as a policy reads it; absent or malformed values are undefined. */
export interface ParsedOdooTags {
    cluster?: string;
    role?: OdooRole;
    concurrentUsers?: number;
    environment?: string;
    maxCronThreads?: number;
    workers?: number;
    dbMaxconn?: number;
    filestore?: FilestoreKind;
    sessions?: SessionKind;
    /** The raw {@link TAG.workload} value; components/contract/workload.ts parses it. */
    workload?: string;
    capacity?: CapacityKind;
    maxConnections?: number;
    restoredFrom?: string;
    safeMode?: SafeModeState;
    standbyRegion?: string;
    backupCopyRegion?: string;
}

/** Values of the `odoo:safe-mode` tag: on (mail and cron off), off (stated explicitly by the stack). */
export const SafeModeState = { On: "on", Off: "off" } as const;
export type SafeModeState = (typeof SafeModeState)[keyof typeof SafeModeState];
export const SAFE_MODE_STATES: readonly SafeModeState[] = Object.values(SafeModeState);

function wholeNumber(value: unknown): number | undefined {
    if (typeof value !== "string" || !/^\d+$/.test(value)) {
        return undefined;
    }
    return Number(value);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
    return typeof value === "string" && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Reads the contract's tags from a resource's `tags` (or `tagsAll`) map. */
export function parseOdooTags(tags: unknown): ParsedOdooTags {
    if (!tags || typeof tags !== "object") {
        return {};
    }
    const t = tags as Record<string, unknown>;
    return {
        cluster: typeof t[TAG.cluster] === "string" ? (t[TAG.cluster] as string) : undefined,
        role: oneOf(t[TAG.role], ODOO_ROLES),
        concurrentUsers: wholeNumber(t[TAG.concurrentUsers]),
        environment: typeof t[TAG.environment] === "string" ? (t[TAG.environment] as string) : undefined,
        maxCronThreads: wholeNumber(t[TAG.maxCronThreads]),
        workers: wholeNumber(t[TAG.workers]),
        dbMaxconn: wholeNumber(t[TAG.dbMaxconn]),
        filestore: oneOf(t[TAG.filestore], FILESTORE_KINDS),
        sessions: oneOf(t[TAG.sessions], SESSION_KINDS),
        workload: typeof t[TAG.workload] === "string" ? (t[TAG.workload] as string) : undefined,
        capacity: oneOf(t[TAG.capacity], CAPACITY_KINDS),
        maxConnections: wholeNumber(t[TAG.maxConnections]),
        restoredFrom: typeof t[TAG.restoredFrom] === "string" ? (t[TAG.restoredFrom] as string) : undefined,
        safeMode: oneOf(t[TAG.safeMode], SAFE_MODE_STATES),
        standbyRegion: typeof t[TAG.standbyRegion] === "string" ? (t[TAG.standbyRegion] as string) : undefined,
        backupCopyRegion: typeof t[TAG.backupCopyRegion] === "string" ? (t[TAG.backupCopyRegion] as string) : undefined,
    };
}

/**
 * ASGs take tags as a list of `{ key, value, propagateAtLaunch }` instead of a map; propagating
 * them puts the contract on every instance the group launches.
 */
export function asgTags(tags: Record<string, string>): { key: string; value: string; propagateAtLaunch: boolean }[] {
    return Object.entries(tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true }));
}
