import { strict as assert } from "node:assert";
import {
    CapacityPlan,
    GUIDE_CAPACITY_TABLE,
    MAX_CONCURRENT_USERS,
    capacityTierFor,
    minimumDatabaseVcpu,
    minimumHttpWorkers,
    minimumReplicas,
    planCapacity,
} from "../../../components/contract/sizing";
import { throwsArgumentError } from "../../harness/argumentErrors";

/**
 * The guide's capacity table, written out as data here (not imported), so a change to the
 * module's table cannot silently change what the tests expect.
 * servers = the table's "Odoo servers" (the HTTP fleet); workers = "workers total".
 */
const GUIDE_ROWS = [
    { from: 1, to: 50, servers: [1, 1], workers: [4, 6], dbVcpu: 2, replicas: 0 },
    { from: 51, to: 150, servers: [2, 2], workers: [8, 12], dbVcpu: 4, replicas: 0 },
    { from: 151, to: 300, servers: [3, 3], workers: [12, 18], dbVcpu: 8, replicas: 0 },
    { from: 301, to: 500, servers: [4, 5], workers: [18, 30], dbVcpu: 16, replicas: 1 },
    { from: 501, to: 501, servers: [5, Infinity], workers: [30, Infinity], dbVcpu: 32, replicas: 2 },
];

/** A part's monthly figure as configured; 0 when the plan has no such part. */
function costOf(plan: CapacityPlan, part: string): number {
    return plan.monthlyCost.lines.find((l) => l.part === part)?.usd ?? 0;
}

describe("planCapacity reproduces the guide's capacity table", () => {
    for (const row of GUIDE_ROWS) {
        for (const users of [...new Set([row.from, row.to])]) {
            it(`plans ${users} users as ${row.servers[0]}${row.servers[1] === row.servers[0] ? "" : "+"} HTTP node(s), ${row.workers.join("–")} workers, a ${row.dbVcpu} vCPU database and ${row.replicas} replica(s)`, () => {
                const plan = planCapacity({ concurrentUsers: users });
                assert.ok(plan.httpNodes >= row.servers[0] && plan.httpNodes <= row.servers[1], `httpNodes ${plan.httpNodes}`);
                assert.ok(plan.totalWorkers >= row.workers[0] && plan.totalWorkers <= row.workers[1], `totalWorkers ${plan.totalWorkers}`);
                assert.equal(plan.database.vcpu, row.dbVcpu);
                assert.equal(plan.database.replicas, row.replicas);
                assert.equal(minimumDatabaseVcpu(users), row.dbVcpu);
                assert.equal(minimumReplicas(users), row.replicas);
                assert.equal(plan.cronNodes, 1);
            });
        }
    }

    it("serves up to 50 users from one http+cron node and adds a dedicated cron node from 51 on", () => {
        const small = planCapacity({ concurrentUsers: 50 });
        assert.equal(small.singleNode, true);
        assert.equal(small.httpNodesMax, 1);
        assert.equal(small.cron.dedicated, false);
        const fleet = planCapacity({ concurrentUsers: 51 });
        assert.equal(fleet.singleNode, false);
        assert.equal(fleet.cron.dedicated, true);
        assert.ok(fleet.httpNodesMax > fleet.httpNodes, "the fleet has room to scale out");
    });

    it("gives a 4 vCPU / 8 GiB node the guide's 6 workers and its memory and time limits", () => {
        const plan = planCapacity({ concurrentUsers: 300 });
        assert.equal(plan.nodeInstanceType, "c7g.xlarge");
        assert.equal(plan.workersPerNode, 6);
        assert.deepEqual(plan.limits, { memorySoft: 2147483648, memoryHard: 2684354560, timeCpu: 600, timeReal: 1200 });
    });

    it("puts a burstable class under 50 users and a general-purpose class above", () => {
        assert.equal(planCapacity({ concurrentUsers: 50 }).database.instanceClass, "db.t4g.medium");
        assert.equal(planCapacity({ concurrentUsers: 51 }).database.instanceClass, "db.m7g.xlarge");
    });
});

