/**
 * The policy pack as `npm run pack:policies` builds it, built once per test process into a scratch
 * directory outside the repository (so a require that escaped the pack could not resolve), with
 * node_modules as `npm install` in it would provide the packages its package.json names.
 */
import { symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { BuiltPolicyPack, buildPolicyPack } from "../../stacks/cli/buildPolicyPack";
import { scratchDir } from "./scratch";

let built: BuiltPolicyPack | undefined;

/** The built pack; the first call builds it (type-check and emit, about two seconds). */
export function builtPolicyPack(): BuiltPolicyPack {
    if (!built) {
        built = buildPolicyPack(join(scratchDir("policy-pack"), "pack"));
        symlinkSync(resolve(__dirname, "..", "..", "node_modules"), join(built.dir, "node_modules"), "dir");
    }
    return built;
}
