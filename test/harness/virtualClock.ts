/**
 * `sleep` and `date` for shell scripts under test: the time is a number of seconds in the file
 * named by $CLOCK, which `sleep N` advances and `date` reads. A script's polling and deadlines
 * then run exactly as written, in no wall time, and a test can say how many seconds passed.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Where the clock starts: 2026-01-01T00:00:00Z. */
export const CLOCK_START = 1_767_225_600;

/** The stubs to put first on the script's PATH (name → script). */
export const VIRTUAL_CLOCK_STUBS: Readonly<Record<string, string>> = {
    sleep: `#!/bin/bash
[[ $# -eq 1 && $1 =~ ^[0-9]+$ ]] || { echo "virtual sleep takes whole seconds, got: $*" >&2; exit 2; }
echo $(( $(cat "\${CLOCK:?}") + $1 )) > "$CLOCK"
`,
    date: `#!/bin/bash
exec /bin/date -d "@$(cat "\${CLOCK:?}")" "$@"
`,
};

/** Sets a clock file in `dir` to {@link CLOCK_START}; returns the environment the stubs need. */
export function startClock(dir: string): { CLOCK: string } {
    const clock = join(dir, "clock");
    writeFileSync(clock, `${CLOCK_START}\n`);
    return { CLOCK: clock };
}

/** Seconds the clock in `env` has advanced since {@link startClock}. */
export function elapsedSeconds(env: { CLOCK: string }): number {
    return Number(readFileSync(env.CLOCK, "utf8").trim()) - CLOCK_START;
}