describe("planCapacity beyond the guide's last row", () => {
    const sample = [501, 750, 1000, 1001, 2000, 2001, 3500, 5000];

    it("never drops below 32 vCPU and 2 replicas up to 5,000 users", () => {
        for (const users of sample) {
            const plan = planCapacity({ concurrentUsers: users });
            assert.ok(plan.database.vcpu >= 32, `${users}: ${plan.database.vcpu} vCPU`);
            assert.ok(plan.database.replicas >= 2, `${users}: ${plan.database.replicas} replicas`);
            assert.ok(plan.httpNodes >= 5 && plan.totalWorkers >= 30, `${users}: ${plan.httpNodes} nodes`);
        }
    });

    it("grows monotonically: more users never get fewer nodes, vCPU or replicas", () => {
        let previous = planCapacity({ concurrentUsers: 1 });
        for (let users = 2; users <= MAX_CONCURRENT_USERS; users += 37) {
            const plan = planCapacity({ concurrentUsers: users });
            assert.ok(plan.httpNodes >= previous.httpNodes, `nodes at ${users}`);
            assert.ok(plan.database.vcpu >= previous.database.vcpu, `vCPU at ${users}`);
            assert.ok(plan.database.replicas >= previous.database.replicas, `replicas at ${users}`);
            previous = plan;
        }
    });

    it("scales the fleet with users per worker: 2,000 users get at least 2000/16 workers", () => {
        const plan = planCapacity({ concurrentUsers: 2000 });
        assert.ok(plan.totalWorkers >= Math.ceil(2000 / 16), `${plan.totalWorkers}`);
        assert.equal(minimumHttpWorkers(2000), 125);
    });

    it("marks the rows it extrapolated", () => {
        assert.equal(capacityTierFor(1000).tier.source, "guide");
        assert.equal(capacityTierFor(1001).tier.source, "extrapolation");
        assert.equal(GUIDE_CAPACITY_TABLE.tiers[GUIDE_CAPACITY_TABLE.tiers.length - 1].maxUsers, MAX_CONCURRENT_USERS);
    });
});

describe("planCapacity's connection budget", () => {
    for (const users of [1, 50, 51, 300, 500, 501, 2000, 5000]) {
        it(`keeps the worst case of ${users} users within 90 % of the primary's max_connections`, () => {
            const plan = planCapacity({ concurrentUsers: users });
            const perNode = plan.workersPerNode + (plan.singleNode ? plan.cron.maxCronThreads : 0) + 1;
            const cron = plan.singleNode ? 0 : plan.cron.workers + plan.cron.maxCronThreads + 1;
            const processes = plan.httpNodesMax * perNode + cron;
            assert.equal(plan.connectionBudget.processes, processes);
            assert.ok(processes * plan.dbMaxconn <= plan.database.maxConnections * 0.9, `${processes} × ${plan.dbMaxconn}`);
            assert.ok(plan.dbMaxconn >= 4 && plan.dbMaxconn <= 64, `db_maxconn ${plan.dbMaxconn}`);
        });
    }

    it("takes an explicit db_maxconn as given and lists it when it overruns the budget", () => {
        const fits = planCapacity({ concurrentUsers: 300, dbMaxconn: 8 });
        assert.equal(fits.dbMaxconn, 8);
        assert.deepEqual(fits.warnings, []);
        const over = planCapacity({ concurrentUsers: 2000, databaseInstanceClass: "db.t4g.medium", dbMaxconn: 16 });
        assert.equal(over.dbMaxconn, 16);
        assert.match(
            over.warnings.join("\n"),
            /dbMaxconn: \d+ processes × 16 = \d+ exceeds the 405 connections db\.t4g\.medium leaves Odoo/,
        );
    });

    it("rejects a class too small to give each process four connections", () => {
        throwsArgumentError(() => planCapacity({ concurrentUsers: 2000, databaseInstanceClass: "db.t4g.medium" }), {
            property: "databaseInstanceClass",
            message: /max_connections \(450\)/,
        });
    });
});

