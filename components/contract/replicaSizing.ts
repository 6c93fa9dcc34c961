/**
 * Right-sized read replicas. PostgreSQL refuses to run a hot standby whose `max_connections` is
 * below the primary's (https://www.postgresql.org/docs/current/hot-standby.html#HOT-STANDBY-ADMIN),
 * and RDS derives the default from memory, so a replica used to need the primary's memory. With
 * `max_connections` set explicitly in the replica's parameter group to the primary's value, a replica
 * only needs the memory for the connections Odoo can actually open on it — the cluster's worst case,
 * every process filling its `db_maxconn` pool — at RDS's own per-connection allowance, within the
 * connection budget's share. The plan picks the cheapest class that holds; the pack checks the rule.
 *
 * Pure: no Pulumi resources.
 */
import { DATABASE_INSTANCE_CLASSES, DatabaseInstanceClass, RDS_BYTES_PER_CONNECTION } from "./catalog";

/**
 * Share of a server's connection capacity the plan lets Odoo use; the rest covers RDS's own
 * reserved and admin connections, replication, monitoring, and the OS reservation that makes the
 * live DBInstanceClassMemory a little smaller than the class memory.
 */
export const CONNECTION_BUDGET_SHARE = 0.9;

/**
 * Whether a replica of `replica` class has the memory for `odooConnections` connections: RDS's
 * 9,531,392 bytes per connection (the allowance of its default formula) within the budget share.
 */
export function replicaHoldsConnections(replica: DatabaseInstanceClass, odooConnections: number): boolean {
    return replica.memoryGiB * 1024 ** 3 * CONNECTION_BUDGET_SHARE >= odooConnections * RDS_BYTES_PER_CONNECTION;
}

/** Least memory, GiB, a replica needs for `odooConnections` connections. */
export function replicaMemoryNeededGiB(odooConnections: number): number {
    return (odooConnections * RDS_BYTES_PER_CONNECTION) / CONNECTION_BUDGET_SHARE / 1024 ** 3;
}

/**
 * The cheapest catalog class that holds `odooConnections` as a replica of `primary`: not burstable
 * unless the primary is; the primary's own class on a tie or when none is cheaper. Aurora readers
 * keep the writer's class: a reader is the failover target and takes the writer's load.
 */
export function cheapestReplicaClass(primary: DatabaseInstanceClass, odooConnections: number, aurora = false): DatabaseInstanceClass {
    if (aurora) {
        return primary;
    }
    const candidates = DATABASE_INSTANCE_CLASSES.filter(
        (c) => (primary.burstable || !c.burstable) && replicaHoldsConnections(c, odooConnections),
    );
    return candidates.reduce(
        (best, c) => (c.usdPerHour < best.usdPerHour || (c.usdPerHour === best.usdPerHour && c.family === primary.family) ? c : best),
        primary,
    );
}
