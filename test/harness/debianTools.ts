/**
 * Runs the Debian tools the tests judge rendered artifacts with: cloud-init's schema validation,
 * `shellcheck` and python3 (configparser, the parser Odoo itself reads odoo.conf with, and
 * py_compile).
 *
 * Each runner takes many inputs at once and starts its tool once: a Python interpreter costs
 * 20 ms to start (160 ms behind a pyenv shim) and cloud-init 0.4 s to import, so one process per
 * case made these checks a third of the test run.
 *
 * A missing tool fails the test with the package to install; it never skips it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PACKAGE_OF: Record<string, string> = {
    "cloud-init": "cloud-init",
    shellcheck: "shellcheck",
    python3: "python3",
    nginx: "nginx-light",
};

const found = new Map<string, string>();

/** The path of `tool` on the PATH; throws, naming the Debian package to install, when there is none. */
export function requireTool(tool: string): string {
    const known = found.get(tool);
    if (known !== undefined) {
        return known;
    }
    const which = spawnSync("sh", ["-c", 'command -v "$1"', "sh", tool], { encoding: "utf8" });
    if (which.status !== 0) {
        throw new Error(`${tool} is not installed; install the Debian package: apt-get install ${PACKAGE_OF[tool] ?? tool}`);
    }
    const path = which.stdout.trim();
    found.set(tool, path);
    return path;
}

let python: string | undefined;

/** The python3 on the PATH, as the interpreter itself (not a pyenv or virtualenv shim in front of it). */
function python3(): string {
    if (python === undefined) {
        const run = spawnSync(requireTool("python3"), ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" });
        python = run.status === 0 && run.stdout.trim() !== "" ? run.stdout.trim() : requireTool("python3");
    }
    return python;
}

/** The interpreter a script's `#!` line names, with its arguments (`/usr/bin/python3`, `/usr/bin/env python3`). */
function interpreterOf(script: string): string[] {
    const first = readFileSync(script, "utf8").split("\n", 1)[0];
    if (!first.startsWith("#!")) {
        throw new Error(`${script} has no #! line`);
    }
    return first.slice(2).trim().split(/\s+/);
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

/**
 * What `cloud-init schema --config-file` says of each cloud-config (name → text), for all of them
 * in one process: the validation the command runs (cloudinit.config.schema's
 * validate_cloudconfig_file against get_schema()), called by the Python that runs cloud-init.
 * The test of this runner checks it judges as the command does.
 */
export function cloudInitSchema(configs: Record<string, string>): ToolResult {
    const [interpreter, ...interpreterArgs] = interpreterOf(requireTool("cloud-init"));
    const files = Object.fromEntries(Object.keys(configs).map((name, i) => [name, `${i}.yaml`]));
    const program = [
        "import contextlib, io, json, sys",
        "from cloudinit.config.schema import SchemaValidationError, get_schema, validate_cloudconfig_file",
        "schema = get_schema()",
        "out = {}",
        "for name, path in json.load(sys.stdin).items():",
        "    said = io.StringIO()",
        "    try:",
        "        with contextlib.redirect_stdout(said):",
        "            validate_cloudconfig_file(path, schema)",
        "        out[name] = None",
        "    except (SchemaValidationError, RuntimeError) as e:",
        "        out[name] = (said.getvalue() + str(e)).strip()",
        "json.dump(out, sys.stdout)",
    ].join("\n");
    return withFiles(Object.fromEntries(Object.entries(configs).map(([name, text]) => [files[name], text])), (dir) => {
        const paths = Object.fromEntries(Object.entries(files).map(([name, file]) => [name, join(dir, file)]));
        const run = spawnSync(interpreter, [...interpreterArgs, "-c", program], { input: JSON.stringify(paths), encoding: "utf8" });
        if (run.status !== 0) {
            throw new Error(`cloud-init's schema validation did not run: ${run.stderr}`);
        }
        const problems = Object.entries(JSON.parse(run.stdout) as Record<string, string | null>).filter(([, p]) => p !== null);
        return { ok: problems.length === 0, output: problems.map(([name, p]) => `${name}: ${p}`).join("\n") };
    });
}

/** `cloud-init schema --config-file` itself on one cloud-config text, for checking {@link cloudInitSchema}. */
export function cloudInitSchemaCommand(userData: string): ToolResult {
    const cloudInit = requireTool("cloud-init");
    return withFiles({ "user-data.yaml": userData }, (dir) => {
        const run = spawnSync(cloudInit, ["schema", "--config-file", join(dir, "user-data.yaml")], { encoding: "utf8" });
        return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
    });
}

/** `shellcheck` (every severity) on several scripts at once, in the given dialect; names appear in the output. */
export function shellcheck(scripts: Record<string, string>, shell: "bash" | "sh" = "bash"): ToolResult {
    const shellcheckPath = requireTool("shellcheck");
    const files = Object.fromEntries(
        Object.entries(scripts).map(([name, text], i) => [`${i}-${name.replace(/[^A-Za-z0-9.-]/g, "_")}`, text]),
    );
    return withFiles(files, (dir) => {
        const run = spawnSync(shellcheckPath, [`--shell=${shell}`, "--severity=style", ...Object.keys(files).map((f) => join(dir, f))], {
            encoding: "utf8",
        });
        return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
    });
}

/** Python's configparser.RawConfigParser (strict, as Odoo uses it) over several INI texts: sections → options → values. */
export function parseIniWithPython(texts: string[]): Record<string, Record<string, string>>[] {
    const program = [
        "import configparser, json, sys",
        "out = []",
        "for text in json.load(sys.stdin):",
        "    p = configparser.RawConfigParser()",
        "    p.read_string(text)",
        "    out.append({s: dict(p.items(s)) for s in p.sections()})",
        "print(json.dumps(out))",
    ].join("\n");
    const run = spawnSync(python3(), ["-c", program], { input: JSON.stringify(texts), encoding: "utf8" });
    if (run.status !== 0) {
        throw new Error(`python3 configparser rejected the text: ${run.stderr}`);
    }
    return JSON.parse(run.stdout) as Record<string, Record<string, string>>[];
}

/** Compiles Python sources (syntax only) with python3's py_compile. */
export function pyCompile(sources: Record<string, string>): ToolResult {
    const files = Object.fromEntries(
        Object.entries(sources).map(([name, text], i) => [`m${i}_${name.replace(/[^A-Za-z0-9]/g, "_")}.py`, text]),
    );
    return withFiles(files, (dir) => {
        const run = spawnSync(python3(), ["-m", "py_compile", ...Object.keys(files).map((f) => join(dir, f))], { encoding: "utf8" });
        return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
    });
}
