/**
 * Renders the `[options]` file Odoo reads (odoo.conf) for one node role. Pure.
 *
 * The rendered text never holds a secret: the database password and the master (admin) password
 * are appended at boot by the node, from Secrets Manager, into a copy on tmpfs (see userData.ts).
 * Odoo reads one config file only, so the secrets cannot live in a second one, and they stay off
 * the command line and out of the EC2 user data, which anyone with ec2:DescribeInstanceAttribute
 * can read.
 */
import { OdooArgumentError } from "../contract/errors";
import { DEFAULT_SERVER_WIDE_MODULES } from "./odooOptions";
import { OdooVersion, odooMajor } from "../contract/odooVersion";
import { ODOO_GEVENT_PORT, ODOO_HTTP_PORT, POSTGRES_PORT } from "../contract/ports";
import { OdooWorkerLimits } from "../contract/sizing";
import { NODE_ROLES, OdooRole } from "../contract/tags";

/** Keys the node appends at boot from Secrets Manager; the rendered text never contains them. */
export const SECRET_OPTIONS: readonly string[] = ["db_password", "admin_passwd"];

/** Where the official image keeps Odoo's data (filestore and sessions). */
export const ODOO_DATA_DIR = "/var/lib/odoo";
/** The official image's (empty) directory for extra addons. */
export const ODOO_EXTRA_ADDONS_DIR = "/mnt/extra-addons";

/** How the nodes reach PostgreSQL (no password: it comes from Secrets Manager at boot). */
export interface OdooConfDatabase {
    host: string;
    port: number;
    user: string;
    name: string;
    /** libpq sslmode. RDS always offers TLS and PostgreSQL 15+ on RDS forces it by default. */
    sslMode: string;
    /** 18.0+: the read-only replica (Aurora reader endpoint or an RDS replica). */
    replicaHost?: string;
    replicaPort?: number;
}

/** Everything the rendered odoo.conf says. */
export interface OdooConfSettings {
    /** HTTP worker processes (prefork mode). */
    workers: number;
    /** Cron workers; forced to 0 for the `http` role (see `httpCronThreads`). */
    maxCronThreads: number;
    /**
     * Cron workers on an `http` node: the explicit opt-out from the one-cron-node rule
     * (OdooNodes' `httpMaxCronThreads`). Absent or 0 keeps HTTP nodes free of cron.
     */
    httpCronThreads?: number;
    limits: OdooWorkerLimits;
    /** `limit_time_real_cron` in seconds, 0 = no limit; Odoo's -1 would inherit limit_time_real. */
    limitTimeRealCron: number;
    dbMaxconn: number;
    database: OdooConfDatabase;
    /** Regular expression of the databases this node serves. */
    dbFilter: string;
    dataDir: string;
    addonsPath: string[];
    /** Extra server-wide modules; the version's defaults are always kept. */
    serverWideModules: string[];
    proxyMode: boolean;
    listDb: boolean;
    /** Interface Odoo listens on. Nodes bind loopback: only the local nginx reaches Odoo. */
    httpInterface: string;
    httpPort: number;
    geventPort: number;
    logLevel: string;
    /**
     * Safe mode of a restored copy: no cron thread on any node, whatever its role, until the stack
     * turns safe mode off (restore drills must not run scheduled jobs against real customers).
     */
    safeMode?: boolean;
}

/** Settings with the defaults every node shares; the caller supplies sizing and the database. */
export function odooConfSettings(
    sizing: Pick<
        OdooConfSettings,
        "workers" | "maxCronThreads" | "limits" | "limitTimeRealCron" | "dbMaxconn" | "httpCronThreads" | "safeMode"
    >,
    database: OdooConfDatabase,
    extras: Partial<Pick<OdooConfSettings, "addonsPath" | "serverWideModules" | "dbFilter">> = {},
): OdooConfSettings {
    return {
        ...sizing,
        database,
        dbFilter: extras.dbFilter ?? `^${database.name}$`,
        dataDir: ODOO_DATA_DIR,
        addonsPath: extras.addonsPath ?? [ODOO_EXTRA_ADDONS_DIR],
        serverWideModules: extras.serverWideModules ?? [],
        proxyMode: true,
        listDb: false,
        httpInterface: "127.0.0.1",
        httpPort: ODOO_HTTP_PORT,
        geventPort: ODOO_GEVENT_PORT,
        logLevel: "info",
    };
}

/** Server-wide modules of a node: the version's defaults, then the extras, without duplicates. */
export function serverWideModulesFor(version: OdooVersion, extras: readonly string[]): string[] {
    return [...new Set([...DEFAULT_SERVER_WIDE_MODULES[version], ...extras])];
}

