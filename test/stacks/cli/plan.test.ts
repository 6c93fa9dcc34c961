import { strict as assert } from "node:assert";
import { PLAN_HELP } from "../../../stacks/cli/odooAws";
import { main } from "../../../stacks/cli/plan";

function run(argv: string[]): { code: number; out: string; err: string } {
    let out = "";
    let err = "";
    const code = main(
        argv,
        (s) => (out += s),
        (s) => (err += s),
    );
    return { code, out, err };
}

describe("npm run plan", () => {
    it("prints the plan for 300 users as a readable table", () => {
        const { code, out } = run(["--users", "300"]);
        assert.equal(code, 0);
        assert.match(out, /Capacity plan for 300 concurrent users/);
        assert.match(out, /HTTP nodes\s+3 \(autoscaling up to \d+\)/);
        assert.match(out, /db\.m7g\.2xlarge \(8 vCPU/);
        assert.match(out, /total\s+\$[\d,]+\.\d\d/);
    });

    it("prints JSON that parses to the plan with --json", () => {
        const { code, out } = run(["--users", "500", "--json", "--production"]);
        assert.equal(code, 0);
        const plan = JSON.parse(out);
        assert.equal(plan.concurrentUsers, 500);
        assert.equal(plan.database.replicas, 1);
        assert.equal(plan.database.multiAz, true);
    });

    it("exits 2 with the field and the accepted range for a bad user count", () => {
        const { code, err } = run(["--users", "abc"]);
        assert.equal(code, 2);
        assert.match(err, /--users is "abc"; accepted: a whole number/);
    });

    it("plans a 300-user fleet of the official image with filestore sessions and no cache, as OdooCluster builds it", () => {
        const { code, out } = run(["--users", "300"]);
        assert.equal(code, 0);
        assert.match(out, /sessions\s+filestore\n/);
        assert.doesNotMatch(out, /sessionCache/);
    });

    it("plans Redis sessions and their cache when the image carries session_redis", () => {
        const { code, out } = run(["--users", "300", "--session-redis"]);
        assert.equal(code, 0);
        assert.match(out, /sessions\s+redis \(valkey, 1 × cache\.t4g\.small\)/);
        assert.match(out, /sessionCache\s+\$[1-9][\d,]*\.\d\d/);
    });

    it("keeps Odoo 19.0 on filestore sessions even with session_redis", () => {
        const { out } = run(["--users", "300", "--session-redis", "--odoo-version", "19.0", "--json"]);
        assert.equal(JSON.parse(out).sessions, "filestore");
    });

    it("exits 2 naming --s3-attachments for an S3 filestore on the official image", () => {
        const { code, err } = run(["--users", "300", "--filestore", "s3"]);
        assert.equal(code, 2);
        assert.match(err, /^--s3-attachments is /);
    });

    it("has a help that says what the image flags mean", () => {
        assert.match(PLAN_HELP, /--session-redis\s+the image carries session_redis/);
        assert.match(PLAN_HELP, /--s3-attachments\s+the image carries the OCA S3 attachment addons/);
        assert.match(PLAN_HELP, /--odoo-version/);
    });

    it("exits 2 when --users is missing", () => {
        const { code, err } = run([]);
        assert.equal(code, 2);
        assert.match(err, /--users/);
    });
});
