/**
 * Calibrates the capacity model's workload from Odoo's own request log.
 *
 * Odoo (12+) appends three fields to every access-log line of the werkzeug logger
 * (odoo/netsvc.py, PerfFilter): the request's SQL query count, the seconds spent in SQL, and the
 * remaining seconds (Python and everything else) — so query_time + remaining_time is the worker
 * time of the request, and their ratio its database share. With read-only cursors (18.0+ with
 * `db_replica_host`) a fourth field says which cursor served it (`ro`, `rw`, `ro->rw`). A line
 * from Odoo 17.0 looks like
 *
 *     2026-11-30 09:14:03,512 38 INFO erp werkzeug: 10.0.1.7 - - [30/Nov/2026 09:14:03] "POST /web/dataset/call_kw/res.partner/web_read HTTP/1.0" 200 - 14 0.012 0.087
 *
 * From a set of such lines this fits: the light and heavy request classes (a two-component
 * lognormal mixture by EM over log service times), the database share, the read-only share (when
 * the cursor field is present) and the requests per active user per minute (requests divided by
 * the active user-minutes: a client address counts as one user in each minute it sends a request;
 * offices behind one NAT look like one user, which overstates the rate — the safe side).
 *
 * Lines that are not access-log lines (other loggers, tracebacks) are ignored; access-log lines
 * whose fields cannot be read are counted as malformed and skipped, never a crash. Static assets,
 * the websocket and long-polling requests are left out: they do not hold an HTTP worker.
 *
 * Pure: it takes lines and returns numbers.
 */
import { WorkloadSettings } from "../../components/contract/workload";

/** One request read from the log. */
export interface RequestLogEntry {
    /** Seconds since the epoch (UTC, as Odoo logs it). */
    time: number;
    client: string;
    method: string;
    path: string;
    status: number;
    queryCount: number;
    querySeconds: number;
    otherSeconds: number;
    /** `ro`, `rw`, `ro->rw` or undefined when Odoo did not log it. */
    cursor?: string;
}

/** What reading a log gave. */
export interface ParsedRequestLog {
    entries: RequestLogEntry[];
    /** Access-log lines whose fields could not be read. */
    malformed: number;
    /** Access-log lines left out on purpose (static assets, websocket, no timing). */
    skipped: number;
    /** Lines of other loggers. */
    ignored: number;
}

const ACCESS_LOGGERS = /^\S+ \S+ \d+ [A-Z]+ .*? (werkzeug|odoo\.service\.http\.access): /;
const ACCESS_LINE = new RegExp(
    [
        String.raw`^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3}) \d+ [A-Z]+ .*? (?:werkzeug|odoo\.service\.http\.access): `,
        String.raw`(\S+) - \S+ \[[^\]]*\] "(\S+) (\S+) [^"]*" (\d{3}) \S+`,
        String.raw` (\d+|-) (\d+(?:\.\d+)?|-) (\d+(?:\.\d+)?|-)(?: (ro|rw|ro->rw|-))?\s*$`,
    ].join(""),
);
/** Terminal colour codes: Odoo colours the perf fields when its log goes to a terminal (ColoredPerfFilter). */
const ANSI_COLOUR = new RegExp(String.fromCharCode(27) + "\\[[0-9;]*m", "g");
/** Requests that do not hold an HTTP worker for their duration. */
const NOT_WORKER_TIME = /^\/(web\/static\/|web\/assets\/|websocket|longpolling\/|[^/]+\/static\/|favicon\.ico)/;

/** Reads Odoo log lines; see the module comment for the format. */
export function parseRequestLog(lines: Iterable<string>): ParsedRequestLog {
    const entries: RequestLogEntry[] = [];
    let malformed = 0;
    let skipped = 0;
    let ignored = 0;
    for (const raw of lines) {
        const line = raw.replace(ANSI_COLOUR, "");
        if (!ACCESS_LOGGERS.test(line)) {
            ignored++;
            continue;
        }
        const m = ACCESS_LINE.exec(line);
        if (!m) {
            malformed++;
            continue;
        }
        const [, stamp, millis, client, method, path, status, count, sql, other, cursor] = m;
        if (count === "-" || sql === "-" || other === "-" || NOT_WORKER_TIME.test(path)) {
            skipped++;
            continue;
        }
        const time = Date.parse(`${stamp.replace(" ", "T")}.${millis}Z`) / 1000;
        if (!Number.isFinite(time)) {
            malformed++;
            continue;
        }
        entries.push({
            time,
            client,
            method,
            path,
            status: Number(status),
            queryCount: Number(count),
            querySeconds: Number(sql),
            otherSeconds: Number(other),
            cursor: cursor && cursor !== "-" ? cursor : undefined,
        });
    }
    return { entries, malformed, skipped, ignored };
}

/** A fitted lognormal component. */
interface Component {
    weight: number;
    mu: number;
    sigma: number;
}

