import { strict as assert } from "node:assert";
import { gzipSync } from "node:zlib";
import { decodeUserData, odooConfOf, judgedConfSettings, parseOdooConf } from "../../../policies/support/nodeUserDataReader";
import { cloudConfig, odooConf } from "../fixtures/odooStack";

describe("reading a node's user data", () => {
    const conf = odooConf({ workers: 6, maxCronThreads: 0, dbMaxconn: 48, dbHost: "db" });

    it("decodes base64 cloud-config and finds the odoo.conf cloud-init writes", () => {
        const decoded = decodeUserData(Buffer.from(cloudConfig(conf)).toString("base64"), true);
        assert.match(decoded.text, /^#cloud-config/);
        assert.deepEqual(judgedConfSettings(odooConfOf(decoded)!), { maxCronThreads: 0, workers: 6, dbMaxconn: 48 });
    });

    it("decodes a base64-encoded write_files entry and gzip-compressed user data", () => {
        const gz = gzipSync(Buffer.from(cloudConfig(conf, { encodeConf: true }))).toString("base64");
        assert.equal(odooConfOf(decodeUserData(gz, true))?.get("db_maxconn"), "48");
    });

    it("reads plain-text user data of an instance as text", () => {
        assert.equal(decodeUserData("#!/bin/bash\necho hi\n", false).text, "#!/bin/bash\necho hi\n");
    });

    it("fills what odoo.conf leaves out with Odoo's own defaults: 2 cron threads, 0 workers, 64 connections", () => {
        assert.deepEqual(judgedConfSettings(parseOdooConf("[options]\nproxy_mode = True\n")), {
            maxCronThreads: 2,
            workers: 0,
            dbMaxconn: 64,
        });
    });

    it("reads only the [options] section, as Odoo does, with = or : and comments", () => {
        const options = parseOdooConf("; comment\n[other]\nworkers = 99\n[options]\n# comment\nworkers: 4\nMAX_CRON_THREADS = 1\n");
        assert.equal(options.get("workers"), "4");
        assert.equal(options.get("max_cron_threads"), "1");
    });

    it("finds no odoo.conf in user data that is not a cloud-config or does not parse", () => {
        assert.equal(odooConfOf(decodeUserData("#!/bin/bash\n", false)), undefined);
        assert.equal(odooConfOf(decodeUserData("#cloud-config\nwrite_files: [unclosed\n", false)), undefined);
    });
});
