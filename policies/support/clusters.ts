/**
 * The stack seen as Odoo clusters: resources grouped by their `odoo:cluster` tag (a stack may hold
 * several clusters), each with the tag contract read from it (components/contract/tags.ts).
 *
 * Tags are read from `tags` — known at preview, since the contract's values are plain strings —
 * and only then from `tagsAll`, which the provider computes and which is therefore unknown in a
 * first preview. Each tag is read on its own: a user tag built from an output stays unknown without
 * hiding the contract's keys.
 */
import { PolicyResource } from "@pulumi/policy";
import { ParsedOdooTags, TAG, parseOdooTags } from "../../components/contract/tags";
import { AwsType, JUDGED_TYPES, isType } from "./awsTypes";
import { NOT_KNOWN, isUnknownValue, known, unproxied } from "./previewValues";

/** A resource of a cluster with the contract's tags. */
export interface ClusterMember {
    resource: PolicyResource;
    tags: ParsedOdooTags;
}

/** One Odoo cluster of the stack. */
export interface OdooClusterView {
    name: string;
    members: ClusterMember[];
}

const CONTRACT_KEYS: readonly string[] = Object.values(TAG);
const IS_CONTRACT_KEY: ReadonlySet<string> = new Set(CONTRACT_KEYS);

/** A tag value as a string, or undefined when absent, not a string, or unknown. */
function tagValue(value: unknown): string | undefined {
    return typeof value === "string" && !isUnknownValue(value) ? value : undefined;
}

function readTagMap(read: () => unknown): Record<string, string> {
    const out: Record<string, string> = {};
    const tags = unproxied(known(read));
    if (tags === NOT_KNOWN || !tags || typeof tags !== "object") {
        return out;
    }
    if (Array.isArray(tags)) {
        // Auto Scaling groups take a list of { key, value, propagateAtLaunch }.
        for (const entry of tags as unknown[]) {
            if (!entry || typeof entry !== "object") {
                continue;
            }
            const key = tagValue((entry as { key?: unknown }).key);
            const value = tagValue((entry as { value?: unknown }).value);
            if (key !== undefined && value !== undefined && IS_CONTRACT_KEY.has(key)) {
                out[key] = value;
            }
        }
        return out;
    }
    const map = tags as Record<string, unknown>;
    // Most resources of a stack belong to no cluster: one read settles those.
    if (tagValue(map[TAG.cluster]) === undefined) {
        return out;
    }
    for (const key of CONTRACT_KEYS) {
        const value = tagValue(map[key]);
        if (value !== undefined) {
            out[key] = value;
        }
    }
    return out;
}

/** The contract's tags of one resource (from `tags`, completed from `tagsAll` when known). */
export function odooTagsOf(resource: { props: Record<string, unknown> }): ParsedOdooTags {
    const props = resource.props;
    const fromTags = readTagMap(() => props.tags);
    if (fromTags[TAG.cluster] !== undefined && fromTags[TAG.role] !== undefined) {
        return parseOdooTags(fromTags);
    }
    return parseOdooTags({ ...readTagMap(() => props.tagsAll), ...fromTags });
}

/**
 * The contract's tags of a launch template or EC2 instance that belongs to an Odoo cluster, or
 * undefined for any other resource: what every node-level resource policy judges first.
 */
export function odooNodeTagsOf(resource: { type: string; props: Record<string, unknown> }): ParsedOdooTags | undefined {
    if (!isType(resource.type, "LaunchTemplate") && !isType(resource.type, "Instance")) {
        return undefined;
    }
    const tags = odooTagsOf(resource);
    return tags.cluster === undefined ? undefined : tags;
}

/**
 * Groups the stack's resources by cluster. Only the resource types the pack judges are read;
 * resources without an `odoo:cluster` tag belong to no cluster and are left alone.
 */
export function clustersOf(resources: PolicyResource[]): OdooClusterView[] {
    const byName = new Map<string, OdooClusterView>();
    for (const resource of resources) {
        if (!JUDGED_TYPES.has(resource.type)) {
            continue;
        }
        const tags = odooTagsOf(resource);
        if (tags.cluster === undefined) {
            continue;
        }
        let cluster = byName.get(tags.cluster);
        if (!cluster) {
            cluster = { name: tags.cluster, members: [] };
            byName.set(tags.cluster, cluster);
        }
        cluster.members.push({ resource, tags });
    }
    return [...byName.values()];
}

/** The members of a cluster of one kind of resource. */
export function membersOfType(cluster: OdooClusterView, kind: AwsType): ClusterMember[] {
    return cluster.members.filter((m) => isType(m.resource.type, kind));
}

/** Whether any resource of the cluster declares a production environment. */
export function isProductionCluster(cluster: OdooClusterView, productionEnvironments: readonly string[]): boolean {
    return cluster.members.some((m) => m.tags.environment !== undefined && productionEnvironments.includes(m.tags.environment));
}

/** The environments the cluster's resources declare, for messages. */
export function environmentsOf(cluster: OdooClusterView): string[] {
    return [...new Set(cluster.members.map((m) => m.tags.environment).filter((e): e is string => e !== undefined))];
}

/** What the cluster's resources declare as `odoo:concurrent-users`. */
export interface DeclaredUsers {
    /** The one declared value, when every resource that declares one agrees. */
    users?: number;
    /** Every distinct value with the resources that declare it. */
    declarations: Map<number, string[]>;
    /** Resources of the cluster without a (well-formed) declaration. */
    undeclared: string[];
}

/** Collects the cluster's `odoo:concurrent-users` declarations. */
export function declaredUsersOf(cluster: OdooClusterView): DeclaredUsers {
    const declarations = new Map<number, string[]>();
    const undeclared: string[] = [];
    for (const m of cluster.members) {
        if (m.tags.concurrentUsers === undefined) {
            undeclared.push(m.resource.name);
            continue;
        }
        const names = declarations.get(m.tags.concurrentUsers) ?? [];
        names.push(m.resource.name);
        declarations.set(m.tags.concurrentUsers, names);
    }
    return { users: declarations.size === 1 ? [...declarations.keys()][0] : undefined, declarations, undeclared };
}

/** Why a cluster's declared users cannot be used, or undefined when they can. */
export function declaredUsersProblem(cluster: OdooClusterView, declared: DeclaredUsers): string | undefined {
    if (declared.declarations.size === 0) {
        return `no resource of cluster "${cluster.name}" declares ${TAG.concurrentUsers}; the components write it on every resource`;
    }
    if (declared.declarations.size > 1) {
        const list = [...declared.declarations.entries()].map(
            ([users, names]) => `${users} on ${names.slice(0, 3).join(", ")}${names.length > 3 ? ` and ${names.length - 3} more` : ""}`,
        );
        return `the resources of cluster "${cluster.name}" disagree on ${TAG.concurrentUsers}: ${list.join("; ")}`;
    }
    return undefined;
}
