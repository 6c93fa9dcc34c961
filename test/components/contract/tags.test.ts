import { strict as assert } from "node:assert";
import { RESERVED_TAG_KEYS, TAG, asgTags, clusterTags, parseOdooTags } from "../../../components/contract/tags";
import { throwsArgumentError } from "../../harness/argumentErrors";

const cluster = { cluster: "erp", concurrentUsers: 300, environment: "prod" };
const node = { maxCronThreads: 0, workers: 6, dbMaxconn: 32, filestore: "efs" as const, sessions: "redis" as const };

describe("the tag contract", () => {
    it("puts cluster, role, declared users and environment on every resource, as strings", () => {
        assert.deepEqual(clusterTags(cluster, "db-primary"), {
            "odoo:cluster": "erp",
            "odoo:role": "db-primary",
            "odoo:concurrent-users": "300",
            "odoo:environment": "prod",
        });
    });

    it("adds cron threads, workers, db_maxconn, filestore and sessions on nodes", () => {
        const tags = clusterTags(cluster, "http", {}, node);
        assert.equal(tags[TAG.maxCronThreads], "0");
        assert.equal(tags[TAG.workers], "6");
        assert.equal(tags[TAG.dbMaxconn], "32");
        assert.equal(tags[TAG.filestore], "efs");
        assert.equal(tags[TAG.sessions], "redis");
    });

    it("merges the user's own tags", () => {
        assert.equal(clusterTags(cluster, "lb", { CostCenter: "42" }).CostCenter, "42");
    });

    it("refuses a user tag that would override a contract key", () => {
        for (const key of RESERVED_TAG_KEYS) {
            throwsArgumentError(() => clusterTags(cluster, "http", { [key]: "x" }), { property: `tags["${key}"]` });
        }
    });

    it("reads back what it writes", () => {
        assert.deepEqual(parseOdooTags(clusterTags(cluster, "http", {}, node)), {
            ...cluster,
            role: "http",
            ...node,
            workload: undefined,
            capacity: "on-demand",
            maxConnections: undefined,
            restoredFrom: undefined,
            safeMode: undefined,
            standbyRegion: undefined,
            backupCopyRegion: undefined,
        });
    });

    it("writes and reads back the workload tag only when the node declares one", () => {
        const workload = "r=12 ls=0.8 lm=0.1 lcv=1 hm=0.6 hcv=1 db=0.25 cpu=0.9 ro=0.2";
        assert.equal(clusterTags(cluster, "http", {}, node)["odoo:workload"], undefined);
        assert.equal(parseOdooTags(clusterTags(cluster, "http", {}, { ...node, workload })).workload, workload);
    });

    it("reads malformed values as absent rather than guessing", () => {
        const parsed = parseOdooTags({ "odoo:concurrent-users": "3e2", "odoo:role": "worker", "odoo:workers": "-1" });
        assert.equal(parsed.concurrentUsers, undefined);
        assert.equal(parsed.role, undefined);
        assert.equal(parsed.workers, undefined);
    });

    it("propagates ASG tags to the instances the group launches", () => {
        assert.deepEqual(asgTags({ a: "1" }), [{ key: "a", value: "1", propagateAtLaunch: true }]);
    });
});
