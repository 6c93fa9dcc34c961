import { strict as assert } from "node:assert";
import { OdooArgumentError } from "../../../components/contract/errors";
import { COST_EXCLUSIONS, estimateMonthlyCost } from "../../../components/contract/costEstimate";
import { OFFICE_HOURS_LEAD_MINUTES, isIanaTimeZone, planOfficeHours } from "../../../components/contract/officeHours";
import { cheapestReplicaClass, replicaHoldsConnections, replicaMemoryNeededGiB } from "../../../components/contract/replicaSizing";
import { planSpot, spotNodesAt } from "../../../components/contract/spotCapacity";
import { databaseInstanceClass, nodeInstanceType, sameShapeInstanceTypes } from "../../../components/contract/catalog";
import { planCapacity } from "../../../components/contract/sizing";

function expectArgumentError(fn: () => unknown, property: string, accepted: RegExp): void {
    assert.throws(fn, (e: unknown) => {
        assert.ok(e instanceof OdooArgumentError, `expected OdooArgumentError, got ${String(e)}`);
        assert.equal(e.property, property);
        assert.match(e.message, accepted);
        return true;
    });
}

const c7g = nodeInstanceType("c7g.xlarge");
const fleet = { type: c7g, minNodes: 5, maxNodes: 8, tableMinimumNodes: 4, singleNode: false };

describe("the Spot share of the HTTP fleet", () => {
    it("draws on every catalog type of the planned shape, the planned type first, one architecture", () => {
        const spot = planSpot({ enabled: true }, fleet);
        assert.equal(spot.instanceTypes[0], "c7g.xlarge");
        assert.ok(spot.instanceTypes.length >= 2);
        for (const name of spot.instanceTypes) {
            const t = nodeInstanceType(name);
            assert.deepEqual([t.architecture, t.vcpu, t.memoryGiB, t.burstable], ["arm64", 4, 8, false], name);
        }
        assert.deepEqual(
            sameShapeInstanceTypes(c7g).map((t) => t.name),
            spot.instanceTypes,
        );
    });

    it("keeps the table's minimum HTTP nodes on-demand by default and puts only the nodes above it on Spot", () => {
        const spot = planSpot({ enabled: true }, fleet);
        assert.equal(spot.onDemandBaseNodes, 4);
        assert.equal(spot.onDemandPercentageAboveBase, 0);
        assert.equal(spotNodesAt(spot, 5), 1);
        assert.equal(spotNodesAt(spot, 8), 4);
        assert.equal(spotNodesAt(spot, 3), 0);
        assert.equal(spotNodesAt(planSpot({ enabled: true, onDemandPercentageAboveBase: 50 }, fleet), 8), 2);
    });

    it("is off unless enabled, and then every node is on-demand", () => {
        const off = planSpot(undefined, fleet);
        assert.equal(off.enabled, false);
        assert.equal(off.capacity, "on-demand");
        assert.equal(spotNodesAt(off, 8), 0);
    });

    it("rejects an instance type of another shape, which would change workers and memory limits", () => {
        expectArgumentError(
            () => planSpot({ enabled: true, instanceTypes: ["m7g.xlarge"] }, fleet),
            "spot.instanceTypes[0]",
            /shape of c7g.xlarge/,
        );
        expectArgumentError(() => planSpot({ enabled: true, instanceTypes: ["c7i.xlarge"] }, fleet), "spot.instanceTypes[0]", /arm64/);
    });

    it("rejects a single Spot pool", () => {
        expectArgumentError(
            () => planSpot({ enabled: true, instanceTypes: ["c7g.xlarge"] }, fleet),
            "spot.instanceTypes",
            /2 to 40 distinct types/,
        );
    });

    it("rejects a Spot share in single-node mode, where the one node runs cron", () => {
        expectArgumentError(() => planSpot({ enabled: true }, { ...fleet, singleNode: true }), "spot.enabled", /false in single-node mode/);
    });
});