describe("planCapacity's overrides", () => {
    it("keeps an undersized database but lists it as a departure for the policies to judge", () => {
        const plan = planCapacity({ concurrentUsers: 300, databaseInstanceClass: "db.m7g.large" });
        assert.equal(plan.database.instanceClass, "db.m7g.large");
        assert.equal(plan.database.minimumVcpu, 8);
        assert.match(plan.warnings.join("\n"), /db\.m7g\.large has 2 vCPU; the table asks 8/);
    });

    it("derives workers from another node type: 1.5 per vCPU, capped by memory", () => {
        assert.equal(planCapacity({ concurrentUsers: 300, nodeInstanceType: "c7g.2xlarge" }).workersPerNode, 12);
        assert.equal(planCapacity({ concurrentUsers: 300, nodeInstanceType: "c7g.large" }).workersPerNode, 3);
    });

    it("switches production on: Multi-AZ database, two cache nodes, three AZs with a NAT each", () => {
        const plan = planCapacity({ concurrentUsers: 300, production: true, imageAddons: { sessionRedis: true } });
        assert.equal(plan.sessions, "redis");
        assert.equal(plan.database.multiAz, true);
        assert.equal(plan.cache.nodes, 2);
        assert.deepEqual(plan.network, { availabilityZones: 3, natGateways: 3 });
        const dev = planCapacity({ concurrentUsers: 300 });
        assert.deepEqual(dev.network, { availabilityZones: 2, natGateways: 1 });
    });

    it("prices a production database without its standby when Multi-AZ is turned off", () => {
        const standby = planCapacity({ concurrentUsers: 300, production: true });
        const single = planCapacity({ concurrentUsers: 300, production: true, databaseMultiAz: false });
        assert.equal(single.database.multiAz, false);
        assert.equal(costOf(single, "database") * 2, costOf(standby, "database"));
    });

    it("has no cache when sessions live on the shared filestore", () => {
        const plan = planCapacity({ concurrentUsers: 300, sessions: "filestore" });
        assert.equal(plan.cache.nodes, 0);
        assert.equal(
            plan.monthlyCost.lines.find((l) => l.part === "sessionCache"),
            undefined,
        );
    });
});

