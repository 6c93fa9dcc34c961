/** Reads what a node's launch template carries: its cloud-config and the files it writes. */
import { strict as assert } from "node:assert";
import { gunzipSync } from "node:zlib";
import { parse } from "yaml";
import { NodeCloudConfig } from "../../components/nodes/userData";
import { RecordedResource } from "./pulumiMocks";

/** The decoded `#cloud-config` of a recorded launch template (user data must be known: update mode). */
export function cloudConfigOf(launchTemplate: RecordedResource): NodeCloudConfig {
    assert.equal(typeof launchTemplate.inputs.userData, "string", "user data is known in update mode");
    const text = gunzipSync(Buffer.from(launchTemplate.inputs.userData as string, "base64")).toString("utf8");
    assert.ok(text.startsWith("#cloud-config\n"), "gzipped #cloud-config, which cloud-init unzips");
    return parse(text) as NodeCloudConfig;
}

/** The content of the file the cloud-config writes at `path`; fails the test when there is none. */
export function fileIn(config: NodeCloudConfig, path: string): string {
    const found = config.write_files.find((f) => f.path === path);
    assert.ok(found, `no ${path} in the user data`);
    return found.content;
}
