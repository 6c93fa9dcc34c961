/**
 * Runs the Debian tools the tests judge rendered artifacts with: `cloud-init schema`, `shellcheck`
 * and python3 (configparser, the parser Odoo itself reads odoo.conf with, and py_compile).
 *
 * A missing tool fails the test with the package to install; it never skips it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PACKAGE_OF: Record<string, string> = { "cloud-init": "cloud-init", shellcheck: "shellcheck", python3: "python3" };

/** Throws, naming the Debian package to install, when `tool` is not on the PATH. */
export function requireTool(tool: string): void {
    const found = spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" });
    if (found.status !== 0) {
        throw new Error(`${tool} is not installed; install the Debian package: apt-get install ${PACKAGE_OF[tool] ?? tool}`);
    }
}

/** Writes `files` (name → content) into a fresh directory, runs `body`, removes the directory. */
function withFiles<T>(files: Record<string, string>, body: (dir: string) => T): T {
    const dir = mkdtempSync(join(tmpdir(), "odoo-aws-"));
    try {
        for (const [name, content] of Object.entries(files)) {
            writeFileSync(join(dir, name), content);
        }
        return body(dir);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/** The outcome of a tool run. */
export interface ToolResult {
    ok: boolean;
    output: string;
}

/** `cloud-init schema --config-file` on one cloud-config text. */
export function cloudInitSchema(userData: string): ToolResult {
    requireTool("cloud-init");
    return withFiles({ "user-data.yaml": userData }, (dir) => {
        const run = spawnSync("cloud-init", ["schema", "--config-file", join(dir, "user-data.yaml")], { encoding: "utf8" });
        return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
    });
}

/** `shellcheck` (bash dialect, every severity) on several scripts at once; names appear in the output. */
export function shellcheck(scripts: Record<string, string>): ToolResult {
    requireTool("shellcheck");
    const files = Object.fromEntries(
        Object.entries(scripts).map(([name, text], i) => [`${i}-${name.replace(/[^A-Za-z0-9.-]/g, "_")}`, text]),
    );
    return withFiles(files, (dir) => {
        const run = spawnSync("shellcheck", ["--shell=bash", "--severity=style", ...Object.keys(files).map((f) => join(dir, f))], {
            encoding: "utf8",
        });
        return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
    });
}

/** Python's configparser.RawConfigParser (strict, as Odoo uses it) over several INI texts: sections → options → values. */
export function parseIniWithPython(texts: string[]): Record<string, Record<string, string>>[] {
    requireTool("python3");
    const program = [
        "import configparser, json, sys",
        "out = []",
        "for text in json.load(sys.stdin):",
        "    p = configparser.RawConfigParser()",
        "    p.read_string(text)",
        "    out.append({s: dict(p.items(s)) for s in p.sections()})",
        "print(json.dumps(out))",
    ].join("\n");
    const run = spawnSync("python3", ["-c", program], { input: JSON.stringify(texts), encoding: "utf8" });
    if (run.status !== 0) {
        throw new Error(`python3 configparser rejected the text: ${run.stderr}`);
    }
    return JSON.parse(run.stdout) as Record<string, Record<string, string>>[];
}

/** Compiles Python sources (syntax only) with python3's py_compile. */
export function pyCompile(sources: Record<string, string>): ToolResult {
    requireTool("python3");
    const files = Object.fromEntries(
        Object.entries(sources).map(([name, text], i) => [`m${i}_${name.replace(/[^A-Za-z0-9]/g, "_")}.py`, text]),
    );
    return withFiles(files, (dir) => {
        const run = spawnSync("python3", ["-m", "py_compile", ...Object.keys(files).map((f) => join(dir, f))], { encoding: "utf8" });
        return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
    });
}
