import { strict as assert } from "node:assert";
import { cloudInitSchema, parseIniWithPython, pyCompile, requireTool, shellcheck } from "./debianTools";

describe("the Debian tool runners", () => {
    it("fail, naming the package to install, when a tool is missing", () => {
        assert.throws(
            () => requireTool("odoo-aws-no-such-tool"),
            /odoo-aws-no-such-tool is not installed; install the Debian package: apt-get install odoo-aws-no-such-tool/,
        );
        requireTool("python3");
    });

    it("let cloud-init reject a malformed cloud-config", () => {
        assert.equal(cloudInitSchema("#cloud-config\nruncmd: 5\n").ok, false);
        assert.equal(cloudInitSchema("#cloud-config\nruncmd:\n  - [echo, hi]\n").ok, true);
    });

    it("let shellcheck reject an unquoted expansion", () => {
        const result = shellcheck({ bad: "#!/bin/bash\nrm -rf $1\n" });
        assert.equal(result.ok, false);
        assert.match(result.output, /SC2086/);
        assert.equal(shellcheck({ good: '#!/bin/bash\nrm -rf -- "$1"\n' }).ok, true);
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
