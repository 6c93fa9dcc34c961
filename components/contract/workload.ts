/**
 * What a concurrent user asks of the cluster: the workload the capacity model runs on.
 *
 * "Concurrent user" is never defined in Odoo's documentation; here it is a person with Odoo open
 * and working, who sends `requestsPerUserPerMinute` HTTP requests to the workers on average
 * (the think time between two of them is the rest of the minute). Each request is light (a read,
 * a form, a list) or heavy (a write with many lines, a report, an import), holds one worker for its
 * service time, spends a share of it in PostgreSQL and the rest in Python on the node's cores.
 *
 * Defaults and their sources (collected in shared research, "Odoo performance figures"):
 * - 12 requests per user per minute: O. Dony (Odoo S.A.), odoo/odoo#39825 — an active user
 *   triggers ~60 requests/min, real usage is "maybe 20 % of that", hence 1 worker per ~30 users.
 *   The guide's capacity table behaves like this rate with its worker pool 50–70 % busy.
 * - Light 80 % at 0.10 s, heavy 20 % at 0.60 s: Odoo's deployment docs count 80 % light / 20 %
 *   heavy requests for RAM; "Performance 2014" puts a typical read transaction at ~100 ms; the
 *   PolarDB-PG Odoo 16 benchmark measures writes at 0.3–0.9 s of worker time.
 * - Coefficient of variation 1 for both classes (as spread as an exponential): the sample RPCs
 *   in the research range from 11 ms to 0.8 s for "light" calls.
 * - 25 % of service time in PostgreSQL: Odoo Experience 2025 — a healthy split is ~70 % Python,
 *   20–25 % SQL.
 * - 90 % of the non-database time burns a core (Python is CPU-bound; the rest is network and
 *   filestore I/O).
 * - 20 % of database time on routes Odoo 18+ sends to a replica (`db_replica_host`): only routes
 *   marked read-only or `auth='none'` go there, although ~90 % of traffic reads.
 *
 * Pure: no Pulumi, no I/O.
 */
import { OdooArgumentError, requireNumberInRange } from "./errors";

/** One class of requests. */
export interface RequestClass {
    /** Share of all requests in this class, 0–1; the classes' shares add up to 1. */
    share: number;
    /** Mean worker time of one request without contention (CPU, SQL and I/O), seconds. */
    meanSeconds: number;
    /**
     * Coefficient of variation of the service time (standard deviation / mean): the tail of a
     * lognormal distribution. 1 is as spread as an exponential; 0 is a constant.
     */
    coefficientOfVariation: number;
}

/** The workload of one concurrent user, see the module comment for the defaults' sources. */
export interface Workload {
    /** HTTP requests one concurrent user sends per minute (sets the think time). Default 12. */
    requestsPerUserPerMinute: number;
    /** Short requests: reads, forms, lists. Default 80 % at 0.10 s, CV 1. */
    light: RequestClass;
    /** Long requests: writes with many lines, reports, imports. Default 20 % at 0.60 s, CV 1. */
    heavy: RequestClass;
    /** Share of a request's service time spent in PostgreSQL (on the database's CPUs), 0–0.95. Default 0.25. */
    databaseShare: number;
    /** Share of the non-database service time that keeps a node core busy, 0.05–1. Default 0.9. */
    cpuPerWorkerSecond: number;
    /** Share of database time on routes Odoo 18+ can send to a read replica, 0–1. Default 0.2. */
    readOnlyShare: number;
}

/** What counts as "the cluster holds": response-time and utilisation targets. */
export interface CapacityTargets {
    /** 95th percentile of light requests' response time, seconds. Default 1. */
    lightP95Seconds: number;
    /** 95th percentile of heavy requests' response time, seconds. Default 5. */
    heavyP95Seconds: number;
    /** Highest acceptable busy share of the HTTP nodes' cores. Default 0.7. */
    appCpuUtilisation: number;
    /** Highest acceptable busy share of the database's vCPUs. Default 0.7. */
    databaseCpuUtilisation: number;
}

export const DEFAULT_WORKLOAD: Workload = {
    requestsPerUserPerMinute: 12,
    light: { share: 0.8, meanSeconds: 0.1, coefficientOfVariation: 1 },
    heavy: { share: 0.2, meanSeconds: 0.6, coefficientOfVariation: 1 },
    databaseShare: 0.25,
    cpuPerWorkerSecond: 0.9,
    readOnlyShare: 0.2,
};

