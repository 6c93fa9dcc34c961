/**
 * `npm run pack:policies [-- --out <dir>]`
 *
 * Builds the CrossGuard policy pack as a directory that stands on its own (default
 * dist/policy-pack): the compiled pack (policies/) and the component modules it imports
 * (components/tags, catalog, sizing, …) side by side, so the pack's `../components/…` imports
 * resolve inside the directory; its own package.json (name and version of policies/package.json,
 * every package the compiled code requires); and PulumiPolicy.yaml.
 *
 * Why: policies/ imports ../components, and `pulumi policy publish` uploads only the pack's own
 * directory, so publishing policies/ would ship a pack that cannot load. The built directory is
 * what `pulumi policy publish` uploads and what `pulumi preview --policy-pack <dir>` runs from
 * another project, after `npm install` in it. It is plain JavaScript, so the CLI starts it without
 * type-checking TypeScript first.
 */
import { builtinModules } from "node:module";
import * as fs from "node:fs";
import * as path from "node:path";
import { repositoryRoot } from "./repository";
import { parseArgs } from "node:util";
import * as ts from "typescript";

const REPO_ROOT = repositoryRoot();
const PACK_SOURCE = path.join(REPO_ROOT, "policies");
/** Where `npm run pack:policies` writes the pack unless told otherwise. */
export const DEFAULT_PACK_DIR = path.join(REPO_ROOT, "dist", "policy-pack");
/** The pack's entry point inside the built directory. */
export const PACK_MAIN = "policies/index.js";

/** What {@link buildPolicyPack} wrote. */
export interface BuiltPolicyPack {
    dir: string;
    name: string;
    version: string;
    /** Package name → version range, as written to the pack's package.json. */
    dependencies: Record<string, string>;
    /** Every file written, relative to `dir`, sorted. */
    files: string[];
}

interface PackageManifest {
    name: string;
    version: string;
    description?: string;
    license?: string;
    dependencies?: Record<string, string>;
}

function readManifest(file: string): PackageManifest {
    return JSON.parse(fs.readFileSync(file, "utf8")) as PackageManifest;
}

function formatDiagnostics(diagnostics: readonly ts.Diagnostic[]): string {
    return ts.formatDiagnostics(diagnostics, {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => REPO_ROOT,
        getNewLine: () => "\n",
    });
}

/** Compiles policies/index.ts and everything it imports into `outDir`, keeping the repository's layout. */
function compilePack(outDir: string): string[] {
    const configFile = path.join(PACK_SOURCE, "tsconfig.json");
    const read = ts.readConfigFile(configFile, ts.sys.readFile);
    if (read.error) {
        throw new Error(formatDiagnostics([read.error]));
    }
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, PACK_SOURCE);
    const program = ts.createProgram({
        rootNames: [path.join(PACK_SOURCE, "index.ts")],
        options: {
            ...parsed.options,
            rootDir: REPO_ROOT,
            outDir,
            noEmit: false,
            declaration: false,
            sourceMap: false,
        },
    });
    const diagnostics = ts.getPreEmitDiagnostics(program);
    if (diagnostics.length > 0) {
        throw new Error(`the policy pack does not compile:\n${formatDiagnostics(diagnostics)}`);
    }
    const written: string[] = [];
    const emitted = program.emit(undefined, (fileName, text) => {
        fs.mkdirSync(path.dirname(fileName), { recursive: true });
        fs.writeFileSync(fileName, text);
        written.push(fileName);
    });
    if (emitted.emitSkipped || emitted.diagnostics.length > 0) {
        throw new Error(`the policy pack was not emitted:\n${formatDiagnostics(emitted.diagnostics)}`);
    }
    return written;
}

const BUILTINS: ReadonlySet<string> = new Set(builtinModules);

/** The npm package a bare module specifier names (`@scope/name/sub` → `@scope/name`), or undefined for a relative or built-in one. */
export function packageOf(specifier: string): string | undefined {
    if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:") || BUILTINS.has(specifier.split("/")[0])) {
        return undefined;
    }
    const parts = specifier.split("/");
    return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** Module specifiers of every `require("…")` in compiled CommonJS. */
