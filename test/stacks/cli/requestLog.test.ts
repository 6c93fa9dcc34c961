import { strict as assert } from "node:assert";
import { calibrateWorkload, parseRequestLog, MIN_CALIBRATION_REQUESTS } from "../../../stacks/cli/requestLog";
import { renderCalibration } from "../../../stacks/cli/calibrate";
import { prng } from "../../harness/queueSimulation";

interface Truth {
    users: number;
    minutes: number;
    requestsPerUserPerMinute: number;
    lightShare: number;
    lightMean: number;
    heavyMean: number;
    cv: number;
    databaseShare: number;
    readOnly?: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Odoo's werkzeug access line, as odoo/netsvc.py formats it (perf fields last; the cursor mode when given). */
function accessLine(
    t: number,
    client: string,
    method: string,
    path: string,
    count: string,
    sql: string,
    other: string,
    cursor?: string,
): string {
    const d = new Date(t * 1000);
    const stamp = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())},${pad(d.getUTCMilliseconds(), 3)}`;
    const clf = `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    const perf = `${count} ${sql} ${other}${cursor ? ` ${cursor}` : ""}`;
    return `${stamp} 38 INFO erp werkzeug: ${client} - - [${clf}] "${method} ${path} HTTP/1.0" 200 - ${perf}`;
}

/** A log of `truth`'s workload, with the noise a real one has. */
function generateLog(truth: Truth, seed = 3): string[] {
    const random = prng(seed);
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const lognormal = (mean: number) => {
        const s2 = Math.log(1 + truth.cv * truth.cv);
        return Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * normal());
    };
    const lines: string[] = [];
    const start = Date.UTC(2026, 10, 30, 9, 0, 0) / 1000;
    for (let minute = 0; minute < truth.minutes; minute++) {
        for (let u = 0; u < truth.users; u++) {
            const client = `10.0.${Math.floor(u / 250)}.${(u % 250) + 1}`;
            // Poisson requests in the minute.
            let t = start + minute * 60 + -Math.log(1 - random()) * (60 / truth.requestsPerUserPerMinute);
            while (t < start + (minute + 1) * 60) {
                const heavy = random() >= truth.lightShare;
                const service = lognormal(heavy ? truth.heavyMean : truth.lightMean);
                const sql = service * truth.databaseShare;
                const cursor = truth.readOnly === undefined ? undefined : random() < truth.readOnly ? "ro" : "rw";
                lines.push(
                    accessLine(
                        t,
                        client,
                        "POST",
                        "/web/dataset/call_kw/res.partner/web_read",
                        String(Math.ceil(sql * 400)),
                        sql.toFixed(3),
                        (service - sql).toFixed(3),
                        cursor,
                    ),
                );
                t += -Math.log(1 - random()) * (60 / truth.requestsPerUserPerMinute);
            }
        }
        lines.push(accessLine(start + minute * 60 + 1, "10.0.0.1", "GET", "/web/assets/1/web.assets_web.min.js", "-", "-", "-"));
        lines.push(accessLine(start + minute * 60 + 2, "10.0.0.1", "GET", "/websocket?version=18.0", "3", "0.001", "58.000"));
        lines.push(
            `2026-11-30 09:${pad(minute % 60)}:30,001 38 INFO erp odoo.addons.base.models.ir_cron: Job 'Mail: Email Queue Manager' done.`,
        );
    }
    lines.push("Traceback (most recent call last):", '  File "/usr/lib/python3/dist-packages/odoo/http.py", line 2150, in __call__');
    lines.push(
        '2026-11-30 10:00:00,000 38 INFO erp werkzeug: 10.0.0.9 - - [30/Nov/2026 10:00:00] "POST /web/action/load HTTP/1.0" 200 - twelve 0.1 0.2',
    );
    lines.push('2026-11-30 10:00:00,000 38 INFO erp werkzeug: 10.0.0.9 - - [30/Nov/2026 10:00:00] "POST /web/action/load HTTP/1.0" 200 -');
    return lines;
}