describe("planCapacity's sessions follow the image, the version and the filestore", () => {
    it("keeps a fleet of the stock image on filestore sessions, with no cache to pay for", () => {
        const plan = planCapacity({ concurrentUsers: 300 });
        assert.equal(plan.sessions, "filestore");
        assert.equal(plan.cache.nodes, 0);
        assert.equal(costOf(plan, "sessionCache"), 0);
    });
    it("puts a fleet on Redis when the image carries session_redis on 17.0 and 18.0", () => {
        for (const odooVersion of ["17.0", "18.0"] as const) {
            const plan = planCapacity({ concurrentUsers: 300, odooVersion, imageAddons: { sessionRedis: true } });
            assert.equal(plan.sessions, "redis");
            assert.equal(plan.cache.nodes, 1);
            assert.ok(costOf(plan, "sessionCache") > 0);
        }
    });
    it("keeps 19.0 on filestore sessions even with session_redis, which has no 19.0 release", () =>
        assert.equal(
            planCapacity({ concurrentUsers: 300, odooVersion: "19.0", imageAddons: { sessionRedis: true } }).sessions,
            "filestore",
        ));
    it("keeps a single node on filestore sessions", () =>
        assert.equal(planCapacity({ concurrentUsers: 30, imageAddons: { sessionRedis: true } }).sessions, "filestore"));
    it("sizes the cache from cacheNodes", () =>
        assert.equal(
            planCapacity({ concurrentUsers: 300, sessions: "redis", imageAddons: { sessionRedis: true }, cacheNodes: 3 }).cache.nodes,
            3,
        ));
    it("rejects Redis sessions on 19.0", () =>
        throwsArgumentError(
            () => planCapacity({ concurrentUsers: 300, odooVersion: "19.0", sessions: "redis", imageAddons: { sessionRedis: true } }),
            { property: "sessions", message: /filestore .* on Odoo 19\.0/ },
        ));
    it("rejects Redis sessions without an image that carries session_redis", () =>
        throwsArgumentError(() => planCapacity({ concurrentUsers: 300, sessions: "redis" }), {
            property: "imageAddons.sessionRedis",
            message: /session_redis/,
        }));
    it("rejects a local filestore for a fleet", () =>
        throwsArgumentError(() => planCapacity({ concurrentUsers: 300, filestore: "local" }), {
            property: "filestore",
            message: /single node only/,
        }));
    it("rejects a fleet on S3 with nothing to share sessions", () =>
        throwsArgumentError(() => planCapacity({ concurrentUsers: 300, filestore: "s3", imageAddons: { s3Attachments: true } }), {
            property: "sessions",
            message: /redis/,
        }));
    it("rejects local sessions for a fleet", () =>
        throwsArgumentError(() => planCapacity({ concurrentUsers: 300, sessions: "local" }), {
            property: "sessions",
            message: /one HTTP node only/,
        }));
    it("rejects filestore sessions on an S3 filestore for a fleet", () =>
        throwsArgumentError(
            () => planCapacity({ concurrentUsers: 300, filestore: "s3", imageAddons: { s3Attachments: true }, sessions: "filestore" }),
            { property: "sessions", message: /efs filestore/ },
        ));
    it("rejects an S3 filestore without an image that carries the storage addons", () =>
        throwsArgumentError(() => planCapacity({ concurrentUsers: 30, filestore: "s3" }), {
            property: "imageAddons.s3Attachments",
            message: /fs_attachment_s3/,
        }));
    it("rejects seven cache nodes", () =>
        throwsArgumentError(
            () => planCapacity({ concurrentUsers: 300, sessions: "redis", imageAddons: { sessionRedis: true }, cacheNodes: 7 }),
            { property: "cacheNodes", message: /from 1 to 6/ },
        ));
});

describe("planCapacity's monthly cost", () => {
    const line = (c: { lines: { part: string; usd: number }[] }, part: string) => c.lines.find((l) => l.part === part)?.usd;

    it("prices the HTTP fleet at 730 hours of its node type and root volumes when it runs on-demand around the clock", () => {
        const c = planCapacity({ concurrentUsers: 300 }).monthlyCost;
        assert.equal(c.httpFleet.total, Math.round(3 * (0.145 * 730 + 30 * 0.08) * 100) / 100);
        assert.equal(c.httpFleet.total, c.httpFleet.alwaysOnOnDemand);
        assert.equal(c.total, c.alwaysOnOnDemand);
    });

    it("doubles the primary's price for Multi-AZ", () => {
        const dev = planCapacity({ concurrentUsers: 300 });
        const prod = planCapacity({ concurrentUsers: 300, production: true });
        assert.ok(Math.abs(line(prod.monthlyCost, "database")! - 2 * line(dev.monthlyCost, "database")!) < 0.02);
    });

    it("prices the replicas at their own, smaller class", () => {
        const plan = planCapacity({ concurrentUsers: 400, production: true, databaseInstanceClass: "db.m7g.4xlarge", databaseReplicas: 1 });
        assert.equal(plan.database.replicaInstanceClass, "db.r6g.2xlarge");
        assert.equal(line(plan.monthlyCost, "replicas"), Math.round(0.9 * 730 * 100) / 100);
    });
});