describe("office hours of the HTTP fleet", () => {
    it("schedules in a named IANA time zone: raise an hour before the day, lower at its end, local time", () => {
        const h = planOfficeHours({ timeZone: "Europe/Brussels", startHour: 7, endHour: 19 }, 5);
        assert.equal(h.timeZone, "Europe/Brussels");
        assert.equal(OFFICE_HOURS_LEAD_MINUTES, 60);
        assert.equal(h.raiseRecurrence, "0 6 * * 1-5");
        assert.equal(h.lowerRecurrence, "0 19 * * 1-5");
        assert.equal(h.daytimeHoursPerWeek, 65);
        assert.equal(h.offHoursNodes, 1);
    });

    it("accepts IANA names and UTC, refuses abbreviations AWS does not take", () => {
        for (const zone of ["America/New_York", "Asia/Kolkata", "America/Argentina/Buenos_Aires", "UTC", "Etc/GMT+9"]) {
            assert.ok(isIanaTimeZone(zone), zone);
        }
        for (const zone of ["CET", "EST", "Europe/Atlantis", "", "europe/brussels"]) {
            assert.ok(!isIanaTimeZone(zone), zone);
        }
        expectArgumentError(() => planOfficeHours({ timeZone: "CET" }, 5), "officeHours.timeZone", /IANA time zone/);
    });

    it("keeps at least one HTTP node outside office hours and never more than the daytime minimum", () => {
        expectArgumentError(() => planOfficeHours({ timeZone: "UTC", offHoursNodes: 0 }, 5), "officeHours.offHoursNodes", /from 1 to 5/);
        expectArgumentError(() => planOfficeHours({ timeZone: "UTC", offHoursNodes: 6 }, 5), "officeHours.offHoursNodes", /from 1 to 5/);
    });

    it("rejects an end before the start", () => {
        expectArgumentError(
            () => planOfficeHours({ timeZone: "UTC", startHour: 9, endHour: 8 }, 5),
            "officeHours.endHour",
            /from 10 to 23/,
        );
    });
});

describe("right-sized read replicas", () => {
    it("holds Odoo's connections at RDS's per-connection allowance within the budget share", () => {
        assert.ok(replicaMemoryNeededGiB(3840) > 32 && replicaMemoryNeededGiB(3840) < 64);
        assert.ok(!replicaHoldsConnections(databaseInstanceClass("db.r6g.xlarge"), 3840));
        assert.ok(replicaHoldsConnections(databaseInstanceClass("db.r6g.2xlarge"), 3840));
    });

    it("picks the cheapest class that holds, below the primary's", () => {
        const primary = databaseInstanceClass("db.m7g.4xlarge");
        const replica = cheapestReplicaClass(primary, 3840);
        assert.equal(replica.name, "db.r6g.2xlarge");
        assert.ok(replica.usdPerHour < primary.usdPerHour);
    });

    it("keeps the primary's class when nothing cheaper holds, and for Aurora readers", () => {
        const primary = databaseInstanceClass("db.t4g.small");
        assert.equal(cheapestReplicaClass(primary, 180).name, "db.t4g.small");
        assert.equal(cheapestReplicaClass(databaseInstanceClass("db.r7g.4xlarge"), 100, true).name, "db.r7g.4xlarge");
    });

    it("sets the replicas' max_connections to the primary's in the plan", () => {
        const plan = planCapacity({ concurrentUsers: 400, production: true, databaseInstanceClass: "db.m7g.4xlarge" });
        assert.equal(plan.database.replicaMaxConnections, plan.database.maxConnections);
        assert.equal(plan.database.replicaInstanceClass, "db.r6g.2xlarge");
    });

    it("rejects a replica class whose memory cannot hold Odoo's connections", () => {
        expectArgumentError(
            () =>
                planCapacity({
                    concurrentUsers: 400,
                    production: true,
                    databaseInstanceClass: "db.m7g.4xlarge",
                    replicaInstanceClass: "db.m7g.large",
                }),
            "replicaInstanceClass",
            /at least 37\.\d GiB/,
        );
    });
});