export const DEFAULT_CAPACITY_TARGETS: CapacityTargets = {
    lightP95Seconds: 1,
    heavyP95Seconds: 5,
    appCpuUtilisation: 0.7,
    databaseCpuUtilisation: 0.7,
};

/** A workload as the operator writes it: any field may be left out, each falls back to its default. */
export interface WorkloadSettings {
    /** See {@link Workload.requestsPerUserPerMinute}; 0.1–600. Default 12. */
    requestsPerUserPerMinute?: number;
    /** Share of light requests, 0–1 (heavy gets the rest). Default 0.8. */
    lightShare?: number;
    /** Mean service time of a light request, seconds, 0.001–60. Default 0.1. */
    lightMeanSeconds?: number;
    /** Coefficient of variation of light requests, 0–10. Default 1. */
    lightCoefficientOfVariation?: number;
    /** Mean service time of a heavy request, seconds, 0.001–1200. Default 0.6. */
    heavyMeanSeconds?: number;
    /** Coefficient of variation of heavy requests, 0–10. Default 1. */
    heavyCoefficientOfVariation?: number;
    /** See {@link Workload.databaseShare}; 0–0.95. Default 0.25. */
    databaseShare?: number;
    /** See {@link Workload.cpuPerWorkerSecond}; 0.05–1. Default 0.9. */
    cpuPerWorkerSecond?: number;
    /** See {@link Workload.readOnlyShare}; 0–1. Default 0.2. */
    readOnlyShare?: number;
}

/** Targets as the operator writes them; each left out takes its default. */
export interface CapacityTargetSettings {
    /** Light requests' p95, seconds, 0.05–60. Default 1. */
    lightP95Seconds?: number;
    /** Heavy requests' p95, seconds, 0.1–1200. Default 5. */
    heavyP95Seconds?: number;
    /** Highest busy share of the nodes' cores, 0.1–0.95. Default 0.7. */
    appCpuUtilisation?: number;
    /** Highest busy share of the database's vCPUs, 0.1–0.95. Default 0.7. */
    databaseCpuUtilisation?: number;
}

function optionalInRange(value: unknown, fallback: number, property: string, min: number, max: number): number {
    return value === undefined ? fallback : requireNumberInRange(property, value, { min, max });
}

/** Validates workload settings (errors name `property.<field>`) and fills in the defaults. */
export function resolveWorkload(settings: WorkloadSettings | undefined, property = "workload"): Workload {
    if (settings === undefined) {
        return DEFAULT_WORKLOAD;
    }
    if (settings === null || typeof settings !== "object" || Array.isArray(settings)) {
        throw new OdooArgumentError(property, settings, "an object of workload settings");
    }
    const d = DEFAULT_WORKLOAD;
    const lightShare = optionalInRange(settings.lightShare, d.light.share, `${property}.lightShare`, 0, 1);
    return {
        requestsPerUserPerMinute: optionalInRange(
            settings.requestsPerUserPerMinute,
            d.requestsPerUserPerMinute,
            `${property}.requestsPerUserPerMinute`,
            0.1,
            600,
        ),
        light: {
            share: lightShare,
            meanSeconds: optionalInRange(settings.lightMeanSeconds, d.light.meanSeconds, `${property}.lightMeanSeconds`, 0.001, 60),
            coefficientOfVariation: optionalInRange(
                settings.lightCoefficientOfVariation,
                d.light.coefficientOfVariation,
                `${property}.lightCoefficientOfVariation`,
                0,
                10,
            ),
        },
        heavy: {
            share: Number((1 - lightShare).toFixed(12)),
            meanSeconds: optionalInRange(settings.heavyMeanSeconds, d.heavy.meanSeconds, `${property}.heavyMeanSeconds`, 0.001, 1200),
            coefficientOfVariation: optionalInRange(
                settings.heavyCoefficientOfVariation,
                d.heavy.coefficientOfVariation,
                `${property}.heavyCoefficientOfVariation`,
                0,
                10,
            ),
        },
        databaseShare: optionalInRange(settings.databaseShare, d.databaseShare, `${property}.databaseShare`, 0, 0.95),
        cpuPerWorkerSecond: optionalInRange(settings.cpuPerWorkerSecond, d.cpuPerWorkerSecond, `${property}.cpuPerWorkerSecond`, 0.05, 1),
        readOnlyShare: optionalInRange(settings.readOnlyShare, d.readOnlyShare, `${property}.readOnlyShare`, 0, 1),
    };
}

