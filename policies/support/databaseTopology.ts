/**
 * The PostgreSQL servers of a cluster: the primary and the read replicas, decided by the role tag
 * (`db-primary` / `db-replica`) — never by `replicateSourceDb`, which names the primary by an
 * identifier that is unknown in a first preview.
 *
 * Only instances count: RDS instances and Aurora cluster instances (writer tagged db-primary,
 * readers db-replica). Other resources may carry a database role too (the Aurora cluster itself,
 * parameter groups, the replicas' DNS zone); they are not servers.
 */
import { DatabaseInstanceClass, findDatabaseInstanceClass } from "../../components/contract/catalog";
import { OdooRole } from "../../components/contract/tags";
import { isType } from "./awsTypes";
import { ClusterMember, OdooClusterView, membersOfType } from "./clusters";
import { NOT_KNOWN, NotKnown, describe, knownString } from "./previewValues";

/** One database server. */
export interface DatabaseServer {
    member: ClusterMember;
    /** "rds" for aws.rds.Instance, "aurora" for aws.rds.ClusterInstance. */
    engine: "rds" | "aurora";
    instanceClass: string | NotKnown | undefined;
    /** The catalog entry of the class, when the class is known and in the catalog. */
    catalogEntry?: DatabaseInstanceClass;
}

/** The servers of a cluster by role. */
export interface DatabaseTopology {
    primaries: DatabaseServer[];
    replicas: DatabaseServer[];
    /** Aurora clusters (aws.rds.Cluster) of the cluster. */
    auroraClusters: ClusterMember[];
}

function server(member: ClusterMember): DatabaseServer {
    const props = member.resource.props;
    const instanceClass = knownString(() => props.instanceClass);
    return {
        member,
        engine: isType(member.resource.type, "DbClusterInstance") ? "aurora" : "rds",
        instanceClass,
        catalogEntry: typeof instanceClass === "string" ? findDatabaseInstanceClass(instanceClass) : undefined,
    };
}

/** The database servers of a cluster. */
export function databaseTopologyOf(cluster: OdooClusterView): DatabaseTopology {
    const servers = [...membersOfType(cluster, "DbInstance"), ...membersOfType(cluster, "DbClusterInstance")];
    return {
        primaries: servers.filter((m) => m.tags.role === OdooRole.DbPrimary).map(server),
        replicas: servers.filter((m) => m.tags.role === OdooRole.DbReplica).map(server),
        auroraClusters: membersOfType(cluster, "DbCluster"),
    };
}

/** Why a server's class cannot be judged, or undefined when its catalog entry is known. */
export function instanceClassProblem(db: DatabaseServer): string | undefined {
    if (db.catalogEntry) {
        return undefined;
    }
    if (db.instanceClass === NOT_KNOWN || db.instanceClass === undefined) {
        return `${db.member.resource.name}: instanceClass is ${describe(db.instanceClass)}; it must be a literal class name so the policy can size it`;
    }
    return `${db.member.resource.name}: instance class ${JSON.stringify(db.instanceClass)} is not in the package's catalog (components/contract/catalog.ts), so its vCPU and max_connections are unknown`;
}
