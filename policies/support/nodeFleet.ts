/**
 * The Odoo nodes of a cluster: Auto Scaling groups and standalone instances whose `odoo:role` is
 * http, cron or http+cron, each with how many instances it can run and the settings that decide
 * cron, connections, filestore and sessions.
 *
 * A group counts for its `maxSize` (the most it can ever run), an instance for one. Settings come
 * from the node tags; where the user data is known (an update, or a preview whose user data is a
 * literal) its odoo.conf counts too, and the larger value wins: a group tagged
 * `odoo:max-cron-threads=0` whose odoo.conf still runs cron is a cron node.
 */
import { PolicyResource } from "@pulumi/policy";
import { FilestoreKind, SessionKind } from "../../components/contract/sizing";
import { NODE_ROLES, OdooRole, ParsedOdooTags } from "../../components/contract/tags";
import { isType } from "./awsTypes";
import { ClusterMember, OdooClusterView, odooTagsOf } from "./clusters";
import { NOT_KNOWN, NotKnown, isUnknownValue, knownNumber, knownString, unproxied } from "./previewValues";
import { linkedResources } from "./resourceLinks";
import {
    DecodedUserData,
    ODOO_DEFAULT_DB_MAXCONN,
    ODOO_DEFAULT_MAX_CRON_THREADS,
    ODOO_DEFAULT_WORKERS,
    JudgedConfSettings,
    decodeUserData,
    odooConfOf,
    judgedConfSettings,
} from "./nodeUserDataReader";

/** User data as far as it is known. */
export type UserDataState =
    { state: "known"; data: DecodedUserData; source: string; property: string } | { state: "unknown"; source: string; property: string };

/** Where a node setting was read. */
export type SettingSource = "tag" | "odoo.conf" | "Odoo's default";

/** A node setting and where it came from. */
export interface NodeSetting {
    value: number;
    source: SettingSource;
}

/** One node group (ASG) or standalone instance of a cluster. */
export interface OdooNode {
    member: ClusterMember;
    kind: "group" | "instance";
    role: OdooRole;
    /** The most instances it can run: `maxSize` of a group, 1 for an instance. */
    count: number | NotKnown;
    /** Whether the load balancer sends users to it (roles http and http+cron). */
    servesHttp: boolean;
    maxCronThreads: NodeSetting;
    workers: NodeSetting;
    dbMaxconn: NodeSetting;
    filestore?: FilestoreKind;
    sessions?: SessionKind;
    /** The launch templates the node boots from. */
    launchTemplates: PolicyResource[];
    /** Every piece of user data the node runs (its own, its launch templates'). */
    userData: UserDataState[];
}

const USER_DATA_PROPERTIES: { property: string; base64: boolean }[] = [{ property: "userData", base64: true }];
const INSTANCE_USER_DATA_PROPERTIES: { property: string; base64: boolean }[] = [
    { property: "userData", base64: false },
    { property: "userDataBase64", base64: true },
];

/** A resource as both policy kinds see it. */
export interface ResourceLike {
    type: string;
    name: string;
    props: Record<string, unknown>;
}

/** Reads and decodes the user data of a launch template or instance (absent user data gives []). */
export function userDataOf(resource: ResourceLike): UserDataState[] {
    // Read plainly: in a first preview every launch template's user data is unknown, and every
    // policy about nodes asks again — a thrown UnknownValueError per read adds up over a large stack.
    const props = unproxied(resource.props) as Record<string, unknown>;
    const candidates = isType(resource.type, "LaunchTemplate") ? USER_DATA_PROPERTIES : INSTANCE_USER_DATA_PROPERTIES;
    const out: UserDataState[] = [];
    for (const { property, base64 } of candidates) {
        const value = props[property];
        if (isUnknownValue(value)) {
            out.push({ state: "unknown", source: resource.name, property });
        } else if (typeof value === "string" && value !== "") {
            out.push({ state: "known", data: decodeUserData(value, base64), source: resource.name, property });
        }
    }
    return out;
}

const templatesByStack = new WeakMap<readonly PolicyResource[], PolicyResource[]>();

/** The stack's launch templates, found once per stack. */
function launchTemplatesIn(all: readonly PolicyResource[]): PolicyResource[] {
    let templates = templatesByStack.get(all);
    if (!templates) {
        templates = all.filter((r) => isType(r.type, "LaunchTemplate"));
        templatesByStack.set(all, templates);
    }
    return templates;
}

