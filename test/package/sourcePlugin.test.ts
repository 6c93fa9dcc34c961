import { strict as assert } from "node:assert";
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as providerGrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import { scratchDir } from "../harness/scratch";
import { REPO_ROOT, packPackage } from "./packedPackage";
import { PACKAGE_COMPONENTS } from "../harness/packageComponents";

interface SchemaProperty {
    description?: string;
    $ref?: string;
}
interface PackageSchema {
    name: string;
    version: string;
    resources: Record<
        string,
        {
            isComponent?: boolean;
            description?: string;
            inputProperties?: Record<string, SchemaProperty>;
            properties?: Record<string, SchemaProperty>;
            requiredInputs?: string[];
        }
    >;
    types: Record<string, { description?: string; enum?: { value: string }[] }>;
}

const COMPONENTS = PACKAGE_COMPONENTS;

/**
 * Starts `pluginDir`, a checkout of the repository, as the Pulumi CLI starts a source-based plugin
 * (pulumi-language-nodejs RunPlugin): node runs @pulumi/pulumi/cmd/run-plugin with the plugin directory as the program,
 * from the consumer's working directory; run-plugin requires the directory (package.json `main`),
 * finds the exported components and serves them as a provider, printing its port.
 */
function startPlugin(pluginDir: string, cwd: string): Promise<{ child: ChildProcess; port: number; stderr: () => string }> {
    const runPlugin = require.resolve("@pulumi/pulumi/cmd/run-plugin", { paths: [pluginDir] });
    const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("TS_NODE_")));
    const child = spawn(process.execPath, [runPlugin, pluginDir], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    return new Promise((resolve, reject) => {
        child.stdout!.on("data", (d: Buffer) => {
            stdout += d.toString();
            const line = /^(\d+)\s*$/m.exec(stdout);
            if (line) {
                resolve({ child, port: Number(line[1]), stderr: () => stderr });
            }
        });
        child.on("exit", (code) => reject(new Error(`the plugin exited (${code}) before it served:\n${stderr}\n${stdout}`)));
        child.on("error", reject);
    });
}

function getSchema(port: number): Promise<PackageSchema> {
    const client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return new Promise<PackageSchema>((resolve, reject) => {
        client.getSchema(new providerPb.GetSchemaRequest(), (err, response) => {
            client.close();
            if (err || !response) {
                reject(err ?? new Error("no GetSchema response"));
                return;
            }
            resolve(JSON.parse(response.getSchema()) as PackageSchema);
        });
    });
}

describe("the repository as a source-based plugin (pulumi package add <path or git URL>)", function () {
    // The build (prepare, as `npm install` in the plugin directory runs it), then the analyzer behind GetSchema.
    this.timeout(300_000);
    let plugin: { child: ChildProcess; port: number; stderr: () => string };
    let schema: PackageSchema;

    before(async () => {
        // The plugin directory as `pulumi package add` leaves it: a clean checkout, installed and built (prepare).
        const { checkout } = packPackage();
        // The consumer's project directory: a Python project, say, with no tsconfig.json of its own.
        plugin = await startPlugin(checkout, scratchDir("plugin-consumer"));
        schema = await getSchema(plugin.port);
    });

    after(() => {
        plugin?.child.kill();
    });

    it("declares its runtime in PulumiPlugin.yaml", () => {
        assert.match(fs.readFileSync(path.join(REPO_ROOT, "PulumiPlugin.yaml"), "utf8"), /^runtime: nodejs$/m);
    });

    it("serves a schema named after the npm package, at its version", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const manifest = require(path.join(REPO_ROOT, "package.json")) as { version: string };
        assert.equal(schema.name, "odoo-aws");
        assert.equal(schema.version, manifest.version);
    });

    it("serves every component as a component resource of odoo-aws:index, described, with described inputs and outputs", () => {
        assert.deepEqual(Object.keys(schema.resources).sort(), COMPONENTS.map((c) => `odoo-aws:index:${c}`).sort());
        for (const [token, resource] of Object.entries(schema.resources)) {
            assert.equal(resource.isComponent, true, token);
            assert.ok(resource.description, `${token} is described`);
            const props = [...Object.entries(resource.inputProperties ?? {}), ...Object.entries(resource.properties ?? {})];
            assert.ok(props.length > 2, token);
            assert.deepEqual(
                props.filter(([, p]) => !p.description).map(([n]) => `${token}.${n}`),
                [],
            );
        }
        assert.deepEqual(schema.resources["odoo-aws:index:OdooCluster"].requiredInputs, ["concurrentUsers"]);
    });

    it("serves the argument types and enums the SDKs of other languages are generated from", () => {
        assert.deepEqual(schema.types["odoo-aws:index:OdooVersion"].enum?.map((e) => e.value).sort(), ["17.0", "18.0", "19.0"]);
        assert.equal(
            schema.resources["odoo-aws:index:OdooCluster"].inputProperties!.network.$ref,
            "#/types/odoo-aws:index:OdooNetworkOptions",
        );
        const existingVpc = schema.types["odoo-aws:index:OdooExistingVpc"] as {
            properties?: Record<string, SchemaProperty>;
            required?: string[];
        };
        assert.deepEqual(existingVpc.required, ["privateSubnetIds", "publicSubnetIds", "vpcId"]);
        assert.ok(
            Object.values(existingVpc.properties ?? {}).every((p) => p.description),
            "each property of a type keeps its doc",
        );
    });
});
