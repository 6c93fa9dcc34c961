/**
 * `npm run -s calibrate -- <log file | -> [--json]`
 *
 * Reads Odoo's log (a file, or standard input with `-`: e.g. an export of the nodes' CloudWatch
 * log group, `aws logs filter-log-events … --output text`), fits the capacity model's workload to
 * its access-log lines (see requestLog.ts) and prints a `workload` block to paste into the stack's
 * Pulumi.<stack>.yaml under `odoo-aws:workload`, with what the fit rests on. Offline and read-only.
 */
import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { calibrateWorkload, parseRequestLog } from "./requestLog";

const USAGE = "usage: npm run -s calibrate -- <odoo log file | -> [--json]";

/** Renders the calibration as the YAML the stack file takes, with comments on what it rests on. */
export function renderCalibration(text: string): string {
    const parsed = parseRequestLog(text.split(/\r?\n/));
    const calibration = calibrateWorkload(parsed.entries);
    const lines = [
        `# Fitted from ${calibration.requests} requests over ${calibration.activeUserMinutes} active user-minutes`,
        `# (${parsed.skipped} static/websocket/untimed requests left out, ${parsed.malformed} malformed access lines skipped).`,
        `# Worker time per request: mean ${calibration.serviceSeconds.mean.toFixed(3)} s, p95 ${calibration.serviceSeconds.p95.toFixed(3)} s.`,
        "  odoo-aws:workload:",
        ...Object.entries(calibration.workload).map(([key, value]) => `    ${key}: ${value}`),
    ];
    return lines.join("\n") + "\n";
}

function main(argv: string[]): number {
    const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: { json: { type: "boolean" }, help: { type: "boolean" } },
    });
    if (values.help || positionals.length !== 1) {
        process.stderr.write(`${USAGE}\n`);
        return values.help ? 0 : 2;
    }
    const text = positionals[0] === "-" ? fs.readFileSync(0, "utf8") : fs.readFileSync(positionals[0], "utf8");
    try {
        if (values.json) {
            const parsed = parseRequestLog(text.split(/\r?\n/));
            const calibration = calibrateWorkload(parsed.entries);
            process.stdout.write(
                JSON.stringify({ ...calibration, malformedLines: parsed.malformed, skippedRequests: parsed.skipped }, null, 2) + "\n",
            );
        } else {
            process.stdout.write(renderCalibration(text));
        }
        return 0;
    } catch (error) {
        process.stderr.write(`calibrate: ${(error as Error).message}\n`);
        return 2;
    }
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
