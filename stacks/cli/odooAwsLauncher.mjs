#!/usr/bin/env node
// The `odoo-aws` bin (package.json "bin"): runs the compiled tool in dist/tools, first compiling
// stacks/cli with `tsc -b` (as `npm run preview` does) when a TypeScript source is newer than the
// last build, so a fresh clone works after `npm ci` and a warm start costs no compiler run.
// The compiler's output goes to stderr: stdout carries the report only.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(import.meta.url);

if (!existsSync(join(root, "stacks", "cli", "odooAws.ts"))) {
    process.stderr.write(
        "odoo-aws: the command-line tool runs from a clone of the repository (git clone, npm ci, npx odoo-aws …);\n" +
            "the installed package carries the components only.\n",
    );
    process.exit(2);
}

function newest(path) {
    const stat = statSync(path);
    if (!stat.isDirectory()) {
        return path.endsWith(".ts") || path.endsWith(".json") ? stat.mtimeMs : 0;
    }
    let latest = 0;
    for (const entry of readdirSync(path)) {
        if (entry !== "node_modules" && entry !== "diagrams") {
            latest = Math.max(latest, newest(join(path, entry)));
        }
    }
    return latest;
}

const entry = join(root, "dist", "tools", "stacks", "cli", "odooAws.js");
const buildInfo = join(root, "dist", "tools", ".tsbuildinfo");
const sources = ["stacks", "components", join("test", "bench"), "tsconfig.json"].map((p) => join(root, p)).filter(existsSync);
const built = existsSync(entry) && existsSync(buildInfo) ? statSync(buildInfo).mtimeMs : 0;
if (built < Math.max(...sources.map(newest))) {
    const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-b", join(root, "stacks", "cli")], {
        cwd: root,
        stdio: ["ignore", 2, 2],
    });
    if (tsc.status !== 0) {
        process.stderr.write("odoo-aws: compiling stacks/cli failed (see above)\n");
        process.exit(2);
    }
}

const { main } = require(entry);
process.exitCode = await main(process.argv.slice(2));
