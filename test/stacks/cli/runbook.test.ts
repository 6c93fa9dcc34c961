import { strict as assert } from "node:assert";
import { RUNBOOKS, runbookScript } from "../../../stacks/cli/runbook";

describe("npm run runbook", () => {
    it("prints the failover and the filestore restore scripts by name", () => {
        assert.deepEqual(Object.keys(RUNBOOKS).sort(), ["failover", "restore-filestore"]);
        assert.match(runbookScript("failover"), /promote-read-replica/);
        assert.match(runbookScript("restore-filestore"), /start-restore-job/);
    });
    it("lists the runbooks when the name is unknown or missing", () => {
        assert.throws(() => runbookScript("drop-database"), /usage: npm run runbook -- failover\|restore-filestore/);
        assert.throws(() => runbookScript(undefined), /usage/);
    });
});
