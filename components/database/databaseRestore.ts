/**
 * A database created from a backup of another cluster's database: an RDS (or Aurora cluster)
 * snapshot — a manual, automated or AWS Backup one — or a point in time of the source's automated
 * backups. Pure: validation, the label the tags carry, and the restore arguments of each engine.
 *
 * RDS restores always create a new instance (or cluster); the source is never touched. What the
 * new one inherits from the backup: the data, the database (so `databaseName` must be the
 * source's), the master user name (so `username` must be the source's) and the master password —
 * which the component replaces at once with the new cluster's own (see OdooDatabase), so a copy
 * never shares a credential with its source.
 *
 * - RestoreDBInstanceFromDBSnapshot / RestoreDBInstanceToPointInTime:
 *   https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html
 * - Aurora RestoreDBClusterToPointInTime (RestoreType full-copy or copy-on-write):
 *   https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBClusterToPointInTime.html
 */
import { OdooArgumentError, optionalBoolean } from "../contract/errors";

/** Where a restored database comes from; also `database.restore` of OdooCluster. */
export interface OdooDatabaseRestore {
    /**
     * Snapshot to restore: an RDS DB snapshot (Aurora: a DB cluster snapshot) identifier — manual
     * (`erp-before-migration`), automated (`rds:erp-prod-db-2026-11-30-03-10`) or AWS Backup's
     * (`awsbackup:job-…`) — or the ARN of a snapshot shared from another account. 1 to 255
     * characters. Not with `sourceDbInstanceIdentifier`/`sourceClusterIdentifier`. Default: none.
     */
    snapshotIdentifier?: string;
    /**
     * `postgres`: the DB instance identifier of the source whose automated backups give the point
     * in time (the RDS identifier of the other cluster's primary). 1 to 63 letters, digits or
     * hyphens, starting with a letter. Default: none.
     */
    sourceDbInstanceIdentifier?: string;
    /**
     * `postgres`: ARN of retained automated backups (`arn:aws:rds:<region>:<account>:auto-backup:…`),
     * the source when its instance was deleted — the "someone deleted the database" case. Default: none.
     */
    sourceAutomatedBackupsArn?: string;
    /** `aurora-postgresql`: the DB cluster identifier of the source cluster. Default: none. */
    sourceClusterIdentifier?: string;
    /**
     * The point in time to restore to, UTC, ISO 8601 to the second (`2026-11-30T08:15:00Z`). It must
     * lie within the source's backup retention and before its latest restorable time. Not with
     * `useLatestRestorableTime`. Default: none.
     */
    restoreTime?: string;
    /** Restore to the latest restorable time (usually 5 minutes ago). Not with `restoreTime`. Default: false. */
    useLatestRestorableTime?: boolean;
}

/** What kind of restore the database is. */
export const RestoreKind = { Snapshot: "snapshot", PointInTime: "point-in-time" } as const;
export type RestoreKind = (typeof RestoreKind)[keyof typeof RestoreKind];

/** A validated restore. */
export interface ResolvedDatabaseRestore {
    kind: RestoreKind;
    snapshotIdentifier?: string;
    sourceDbInstanceIdentifier?: string;
    sourceAutomatedBackupsArn?: string;
    sourceClusterIdentifier?: string;
    restoreTime?: string;
    useLatestRestorableTime: boolean;
    /** `snapshot:<id>` or `point-in-time:<source>`: the `odoo:restored-from` tag. */
    label: string;
}

/** RDS DB instance and cluster identifiers: a letter, then letters, digits, single hyphens; no trailing hyphen. */
const RDS_IDENTIFIER = /^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,62}$/;
/** Snapshot names (automated ones carry `rds:`, AWS Backup's `awsbackup:`) or a shared snapshot's ARN. */
const SNAPSHOT_IDENTIFIER = /^(arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:(cluster-)?snapshot:)?[A-Za-z][A-Za-z0-9:-]*$/;
const AUTOMATED_BACKUPS_ARN = /^arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:auto-backup:[A-Za-z0-9-]+$/;
/** ISO 8601 in UTC to the second, as RDS takes it. */
const RESTORE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
/** AWS tag values: at most 256 characters. */
const TAG_VALUE_MAX = 256;

