/**
 * The shape of an `aws-*` preflight rule: one AWS API constraint on one kind of resource, checked
 * against the resource's inputs before Pulumi sends them to AWS.
 *
 * Rules read the plain property values (no unknown-checking proxy): a value the engine does not know
 * yet reads as absent, so a first `pulumi preview` never reports a violation from an unknown value,
 * and the same rule judges it once it is known. Every violation names the AWS page of the constraint.
 */
import { EnforcementLevel, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { isUnknownValue, unproxied } from "./previewValues";

/** A resource's properties as plain values; unknowns read as undefined. */
export type Fields = Record<string, unknown>;

/** An object-valued field (a nested block), or undefined. */
export function objectField(fields: Fields | undefined, key: string): Fields | undefined {
    const v = fields?.[key];
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Fields) : undefined;
}

/** A list field's object elements ([] when absent or unknown). */
export function objectList(fields: Fields | undefined, key: string): Fields[] {
    const v = fields?.[key];
    return Array.isArray(v) ? v.filter((e): e is Fields => !!e && typeof e === "object" && !Array.isArray(e)) : [];
}

/** A string field, or undefined when absent, unknown or not a string. */
export function stringField(fields: Fields | undefined, key: string): string | undefined {
    const v = fields?.[key];
    return typeof v === "string" && !isUnknownValue(v) ? v : undefined;
}

/** A number field (numeric strings count: the provider types some numbers as strings), or undefined. */
export function numberField(fields: Fields | undefined, key: string): number | undefined {
    const v = fields?.[key];
    if (typeof v === "number") {
        return v;
    }
    if (typeof v === "string" && !isUnknownValue(v) && /^-?\d+(\.\d+)?$/.test(v.trim())) {
        return Number(v);
    }
    return undefined;
}

/** A boolean field ("true"/"false" count), or undefined. */
export function booleanField(fields: Fields | undefined, key: string): boolean | undefined {
    const v = fields?.[key];
    if (typeof v === "boolean") {
        return v;
    }
    return v === "true" || v === "false" ? v === "true" : undefined;
}

/** Where a resource is managed, when known. */
export interface ResourcePlace {
    /**
     * Its region: the resource's own `region` (provider 7.x lets each resource set one), else its
     * provider's; undefined when neither is known.
     */
    region?: string;
}

/** The region a resource is managed in, from its own inputs or its provider's. */
export function regionOf(fields: Fields, provider: { props?: unknown } | undefined): string | undefined {
    return stringField(fields, "region") ?? stringField(unproxied(provider?.props) as Fields | undefined, "region");
}

/** What a preflight rule declares. */
export interface PreflightRuleSpec {
    /** `aws-<service>-<constraint>`. */
    name: string;
    /** What AWS refuses, in one sentence. */
    description: string;
    /** The AWS page that states the constraint. */
    url: string;
    /** Pulumi type tokens the rule judges. */
    types: readonly string[];
    remediationSteps: string;
    /** The problems of one resource (known values only), as sentences. */
    check(fields: Fields, type: string, where: ResourcePlace): string[];
}

/** Marks a validation with the one type it applies to, as @pulumi/policy's validateResourceOfType does. */
type TypedValidation = ResourceValidationPolicy["validateResource"] & { __pulumiType?: string };

/** A mandatory resource policy from a spec. */
export function preflightRule(spec: PreflightRuleSpec, enforcementLevel: EnforcementLevel = "mandatory"): ResourceValidationPolicy {
    const types: ReadonlySet<string> = new Set(spec.types);
    const validateResource: TypedValidation = (args: ResourceValidationArgs, reportViolation) => {
        if (!types.has(args.type)) {
            return;
        }
        const fields = unproxied(args.props) as Fields;
        const where: ResourcePlace = {
            get region() {
                return regionOf(fields, args.provider);
            },
        };
        for (const problem of spec.check(fields, args.type, where)) {
            reportViolation(`${problem}. AWS refuses this when the resource is created.`);
        }
    };
    if (spec.types.length === 1) {
        // @pulumi/policy then skips every other type before decoding its properties.
        validateResource.__pulumiType = spec.types[0];
    }
    return {
        name: spec.name,
        description: `${spec.description} (${spec.url})`,
        enforcementLevel,
        severity: "high",
        url: spec.url,
        remediationSteps: spec.remediationSteps,
        validateResource,
    } as ResourceValidationPolicy;
}
