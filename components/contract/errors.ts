import * as pulumi from "@pulumi/pulumi";

/**
 * A bad argument, reported before any resource is created.
 *
 * It extends `pulumi.RunError` on purpose: the Pulumi runtime prints a RunError as its message
 * alone, so the operator reads "concurrentUsers is 0; accepted: a whole number from 1 to 5000"
 * instead of a stack trace from deep inside the program.
 */
export class OdooArgumentError extends pulumi.RunError {
    /** The offending property, as a dotted path from the arguments the user wrote (`database.replicas`). */
    public readonly property: string;
    /** The value as given. */
    public readonly value: unknown;
    /** What would have been accepted, in words. */
    public readonly accepted: string;

    constructor(property: string, value: unknown, accepted: string, why?: string) {
        super(`${property} is ${describeValue(value)}; accepted: ${accepted}${why ? ` (${why})` : ""}`);
        this.name = "OdooArgumentError";
        this.property = property;
        this.value = value;
        this.accepted = accepted;
    }
}

/** Renders a value for an error message: strings quoted, everything else as JSON where possible. */
export function describeValue(value: unknown): string {
    if (typeof value === "string") {
        return JSON.stringify(value);
    }
    if (typeof value === "number" || typeof value === "boolean" || value === undefined || value === null) {
        return String(value);
    }
    try {
        return JSON.stringify(value);
    } catch {
        return String(value);
    }
}

/**
 * Runs `validate` and re-reports its argument errors under the property path the user wrote:
 * a sub-component's `cidrBlock` is the cluster's `network.cidrBlock`.
 */
export function reportUnder<T>(path: (property: string) => string, validate: () => T): T {
    try {
        return validate();
    } catch (e) {
        if (e instanceof OdooArgumentError) {
            const moved = new OdooArgumentError(path(e.property), e.value, e.accepted);
            moved.message = e.message.replace(e.property, moved.property);
            throw moved;
        }
        throw e;
    }
}

/** Bounds for {@link requireWholeNumber}. */
export interface WholeNumberBounds {
    min: number;
    max: number;
}

/**
 * Returns `value` when it is a whole number within `bounds`, otherwise throws an
 * {@link OdooArgumentError} naming `property`. Rejects NaN, infinities, fractions and non-numbers.
 */
export function requireWholeNumber(property: string, value: unknown, bounds: WholeNumberBounds): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < bounds.min || value > bounds.max) {
        throw new OdooArgumentError(property, value, `a whole number from ${bounds.min} to ${bounds.max}`);
    }
    return value;
}

/** Returns `value` when it is a finite number within `bounds` (fractions allowed), otherwise throws. */
export function requireNumberInRange(property: string, value: unknown, bounds: WholeNumberBounds): number {
    if (typeof value !== "number" || !Number.isFinite(value) || value < bounds.min || value > bounds.max) {
        throw new OdooArgumentError(property, value, `a number from ${bounds.min} to ${bounds.max}`);
    }
    return value;
}

/** Returns `value` when it is one of `allowed`, otherwise throws an error that lists them. */
export function requireOneOf<T extends string>(property: string, value: unknown, allowed: readonly T[]): T {
    if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
        throw new OdooArgumentError(property, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
    }
    return value as T;
}

/** Returns `value` when it is a boolean or undefined, otherwise throws naming `property`. */
export function optionalBoolean(property: string, value: unknown): boolean | undefined {
    if (value !== undefined && typeof value !== "boolean") {
        throw new OdooArgumentError(property, value, "true or false");
    }
    return value;
}

/** Bounds for {@link requireInputList}. */
export interface ListBounds {
    min: number;
    max: number;
    /** What one item is, for the message ("subnet IDs"). */
    what: string;
}

/**
 * Checks a list of resource IDs that may still be unknown (`pulumi.Input<string>[]`): its length
 * is always known, and the items already known as plain strings must be non-empty and distinct.
 */
export function requireInputList<T>(property: string, value: T[] | undefined, bounds: ListBounds): T[] {
    if (!Array.isArray(value) || value.length < bounds.min || value.length > bounds.max) {
        const count =
            bounds.min === bounds.max ? `${bounds.min}` : bounds.min === 0 ? `at most ${bounds.max}` : `${bounds.min} to ${bounds.max}`;
        throw new OdooArgumentError(property, value, `a list of ${count} ${bounds.what}`);
    }
    const known = value.filter((v): v is T & string => typeof v === "string");
    for (const item of known) {
        if (item.trim() === "") {
            throw new OdooArgumentError(property, value, `a list of non-empty ${bounds.what}`);
        }
    }
    if (new Set(known).size !== known.length) {
        throw new OdooArgumentError(property, value, `a list of distinct ${bounds.what}`);
    }
    return value;
}

/**
 * Checks an ARN input of `service` (e.g. `kms`): a plain string must look like one; an Output is
 * taken on trust, since its value is unknown until the resource behind it exists.
 */
export function optionalArn<T>(property: string, value: T | undefined, service: string): T | undefined {
    if (value === undefined) {
        return undefined;
    }
    if (typeof value === "string") {
        if (!new RegExp(`^arn:aws[a-z-]*:${service}:[a-z0-9-]+:\\d{12}:\\S+$`).test(value)) {
            throw new OdooArgumentError(property, value, `the ARN of a ${service} resource (arn:aws:${service}:<region>:<account>:…)`);
        }
        return value;
    }
    if (value === null || typeof value !== "object") {
        throw new OdooArgumentError(property, value, `the ARN of a ${service} resource`);
    }
    return value;
}

/**
 * Checks a single input that may still be unknown (an Output or a Promise is accepted as "known
 * later"); a plain string must match `pattern`. Anything else, empty or absent, is refused.
 */
export function requireInput(property: string, value: unknown, pattern: RegExp, accepted: string): void {
    if (value === undefined || value === null || value === "") {
        throw new OdooArgumentError(property, value, accepted);
    }
    if (typeof value === "string" && !pattern.test(value)) {
        throw new OdooArgumentError(property, value, accepted);
    }
    if (typeof value !== "string" && !pulumi.Output.isInstance(value) && !(value instanceof Promise)) {
        throw new OdooArgumentError(property, value, accepted);
    }
}

/** {@link requireInput} for an optional input: absent is fine. */
export function optionalInput(property: string, value: unknown, pattern: RegExp, accepted: string): void {
    if (value !== undefined) {
        requireInput(property, value, pattern, accepted);
    }
}
