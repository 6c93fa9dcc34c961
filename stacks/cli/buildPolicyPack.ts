/**
 * `npm run pack:policies [-- --out <dir>]`
 *
 * Builds the CrossGuard policy pack as a directory of its own (default dist/policy-pack): policies/
 * and components/contract/ compiled to JavaScript in the repository's layout, so the pack's
 * `../components/contract/…` imports resolve inside the directory; a package.json with the name,
 * version and dependencies of policies/package.json; and PulumiPolicy.yaml. The pack imports
 * nothing else of the package (ESLint enforces it), so the build is a copy.
 *
 * The directory is what `pulumi policy publish` uploads and what `pulumi preview --policy-pack
 * <dir>` runs from another project after `npm install` in it; plain JavaScript, so the CLI starts
 * it without type-checking TypeScript first. The offline preview boots the same build.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import * as ts from "typescript";
import { repositoryRoot } from "./repository";

const REPO_ROOT = repositoryRoot();
/** The folders the pack is made of, relative to the repository root. */
export const PACK_SOURCES: readonly string[] = ["policies", "components/contract"];
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

interface PackManifest {
    name: string;
    version: string;
    description?: string;
    license?: string;
    dependencies: Record<string, string>;
}

function listFiles(dir: string, base = dir): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return entry.name === "node_modules" ? [] : listFiles(full, base);
        }
        return [path.relative(base, full).split(path.sep).join("/")];
    });
}

function formatDiagnostics(diagnostics: readonly ts.Diagnostic[]): string {
    return ts.formatDiagnostics(diagnostics, {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => REPO_ROOT,
        getNewLine: () => "\n",
    });
}

/** Compiles every TypeScript file of {@link PACK_SOURCES} into `outDir`, with the compiler options of policies/tsconfig.json. */
function compile(outDir: string): void {
    const configFile = path.join(REPO_ROOT, "policies", "tsconfig.json");
    const read = ts.readConfigFile(configFile, ts.sys.readFile);
    if (read.error) {
        throw new Error(formatDiagnostics([read.error]));
    }
    const { options } = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(configFile));
    const rootNames = PACK_SOURCES.flatMap((source) =>
        listFiles(path.join(REPO_ROOT, source))
            .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
            .map((f) => path.join(REPO_ROOT, source, f)),
    );
    const program = ts.createProgram({
        rootNames,
        options: { ...options, rootDir: REPO_ROOT, outDir, noEmit: false, declaration: false, sourceMap: false },
    });
    // An import from outside the pack's folders would be compiled in too; ESLint forbids it, this says where.
    const outside = program
        .getSourceFiles()
        .map((f) => path.relative(REPO_ROOT, f.fileName).split(path.sep).join("/"))
        .filter((f) => !f.startsWith("..") && !f.startsWith("node_modules/") && !PACK_SOURCES.some((s) => f.startsWith(`${s}/`)));
    if (outside.length > 0) {
        throw new Error(`the policy pack imports ${outside.join(", ")}, outside ${PACK_SOURCES.join(" and ")}`);
    }
    const diagnostics = ts.getPreEmitDiagnostics(program);
    if (diagnostics.length > 0) {
        throw new Error(`the policy pack does not compile:\n${formatDiagnostics(diagnostics)}`);
    }
    const emitted = program.emit();
    if (emitted.emitSkipped || emitted.diagnostics.length > 0) {
        throw new Error(`the policy pack was not emitted:\n${formatDiagnostics(emitted.diagnostics)}`);
    }
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

/** Builds the policy pack into `outDir` (emptied first) and describes it. */
export function buildPolicyPack(outDir: string = DEFAULT_PACK_DIR): BuiltPolicyPack {
    const dir = path.resolve(outDir);
    requireDisposableDirectory(dir);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    compile(dir);

    const source = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "policies", "package.json"), "utf8")) as PackManifest;
    const manifest = {
        name: source.name,
        version: source.version,
        description: source.description,
        license: source.license,
        private: true,
        main: PACK_MAIN,
        dependencies: source.dependencies,
    };
    fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.copyFileSync(path.join(REPO_ROOT, "policies", "PulumiPolicy.yaml"), path.join(dir, "PulumiPolicy.yaml"));
    return { dir, name: manifest.name, version: manifest.version, dependencies: manifest.dependencies, files: listFiles(dir).sort() };
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
