import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { s3AttachmentModules } from "../../components/contract/odooVersion";
import { ODOO_EXTRA_ADDONS_DIR } from "../../components/nodes/odooConf";

const DOCKERFILE = fs.readFileSync(path.join(__dirname, "..", "..", "stacks", "image", "Dockerfile"), "utf8");

describe("the image recipe for the prod stack (stacks/image/Dockerfile)", () => {
    it("starts from the official Odoo 18.0 image the prod stack runs", () => {
        assert.match(DOCKERFILE, /^ARG ODOO_IMAGE=odoo:18\.0$/m);
        assert.match(DOCKERFILE, /^FROM \$\{ODOO_IMAGE\}$/m);
        const prod = fs.readFileSync(path.join(__dirname, "..", "..", "stacks", "Pulumi.prod.yaml"), "utf8");
        assert.match(prod, /odoo-aws:odooVersion: "18\.0"/);
    });

    it("puts session_redis and every module the S3 filestore needs on 18.0 into the addons directory the nodes read", () => {
        for (const module of ["session_redis", ...s3AttachmentModules("18.0"), "server_environment"]) {
            assert.match(DOCKERFILE, new RegExp(`\\b${module}\\b`), module);
        }
        assert.ok(DOCKERFILE.includes(ODOO_EXTRA_ADDONS_DIR));
    });

    it("pins the addons by commit and every Python package by version", () => {
        assert.match(DOCKERFILE, /\^\[0-9a-f\]\{40\}\$/);
        for (const arg of ["CLOUD_PLATFORM_COMMIT", "STORAGE_COMMIT", "SERVER_ENV_COMMIT"]) {
            assert.match(DOCKERFILE, new RegExp(`^ARG ${arg}$`, "m"));
        }
        const pip = DOCKERFILE.slice(DOCKERFILE.indexOf("pip3 install"));
        const packages = [...pip.matchAll(/^\s+([a-z][a-z0-9_-]*)(==[0-9.]+)?\s*\\$/gm)].map((m) => [m[1], m[2]]);
        assert.deepEqual(
            packages.map(([name]) => name),
            ["redis", "fsspec", "s3fs", "python-slugify"],
        );
        assert.deepEqual(
            packages.filter(([, version]) => !version),
            [],
        );
    });

    it("runs Odoo as the image's odoo user, not root", () => {
        const users = [...DOCKERFILE.matchAll(/^USER (\S+)$/gm)].map((m) => m[1]);
        assert.equal(users[users.length - 1], "odoo");
    });
});
