import { strict as assert } from "node:assert";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PackedPackage, REPO_ROOT, STALE_BUILD_OUTPUT, packPackage } from "./packedPackage";
import { scratchDir } from "../harness/scratch";

interface Manifest {
    name: string;
    version: string;
    main: string;
    types: string;
    exports: Record<string, string | Record<string, string>>;
    files: string[];
    scripts: Record<string, string>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require(path.join(REPO_ROOT, "package.json")) as Manifest;
const rootExport = manifest.exports["."] as Record<string, string>;

/** Every module of components/ (the published code), by path below components/ without its extension. */
const COMPONENT_MODULES = (fs.readdirSync(path.join(REPO_ROOT, "components"), { recursive: true }) as string[])
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => f.split(path.sep).join("/").slice(0, -".ts".length))
    .sort();

const strip = (p: string) => p.replace(/^\.\//, "");

/**
 * npm packs every `bin` file whatever `files` says. The odoo-aws tool runs from a clone (it needs
 * stacks/ and policies/); in the package its launcher only says so.
 */
const BIN_LAUNCHER = "stacks/cli/odooAwsLauncher.mjs";

describe("the npm package (npm pack of the repository)", function () {
    // The pack runs the `prepare` build (tsc over components/).
    this.timeout(300_000);
    let pkg: PackedPackage;
    let paths: string[];

    before(() => {
        pkg = packPackage();
        paths = pkg.files.map((f) => f.path).sort();
    });

    it("is odoo-aws at a semver version", () => {
        assert.equal(pkg.name, "odoo-aws");
        assert.match(pkg.version, /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/);
        assert.equal(pkg.version, manifest.version);
    });

    it("holds only the built components (JavaScript and declarations), the manifest and the README", () => {
        const unexpected = paths.filter(
            (p) =>
                !/^dist\/components\/([A-Za-z0-9]+\/)?[A-Za-z0-9]+\.(js|d\.ts)$/.test(p) &&
                !["package.json", "README.md", "LICENSE", BIN_LAUNCHER].includes(p),
        );
        assert.deepEqual(unexpected, []);
    });

    it("ships no test, stack, policy, tool, fixture, source or source-map file", () => {
        const leaked = paths.filter(
            (p) =>
                (p !== BIN_LAUNCHER && /(^|\/)(test|stacks|policies|tools|fixtures|node_modules)\//.test(p)) ||
                /\.(ts|map|tgz)$/.test(p.replace(/\.d\.ts$/, "")),
        );
        assert.deepEqual(leaked, []);
    });

    it("ships the odoo-aws bin as a launcher that, outside a clone, says where the tool runs and exits 2", () => {
        assert.ok(paths.includes(BIN_LAUNCHER), paths.join(" "));
        const dir = scratchDir("bin");
        execFileSync("tar", ["-xzf", pkg.tarball, "-C", dir, "--strip-components=1"]);
        const result = spawnSync(process.execPath, [path.join(dir, BIN_LAUNCHER), "preview", "--stack", "prod"], {
            cwd: dir,
            encoding: "utf8",
        });
        assert.equal(result.status, 2);
        assert.equal(result.stdout, "");
        assert.match(result.stderr, /runs from a clone of the repository/);
    });

    it("ships every module of components/ compiled, each with its declarations", () => {
        const shipped = (ext: string) =>
            paths
                .filter((p) => p.endsWith(ext) && (ext !== ".js" || !p.endsWith(".d.ts")))
                .map((p) => p.slice("dist/components/".length, -ext.length))
                .sort();
        assert.deepEqual(shipped(".js"), COMPONENT_MODULES);
        assert.deepEqual(shipped(".d.ts"), COMPONENT_MODULES);
    });

    it("points main, types and the runtime and type conditions of exports at files in the tarball", () => {
        const targets = [manifest.main, manifest.types, rootExport.types, rootExport.require, rootExport.import].map(strip);
        assert.deepEqual(targets, [
            "dist/components/index.js",
            "dist/components/index.d.ts",
            "dist/components/index.d.ts",
            "dist/components/index.js",
            "dist/components/index.js",
        ]);
        for (const target of targets) {
            assert.ok(paths.includes(target), `${target} is packed`);
        }
        assert.deepEqual(Object.keys(manifest.exports), [".", "./package.json"], "no deep imports: the barrel is the API");
    });

    it("orders the conditions so Node (require, import) and TypeScript (types) match before the analyzer's source entry", () => {
        assert.deepEqual(Object.keys(rootExport), ["types", "require", "import", "default"]);
        // Pulumi's component analyzer reads `default` first and maps .js to .ts in the repository:
        // the barrel's source, which `pulumi package add` reads and npm consumers never reach.
        assert.equal(strip(rootExport.default), "components/index.js");
        assert.ok(fs.existsSync(path.join(REPO_ROOT, "components", "index.ts")));
        assert.ok(!paths.includes("components/index.js"));
    });

    it("empties dist/components before it builds (prepare), so a module an earlier build left there is not packed", () => {
        assert.deepEqual(
            paths.filter((p) => p.includes(STALE_BUILD_OUTPUT)),
            [],
        );
        assert.deepEqual(manifest.files, ["dist/components/**/*.js", "dist/components/**/*.d.ts"]);
    });
});
