import { strict as assert } from "node:assert";
import { HOURS_PER_MONTH, UNIT_PRICES, databaseInstanceClass } from "../../../components/contract/catalog";
import { planCapacity } from "../../../components/contract/sizing";
import {
    STANDBY_INTER_REGION_GB_PER_USER_MONTH,
    StandbyCostInputs,
    estimateStandbyCost,
    withStandbyCost,
} from "../../../components/contract/standbyCost";

const BASE: StandbyCostInputs = {
    region: "us-west-2",
    replicaInstanceClass: "db.r7g.2xlarge",
    storageGb: 200,
    filestore: { kind: "efs", gb: 100 },
    natGateways: 1,
    loadBalancer: true,
    backupCopies: true,
    concurrentUsers: 400,
    alarms: 2,
};

const part = (lines: ReturnType<typeof estimateStandbyCost>, name: string) => lines.find((l) => l.part === name);

describe("the standby's monthly cost", () => {
    it("prices the cross-region replica around the clock, single-AZ, with the primary's storage", () => {
        const replica = databaseInstanceClass("db.r7g.2xlarge");
        const line = part(estimateStandbyCost(BASE), "standbyDatabase")!;
        assert.equal(line.usd, Math.round((replica.usdPerHour * HOURS_PER_MONTH + 200 * UNIT_PRICES.rdsGp3UsdPerGbMonth) * 100) / 100);
        assert.equal(line.alwaysOnOnDemandUsd, line.usd, "nothing of the standby is scheduled or on Spot");
        assert.match(line.basis, /us-west-2.*db\.r7g\.2xlarge.*single-AZ/);
    });

    it("prices what crosses regions from the declared users, at the inter-region rate", () => {
        const line = part(estimateStandbyCost(BASE), "standbyReplicationTransfer")!;
        assert.equal(line.usd, Math.round(400 * STANDBY_INTER_REGION_GB_PER_USER_MONTH * UNIT_PRICES.interRegionUsdPerGb * 100) / 100);
    });

    it("prices a filestore replica for EFS only, the network only where the standby has its own, copies only with the backup plan", () => {
        const lean = estimateStandbyCost({
            ...BASE,
            filestore: { kind: "s3", gb: 100 },
            natGateways: 0,
            loadBalancer: false,
            backupCopies: false,
        });
        assert.deepEqual(
            lean.map((l) => l.part),
            ["standbyDatabase", "standbyReplicationTransfer", "standbySecretsAndKeys"],
        );
        const full = estimateStandbyCost(BASE).map((l) => l.part);
        assert.ok(
            ["standbyFilestore", "standbyBackupCopies", "standbyNetwork"].every((p) => full.includes(p)),
            full.join(", "),
        );
        const twoNat = part(estimateStandbyCost({ ...BASE, natGateways: 2 }), "standbyNetwork")!.usd;
        assert.equal(
            Math.round((twoNat - part(estimateStandbyCost(BASE), "standbyNetwork")!.usd) * 100) / 100,
            Math.round(UNIT_PRICES.natGatewayUsdPerHour * HOURS_PER_MONTH * 100) / 100,
        );
    });

    it("adds its lines to a cluster's estimate: totals are the sums of the lines, the HTTP fleet's figures unchanged", () => {
        const cost = planCapacity({ concurrentUsers: 400, production: true }).monthlyCost;
        const standby = estimateStandbyCost(BASE);
        const combined = withStandbyCost(cost, standby);
        const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;
        assert.equal(combined.total, sum(combined.lines.map((l) => l.usd)));
        assert.equal(combined.alwaysOnOnDemand, sum(combined.lines.map((l) => l.alwaysOnOnDemandUsd)));
        assert.equal(combined.total, sum([cost.total, ...standby.map((l) => l.usd)]));
        assert.deepEqual(combined.httpFleet, cost.httpFleet);
        assert.equal(combined.lines.length, cost.lines.length + standby.length);
    });
});
