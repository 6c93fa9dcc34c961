/**
 * What the PostgreSQL server of an Odoo cluster runs and how it is tuned: the engines and major
 * versions the package deploys, the parameter-group family of each, and the parameter values.
 *
 * Pure: no Pulumi resources, no I/O. `components/database.ts` turns these values into RDS
 * parameter groups; the tests read them directly.
 */
import { maxConnectionsFor } from "../contract/catalog";
import { OdooArgumentError, requireOneOf } from "../contract/errors";
import { DEFAULT_CRON_TIME_LIMIT, GUIDE_WORKER_LIMITS } from "../contract/sizing";

/** The PostgreSQL service: RDS for PostgreSQL instances, or an Aurora PostgreSQL cluster. */
export const DatabaseEngine = {
    /** RDS for PostgreSQL: a primary instance plus read replicas (`replicateSourceDb`). */
    Postgres: "postgres",
    /** Aurora PostgreSQL: a cluster with a writer and reader instances behind one reader endpoint. */
    AuroraPostgresql: "aurora-postgresql",
} as const;
export type DatabaseEngine = (typeof DatabaseEngine)[keyof typeof DatabaseEngine];
export const DATABASE_ENGINES: readonly DatabaseEngine[] = Object.values(DatabaseEngine);

/**
 * PostgreSQL majors the package creates, per engine. Odoo 17.0 and 18.0 need PostgreSQL 12 or
 * later, 19.0 needs 13 or later (odoo/documentation, administration/on_premise/source.rst), so
 * every major AWS still offers under standard support works with every supported Odoo version.
 * 13 is left out: its RDS and Aurora standard support ended in February 2026, and a new
 * database on it is enrolled in (and billed for) RDS Extended Support.
 */
export const SUPPORTED_POSTGRES_MAJORS: Readonly<Record<DatabaseEngine, readonly string[]>> = {
    postgres: ["14", "15", "16", "17", "18"],
    "aurora-postgresql": ["14", "15", "16", "17", "18"],
};

/** Default major: the newest one both engines have offered for a year or more. */
export const DEFAULT_POSTGRES_MAJOR = "17";

/** A validated engine version. */
export interface PostgresVersion {
    /** As given (`17` or `17.6`); RDS resolves a bare major to its newest minor. */
    engineVersion: string;
    major: string;
    /** DB parameter-group family, e.g. `postgres17`, `aurora-postgresql17`. */
    family: string;
}

/** Validates `engineVersion` for `engine`: a supported major, optionally with a minor (`17`, `17.6`). */
export function requirePostgresVersion(engine: DatabaseEngine, value: unknown, property = "engineVersion"): PostgresVersion {
    const majors = SUPPORTED_POSTGRES_MAJORS[engine];
    const match = typeof value === "string" ? /^(\d{2})(\.\d{1,2})?$/.exec(value) : null;
    if (!match || !majors.includes(match[1])) {
        throw new OdooArgumentError(
            property,
            value,
            `a ${engine} major version ${majors.join(", ")}, optionally with a minor (e.g. "${DEFAULT_POSTGRES_MAJOR}" or "${DEFAULT_POSTGRES_MAJOR}.6")`,
        );
    }
    return { engineVersion: value as string, major: match[1], family: `${engine}${match[1]}` };
}

/** Validates the engine name. */
export function requireDatabaseEngine(value: unknown, property = "engine"): DatabaseEngine {
    return requireOneOf(property, value, DATABASE_ENGINES);
}

/** One DB parameter as RDS takes it. */
export interface DatabaseParameter {
    name: string;
    value: string;
    /** `immediate` for dynamic parameters, `pending-reboot` for static ones (RDS rejects `immediate` on those). */
    applyMethod: "immediate" | "pending-reboot";
}

/**
 * Statements slower than this are logged (ms). Odoo's ORM issues many small queries; a single one
 * above a second is almost always a missing index or a runaway domain, worth seeing in the logs.
 */
export const SLOW_STATEMENT_MS = 1000;

/**
 * `idle_in_transaction_session_timeout` (ms): a safety net for sessions left open in a transaction
 * by a client that vanished. An Odoo request legitimately holds its transaction while Python runs
 * between queries, for as long as the worker is allowed to live — `limit_time_real` for HTTP
 * workers, `limit_time_real_cron` for cron jobs — so the timeout sits above the longer of the two.
 */
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = Math.max(GUIDE_WORKER_LIMITS.timeReal, DEFAULT_CRON_TIME_LIMIT) * 1000;

/** Parameters the package sets itself and a user's `parameters` may not override. */
export const MANAGED_PARAMETERS: readonly string[] = ["max_connections"];

/**
 * The settings every Odoo database gets, apart from `max_connections` (which depends on the class):
 *
 * - `rds.force_ssl = 1`: the password and every row travel encrypted. Odoo's default
 *   `db_sslmode = prefer` negotiates TLS, so nothing changes on the Odoo side.
 * - `log_min_duration_statement`: see {@link SLOW_STATEMENT_MS}.
 * - `log_lock_waits = 1`: Odoo's "could not serialize access" and lock timeouts are easier to trace
 *   when PostgreSQL logs who waited on whom.
 * - `idle_in_transaction_session_timeout`: see {@link IDLE_IN_TRANSACTION_TIMEOUT_MS}.
 * - `random_page_cost = 1.1` (RDS for PostgreSQL only): the default 4 models spinning disks; on gp3
 *   it makes the planner shun index scans that Odoo's list views depend on. Aurora's storage is
 *   tuned by AWS, so it keeps its default there.
 */
