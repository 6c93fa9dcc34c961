import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { parse as parseYaml } from "yaml";
import { REPO_ROOT } from "./packedPackage";
import { PACKAGE_COMPONENTS } from "../harness/packageComponents";
// The analyzer `pulumi package add` runs: the SDK it generates for Python, Go, C# and YAML is this schema.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Analyzer } = require("@pulumi/pulumi/provider/experimental/analyzer") as { Analyzer: AnalyzerConstructor };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { getPulumiComponents } = require("@pulumi/pulumi/provider/experimental/provider") as {
    getPulumiComponents(exports: unknown): { name: string }[];
};

interface PropertyDefinition {
    description?: string;
    optional?: boolean;
    plain?: boolean;
    type?: string;
    $ref?: string;
    items?: PropertyDefinition;
    additionalProperties?: PropertyDefinition;
}
interface ComponentDefinition {
    name: string;
    description?: string;
    inputs: Record<string, PropertyDefinition>;
    outputs: Record<string, PropertyDefinition>;
}
interface TypeDefinition {
    name: string;
    description?: string;
    type: string;
    properties?: Record<string, PropertyDefinition>;
    enum?: { name: string; value: string | number; description?: string }[];
}
interface Analysis {
    components: Record<string, ComponentDefinition>;
    typeDefinitions: Record<string, TypeDefinition>;
    dependencies: unknown[];
}
type AnalyzerConstructor = new (
    dir: string,
    name: string,
    packageJSON: Record<string, unknown>,
    componentNames: Set<string>,
) => { analyze(): Analysis };

const COMPONENTS = [...PACKAGE_COMPONENTS].sort();

/** Every property of a definition, with a path for messages. */
function* propertiesOf(where: string, props: Record<string, PropertyDefinition>): Generator<[string, PropertyDefinition]> {
    for (const [name, prop] of Object.entries(props)) {
        yield [`${where}.${name}`, prop];
    }
}

/** The `#/types/odoo-aws:index:X` names a property refers to, through arrays and maps. */
function typeRefs(prop: PropertyDefinition): string[] {
    const refs = prop.$ref?.startsWith("#/types/odoo-aws:index:") ? [prop.$ref.slice("#/types/odoo-aws:index:".length)] : [];
    return [
        ...refs,
        ...(prop.items ? typeRefs(prop.items) : []),
        ...(prop.additionalProperties ? typeRefs(prop.additionalProperties) : []),
    ];
}

/**
 * The TypeScript view of the barrel, independent of the analyzer: each component's args
 * properties (with inherited ones, and whether they are optional) and its public properties.
 */
interface DeclaredShapes {
    exportedNames: Set<string>;
    shapes: Map<string, { inputs: Map<string, boolean>; outputs: Set<string> }>;
}

function declaredShapes(): DeclaredShapes {
    const entry = path.join(REPO_ROOT, "components", "index.ts");
    const program = ts.createProgram([entry], {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        strict: true,
        skipLibCheck: true,
        noEmit: true,
        types: [],
    });
    const checker = program.getTypeChecker();
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
    const exported = checker.getExportsOfModule(moduleSymbol);
    const shapes = new Map<string, { inputs: Map<string, boolean>; outputs: Set<string> }>();
    for (const symbol of exported) {
        if (!COMPONENTS.includes(symbol.name)) {
            continue;
        }
        const declaration = checker.getAliasedSymbol(symbol).declarations!.find(ts.isClassDeclaration)!;
        const ctor = declaration.members.find(ts.isConstructorDeclaration)!;
        const argsType = checker.getTypeAtLocation(ctor.parameters[1].type!);
        const inputs = new Map(argsType.getProperties().map((p) => [p.name, (p.flags & ts.SymbolFlags.Optional) !== 0]));
        const outputs = new Set(
            declaration.members
                .filter(ts.isPropertyDeclaration)
                .filter((m) => (ts.getCombinedModifierFlags(m) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) === 0)
                .map((m) => m.name.getText()),
        );
        shapes.set(symbol.name, { inputs, outputs });
    }
    return { exportedNames: new Set(exported.map((s) => s.name)), shapes };
}

