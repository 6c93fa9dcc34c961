/**
 * Reading a stack policy's resources as plain values: the preflight rules that relate two resources
 * (a replica and its source, an instance and its parameter group) read the same way the single-
 * resource rules do, with unknown values reading as absent.
 */
import { PolicyResource } from "@pulumi/policy";
import { Fields, stringField } from "./preflightRule";
import { unproxied } from "./previewValues";

/** The plain properties of a resource. */
export function fieldsOf(resource: PolicyResource): Fields {
    return unproxied(resource.props) as Fields;
}

/**
 * The resource of one of `types` that `resource`'s `property` points at: through the engine's
 * property dependencies first, else by a known value equal to the candidate's known `key`.
 */
export function referencedResource(
    resource: PolicyResource,
    property: string,
    types: readonly string[],
    candidates: readonly PolicyResource[],
    key: string,
): PolicyResource | undefined {
    const linked = (resource.propertyDependencies?.[property] ?? []).find((d) => types.includes(d.type));
    if (linked) {
        return linked;
    }
    const value = stringField(fieldsOf(resource), property);
    if (value === undefined) {
        return undefined;
    }
    return candidates.find((c) => types.includes(c.type) && stringField(fieldsOf(c), key) === value);
}
