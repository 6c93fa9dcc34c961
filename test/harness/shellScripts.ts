/**
 * Running rendered shell scripts in tests: shellcheck them, and run them against executable stubs
 * (a fake `aws`, `curl`, …) in a scratch directory that is first on the PATH.
 */
import { strict as assert } from "node:assert";
import { SpawnSyncReturns, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Runs shellcheck on a script; fails (never skips) when the tool is missing. */
export function shellcheck(script: string, shell: "sh" | "bash"): { ok: boolean; output: string } {
    const which = spawnSync("shellcheck", ["--version"], { encoding: "utf8" });
    if (which.error || which.status !== 0) {
        assert.fail("shellcheck is not installed: apt-get install shellcheck (Debian) — the rendered scripts must be checked");
    }
    const result = spawnSync("shellcheck", ["--shell", shell, "--severity", "style", "-"], { input: script, encoding: "utf8" });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/** What a stubbed run left: exit status, the stubs' call log (one line per call), and the output. */
export interface StubbedRun {
    status: number | null;
    calls: string[];
    output: string;
}

/**
 * Runs `script` with `shell` in a scratch directory holding `stubs` (name → script text), with
 * `env` and CALLS pointing at a log the stubs append to. The directory is removed afterwards.
 */
export function runWithStubs(shell: string, script: string, stubs: Record<string, string>, env: Record<string, string>): StubbedRun {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "odoo-script-"));
    try {
        for (const [name, text] of Object.entries(stubs)) {
            fs.writeFileSync(path.join(dir, name), text, { mode: 0o755 });
        }
        const calls = path.join(dir, "calls");
        fs.writeFileSync(calls, "");
        const r: SpawnSyncReturns<string> = spawnSync(shell, ["-c", script], {
            encoding: "utf8",
            env: { PATH: `${dir}:/usr/bin:/bin`, HOME: dir, CALLS: calls, STATE: dir, ...env },
            timeout: 60000,
        });
        const log = fs.readFileSync(calls, "utf8").trim();
        return { status: r.status, calls: log === "" ? [] : log.split("\n"), output: `${r.stdout}${r.stderr}` };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