describe("planCapacity rejects invalid input, naming the field, the value and what is accepted", () => {
    const users = /a whole number from 1 to 5000/;
    it("rejects 0 users", () =>
        throwsArgumentError(() => planCapacity({ concurrentUsers: 0 }), { property: "concurrentUsers", message: users }));
    it("rejects negative users", () =>
        throwsArgumentError(() => planCapacity({ concurrentUsers: -5 }), { property: "concurrentUsers", message: users }));
    it("rejects fractional users", () =>
        throwsArgumentError(() => planCapacity({ concurrentUsers: 12.5 }), { property: "concurrentUsers", message: users }));
    it("rejects NaN users", () =>
        throwsArgumentError(() => planCapacity({ concurrentUsers: Number.NaN }), { property: "concurrentUsers", message: users }));
    it("rejects users above the supported maximum", () =>
        throwsArgumentError(() => planCapacity({ concurrentUsers: 5001 }), { property: "concurrentUsers", message: users }));
    it("rejects users given as a string", () =>
        throwsArgumentError(() => planCapacity({ concurrentUsers: "300" as unknown as number }), {
            property: "concurrentUsers",
            message: users,
        }));
    it("rejects an unknown node type and lists the families", () =>
        throwsArgumentError(() => planCapacity({ concurrentUsers: 300, nodeInstanceType: "c5.xlarge" }), {
            property: "nodeInstanceType",
            message: /c7g\.\*.*m7i\.\*/,
        }));
    it("rejects an unknown database class and lists the families", () =>
        throwsArgumentError(() => planCapacity({ concurrentUsers: 300, databaseInstanceClass: "db.m5.large" }), {
            property: "databaseInstanceClass",
            message: /db\.m7g\.\*/,
        }));
    it("rejects an unknown cache node type", () =>
        throwsArgumentError(() => planCapacity({ concurrentUsers: 300, cacheNodeType: "cache.t2.micro" }), {
            property: "cacheNodeType",
            message: /cache\.t4g\.\*/,
        }));
    it("rejects more than 15 replicas", () =>
        throwsArgumentError(() => planCapacity({ concurrentUsers: 300, databaseReplicas: 16 }), {
            property: "databaseReplicas",
            message: /from 0 to 15/,
        }));
    it("rejects a cron node of another architecture than the HTTP nodes", () =>
        throwsArgumentError(() => planCapacity({ concurrentUsers: 300, cronInstanceType: "m7i.large" }), {
            property: "cronInstanceType",
            message: /arm64/,
        }));
    it("rejects two HTTP nodes in single-node mode", () =>
        throwsArgumentError(() => planCapacity({ concurrentUsers: 30, httpNodes: 2 }), {
            property: "httpNodes",
            message: /1 in single-node mode/,
        }));
    it("rejects an autoscaling maximum below the minimum", () =>
        throwsArgumentError(() => planCapacity({ concurrentUsers: 300, httpNodes: 4, httpNodesMax: 3 }), {
            property: "httpNodesMax",
            message: /from 4 to/,
        }));
    it("rejects an unknown sessions kind", () =>
        throwsArgumentError(() => planCapacity({ concurrentUsers: 300, sessions: "memcached" as never }), {
            property: "sessions",
            message: /"redis", "filestore", "local"/,
        }));
    it("rejects an unknown filestore kind", () =>
        throwsArgumentError(() => planCapacity({ concurrentUsers: 300, filestore: "nfs" as never }), {
            property: "filestore",
            message: /"efs", "s3", "local"/,
        }));
    it("rejects a table whose last row stops short of 5,000 users", () =>
        throwsArgumentError(
            () => planCapacity({ concurrentUsers: 10, table: { ...GUIDE_CAPACITY_TABLE, tiers: GUIDE_CAPACITY_TABLE.tiers.slice(0, 4) } }),
            { property: "table.tiers", message: /5000/ },
        ));
});