export function odooDatabaseSettings(engine: DatabaseEngine): DatabaseParameter[] {
    const settings: DatabaseParameter[] = [
        { name: "rds.force_ssl", value: "1", applyMethod: "immediate" },
        { name: "log_min_duration_statement", value: String(SLOW_STATEMENT_MS), applyMethod: "immediate" },
        { name: "log_lock_waits", value: "1", applyMethod: "immediate" },
        { name: "idle_in_transaction_session_timeout", value: String(IDLE_IN_TRANSACTION_TIMEOUT_MS), applyMethod: "immediate" },
    ];
    if (engine === DatabaseEngine.Postgres) {
        settings.push({ name: "random_page_cost", value: "1.1", applyMethod: "immediate" });
        // On a read replica, a long read-only query (a report on db_replica_host) is otherwise
        // cancelled when VACUUM on the primary removes rows it still sees ("canceling statement due
        // to conflict with recovery"). Feedback makes the primary keep them; it only acts on a
        // standby, so the primary's group (which same-class replicas share) can carry it.
        // https://www.postgresql.org/docs/current/hot-standby.html#HOT-STANDBY-CONFLICT
        settings.push({ name: "hot_standby_feedback", value: "1", applyMethod: "immediate" });
    }
    return settings;
}

/**
 * `max_connections` for an instance of `instanceClass`, set explicitly to the catalog's value so the
 * capacity plan's connection budget and the live server limit are the same number. Static in
 * PostgreSQL: RDS applies it at the next reboot, which a class change performs anyway.
 */
export function maxConnectionsParameter(instanceClass: string, value = maxConnectionsFor(instanceClass)): DatabaseParameter {
    return { name: "max_connections", value: String(value), applyMethod: "pending-reboot" };
}

/**
 * Validates a user's extra parameters: PostgreSQL/RDS parameter names with string values, none of
 * the {@link MANAGED_PARAMETERS}. They are applied at the next reboot, because whether a parameter
 * is static or dynamic is not known here and RDS rejects `immediate` on a static one.
 */
export function requireExtraParameters(value: unknown, property = "parameters"): DatabaseParameter[] {
    if (value === undefined) {
        return [];
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new OdooArgumentError(property, value, "a map of PostgreSQL parameter names to string values");
    }
    return Object.entries(value as Record<string, unknown>).map(([name, v]) => {
        if (!/^[a-z][a-z0-9_.]{0,62}$/.test(name)) {
            throw new OdooArgumentError(`${property}["${name}"]`, v, "a PostgreSQL parameter name (lower-case letters, digits, _ and .)");
        }
        if (MANAGED_PARAMETERS.includes(name)) {
            throw new OdooArgumentError(
                `${property}["${name}"]`,
                v,
                "a parameter other than max_connections",
                "it is set from the instance class so the connection budget holds; pick another class instead",
            );
        }
        if (typeof v !== "string" || v === "") {
            throw new OdooArgumentError(`${property}["${name}"]`, v, "a non-empty string value");
        }
        return { name, value: v, applyMethod: "pending-reboot" as const };
    });
}

/** Overlays `extra` on `base` by name (a user's value wins over the package's). */
export function mergeParameters(base: DatabaseParameter[], extra: DatabaseParameter[]): DatabaseParameter[] {
    const names = new Set(extra.map((p) => p.name));
    return [...base.filter((p) => !names.has(p.name)), ...extra].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The parameter groups of the database, by level.
 *
 * RDS for PostgreSQL has one level: everything goes into the instance's DB parameter group.
 * Aurora splits them: `rds.force_ssl` and the logging settings are cluster-level (DB cluster
 * parameter group), `max_connections` is per instance (DB parameter group). A user's extra
 * parameters go to the cluster group on Aurora, which also carries instance defaults.
 */
export interface DatabaseParameterPlan {
    /** DB parameter group of an instance of the given class. */
    instance: DatabaseParameter[];
    /** DB cluster parameter group (Aurora only; empty for RDS for PostgreSQL). */
    cluster: DatabaseParameter[];
}

/** The parameter groups' contents for an instance of `instanceClass` on `engine`. */
export function databaseParameters(
    engine: DatabaseEngine,
    instanceClass: string,
    extra: DatabaseParameter[] = [],
    maxConnectionsValue?: number,
): DatabaseParameterPlan {
    const settings = mergeParameters(odooDatabaseSettings(engine), extra);
    const maxConnections = maxConnectionsParameter(instanceClass, maxConnectionsValue);
    if (engine === DatabaseEngine.AuroraPostgresql) {
        return { instance: [maxConnections], cluster: settings };
    }
    return { instance: mergeParameters(settings, [maxConnections]), cluster: [] };
}
