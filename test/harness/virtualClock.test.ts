import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLOCK_START, VIRTUAL_CLOCK_STUBS, elapsedSeconds, startClock } from "./virtualClock";

describe("the virtual clock for scripts under test", () => {
    let dir: string;
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), "odoo-aws-clock-"));
        for (const [name, text] of Object.entries(VIRTUAL_CLOCK_STUBS)) {
            writeFileSync(join(dir, name), text, { mode: 0o755 });
        }
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    function bash(script: string, env: Record<string, string>) {
        return spawnSync("bash", ["-c", script], { encoding: "utf8", env: { PATH: `${dir}:/usr/bin:/bin`, ...env } });
    }

    it("lets sleep advance the time date reads, without waiting", () => {
        const clock = startClock(dir);
        const run = bash("date +%s; sleep 600; date +%s; date -u +%H:%M:%S", clock);
        assert.equal(run.status, 0, run.stderr);
        assert.deepEqual(run.stdout.trim().split("\n"), [String(CLOCK_START), String(CLOCK_START + 600), "00:10:00"]);
        assert.equal(elapsedSeconds(clock), 600);
    });

    it("refuses a sleep it cannot count in whole seconds", () => {
        const clock = startClock(dir);
        const run = bash("sleep 0.5", clock);
        assert.equal(run.status, 2);
        assert.match(run.stderr, /whole seconds/);
        assert.equal(elapsedSeconds(clock), 0);
    });
});