describe("the monthly cost estimate", () => {
    const prod = () =>
        planCapacity({
            concurrentUsers: 400,
            production: true,
            databaseInstanceClass: "db.m7g.4xlarge",
            databaseReplicas: 1,
            // An image with session_redis, so the estimate has a session cache to price.
            imageAddons: { sessionRedis: true },
            spot: { enabled: true },
            officeHours: { timeZone: "Europe/Brussels" },
        }).monthlyCost;

    it("sums its parts to the total, in both views", () => {
        for (const c of [
            prod(),
            planCapacity({ concurrentUsers: 20 }).monthlyCost,
            planCapacity({ concurrentUsers: 3000, production: true }).monthlyCost,
        ]) {
            const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;
            assert.equal(sum(c.lines.map((l) => l.usd)), c.total);
            assert.equal(sum(c.lines.map((l) => l.alwaysOnOnDemandUsd)), c.alwaysOnOnDemand);
            for (const l of c.lines) {
                assert.ok(Number.isFinite(l.usd) && l.usd >= 0 && l.basis.length > 0, l.part);
            }
        }
    });

    it("names every billable part of a production stack and lists what it leaves out", () => {
        const parts = prod().lines.map((l) => l.part);
        for (const p of [
            "httpFleet",
            "cronNode",
            "database",
            "replicas",
            "databaseStorage",
            "sessionCache",
            "filestore",
            "backups",
            "loadBalancer",
            "natGateways",
            "dataTransfer",
            "cloudWatch",
            "secretsAndKeys",
            "route53",
        ]) {
            assert.ok(parts.includes(p), p);
        }
        assert.deepEqual(prod().excluded, [...COST_EXCLUSIONS]);
        assert.match(prod().prices.asOf, /^\d{4}-\d{2}$/);
    });

    it("halves the HTTP fleet with office hours and a Spot share, and changes nothing else", () => {
        const c = prod();
        assert.ok(c.httpFleet.total <= 0.5 * c.httpFleet.alwaysOnOnDemand, `${c.httpFleet.total} vs ${c.httpFleet.alwaysOnOnDemand}`);
        assert.equal(c.httpFleet.total, c.lines[0].usd);
        for (const l of c.lines.slice(1)) {
            assert.equal(l.usd, l.alwaysOnOnDemandUsd, l.part);
        }
        assert.equal(c.assumptions.spotDiscount, 0.6);
        assert.equal(c.assumptions.daytimeHoursPerWeek, 65);
        assert.equal(c.assumptions.spotNodesDaytime, 1);
    });

    it("prices the fleet from the hours and the Spot share: 65 h at 4 on-demand + 1 Spot node, 103 h at 1 node", () => {
        const spot = planSpot({ enabled: true }, fleet);
        const hours = planOfficeHours({ timeZone: "UTC" }, 5);
        const c = estimateMonthlyCost({
            concurrentUsers: 400,
            production: false,
            http: { instanceType: "c7g.xlarge", nodes: 5, spot, officeHours: hours },
            rootVolumeGb: 30,
            database: {
                instanceClass: "db.m7g.xlarge",
                multiAz: false,
                storageGb: 100,
                replicas: 0,
                replicaInstanceClass: "db.m7g.xlarge",
            },
            cache: { nodeType: "cache.t4g.small", nodes: 0 },
            filestore: { kind: "efs", gb: 100 },
            network: { natGateways: 1, flowLogs: false },
            logRetentionDays: 30,
            awsBackup: false,
            secrets: 2,
            kmsKeys: 0,
            alarms: 0,
            dashboards: 0,
            hostedZones: 0,
        });
        const volumeHour = (30 * 0.08) / 730;
        const weekly = 65 * (4 * 0.145 + 0.145 * 0.4 + 5 * volumeHour) + 103 * (0.145 + volumeHour);
        assert.equal(c.httpFleet.total, Math.round(((weekly * 730) / 168) * 100) / 100);
    });
});
