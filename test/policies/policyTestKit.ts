/**
 * Shared steps of the per-policy tests: judge a fixture with the whole pack in one mode and look
 * at one policy's diagnostics.
 */
import { strict as assert } from "node:assert";
import { EnforcementLevel, PolicyDiagnostic } from "../../stacks/engine/policyAnalyzer";
import { HarnessOptions, violationsOf } from "../harness/policyHarness";
import { FixtureMode, MODES, OdooStackFixture, judge } from "./fixtures/odooStack";

/** The diagnostics `policyName` reports for `fixture` in `mode` (the whole pack runs). */
export async function diagnosticsOf(
    policyName: string,
    fixture: OdooStackFixture,
    mode: FixtureMode,
    options: HarnessOptions = {},
): Promise<PolicyDiagnostic[]> {
    return violationsOf(await judge(fixture, mode, options), policyName);
}

/** Declares one `it` per mode. */
export function inBothModes(title: string, test: (mode: FixtureMode) => Promise<void>): void {
    for (const mode of MODES) {
        it(`${title} (${mode})`, () => test(mode));
    }
}

/** Asserts exactly `count` diagnostics at `level`, each message matching every pattern. */
export function expectViolations(diagnostics: PolicyDiagnostic[], count: number, level: EnforcementLevel, ...patterns: RegExp[]): void {
    assert.equal(diagnostics.length, count, `expected ${count} diagnostic(s), got:\n${diagnostics.map((d) => d.message).join("\n")}`);
    for (const d of diagnostics) {
        assert.equal(d.enforcementLevel, level, d.message);
        for (const p of patterns) {
            assert.match(d.message, p);
        }
    }
}

/** Asserts the policy is silent. */
export function expectNone(diagnostics: PolicyDiagnostic[]): void {
    assert.deepEqual(
        diagnostics.map((d) => d.message),
        [],
    );
}
