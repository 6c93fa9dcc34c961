/**
 * The one check of a rejected argument: an {@link OdooArgumentError} whose message leads with the
 * property path and shows the value as given, saying what is accepted, and — for a component —
 * raised before any resource is registered.
 */
import { strict as assert } from "node:assert";
import { OdooArgumentError, describeValue } from "../../components/contract/errors";
import { expectFailureWithMocks } from "./pulumiMocks";

/** What the error must say. */
export interface ExpectedArgumentError {
    /** The property path, exactly (`database.replicas`, `tags["odoo:role"]`). */
    property: string;
    /** The value as given; when present, the message must show it. */
    value?: unknown;
    /** What `accepted` must say. */
    accepted?: RegExp;
    /** What else the message must say (the value's rendering, the reason). */
    message?: RegExp | readonly RegExp[];
}

/** Asserts that `error` is the argument error `expected` describes, and returns it. */
export function assertArgumentError(error: unknown, expected: ExpectedArgumentError): OdooArgumentError {
    assert.ok(
        error instanceof OdooArgumentError,
        `expected an OdooArgumentError for ${expected.property}, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
    );
    assert.equal(error.property, expected.property, error.message);
    // The message leads with the property; the standard one goes on "is <value>; accepted: …".
    assert.ok(error.message.startsWith(`${expected.property} `), `the message should begin with ${expected.property}: ${error.message}`);
    if ("value" in expected) {
        assert.ok(
            error.message.includes(describeValue(expected.value)),
            `the message should show ${describeValue(expected.value)}: ${error.message}`,
        );
    }
    assert.ok(error.accepted.trim() !== "", "the error should say what is accepted");
    if (expected.accepted) {
        assert.match(error.accepted, expected.accepted);
    }
    for (const pattern of [expected.message ?? []].flat()) {
        assert.match(error.message, pattern);
    }
    return error;
}

/** Runs `fn` expecting it to throw the argument error `expected` describes. */
export function throwsArgumentError(fn: () => unknown, expected: ExpectedArgumentError): OdooArgumentError {
    try {
        fn();
    } catch (e) {
        return assertArgumentError(e, expected);
    }
    assert.fail(`expected an OdooArgumentError for ${expected.property}, but nothing was thrown`);
}

/**
 * Builds a component under mocks expecting the argument error `expected` describes, before any
 * resource is registered.
 */
export async function rejectsArgumentError(build: () => unknown, expected: ExpectedArgumentError): Promise<OdooArgumentError> {
    const { error } = await expectFailureWithMocks(build);
    return assertArgumentError(error, expected);
}

/** {@link rejectsArgumentError} with the value and what is accepted both required. */
export function expectArgumentError(build: () => unknown, property: string, value: unknown, accepted: RegExp): Promise<OdooArgumentError> {
    return rejectsArgumentError(build, { property, value, accepted });
}
