/**
 * The shape of every preflight rule's test: a compliant fixture the rule accepts, then one broken
 * property per case that it rejects (in a first preview and in an update), and the same broken
 * value arriving unknown, which a first preview must let through and an update must reject.
 */
import { Policy } from "@pulumi/policy";
import { FixtureResource, OdooStackFixture, computed } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

/** A change to the subject's inputs. */
export type Change = (props: Record<string, unknown>) => void;

/** What a rule's test declares. */
export interface PreflightCases {
    rule: Policy;
    /** The compliant stack; the subject is the resource named `subject`. */
    fixture: () => OdooStackFixture;
    subject: string;
    /** Each breaks one property; the message must match. */
    rejects: { title: string; change: Change; message: RegExp }[];
    /** Other compliant variants. */
    accepts?: { title: string; change: Change }[];
    /** Sets the property a reject case breaks to `computed(bad value)`. */
    unknown: { title: string; change: (props: Record<string, unknown>, unknown: typeof computed) => void };
}

/** A stack of one resource. */
export function single(resource: Omit<FixtureResource, "name">): () => OdooStackFixture {
    return () => new OdooStackFixture([{ ...resource, name: "subject" } as FixtureResource]).clone();
}

/** Declares the rule's tests. */
export function describePreflightRule(cases: PreflightCases): void {
    const run = (f: OdooStackFixture, mode: "preview" | "update") => diagnosticsOf(cases.rule.name, f, mode, { policies: [cases.rule] });
    describe(cases.rule.name, () => {
        inBothModes("accepts the compliant resource", async (mode) => {
            expectNone(await run(cases.fixture(), mode));
        });
        for (const a of cases.accepts ?? []) {
            inBothModes(`accepts ${a.title}`, async (mode) => {
                expectNone(await run(cases.fixture().mutate(cases.subject, a.change), mode));
            });
        }
        for (const r of cases.rejects) {
            inBothModes(`rejects ${r.title}`, async (mode) => {
                expectViolations(await run(cases.fixture().mutate(cases.subject, r.change), mode), 1, "mandatory", r.message);
            });
        }
        it(`lets ${cases.unknown.title} through while it is unknown in a first preview, and rejects it once known`, async () => {
            const fixture = () => cases.fixture().mutate(cases.subject, (p) => cases.unknown.change(p, computed));
            expectNone(await run(fixture(), "preview"));
            expectViolations(await run(fixture(), "update"), 1, "mandatory");
        });
    });
}