export function requiredModules(javascript: string): string[] {
    return [...javascript.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
}

/**
 * Every package the compiled pack requires, with its version range: from policies/package.json
 * when it names the package, otherwise from the repository's package.json (the component modules'
 * own dependencies). @pulumi/pulumi is always one: the CLI starts the pack through its
 * run-policy-pack script, resolved from the pack's directory.
 */
function packDependencies(
    jsFiles: string[],
    outDir: string,
    packManifest: PackageManifest,
    rootManifest: PackageManifest,
): Record<string, string> {
    const needed = new Set<string>(["@pulumi/pulumi", ...Object.keys(packManifest.dependencies ?? {})]);
    for (const file of jsFiles) {
        for (const specifier of requiredModules(fs.readFileSync(file, "utf8"))) {
            if (specifier.startsWith(".")) {
                const target = path.resolve(path.dirname(file), specifier);
                if (path.relative(outDir, target).startsWith("..")) {
                    throw new Error(`${path.relative(outDir, file)} requires ${specifier}, outside the pack`);
                }
                continue;
            }
            const name = packageOf(specifier);
            if (name !== undefined) {
                needed.add(name);
            }
        }
    }
    const dependencies: Record<string, string> = {};
    for (const name of [...needed].sort()) {
        const range = packManifest.dependencies?.[name] ?? rootManifest.dependencies?.[name];
        if (range === undefined) {
            throw new Error(`the policy pack requires ${name}, which neither policies/package.json nor package.json lists as a dependency`);
        }
        dependencies[name] = range;
    }
    return dependencies;
}

function listFiles(dir: string, base = dir): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join("/")];
    });
}

/**
 * The build empties its output directory first, so it must not be the repository, one of its
 * ancestors, or a directory of the repository outside dist/ (policies/, say).
 */
function requireDisposableDirectory(dir: string): void {
    const fromRepo = path.relative(REPO_ROOT, dir);
    const insideRepo = fromRepo === "" || (!fromRepo.startsWith("..") && !path.isAbsolute(fromRepo));
    const ancestorOfRepo = !path.relative(dir, REPO_ROOT).startsWith("..");
    const underDist = !path.relative(path.join(REPO_ROOT, "dist"), dir).startsWith("..") && dir !== path.join(REPO_ROOT, "dist");
    if (ancestorOfRepo || (insideRepo && !underDist)) {
        throw new Error(
            `refusing to build the policy pack into ${dir}: the build empties it first; use a new directory or one under dist/`,
        );
    }
}

/** Builds the self-contained policy pack into `outDir` (emptied first) and describes it. */
export function buildPolicyPack(outDir: string = DEFAULT_PACK_DIR): BuiltPolicyPack {
    const dir = path.resolve(outDir);
    requireDisposableDirectory(dir);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });

    const packManifest = readManifest(path.join(PACK_SOURCE, "package.json"));
    const rootManifest = readManifest(path.join(REPO_ROOT, "package.json"));
    const jsFiles = compilePack(dir).filter((f) => f.endsWith(".js"));
    if (!fs.existsSync(path.join(dir, PACK_MAIN))) {
        throw new Error(`the compiled pack has no ${PACK_MAIN}`);
    }
    const dependencies = packDependencies(jsFiles, dir, packManifest, rootManifest);

    const manifest = {
        name: packManifest.name,
        version: packManifest.version,
        description: packManifest.description,
        license: packManifest.license ?? rootManifest.license,
        private: true,
        main: PACK_MAIN,
        dependencies,
    };
    fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.copyFileSync(path.join(PACK_SOURCE, "PulumiPolicy.yaml"), path.join(dir, "PulumiPolicy.yaml"));

    return { dir, name: manifest.name, version: manifest.version, dependencies, files: listFiles(dir).sort() };
}

if (require.main === module) {
    const { values } = parseArgs({ args: process.argv.slice(2), strict: true, options: { out: { type: "string" } } });
    const pack = buildPolicyPack(values.out ?? DEFAULT_PACK_DIR);
    const shown = path.relative(process.cwd(), pack.dir) || ".";
    console.log(`Built policy pack ${pack.name}@${pack.version} in ${shown} (${pack.files.length} files).`);
    console.log(
        `Next: cd ${shown} && npm install, then \`pulumi preview --policy-pack ${pack.dir}\` from your project, or \`pulumi policy publish <org>\` from ${shown}.`,
    );
}
