/**
 * One host name for Odoo's `db_replica_host` that spreads new connections over every RDS read
 * replica.
 *
 * RDS gives each replica its own endpoint and no shared reader endpoint (Aurora has one; there the
 * cluster's reader endpoint is used instead). Odoo takes a single replica host, so the package puts
 * a private Route 53 hosted zone on the VPC with one weighted CNAME per replica under the same
 * name: Route 53 answers each query with one of them, in proportion to the weights, and equal
 * weights spread the connection pools of the Odoo processes evenly. Weighted routing is one of the
 * policies that allows CNAME records (multivalue answer routing does not), and every record of a
 * weighted set needs its own set identifier.
 *
 * Each record carries a health check that follows a CloudWatch alarm on the replica (see
 * `OdooDatabase`), so a replica that is down or far behind leaves the name until it recovers.
 *
 * Pure: names and numbers only; `database.ts` creates the zone, records and health checks.
 */

/** TTL of the replica records, seconds: short, so a replica added or removed is picked up quickly. */
export const REPLICA_RECORD_TTL = 10;

/**
 * A replica more than this far behind (seconds) serves read-only routes data stale enough to
 * mislead (a report without the last minutes' invoices), so it leaves the name. Well above the
 * 60 s at which the monitoring's lag alarm already tells operators.
 */
export const REPLICA_ROUTING_MAX_LAG_SECONDS = 300;
/** The routing alarm's period, seconds: RDS publishes ReplicaLag every minute. */
export const REPLICA_ROUTING_PERIOD_SECONDS = 60;
/**
 * Minutes of lag (or of silence) before a replica leaves the name: long enough to ride out one
 * late data point, short enough that a rebooting replica is out within about three minutes.
 */
export const REPLICA_ROUTING_EVALUATION_PERIODS = 3;

/** Weight of every replica's record; equal weights mean an even spread. */
export const REPLICA_RECORD_WEIGHT = 1;

/** The label of the shared replica name inside the zone. */
export const REPLICA_RECORD_LABEL = "db-replicas";

/**
 * The private zone of a cluster: `<environment>.<cluster>.odoo.internal`. `.internal` is the
 * top-level domain ICANN reserved for private use (2024), so it never collides with a public
 * name; environment and cluster make it unique, because Route 53 refuses to associate one VPC
 * with two private zones of the same name.
 */
export function replicaZoneName(cluster: string, environment: string): string {
    return `${environment}.${cluster}.odoo.internal`;
}

/** The name Odoo connects to for read-only work, e.g. `db-replicas.prod.erp.odoo.internal`. */
export function replicaHostName(cluster: string, environment: string): string {
    return `${REPLICA_RECORD_LABEL}.${replicaZoneName(cluster, environment)}`;
}

/** The set identifier of replica `index` (1-based) in the weighted record set. */
export function replicaSetIdentifier(index: number): string {
    return `replica-${index}`;
}
