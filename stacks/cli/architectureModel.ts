/**
 * The architecture of a previewed stack, read from its resource graph rather than from its
 * configuration: what the diagram draws is what the program registered. Tiers come from the
 * `odoo:*` tag contract (components/contract/tags.ts) and the resources' own inputs; values that
 * are unknown at preview are left out rather than guessed.
 */
import { OdooRole, TAG } from "../../components/contract/tags";

/** A resource as the model needs it (the mock runtime's record fits). */
export interface ArchitectureResource {
    type: string;
    name: string;
    custom: boolean;
    inputs: Record<string, unknown>;
}

/** A group of Odoo nodes (an Auto Scaling group). */
export interface NodeGroupModel {
    name: string;
    role: "http" | "cron" | "http+cron";
    min: number | undefined;
    max: number | undefined;
    instanceType: string | undefined;
    workers: number | undefined;
    cronThreads: number | undefined;
}

/** What the diagram shows. */
export interface ArchitectureModel {
    /** Availability zones of the subnets, in order (empty when unknown, e.g. an adopted VPC). */
    zones: string[];
    natGateways: number;
    loadBalancer: { listeners: string[]; domainName: string | undefined } | undefined;
    nodeGroups: NodeGroupModel[];
    database:
        | { engine: string | undefined; primaryClass: string | undefined; multiAz: boolean; replicaClasses: (string | undefined)[] }
        | undefined;
    filestore: { kind: string; encrypted: boolean } | undefined;
    sessions: { kind: string; engine: string | undefined; nodeType: string | undefined; nodes: number | undefined } | undefined;
    operations: {
        alarms: number;
        alarmTopics: number;
        dashboards: number;
        backupPlans: number;
        scalingPolicies: number;
        logGroups: number;
        upgradeStep: boolean;
        healthGate: boolean;
    };
}

function str(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}

function num(value: unknown): number | undefined {
    return typeof value === "number" ? value : undefined;
}

/** Tags as a map: resources take a map, Auto Scaling groups a list of `{key, value}`. */
function tagsOf(r: ArchitectureResource): Record<string, string> {
    const tags = r.inputs.tags;
    if (Array.isArray(tags)) {
        return Object.fromEntries(
            tags
                .filter((t): t is { key: string; value: string } => typeof t?.key === "string" && typeof t?.value === "string")
                .map((t) => [t.key, t.value]),
        );
    }
    if (tags && typeof tags === "object") {
        return Object.fromEntries(Object.entries(tags).filter((e): e is [string, string] => typeof e[1] === "string"));
    }
    return {};
}

const NODE_ROLE_VALUES: readonly string[] = [OdooRole.Http, OdooRole.Cron, OdooRole.HttpCron];

/** Reads the architecture from the registered resources. */
export function architectureOf(resources: readonly ArchitectureResource[]): ArchitectureModel {
    const ofType = (type: string) => resources.filter((r) => r.custom && r.type === type);
    const zones = [...new Set(ofType("aws:ec2/subnet:Subnet").map((s) => str(s.inputs.availabilityZone)))].filter(
        (z): z is string => z !== undefined,
    );

    const templates = ofType("aws:ec2/launchTemplate:LaunchTemplate");
    const nodeGroups: NodeGroupModel[] = ofType("aws:autoscaling/group:Group")
        .map((group) => ({ group, tags: tagsOf(group) }))
        .filter(({ tags }) => NODE_ROLE_VALUES.includes(tags[TAG.role]))
        .map(({ group, tags }) => {
            const template = templates.find((t) => tagsOf(t)[TAG.role] === tags[TAG.role]);
            return {
                name: group.name,
                role: tags[TAG.role] as NodeGroupModel["role"],
                min: num(group.inputs.minSize),
                max: num(group.inputs.maxSize),
                instanceType: str(template?.inputs.instanceType),
                workers: tags[TAG.workers] === undefined ? undefined : Number(tags[TAG.workers]),
                cronThreads: tags[TAG.maxCronThreads] === undefined ? undefined : Number(tags[TAG.maxCronThreads]),
            };
        });

    const instances = ofType("aws:rds/instance:Instance");
    const primary = instances.find((i) => tagsOf(i)[TAG.role] === OdooRole.DbPrimary);
    const clusters = ofType("aws:rds/cluster:Cluster");
    const replicas = instances.filter((i) => tagsOf(i)[TAG.role] === OdooRole.DbReplica);
    const database =
        primary || clusters.length > 0
            ? {
                  engine: str((primary ?? clusters[0]).inputs.engine),
                  primaryClass: str(primary?.inputs.instanceClass),
                  multiAz: primary?.inputs.multiAz === true,
                  replicaClasses: replicas.map((r) => str(r.inputs.instanceClass)),
              }
            : undefined;

    const nodeTags = templates.map(tagsOf);
    const filestoreKind = nodeTags.map((t) => t[TAG.filestore]).find((k) => k !== undefined);
    const sessionKind = nodeTags.map((t) => t[TAG.sessions]).find((k) => k !== undefined);
    const efs = ofType("aws:efs/fileSystem:FileSystem")[0];
    const cache = ofType("aws:elasticache/replicationGroup:ReplicationGroup")[0];

    const lb = ofType("aws:lb/loadBalancer:LoadBalancer")[0];
    const listeners = ofType("aws:lb/listener:Listener").map((l) => `${str(l.inputs.protocol) ?? "?"} ${num(l.inputs.port) ?? "?"}`);
    const certificate = ofType("aws:acm/certificate:Certificate")[0];
    const commands = resources.filter((r) => !r.custom).map((r) => r.type);

    return {
        zones,
        natGateways: ofType("aws:ec2/natGateway:NatGateway").length,
        loadBalancer: lb ? { listeners, domainName: str(certificate?.inputs.domainName) } : undefined,
        nodeGroups,
        database,
        filestore: filestoreKind
            ? { kind: filestoreKind, encrypted: filestoreKind !== "efs" || efs?.inputs.encrypted === true }
            : undefined,
        sessions: sessionKind
            ? {
                  kind: sessionKind,
                  engine: str(cache?.inputs.engine),
                  nodeType: str(cache?.inputs.nodeType),
                  nodes: num(cache?.inputs.numCacheClusters),
              }
            : undefined,
        operations: {
            alarms: ofType("aws:cloudwatch/metricAlarm:MetricAlarm").length,
            alarmTopics: ofType("aws:sns/topic:Topic").length,
            dashboards: ofType("aws:cloudwatch/dashboard:Dashboard").length,
            backupPlans: ofType("aws:backup/plan:Plan").length,
            scalingPolicies: ofType("aws:autoscaling/policy:Policy").length,
            logGroups: ofType("aws:cloudwatch/logGroup:LogGroup").length,
            upgradeStep: commands.includes("odoo-aws:index:OdooUpgrade"),
            healthGate: commands.includes("odoo-aws:index:OdooHealthGate"),
        },
    };
}
