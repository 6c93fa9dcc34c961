import { strict as assert } from "node:assert";
import {
    INSTANCE_LAUNCH_SECONDS,
    INSTANCE_TERMINATION_SECONDS,
    ROLLOUT_MARGIN_SECONDS,
    refreshBatchSize,
    rolloutTimeline,
    waitAtLeastTheRollout,
} from "../../../components/contract/rollout";
import { OdooArgumentError } from "../../../components/contract/errors";

const fleet = {
    singleNode: false,
    httpNodesMax: 8,
    httpMinHealthyPercentage: 100,
    httpMaxHealthyPercentage: 150,
    warmupSeconds: 900,
    deregistrationDelaySeconds: 1260,
};

describe("the rollout timeline", () => {
    it("replaces half the fleet per batch with a 150 % launch-first window, at least one node", () => {
        assert.equal(refreshBatchSize(8, 100, 150), 4);
        assert.equal(refreshBatchSize(5, 100, 150), 2);
        assert.equal(refreshBatchSize(1, 100, 150), 1);
        assert.equal(refreshBatchSize(1, 0, 100), 1, "terminate-first: one at a time");
    });

    it("gives the HTTP fleet batches × (launch + warm-up + deregistration + termination), the gate that plus a margin", () => {
        const t = rolloutTimeline(fleet);
        const perBatch = INSTANCE_LAUNCH_SECONDS + 900 + 1260 + INSTANCE_TERMINATION_SECONDS;
        assert.equal(t.httpBatches, 2);
        assert.equal(t.httpFleetSeconds, 2 * perBatch);
        assert.equal(t.healthGateSeconds, 2 * perBatch + ROLLOUT_MARGIN_SECONDS);
        // The upgrade waits for the cron node, which is in no target group and so does not drain.
        assert.equal(t.cronNodeSeconds, INSTANCE_LAUNCH_SECONDS + 900 + INSTANCE_TERMINATION_SECONDS);
        assert.equal(t.upgradeNodeWaitSeconds, t.cronNodeSeconds + ROLLOUT_MARGIN_SECONDS);
    });

    it("drains the single node too, and gates a single-node stack on that one refresh", () => {
        const t = rolloutTimeline({ ...fleet, singleNode: true, httpNodesMax: 1 });
        assert.equal(t.httpBatches, 0);
        assert.equal(t.cronNodeSeconds, INSTANCE_LAUNCH_SECONDS + 900 + 1260 + INSTANCE_TERMINATION_SECONDS);
        assert.equal(t.healthGateSeconds, t.cronNodeSeconds + ROLLOUT_MARGIN_SECONDS);
    });

    it("defaults a wait to the rollout and refuses one shorter than it, naming the property", () => {
        assert.equal(waitAtLeastTheRollout("timeoutSeconds", undefined, 5640, 900), 5640);
        assert.equal(waitAtLeastTheRollout("timeoutSeconds", undefined, undefined, 900), 900);
        assert.equal(waitAtLeastTheRollout("timeoutSeconds", 6000, 5640, 900), 6000);
        assert.throws(
            () => waitAtLeastTheRollout("timeoutSeconds", 900, 5640, 900),
            (e: unknown) => e instanceof OdooArgumentError && e.property === "timeoutSeconds" && /5640 to 14400/.test(e.message),
        );
    });
});
