/**
 * Scratch directories for tests: under the system's temporary directory, never in the checkout,
 * and removed when the test process exits (a test that fails half-way leaves nothing behind).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const made: string[] = [];
process.on("exit", () => {
    for (const dir of made) {
        rmSync(dir, { recursive: true, force: true });
    }
});

/** A new empty directory `odoo-aws-<purpose>-XXXXXX`, removed at exit. */
export function scratchDir(purpose: string): string {
    const dir = mkdtempSync(join(tmpdir(), `odoo-aws-${purpose}-`));
    made.push(dir);
    return dir;
}
