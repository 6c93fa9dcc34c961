/**
 * Which resource another one points at, without reading the pointer.
 *
 * An Auto Scaling group names its launch template by ID, an S3 public-access block names its bucket,
 * a listener rule its listener — IDs and ARNs that are unknown in a first preview. The engine still
 * knows where each input came from: a stack policy's resources carry `propertyDependencies` (per
 * input, the resources its value was computed from) and `dependencies`. Links follow those first,
 * and fall back to comparing values only when both sides are known.
 */
import { PolicyResource } from "@pulumi/policy";
import { AwsType, isType } from "./awsTypes";

/**
 * The resources of `kind` that `resource`'s `properties` were computed from; when the engine
 * recorded no property dependency of that kind, the resources of `kind` among its plain
 * dependencies (older engines and hand-written `dependsOn`).
 */
export function linkedResources(resource: PolicyResource, properties: readonly string[], kind: AwsType): PolicyResource[] {
    const found = new Set<PolicyResource>();
    for (const property of properties) {
        for (const dep of resource.propertyDependencies?.[property] ?? []) {
            if (isType(dep.type, kind)) {
                found.add(dep);
            }
        }
    }
    if (found.size === 0) {
        for (const dep of resource.dependencies ?? []) {
            if (isType(dep.type, kind)) {
                found.add(dep);
            }
        }
    }
    return [...found];
}

/** Whether `resource`'s `properties` (or, lacking those, its dependencies) lead to `target`. */
export function isLinkedTo(resource: PolicyResource, properties: readonly string[], target: PolicyResource): boolean {
    for (const property of properties) {
        if ((resource.propertyDependencies?.[property] ?? []).includes(target)) {
            return true;
        }
    }
    const hasPropertyDeps = properties.some((p) => (resource.propertyDependencies?.[p] ?? []).length > 0);
    return !hasPropertyDeps && (resource.dependencies ?? []).includes(target);
}
