import { strict as assert } from "node:assert";
import { cloudInitSchema, cloudInitSchemaCommand, parseIniWithPython, pyCompile, requireTool, shellcheck } from "./debianTools";

describe("the Debian tool runners", () => {
    it("fail, naming the package to install, when a tool is missing", () => {
        assert.throws(
            () => requireTool("odoo-aws-no-such-tool"),
            /odoo-aws-no-such-tool is not installed; install the Debian package: apt-get install odoo-aws-no-such-tool/,
        );
        assert.match(requireTool("python3"), /\/python3$/);
    });

    it("let cloud-init reject a malformed cloud-config, naming it, and judge as `cloud-init schema --config-file` does", () => {
        const configs = {
            "not a list": "#cloud-config\nruncmd: 5\n",
            "no header": "runcmd:\n  - [echo, hi]\n",
            "not YAML": "#cloud-config\nruncmd: [echo\n",
            good: "#cloud-config\nruncmd:\n  - [echo, hi]\n",
        };
        const all = cloudInitSchema(configs);
        assert.equal(all.ok, false);
        for (const name of Object.keys(configs)) {
            assert.equal(all.output.includes(`${name}: `), name !== "good", all.output);
        }
        for (const name of ["not a list", "good"] as const) {
            assert.equal(cloudInitSchemaCommand(configs[name]).ok, name === "good", `the command on ${name}`);
        }
    });

    it("let shellcheck reject an unquoted expansion, in bash and in sh", () => {
        const result = shellcheck({ bad: "#!/bin/bash\nrm -rf $1\n" });
        assert.equal(result.ok, false);
        assert.match(result.output, /SC2086/);
        assert.equal(shellcheck({ good: '#!/bin/bash\nrm -rf -- "$1"\n' }).ok, true);
        assert.equal(shellcheck({ arrays: 'a=(x y)\necho "${a[@]}"\n' }).ok, true);
        assert.match(shellcheck({ arrays: 'a=(x y)\necho "${a[@]}"\n' }, "sh").output, /SC3030/);
    });

    it("parse INI text the way Odoo does, and refuse a duplicated option", () => {
        const [parsed] = parseIniWithPython(["[options]\nworkers = 4\n"]);
        assert.deepEqual(parsed, { options: { workers: "4" } });
        assert.throws(() => parseIniWithPython(["[options]\nworkers = 4\nworkers = 5\n"]), /DuplicateOptionError/);
    });

    it("let python3 reject a syntax error", () => {
        assert.equal(pyCompile({ bad: "def f(:\n" }).ok, false);
        assert.equal(pyCompile({ good: "x = 1\n" }).ok, true);
    });
});