const close = (actual: number, expected: number, tolerance: number) => Math.abs(actual - expected) / expected <= tolerance;

describe("calibrating the workload from Odoo's request log", () => {
    const truth: Truth = {
        users: 40,
        minutes: 30,
        requestsPerUserPerMinute: 10,
        lightShare: 0.8,
        lightMean: 0.1,
        heavyMean: 0.8,
        cv: 0.6,
        databaseShare: 0.3,
    };
    const lines = generateLog(truth);

    it("reads Odoo's access lines, leaves out static assets and the websocket, ignores other loggers and tracebacks", () => {
        const parsed = parseRequestLog(lines);
        assert.equal(parsed.skipped, 2 * truth.minutes);
        assert.equal(parsed.ignored, truth.minutes + 2);
        assert.ok(parsed.entries.length > truth.users * truth.minutes * truth.requestsPerUserPerMinute * 0.9);
        assert.ok(parsed.entries.every((e) => e.status === 200 && e.method === "POST"));
    });

    it("counts access lines whose performance fields cannot be read as malformed and skips them, without failing", () => {
        assert.equal(parseRequestLog(lines).malformed, 2);
        assert.equal(parseRequestLog(["", "garbage", "2026-11-30 10:00:00,000 38 INFO erp werkzeug: nonsense"]).malformed, 1);
    });

    it("recovers the request rate per active user, the class shares and means, and the database share it was generated with", () => {
        const { workload } = calibrateWorkload(parseRequestLog(lines).entries);
        assert.ok(
            close(workload.requestsPerUserPerMinute, truth.requestsPerUserPerMinute, 0.1),
            `rate ${workload.requestsPerUserPerMinute}`,
        );
        assert.ok(Math.abs(workload.lightShare - truth.lightShare) <= 0.05, `light share ${workload.lightShare}`);
        assert.ok(close(workload.lightMeanSeconds, truth.lightMean, 0.15), `light mean ${workload.lightMeanSeconds}`);
        assert.ok(close(workload.heavyMeanSeconds, truth.heavyMean, 0.15), `heavy mean ${workload.heavyMeanSeconds}`);
        assert.ok(close(workload.databaseShare, truth.databaseShare, 0.05), `database share ${workload.databaseShare}`);
        assert.equal(workload.readOnlyShare, undefined, "no cursor field, no read-only share");
    });

    it("reads the read-only share of database time from the cursor field of Odoo 18+ with a replica", () => {
        const withCursor = generateLog({ ...truth, minutes: 10, readOnly: 0.3 }, 5);
        const { workload } = calibrateWorkload(parseRequestLog(withCursor).entries);
        assert.ok(workload.readOnlyShare !== undefined && Math.abs(workload.readOnlyShare - 0.3) <= 0.06, `${workload.readOnlyShare}`);
    });

    it("reads the access logger of newer Odoo (odoo.service.http.access) and strips terminal colours", () => {
        const line = `\x1b[1;32m${lines[0].replace("werkzeug:", "odoo.service.http.access:")}\x1b[0m`;
        assert.equal(parseRequestLog([line]).entries.length, 1);
    });

    it("refuses to fit fewer than the minimum of requests, saying how many it found", () => {
        assert.throws(
            () => calibrateWorkload(parseRequestLog(lines.slice(0, 50)).entries),
            new RegExp(`at least ${MIN_CALIBRATION_REQUESTS}`),
        );
    });

    it("prints a workload block for the stack file with what the fit rests on", () => {
        const text = renderCalibration(lines.join("\n"));
        assert.match(text, /^# Fitted from \d+ requests over \d+ active user-minutes/);
        assert.match(text, /2 malformed access lines skipped/);
        assert.match(text, /^ {2}odoo-aws:workload:\n(?: {4}\w+: [\d.]+\n)+$/m);
    });
});
