/**
 * Whether an AWS resource type takes `tags`, read from the provider's own type definitions
 * (node_modules/@pulumi/aws/<module>/<resource>.d.ts), so a tag test can demand the odoo:* tags
 * on every taggable resource without a hand-kept list that drifts from the provider.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const awsRoot = dirname(require.resolve("@pulumi/aws/package.json"));
const cache = new Map<string, boolean>();

/** `aws:ec2/routeTableAssociation:RouteTableAssociation` → whether RouteTableAssociationArgs has `tags`. */
export function isTaggableAwsType(type: string): boolean {
    const cached = cache.get(type);
    if (cached !== undefined) {
        return cached;
    }
    const match = /^aws:([a-zA-Z0-9]+)\/([a-zA-Z0-9]+):([a-zA-Z0-9]+)$/.exec(type);
    if (!match) {
        throw new Error(`not an AWS resource type token: ${type}`);
    }
    const [, module, file, className] = match;
    const definitions = readFileSync(join(awsRoot, module === "index" ? "" : module, `${file}.d.ts`), "utf8");
    const start = definitions.indexOf(`export interface ${className}Args {`);
    if (start < 0) {
        throw new Error(`no ${className}Args in @pulumi/aws/${module}/${file}.d.ts`);
    }
    const body = definitions.slice(start, definitions.indexOf("\n}", start));
    const taggable = /^\s+tags\?:/m.test(body);
    cache.set(type, taggable);
    return taggable;
}