function pyBool(value: boolean): string {
    return value ? "True" : "False";
}

function requireWhole(property: string, value: number, min: number): number {
    if (!Number.isInteger(value) || value < min) {
        throw new OdooArgumentError(property, value, `a whole number of at least ${min}`);
    }
    return value;
}

/**
 * The odoo.conf text for `role` on `version`.
 *
 * - `http`: `max_cron_threads = 0`; exactly one node of the cluster runs cron (unless the caller
 *   opts out explicitly with `httpCronThreads`, which the policy pack then rejects by default).
 * - `cron` and `http+cron`: at least one cron worker and `limit_time_real_cron` set, because
 *   Odoo's default (-1) inherits `limit_time_real` and kills long scheduled jobs.
 * - `db_replica_host`/`db_replica_port` only on 18.0+ and only with a replica: the key must be
 *   absent otherwise, since an empty value switches 18.0 into replica mode on the primary's socket.
 */
export function renderOdooConf(role: OdooRole, settings: OdooConfSettings, version: OdooVersion): string {
    if (!NODE_ROLES.includes(role)) {
        throw new OdooArgumentError("role", role, `a role that runs Odoo: ${NODE_ROLES.join(", ")}`);
    }
    const httpCron = role === OdooRole.Http ? requireWhole("httpCronThreads", settings.httpCronThreads ?? 0, 0) : 0;
    const runsCron = role !== OdooRole.Http || httpCron > 0;
    const db = settings.database;
    const options: [string, string | number][] = [
        ["db_host", db.host],
        ["db_port", requireWhole("database.port", db.port ?? POSTGRES_PORT, 1)],
        ["db_user", db.user],
        ["db_name", db.name],
        ["db_sslmode", db.sslMode],
        ["db_maxconn", requireWhole("dbMaxconn", settings.dbMaxconn, 1)],
    ];
    if (db.replicaHost !== undefined) {
        if (odooMajor(version) < 18) {
            throw new OdooArgumentError(
                "database.replicaHost",
                db.replicaHost,
                "no replica on Odoo 17.0 (db_replica_host exists from 18.0)",
            );
        }
        if (db.replicaHost.trim() === "") {
            throw new OdooArgumentError(
                "database.replicaHost",
                db.replicaHost,
                "a host name (an empty db_replica_host turns replica mode on against the local socket)",
            );
        }
        options.push(
            ["db_replica_host", db.replicaHost],
            ["db_replica_port", requireWhole("database.replicaPort", db.replicaPort ?? db.port, 1)],
        );
    }
    options.push(
        ["dbfilter", settings.dbFilter],
        ["list_db", pyBool(settings.listDb)],
        ["proxy_mode", pyBool(settings.proxyMode)],
        ["data_dir", settings.dataDir],
        ["addons_path", settings.addonsPath.join(",")],
        ["server_wide_modules", serverWideModulesFor(version, settings.serverWideModules).join(",")],
        ["http_interface", settings.httpInterface],
        ["http_port", settings.httpPort],
        ["gevent_port", settings.geventPort],
        ["workers", requireWhole("workers", settings.workers, 1)],
        [
            "max_cron_threads",
            settings.safeMode ? 0 : role === OdooRole.Http ? httpCron : requireWhole("maxCronThreads", settings.maxCronThreads, 1),
        ],
        ["limit_memory_soft", settings.limits.memorySoft],
        ["limit_memory_hard", settings.limits.memoryHard],
        ["limit_time_cpu", settings.limits.timeCpu],
        ["limit_time_real", settings.limits.timeReal],
    );
    if (runsCron) {
        options.push(["limit_time_real_cron", requireWhole("limitTimeRealCron", settings.limitTimeRealCron, 0)]);
    }
    // 17.0 and 18.0 install demo data into a new database unless told not to; 19.0 no longer does.
    if (odooMajor(version) < 19) {
        options.push(["without_demo", "all"]);
    }
    options.push(["log_level", settings.logLevel]);

    const lines = [
        `; odoo-aws: ${role} node, Odoo ${version}. db_password and admin_passwd are appended at boot from Secrets Manager.`,
        ...(settings.safeMode ? ["; odoo-aws: restored copy in safe mode: no cron until the stack turns safe mode off."] : []),
        "[options]",
    ];
    for (const [key, value] of options) {
        const text = String(value);
        if (/[\r\n]/.test(text) || text !== text.trim()) {
            throw new OdooArgumentError(key, text, "a single-line value without surrounding spaces");
        }
        lines.push(`${key} = ${text}`);
    }
    return `${lines.join("\n")}\n`;
}