/** Two-component Gaussian mixture over x = log(service time), by EM from a quantile split. */
function fitTwoLognormals(samples: number[]): [Component, Component] {
    const x = samples.map((s) => Math.log(Math.max(s, 1e-4))).sort((a, b) => a - b);
    const n = x.length;
    const split = Math.floor(n * 0.8);
    const stats = (xs: number[]) => {
        const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
        const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
        return { mean, sd: Math.sqrt(Math.max(variance, 1e-4)) };
    };
    const lo = stats(x.slice(0, Math.max(split, 1)));
    const hi = stats(x.slice(Math.min(split, n - 1)));
    let a: Component = { weight: 0.8, mu: lo.mean, sigma: lo.sd };
    let b: Component = { weight: 0.2, mu: hi.mean, sigma: hi.sd };
    const density = (c: Component, v: number) =>
        (c.weight / (c.sigma * Math.sqrt(2 * Math.PI))) * Math.exp(-0.5 * ((v - c.mu) / c.sigma) ** 2);
    for (let iteration = 0; iteration < 200; iteration++) {
        let wa = 0;
        let sa = 0;
        let sb = 0;
        const resp = x.map((v) => {
            const pa = density(a, v);
            const pb = density(b, v);
            const r = pa + pb > 0 ? pa / (pa + pb) : 0.5;
            wa += r;
            sa += r * v;
            sb += (1 - r) * v;
            return r;
        });
        const wb = n - wa;
        if (wa < 1 || wb < 1) {
            break;
        }
        const muA = sa / wa;
        const muB = sb / wb;
        let va = 0;
        let vb = 0;
        x.forEach((v, i) => {
            va += resp[i] * (v - muA) ** 2;
            vb += (1 - resp[i]) * (v - muB) ** 2;
        });
        const next: [Component, Component] = [
            { weight: wa / n, mu: muA, sigma: Math.sqrt(Math.max(va / wa, 1e-4)) },
            { weight: wb / n, mu: muB, sigma: Math.sqrt(Math.max(vb / wb, 1e-4)) },
        ];
        const moved = Math.abs(next[0].mu - a.mu) + Math.abs(next[1].mu - b.mu);
        [a, b] = next;
        if (moved < 1e-7) {
            break;
        }
    }
    return a.mu <= b.mu ? [a, b] : [b, a];
}

/** The fitted workload and what it rests on. */
export interface WorkloadCalibration {
    /** Ready to paste under the stack's `workload:` key. */
    workload: Required<Omit<WorkloadSettings, "cpuPerWorkerSecond" | "readOnlyShare">> & Pick<WorkloadSettings, "readOnlyShare">;
    requests: number;
    /** Active user-minutes the request rate was divided by. */
    activeUserMinutes: number;
    /** Mean and 95th percentile of the worker time of all requests, seconds. */
    serviceSeconds: { mean: number; p95: number };
}

/** The fewest requests a calibration is made from: fewer give classes that mean nothing. */
export const MIN_CALIBRATION_REQUESTS = 200;

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

/** Fits a workload to the entries of {@link parseRequestLog}. */
export function calibrateWorkload(entries: RequestLogEntry[]): WorkloadCalibration {
    if (entries.length < MIN_CALIBRATION_REQUESTS) {
        throw new Error(
            `the log holds ${entries.length} timed requests; a calibration needs at least ${MIN_CALIBRATION_REQUESTS} (export a busier period)`,
        );
    }
    const service = entries.map((e) => e.querySeconds + e.otherSeconds);
    const totalService = service.reduce((a, b) => a + b, 0);
    const totalSql = entries.reduce((a, e) => a + e.querySeconds, 0);
    const [light, heavy] = fitTwoLognormals(service);
    const linear = (c: Component) => ({ mean: Math.exp(c.mu + (c.sigma * c.sigma) / 2), cv: Math.sqrt(Math.exp(c.sigma * c.sigma) - 1) });
    const l = linear(light);
    const h = linear(heavy);

    const minutes = new Map<number, Set<string>>();
    for (const e of entries) {
        const minute = Math.floor(e.time / 60);
        let clients = minutes.get(minute);
        if (!clients) {
            clients = new Set();
            minutes.set(minute, clients);
        }
        clients.add(e.client);
    }
    let activeUserMinutes = 0;
    for (const clients of minutes.values()) {
        activeUserMinutes += clients.size;
    }
    const withCursor = entries.filter((e) => e.cursor !== undefined);
    const readOnlySql = withCursor.filter((e) => e.cursor === "ro").reduce((a, e) => a + e.querySeconds, 0);
    const cursorSql = withCursor.reduce((a, e) => a + e.querySeconds, 0);
    const sorted = [...service].sort((a, b) => a - b);

    return {
        workload: {
            requestsPerUserPerMinute: round(Math.min(Math.max(entries.length / activeUserMinutes, 0.1), 600), 2),
            lightShare: round(light.weight),
            lightMeanSeconds: round(Math.max(l.mean, 0.001), 4),
            lightCoefficientOfVariation: round(Math.min(l.cv, 10)),
            heavyMeanSeconds: round(Math.max(h.mean, 0.001), 4),
            heavyCoefficientOfVariation: round(Math.min(h.cv, 10)),
            databaseShare: round(Math.min(totalSql / totalService, 0.95)),
            ...(withCursor.length > 0 && cursorSql > 0 ? { readOnlyShare: round(readOnlySql / cursorSql) } : {}),
        },
        requests: entries.length,
        activeUserMinutes,
        serviceSeconds: { mean: totalService / entries.length, p95: sorted[Math.ceil(0.95 * sorted.length) - 1] },
    };
}