function optionalString(property: string, value: unknown, pattern: RegExp, accepted: string, max: number): string | undefined {
    if (value === undefined) {
        return undefined;
    }
    if (typeof value !== "string" || value.length > max || !pattern.test(value) || /-$/.test(value)) {
        throw new OdooArgumentError(property, value, accepted);
    }
    return value;
}

/**
 * Validates `database.restore` for `engine`. Returns undefined when no restore is asked for.
 * `prefix` is the path of the restore setting (`database.restore.`).
 */
export function resolveDatabaseRestore(
    value: OdooDatabaseRestore | undefined,
    aurora: boolean,
    prefix: string,
): ResolvedDatabaseRestore | undefined {
    if (value === undefined) {
        return undefined;
    }
    const at = (p: string) => `${prefix}${p}`;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new OdooArgumentError(prefix.replace(/\.$/, ""), value, "an object with snapshotIdentifier, or a source and a point in time");
    }
    const identifier = "1 to 63 letters, digits or single hyphens, starting with a letter and not ending with a hyphen";
    const snapshotIdentifier = optionalString(
        at("snapshotIdentifier"),
        value.snapshotIdentifier,
        SNAPSHOT_IDENTIFIER,
        "a DB snapshot identifier (letters, digits, hyphens and colons, starting with a letter) or a shared snapshot's ARN, at most 255 characters",
        255,
    );
    const sourceDbInstanceIdentifier = optionalString(
        at("sourceDbInstanceIdentifier"),
        value.sourceDbInstanceIdentifier,
        RDS_IDENTIFIER,
        identifier,
        63,
    );
    const sourceAutomatedBackupsArn = optionalString(
        at("sourceAutomatedBackupsArn"),
        value.sourceAutomatedBackupsArn,
        AUTOMATED_BACKUPS_ARN,
        "the ARN of retained automated backups (arn:aws:rds:<region>:<account>:auto-backup:ab-…)",
        1024,
    );
    const sourceClusterIdentifier = optionalString(
        at("sourceClusterIdentifier"),
        value.sourceClusterIdentifier,
        RDS_IDENTIFIER,
        identifier,
        63,
    );
    const restoreTime = optionalString(
        at("restoreTime"),
        value.restoreTime,
        RESTORE_TIME,
        "a UTC time in ISO 8601 to the second, e.g. 2026-11-30T08:15:00Z",
        40,
    );
    if (restoreTime !== undefined && Number.isNaN(Date.parse(restoreTime))) {
        throw new OdooArgumentError(at("restoreTime"), restoreTime, "a real calendar time, e.g. 2026-11-30T08:15:00Z");
    }
    const useLatestRestorableTime = optionalBoolean(at("useLatestRestorableTime"), value.useLatestRestorableTime) ?? false;

    if (aurora) {
        for (const [p, v] of [
            ["sourceDbInstanceIdentifier", sourceDbInstanceIdentifier],
            ["sourceAutomatedBackupsArn", sourceAutomatedBackupsArn],
        ] as const) {
            if (v !== undefined) {
                throw new OdooArgumentError(at(p), v, "no value with engine aurora-postgresql (use sourceClusterIdentifier)");
            }
        }
    } else if (sourceClusterIdentifier !== undefined) {
        throw new OdooArgumentError(
            at("sourceClusterIdentifier"),
            sourceClusterIdentifier,
            "no value with engine postgres (use sourceDbInstanceIdentifier or sourceAutomatedBackupsArn)",
        );
    }
    const sources = [sourceDbInstanceIdentifier, sourceAutomatedBackupsArn, sourceClusterIdentifier].filter((s) => s !== undefined);
    const pointInTime = sources.length > 0 || restoreTime !== undefined || useLatestRestorableTime;

    if (snapshotIdentifier !== undefined) {
        if (pointInTime) {
            throw new OdooArgumentError(
                at("snapshotIdentifier"),
                snapshotIdentifier,
                "either a snapshot or a point in time, not both",
                "a snapshot is one fixed moment; a point in time comes from a source's automated backups",
            );
        }
        return {
            kind: RestoreKind.Snapshot,
            snapshotIdentifier,
            useLatestRestorableTime: false,
            label: tagLabel(`snapshot:${snapshotIdentifier}`),
        };
    }
    if (!pointInTime) {
        throw new OdooArgumentError(
            prefix.replace(/\.$/, ""),
            value,
            aurora
                ? "snapshotIdentifier, or sourceClusterIdentifier with restoreTime or useLatestRestorableTime"
                : "snapshotIdentifier, or sourceDbInstanceIdentifier (or sourceAutomatedBackupsArn) with restoreTime or useLatestRestorableTime",
        );
    }
    if (sources.length !== 1) {
        const source = aurora ? "sourceClusterIdentifier" : "sourceDbInstanceIdentifier";
        throw new OdooArgumentError(
            at(source),
            aurora ? sourceClusterIdentifier : sourceDbInstanceIdentifier,
            aurora ? "the source cluster's identifier" : "exactly one of sourceDbInstanceIdentifier and sourceAutomatedBackupsArn",
            "a point in time is read from one source's automated backups",
        );
    }
    if ((restoreTime !== undefined) === useLatestRestorableTime) {
        throw new OdooArgumentError(
            at("restoreTime"),
            restoreTime,
            "exactly one of restoreTime and useLatestRestorableTime: true",
            "RDS takes one or the other",
        );
    }
    return {
        kind: RestoreKind.PointInTime,
        sourceDbInstanceIdentifier,
        sourceAutomatedBackupsArn,
        sourceClusterIdentifier,
        restoreTime,
        useLatestRestorableTime,
        label: tagLabel(`point-in-time:${sources[0]}${restoreTime ? `@${restoreTime}` : "@latest"}`),
    };
}

