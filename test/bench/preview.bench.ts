/**
 * `npm run bench`: how long the offline preview of the prod stack takes, against a baseline in the
 * same run (a process that only loads @pulumi/pulumi and @pulumi/aws and boots the policy pack the
 * preview boots).
 * Five cold runs of each — fresh processes, interleaved so both see the same machine load — and the
 * medians and their ratio. Targets: the preview within 2× the baseline and under 5 s.
 *
 * This prints figures; it asserts nothing about wall time (the machine is shared).
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { repositoryRoot } from "../../stacks/cli/repository";

const ROOT = repositoryRoot(__dirname);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TSC = path.join(ROOT, "node_modules", ".bin", "tsc");

/** Runs a command to completion and returns its wall time in ms. */
function timeRun(command: string, args: string[]): number {
    const started = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) {
        throw new Error(`${command} ${args.join(" ")} exited ${result.status}:\n${result.stderr}`);
    }
    return ms;
}

// Exactly what `npm run preview -- --stack prod --json` runs (without npm's own start-up): the
// up-to-date check of the compiled tools, then the compiled preview.
const previewRun = () =>
    timeRun("sh", [
        "-c",
        `"${TSC}" -b stacks/cli && "${process.execPath}" dist/tools/stacks/cli/preview.js --stack prod --json >/dev/null`,
    ]);
const baselineRun = () => timeRun(process.execPath, ["dist/tools/test/bench/previewBaseline.js"]);

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const preview: number[] = [];
const baseline: number[] = [];
// One warm-up of each, not counted: it compiles the tools and the policy pack if they are missing or stale.
previewRun();
baselineRun();
for (let i = 0; i < RUNS; i++) {
    baseline.push(baselineRun());
    preview.push(previewRun());
}
const p = median(preview);
const b = median(baseline);
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
process.stdout.write(
    [
        `offline preview of prod, ${RUNS} cold runs: ${preview.map(fmt).join(", ")}`,
        `baseline (load @pulumi/pulumi + @pulumi/aws, boot the policy pack), ${RUNS} cold runs: ${baseline.map(fmt).join(", ")}`,
        `median preview ${fmt(p)}, median baseline ${fmt(b)}, ratio ${(p / b).toFixed(2)}×`,
        `targets: ratio ≤ 2× ${p / b <= 2 ? "met" : "missed"}; preview < 5 s ${p < 5000 ? "met" : "missed"}`,
    ].join("\n") + "\n",
);
