/**
 * Where the repository is, for tools that run from their TypeScript source (ts-node) or compiled
 * into dist/tools: the nearest directory above them holding Pulumi.yaml.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The repository root: the first directory at or above `from` that holds Pulumi.yaml. */
export function repositoryRoot(from: string = __dirname): string {
    let dir = path.resolve(from);
    for (;;) {
        if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) {
            return dir;
        }
        const parent = path.dirname(dir);
        if (parent === dir) {
            throw new Error(`no Pulumi.yaml above ${from}: run the tools inside the odoo-aws repository`);
        }
        dir = parent;
    }
}
