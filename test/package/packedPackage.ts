/**
 * The npm package as a consumer receives it, made without writing into the checkout.
 *
 * Once per test process the repository is copied as a clean clone would have it (the files git
 * shows: tracked, and new ones it does not ignore) into a scratch directory, with the
 * repository's node_modules linked in; a module an earlier build could have left in
 * dist/components is planted in the copy; and `npm pack` runs there with its lifecycle scripts,
 * so the `prepare` script empties dist/components and builds it as it does for a clean clone.
 * A consumer project is a scratch copy of a fixture with the tarball extracted into
 * node_modules/odoo-aws, offline, as npm installs a tarball dependency, and every other package
 * of the repository's node_modules linked beside it, as hoisted dependencies would be.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { scratchDir } from "../harness/scratch";

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
    /** The copy of the repository it was packed from, built by `prepare` (dist/components). */
    checkout: string;
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

/** A scratch directory by its real path (what Node's module resolution reports). */
function realScratchDir(purpose: string): string {
    return fs.realpathSync(scratchDir(purpose));
}

/** Links `node_modules` of `dir` to the repository's. */
function linkRepositoryModules(dir: string): void {
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
}

/** Copies the checkout as a clean clone has it: the files git tracks and the new ones it does not ignore. */
function copyCheckout(): string {
    const copy = realScratchDir("checkout");
    const listed = run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], REPO_ROOT).split("\0");
    for (const file of listed.filter((f) => f !== "" && fs.existsSync(path.join(REPO_ROOT, f)))) {
        fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
        fs.copyFileSync(path.join(REPO_ROOT, file), path.join(copy, file));
    }
    linkRepositoryModules(copy);
    return copy;
}

/**
 * A module an earlier build could have left in dist/components (a component since removed or
 * renamed): planted before packing, it must not reach the tarball.
 */
export const STALE_BUILD_OUTPUT = "removedComponent";

let packed: PackedPackage | undefined;

/** Packs a copy of the repository with npm (lifecycle scripts on), once per process. */
export function packPackage(): PackedPackage {
    if (!packed) {
        const checkout = copyCheckout();
        const stale = path.join(checkout, "dist", "components");
        fs.mkdirSync(stale, { recursive: true });
        fs.writeFileSync(path.join(stale, `${STALE_BUILD_OUTPUT}.js`), "exports.removed = true;\n");
        fs.writeFileSync(path.join(stale, `${STALE_BUILD_OUTPUT}.d.ts`), "export declare const removed: boolean;\n");
        const destination = realScratchDir("pack");
        const stdout = run("npm", ["pack", "--json", "--offline", "--pack-destination", destination], checkout);
        const [entry] = JSON.parse(stdout) as { name: string; version: string; filename: string; files: PackedFile[] }[];
        packed = {
            name: entry.name,
            version: entry.version,
            tarball: path.join(destination, entry.filename),
            files: entry.files,
            checkout,
        };
    }
    return packed;
}

/**
 * A consumer project: a scratch copy of test/fixtures/`fixture` with the packed package installed
 * as its `file:odoo-aws.tgz` dependency (the tarball beside package.json, extracted into
 * node_modules/odoo-aws) and the repository's other packages linked into its node_modules.
 */
export function consumerProject(fixture: string, pkg: PackedPackage = packPackage()): string {
    const project = realScratchDir(`consumer-${fixture}`);
    fs.cpSync(path.join(REPO_ROOT, "test", "fixtures", fixture), project, { recursive: true });
    fs.copyFileSync(pkg.tarball, path.join(project, "odoo-aws.tgz"));
    const modules = path.join(project, "node_modules");
    fs.mkdirSync(modules);
    for (const entry of fs.readdirSync(path.join(REPO_ROOT, "node_modules"))) {
        if (entry !== pkg.name && !entry.startsWith(".")) {
            fs.symlinkSync(path.join(REPO_ROOT, "node_modules", entry), path.join(modules, entry), "dir");
        }
    }
    const target = path.join(modules, pkg.name);
    fs.mkdirSync(target);
    run("tar", ["-xzf", pkg.tarball, "-C", target, "--strip-components=1"], project);
    return project;
}

/** Runs the repository's TypeScript compiler; throws with its diagnostics when it fails. */
export function tsc(args: string[], cwd: string): void {
    run(process.execPath, [require.resolve("typescript/bin/tsc"), "--pretty", "false", ...args], cwd);
}
