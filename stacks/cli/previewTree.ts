/**
 * The resource tree of an offline preview, shaped like `pulumi preview` prints it: each component
 * with its children, a `+` (create) marker and the type on every row, and each policy violation
 * under the resource it concerns — its short message in the tree, the policy's long description
 * only when asked for (`--verbose`, or always in JSON).
 */
import { EnforcementLevel } from "../engine/policyAnalyzer";

/** What the engine would do with a resource. An offline preview is a first preview: everything is created. */
export type PreviewOperation = "create";

/** A policy violation attached to a resource (or to the stack, when the policy reports none). */
export interface PreviewViolation {
    policy: string;
    enforcementLevel: EnforcementLevel;
    /** What is wrong with this resource, without the policy's description. */
    message: string;
    /** The policy's description (what it requires in general). */
    description: string;
}

/** One row of the tree. */
export interface PreviewNode {
    urn: string;
    type: string;
    name: string;
    /** A component (false) or a cloud resource (true). */
    custom: boolean;
    operation: PreviewOperation;
    violations: PreviewViolation[];
    children: PreviewNode[];
}

/** A resource as the tree needs it. */
export interface TreeResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    parent: string;
}

/** A diagnostic as the tree needs it. */
export interface TreeDiagnostic {
    policyName: string;
    enforcementLevel: EnforcementLevel;
    message: string;
    description: string;
    urn: string;
}

/**
 * The policy SDK sends `description + "\n" + message`; the tree shows the part about this
 * resource and keeps the description apart.
 */
export function shortMessage(message: string, description: string): string {
    const trimmed = message.trim();
    const specific = description && trimmed.startsWith(description) ? trimmed.slice(description.length).trim() : trimmed;
    return (specific || trimmed).replace(/\s*\n\s*/g, " ");
}

/**
 * Builds the tree in registration order. Violations whose URN names no resource (stack-wide
 * policies) are returned apart, for the stack row.
 */
export function buildPreviewTree(
    resources: readonly TreeResource[],
    diagnostics: readonly TreeDiagnostic[],
): { roots: PreviewNode[]; stackViolations: PreviewViolation[] } {
    const nodes = new Map<string, PreviewNode>();
    for (const r of resources) {
        nodes.set(r.urn, { urn: r.urn, type: r.type, name: r.name, custom: r.custom, operation: "create", violations: [], children: [] });
    }
    const roots: PreviewNode[] = [];
    for (const r of resources) {
        const node = nodes.get(r.urn)!;
        const parent = r.parent ? nodes.get(r.parent) : undefined;
        (parent ? parent.children : roots).push(node);
    }
    const stackViolations: PreviewViolation[] = [];
    for (const d of diagnostics) {
        const violation: PreviewViolation = {
            policy: d.policyName,
            enforcementLevel: d.enforcementLevel,
            message: shortMessage(d.message, d.description),
            description: d.description,
        };
        (nodes.get(d.urn)?.violations ?? stackViolations).push(violation);
    }
    return { roots, stackViolations };
}

/** Every node of the tree, depth first. */
export function flattenTree(roots: readonly PreviewNode[]): PreviewNode[] {
    return roots.flatMap((n) => [n, ...flattenTree(n.children)]);
}

const MARKER: Record<PreviewOperation, string> = { create: "+" };

function violationLines(violations: readonly PreviewViolation[], indent: string, verbose: boolean): string[] {
    return violations.flatMap((v) => {
        const mark = v.enforcementLevel === "mandatory" ? "✗ mandatory" : "! advisory ";
        const lines = [`${indent}${mark}  ${v.policy}: ${v.message}`];
        if (verbose && v.description) {
            lines.push(`${indent}             ${v.description.replace(/\s*\n\s*/g, " ")}`);
        }
        return lines;
    });
}

/**
 * The tree as text: `     Type  Name  Plan` columns as `pulumi preview` prints them, the stack
 * row first (`pulumi:pulumi:Stack <project>-<stack>`), violations under their resource.
 */
export function renderPreviewTree(
    stackName: string,
    roots: readonly PreviewNode[],
    stackViolations: readonly PreviewViolation[],
    verbose: boolean,
): string[] {
    const rows: { marker: string; type: string; name: string; operation: string; violations: PreviewViolation[]; indent: string }[] = [];
    rows.push({
        marker: "+",
        type: "pulumi:pulumi:Stack",
        name: stackName,
        operation: "create",
        violations: [...stackViolations],
        indent: "",
    });
    const walk = (nodes: readonly PreviewNode[], prefix: string) => {
        nodes.forEach((node, i) => {
            const last = i === nodes.length - 1;
            rows.push({
                marker: MARKER[node.operation],
                type: `${prefix}${last ? "└─ " : "├─ "}${node.type}`,
                name: node.name,
                operation: node.operation,
                violations: node.violations,
                indent: `${prefix}${last ? "   " : "│  "}${node.children.length > 0 ? "│  " : "   "}`,
            });
            walk(node.children, `${prefix}${last ? "   " : "│  "}`);
        });
    };
    walk(roots, "");
    const typeWidth = Math.max("Type".length, ...rows.map((r) => r.type.length));
    const nameWidth = Math.max("Name".length, ...rows.map((r) => r.name.length));
    const lines = [`     ${"Type".padEnd(typeWidth)}  ${"Name".padEnd(nameWidth)}  Plan`];
    for (const row of rows) {
        lines.push(` ${row.marker}   ${row.type.padEnd(typeWidth)}  ${row.name.padEnd(nameWidth)}  ${row.operation}`);
        lines.push(...violationLines(row.violations, `     ${row.indent}`, verbose));
    }
    return lines;
}
