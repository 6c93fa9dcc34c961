/**
 * The npm package as a consumer receives it: `npm pack` of the repository, run once per test
 * process (the pack's `prepare` script empties dist/components and builds it, so a clean clone
 * works and no stale module can slip into the tarball), and its installation into a fixture the
 * way npm installs a tarball dependency — extracted into node_modules/odoo-aws, offline. The
 * package's own dependencies (@pulumi/*) then resolve from the repository's node_modules by
 * Node's upward lookup, as hoisted dependencies would.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** One file of the tarball, as `npm pack --json` lists it. */
export interface PackedFile {
    path: string;
    size: number;
}

/** The packed package. */
export interface PackedPackage {
    name: string;
    version: string;
    /** Absolute path of the .tgz. */
    tarball: string;
    files: PackedFile[];
}

function run(command: string, args: string[], cwd: string): string {
    const result = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (result.error) {
        throw result.error;
    }
    if (result.status !== 0) {
        throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status}):\n${result.stderr}\n${result.stdout}`);
    }
    return result.stdout;
}

/**
 * A module an earlier build could have left in dist/components (a component since removed or
 * renamed): planted before packing, it must not reach the tarball.
 */
export const STALE_BUILD_OUTPUT = "removedComponent";

let packed: PackedPackage | undefined;

/** Packs the repository with npm (lifecycle scripts on), once per process. */
export function packPackage(): PackedPackage {
    if (!packed) {
        const stale = path.join(REPO_ROOT, "dist", "components");
        fs.mkdirSync(stale, { recursive: true });
        fs.writeFileSync(path.join(stale, `${STALE_BUILD_OUTPUT}.js`), "exports.removed = true;\n");
        fs.writeFileSync(path.join(stale, `${STALE_BUILD_OUTPUT}.d.ts`), "export declare const removed: boolean;\n");
        const destination = fs.mkdtempSync(path.join(os.tmpdir(), "odoo-aws-pack-"));
        const stdout = run("npm", ["pack", "--json", "--offline", "--pack-destination", destination], REPO_ROOT);
        const [entry] = JSON.parse(stdout) as { name: string; version: string; filename: string; files: PackedFile[] }[];
        packed = { name: entry.name, version: entry.version, tarball: path.join(destination, entry.filename), files: entry.files };
    }
    return packed;
}

/**
 * Installs the packed package into `projectDir` as its `file:odoo-aws.tgz` dependency: the
 * tarball is copied there and extracted into node_modules/odoo-aws (replacing any earlier copy).
 */
export function installPackedPackage(projectDir: string, pkg: PackedPackage = packPackage()): string {
    fs.copyFileSync(pkg.tarball, path.join(projectDir, "odoo-aws.tgz"));
    const target = path.join(projectDir, "node_modules", pkg.name);
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target, { recursive: true });
    run("tar", ["-xzf", pkg.tarball, "-C", target, "--strip-components=1"], projectDir);
    return target;
}

/** Runs the repository's TypeScript compiler; throws with its diagnostics when it fails. */
export function tsc(args: string[], cwd: string): void {
    run(process.execPath, [require.resolve("typescript/bin/tsc"), "--pretty", "false", ...args], cwd);
}