/** Validates target settings (errors name `property.<field>`) and fills in the defaults. */
export function resolveCapacityTargets(settings: CapacityTargetSettings | undefined, property = "targets"): CapacityTargets {
    if (settings === undefined) {
        return DEFAULT_CAPACITY_TARGETS;
    }
    if (settings === null || typeof settings !== "object" || Array.isArray(settings)) {
        throw new OdooArgumentError(property, settings, "an object of capacity targets");
    }
    const d = DEFAULT_CAPACITY_TARGETS;
    return {
        lightP95Seconds: optionalInRange(settings.lightP95Seconds, d.lightP95Seconds, `${property}.lightP95Seconds`, 0.05, 60),
        heavyP95Seconds: optionalInRange(settings.heavyP95Seconds, d.heavyP95Seconds, `${property}.heavyP95Seconds`, 0.1, 1200),
        appCpuUtilisation: optionalInRange(settings.appCpuUtilisation, d.appCpuUtilisation, `${property}.appCpuUtilisation`, 0.1, 0.95),
        databaseCpuUtilisation: optionalInRange(
            settings.databaseCpuUtilisation,
            d.databaseCpuUtilisation,
            `${property}.databaseCpuUtilisation`,
            0.1,
            0.95,
        ),
    };
}

/** Mean service time of a request of the workload, seconds. */
export function meanServiceSeconds(workload: Workload): number {
    return workload.light.share * workload.light.meanSeconds + workload.heavy.share * workload.heavy.meanSeconds;
}

/** Think time between two requests of one user, seconds: the rest of the minute. */
export function thinkSeconds(workload: Workload): number {
    return 60 / workload.requestsPerUserPerMinute;
}

/**
 * The workload as the `odoo:workload` tag of the node resources, so the policy pack can run the
 * capacity model on a stack: `r=12 ls=0.8 lm=0.1 lcv=1 hm=0.6 hcv=1 db=0.25 cpu=0.9 ro=0.2`.
 * Only characters AWS allows in tag values (letters, digits, spaces and `_ . : / = + - @`), well
 * under the 256-character limit (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html).
 */
export function formatWorkloadTag(workload: Workload): string {
    const n = (x: number) => String(Number(x.toPrecision(6)));
    return [
        `r=${n(workload.requestsPerUserPerMinute)}`,
        `ls=${n(workload.light.share)}`,
        `lm=${n(workload.light.meanSeconds)}`,
        `lcv=${n(workload.light.coefficientOfVariation)}`,
        `hm=${n(workload.heavy.meanSeconds)}`,
        `hcv=${n(workload.heavy.coefficientOfVariation)}`,
        `db=${n(workload.databaseShare)}`,
        `cpu=${n(workload.cpuPerWorkerSecond)}`,
        `ro=${n(workload.readOnlyShare)}`,
    ].join(" ");
}

/** Reads an `odoo:workload` tag; undefined when it is absent or not in the format above. */
export function parseWorkloadTag(value: unknown): Workload | undefined {
    if (typeof value !== "string") {
        return undefined;
    }
    const fields = new Map<string, number>();
    for (const part of value.trim().split(/\s+/)) {
        const m = /^([a-z]+)=(\d+(?:\.\d+)?(?:e-?\d+)?)$/.exec(part);
        if (!m) {
            return undefined;
        }
        fields.set(m[1], Number(m[2]));
    }
    const keys = ["r", "ls", "lm", "lcv", "hm", "hcv", "db", "cpu", "ro"];
    if (fields.size !== keys.length || !keys.every((k) => fields.has(k))) {
        return undefined;
    }
    const f = (k: string) => fields.get(k) as number;
    try {
        return resolveWorkload({
            requestsPerUserPerMinute: f("r"),
            lightShare: f("ls"),
            lightMeanSeconds: f("lm"),
            lightCoefficientOfVariation: f("lcv"),
            heavyMeanSeconds: f("hm"),
            heavyCoefficientOfVariation: f("hcv"),
            databaseShare: f("db"),
            cpuPerWorkerSecond: f("cpu"),
            readOnlyShare: f("ro"),
        });
    } catch {
        return undefined;
    }
}