describe("the package as Pulumi's component analyzer sees it (the schema of pulumi package add)", function () {
    // The analyzer compiles the repository's tsconfig.json program before it reads anything.
    this.timeout(300_000);
    let analysis: Analysis;
    let declared: DeclaredShapes;

    before(() => {
        declared = declaredShapes();
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const packageJSON = require(path.join(REPO_ROOT, "package.json")) as Record<string, unknown>;
        // The names the CLI's plugin host passes: every component class the package's entry exports.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const served = getPulumiComponents(require(path.join(REPO_ROOT, "components")))
            .map((c) => c.name)
            .sort();
        assert.deepEqual(served, COMPONENTS, "the barrel exports exactly the twelve components");
        analysis = new Analyzer(REPO_ROOT, "odoo-aws", packageJSON, new Set(served)).analyze();
    });

    it("finds every exported component from the package's entry point", () => {
        assert.deepEqual(Object.keys(analysis.components).sort(), COMPONENTS);
    });

    it("describes every component, and gives each inputs and outputs", () => {
        for (const name of COMPONENTS) {
            const c = analysis.components[name];
            assert.ok(c.description && c.description.length > 20, `${name} has a description`);
            assert.ok(Object.keys(c.inputs).length > 0, `${name} has inputs`);
            assert.ok(Object.keys(c.outputs).length > 0, `${name} has outputs`);
        }
    });

    it("takes every argument of each component, required exactly where TypeScript requires it", () => {
        const { shapes } = declared;
        for (const name of COMPONENTS) {
            const declared = shapes.get(name)!;
            const inputs = analysis.components[name].inputs;
            assert.deepEqual(Object.keys(inputs).sort(), [...declared.inputs.keys()].sort(), `${name} inputs`);
            for (const [prop, optional] of declared.inputs) {
                assert.equal(inputs[prop].optional ?? false, optional, `${name}.${prop} optional`);
            }
        }
        assert.equal(analysis.components.OdooCluster.inputs.concurrentUsers.optional, undefined, "concurrentUsers is required");
        for (const name of COMPONENTS.filter((c) => c !== "OdooCluster")) {
            assert.equal(
                analysis.components[name].inputs.cluster.$ref,
                "#/types/odoo-aws:index:OdooClusterContext",
                `${name} takes the cluster context`,
            );
        }
    });

    it("exposes every public output of each component", () => {
        const { shapes } = declared;
        for (const name of COMPONENTS) {
            assert.deepEqual(
                Object.keys(analysis.components[name].outputs).sort(),
                [...shapes.get(name)!.outputs].sort(),
                `${name} outputs`,
            );
        }
        assert.deepEqual(
            ["url", "vpcId", "databaseEndpoint", "capacityPlan", "monthlyCost"].filter(
                (o) => !(o in analysis.components.OdooCluster.outputs),
            ),
            [],
        );
    });

    it("documents every input and output of every component", () => {
        const undocumented: string[] = [];
        for (const [name, c] of Object.entries(analysis.components)) {
            for (const [where, prop] of [...propertiesOf(`${name} input`, c.inputs), ...propertiesOf(`${name} output`, c.outputs)]) {
                if (!prop.description?.trim()) {
                    undocumented.push(where);
                }
            }
        }
        assert.deepEqual(undocumented, []);
    });

    it("documents every type the arguments and outputs use, and each of its properties", () => {
        const undocumented: string[] = [];
        for (const [name, t] of Object.entries(analysis.typeDefinitions)) {
            if (!t.description?.trim()) {
                undocumented.push(`type ${name}`);
            }
            for (const [where, prop] of propertiesOf(`type ${name}`, t.properties ?? {})) {
                if (!prop.description?.trim()) {
                    undocumented.push(where);
                }
            }
            if (t.enum) {
                assert.ok(t.enum.length > 0, `${name} has values`);
            }
        }
        assert.deepEqual(undocumented, []);
    });

    it("defines every type it refers to, and nothing refers to a resource of another package", () => {
        const referenced = new Set<string>();
        const all = [
            ...Object.values(analysis.components).flatMap((c) => [...Object.values(c.inputs), ...Object.values(c.outputs)]),
            ...Object.values(analysis.typeDefinitions).flatMap((t) => Object.values(t.properties ?? {})),
        ];
        all.forEach((p) => typeRefs(p).forEach((r) => referenced.add(r)));
        assert.deepEqual(
            [...referenced].filter((r) => !(r in analysis.typeDefinitions)),
            [],
        );
        assert.deepEqual(analysis.dependencies, [], "arguments are IDs and ARNs, never resources");
    });

    it("turns the string enums into schema enums (Odoo versions, filestore and session kinds, engines)", () => {
        const values = (name: string) => analysis.typeDefinitions[name]?.enum?.map((e) => e.value).sort();
        assert.deepEqual(values("OdooVersion"), ["17.0", "18.0", "19.0"]);
        assert.deepEqual(values("FilestoreKind"), ["efs", "local", "s3"]);
        assert.deepEqual(values("SessionKind"), ["filestore", "local", "redis"]);
        assert.ok(values("DatabaseEngine")?.includes("aurora-postgresql"));
        assert.equal(analysis.components.OdooCluster.inputs.odooVersion.$ref, "#/types/odoo-aws:index:OdooVersion");
    });

    it("exports every type of the schema from the barrel, so TypeScript consumers can name them too", () => {
        const { exportedNames } = declared;
        assert.deepEqual(
            Object.keys(analysis.typeDefinitions).filter((t) => !exportedNames.has(t)),
            [],
        );
    });

    describe("the Pulumi YAML consumer (test/fixtures/consumer/yaml), checked against this schema", () => {
        interface YamlProgram {
            config: Record<string, { type: string }>;
            resources: Record<string, { type: string; properties: Record<string, unknown> }>;
            outputs: Record<string, string>;
        }
        const program = parseYaml(
            fs.readFileSync(path.join(REPO_ROOT, "test", "fixtures", "consumer", "yaml", "Pulumi.yaml"), "utf8"),
        ) as YamlProgram;

        /** Property paths of `value` the schema does not know, walking types through their $ref. */
        function unknownPaths(where: string, value: unknown, props: Record<string, PropertyDefinition>): string[] {
            return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) => {
                const prop = props[key];
                if (!prop) {
                    return [`${where}.${key}`];
                }
                const [ref] = typeRefs(prop);
                const type = ref ? analysis.typeDefinitions[ref] : undefined;
                if (type?.properties && v && typeof v === "object" && !Array.isArray(v)) {
                    return unknownPaths(`${where}.${key}`, v, type.properties);
                }
                if (type?.enum && !type.enum.some((e) => e.value === v)) {
                    return [`${where}.${key} = ${String(v)}`];
                }
                return [];
            });
        }

        it("uses only properties the component takes, with every required one, and valid enum values", () => {
            const [erp] = Object.values(program.resources);
            assert.equal(erp.type, "odoo-aws:OdooCluster");
            const inputs = analysis.components.OdooCluster.inputs;
            assert.deepEqual(unknownPaths("erp", erp.properties, inputs), []);
            const required = Object.entries(inputs)
                .filter(([, p]) => !p.optional)
                .map(([n]) => n);
            assert.deepEqual(
                required.filter((n) => !(n in erp.properties)),
                [],
            );
        });

        it("reads only outputs the component has, down to fields of its output types", () => {
            const outputs = analysis.components.OdooCluster.outputs;
            for (const expression of Object.values(program.outputs)) {
                const [, first, field] = /^\$\{erp\.(\w+)(?:\.(\w+))?\}$/.exec(expression) ?? [];
                assert.ok(first && first in outputs, expression);
                if (field) {
                    const [ref] = typeRefs(outputs[first]);
                    assert.ok(ref && field in (analysis.typeDefinitions[ref].properties ?? {}), expression);
                }
            }
        });

        it("declares the stack configuration it interpolates", () => {
            const used = JSON.stringify(program.resources)
                .match(/\$\{(\w+)\}/g)!
                .map((m) => m.slice(2, -1));
            assert.deepEqual(
                used.filter((name) => !(name in program.config)),
                [],
            );
        });
    });
});