/** The launch templates an ASG or instance boots from, found through the engine's dependency records. */
function launchTemplatesOf(resource: PolicyResource, all: readonly PolicyResource[]): PolicyResource[] {
    const linked = linkedResources(resource, ["launchTemplate", "mixedInstancesPolicy"], "LaunchTemplate");
    if (linked.length > 0) {
        return linked;
    }
    // Without dependency records, match a known launch template name.
    const props = resource.props;
    const name = knownString(() => (props.launchTemplate as { name?: unknown } | undefined)?.name);
    if (typeof name !== "string") {
        return [];
    }
    return launchTemplatesIn(all).filter((r) => knownString(() => r.props.name) === name);
}

function setting(
    tagValue: number | undefined,
    confs: JudgedConfSettings[],
    pick: (c: JudgedConfSettings) => number,
    odooDefault: number,
): NodeSetting {
    let best: NodeSetting | undefined = tagValue === undefined ? undefined : { value: tagValue, source: "tag" };
    for (const conf of confs) {
        const v = pick(conf);
        if (!best || v > best.value) {
            best = { value: v, source: "odoo.conf" };
        }
    }
    return best ?? { value: odooDefault, source: "Odoo's default" };
}

function mergedNodeTags(own: ParsedOdooTags, templates: PolicyResource[]): ParsedOdooTags {
    // The contract puts node tags on the group itself; a launch template's tags fill gaps only.
    const merged = { ...own };
    const complete = () =>
        merged.maxCronThreads !== undefined &&
        merged.workers !== undefined &&
        merged.dbMaxconn !== undefined &&
        merged.filestore !== undefined &&
        merged.sessions !== undefined;
    for (const lt of templates) {
        if (complete()) {
            break;
        }
        const t = odooTagsOf(lt);
        merged.maxCronThreads ??= t.maxCronThreads;
        merged.workers ??= t.workers;
        merged.dbMaxconn ??= t.dbMaxconn;
        merged.filestore ??= t.filestore;
        merged.sessions ??= t.sessions;
    }
    return merged;
}

/** The nodes of a cluster. `all` is the whole stack, to find launch templates by name. */
export function nodesOf(cluster: OdooClusterView, all: readonly PolicyResource[]): OdooNode[] {
    const nodes: OdooNode[] = [];
    for (const member of cluster.members) {
        const { resource } = member;
        const group = isType(resource.type, "AutoscalingGroup");
        if (!(group || isType(resource.type, "Instance")) || member.tags.role === undefined || !NODE_ROLES.includes(member.tags.role)) {
            continue;
        }
        const launchTemplates = launchTemplatesOf(resource, all);
        const userData = [...(group ? [] : userDataOf(resource)), ...launchTemplates.flatMap((lt) => userDataOf(lt))];
        const confs = userData.flatMap((u) => {
            if (u.state !== "known") {
                return [];
            }
            const options = odooConfOf(u.data);
            return options ? [judgedConfSettings(options)] : [];
        });
        const tags = mergedNodeTags(member.tags, launchTemplates);
        const maxSize = group ? knownNumber(() => resource.props.maxSize) : 1;
        nodes.push({
            member,
            kind: group ? "group" : "instance",
            role: member.tags.role,
            count: maxSize ?? NOT_KNOWN,
            servesHttp: member.tags.role !== "cron",
            maxCronThreads: setting(tags.maxCronThreads, confs, (c) => c.maxCronThreads, ODOO_DEFAULT_MAX_CRON_THREADS),
            workers: setting(tags.workers, confs, (c) => c.workers, ODOO_DEFAULT_WORKERS),
            dbMaxconn: setting(tags.dbMaxconn, confs, (c) => c.dbMaxconn, ODOO_DEFAULT_DB_MAXCONN),
            filestore: tags.filestore,
            sessions: tags.sessions,
            launchTemplates,
            userData,
        });
    }
    return nodes;
}

/** Sums node counts; NOT_KNOWN when any count is unknown. */
export function totalCount(nodes: readonly OdooNode[]): number | NotKnown {
    let total = 0;
    for (const n of nodes) {
        if (n.count === NOT_KNOWN) {
            return NOT_KNOWN;
        }
        total += n.count;
    }
    return total;
}

/** "group erp-http (maxSize 8)" / "instance erp-cron" for messages. */
export function describeNode(node: OdooNode): string {
    const count = node.count === NOT_KNOWN ? "maxSize not known at preview" : `maxSize ${node.count}`;
    return node.kind === "group" ? `group ${node.member.resource.name} (${count})` : `instance ${node.member.resource.name}`;
}

/** Whether sessions written by this node are seen by every other node. */
export function sessionsShared(node: OdooNode): boolean {
    if (node.sessions === "redis") {
        return true;
    }
    // Odoo keeps sessions in data_dir/sessions: shared only when data_dir is on EFS (S3 holds attachments only).
    const inDataDir = node.sessions === "filestore" || node.sessions === undefined;
    return inDataDir && node.filestore === "efs";
}