/** A tag value AWS accepts: at most 256 characters (letters, digits, spaces and `_.:/=+-@` are all the label uses). */
function tagLabel(label: string): string {
    return label.length <= TAG_VALUE_MAX ? label : label.slice(0, TAG_VALUE_MAX);
}

/** The restore arguments of an `aws.rds.Instance`. */
export function rdsInstanceRestoreArgs(restore: ResolvedDatabaseRestore) {
    if (restore.kind === RestoreKind.Snapshot) {
        return { snapshotIdentifier: restore.snapshotIdentifier };
    }
    return {
        restoreToPointInTime: {
            sourceDbInstanceIdentifier: restore.sourceDbInstanceIdentifier,
            sourceDbInstanceAutomatedBackupsArn: restore.sourceAutomatedBackupsArn,
            restoreTime: restore.restoreTime,
            useLatestRestorableTime: restore.useLatestRestorableTime || undefined,
        },
    };
}

/**
 * The restore arguments of an `aws.rds.Cluster`. A point in time is a full copy: a copy-on-write
 * clone shares pages with its source, so the source could not be deleted while the copy lives
 * (Aurora's clone limits), which a restore drill must not impose on production.
 */
export function auroraClusterRestoreArgs(restore: ResolvedDatabaseRestore) {
    if (restore.kind === RestoreKind.Snapshot) {
        return { snapshotIdentifier: restore.snapshotIdentifier };
    }
    return {
        restoreToPointInTime: {
            sourceClusterIdentifier: restore.sourceClusterIdentifier!,
            restoreType: "full-copy",
            restoreToTime: restore.restoreTime,
            useLatestRestorableTime: restore.useLatestRestorableTime || undefined,
        },
    };
}
