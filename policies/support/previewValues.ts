/**
 * Reading resource properties that may not be known yet.
 *
 * @pulumi/policy hands policies a proxy over the resource's properties: reading a value the engine
 * does not know yet (an ID, an ARN, user data built from outputs during `pulumi preview`) throws an
 * UnknownValueError, and the pack turns any such throw into an advisory "can't run policy during
 * preview" — a mandatory guardrail that silently stops guarding. Every read of a value that can be
 * computed goes through {@link known}, so a policy sees {@link NOT_KNOWN} instead and decides on
 * purpose: from other, known values, or by reporting that a value it must check is not known.
 */
import { UnknownValueError } from "@pulumi/policy";

/** A value the engine does not know yet (only during preview). */
export const NOT_KNOWN: unique symbol = Symbol("not known at preview");
export type NotKnown = typeof NOT_KNOWN;

/** Runs `read`, returning {@link NOT_KNOWN} if it touches an unknown value. Other errors propagate. */
export function known<T>(read: () => T): T | NotKnown {
    try {
        return read();
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return NOT_KNOWN;
        }
        throw e;
    }
}

/** A string property: its value, NOT_KNOWN, or undefined when absent or not a string. */
export function knownString(read: () => unknown): string | NotKnown | undefined {
    const v = known(read);
    return v === NOT_KNOWN || typeof v === "string" ? v : undefined;
}

/** A number property; numeric strings count (some provider fields are strings). */
export function knownNumber(read: () => unknown): number | NotKnown | undefined {
    const v = known(read);
    if (v === NOT_KNOWN || typeof v === "number") {
        return v;
    }
    if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v.trim())) {
        return Number(v);
    }
    return undefined;
}

/**
 * A boolean property. The AWS provider types some flags as strings (a launch template's
 * `ebs.encrypted` is "true"/"false"), so those strings count too.
 */
export function knownBoolean(read: () => unknown): boolean | NotKnown | undefined {
    const v = known(read);
    if (v === NOT_KNOWN || typeof v === "boolean") {
        return v;
    }
    if (v === "true" || v === "false") {
        return v === "true";
    }
    return undefined;
}

/**
 * The elements of an array property, each read on its own so one unknown element does not hide
 * the others. NOT_KNOWN when the array as a whole is unknown; [] when absent.
 */
export function knownArray(read: () => unknown): unknown[] | NotKnown {
    const v = known(read);
    if (v === NOT_KNOWN) {
        return NOT_KNOWN;
    }
    if (!Array.isArray(v)) {
        return [];
    }
    const out: unknown[] = [];
    const length = v.length;
    for (let i = 0; i < length; i++) {
        out.push(known(() => v[i]));
    }
    return out;
}

// The proxy's internals, exported by @pulumi/policy's proxy module though not typed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxyModule = require("@pulumi/policy/proxy") as Record<string, string>;
const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set(
    [
        "unknownBooleanValue",
        "unknownNumberValue",
        "unknownStringValue",
        "unknownArrayValue",
        "unknownAssetValue",
        "unknownArchiveValue",
        "unknownObjectValue",
    ].map((k) => proxyModule[k]),
);
const PROXY_TARGET = proxyModule.getSpecialProxyTarget;

/**
 * The plain value behind @pulumi/policy's unknown-checking proxy. Every read through the proxy
 * allocates (a property path, a nested proxy); for the few hot loops over thousands of small
 * values — the tags of every resource, once per stack policy — reading the plain value and testing
 * it with {@link isUnknownValue}, which recognizes exactly the sentinels the proxy throws on, keeps
 * a 5,000-resource stack within its time budget.
 */
export function unproxied(value: unknown): unknown {
    if (value && typeof value === "object") {
        const target = (value as Record<string, unknown>)[PROXY_TARGET];
        return target ?? value;
    }
    return value;
}

/** Whether a plain (unproxied) value is one of the engine's unknown sentinels. */
export function isUnknownValue(value: unknown): boolean {
    return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

/** How a value reads in a violation message. */
export function describe(value: unknown): string {
    if (value === NOT_KNOWN) {
        return "not known at preview";
    }
    if (value === undefined) {
        return "not set";
    }
    return JSON.stringify(value);
}
