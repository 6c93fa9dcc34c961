import { strict as assert } from "node:assert";
import { ALB_MAX_IDLE_TIMEOUT_SECONDS, REQUEST_TIMEOUTS, requestTimeouts } from "../../../components/contract/timeouts";
import { GUIDE_WORKER_LIMITS } from "../../../components/contract/sizing";

describe("the request-timeout chain", () => {
    it("lets Odoo end a request first: limit_time_real ≤ node proxy ≤ ALB idle < node keep-alive", () => {
        const t = REQUEST_TIMEOUTS;
        assert.equal(t.odooLimitTimeRealSeconds, GUIDE_WORKER_LIMITS.timeReal);
        assert.ok(t.odooLimitTimeRealSeconds < t.nodeProxySeconds);
        assert.ok(t.nodeProxySeconds < t.albIdleSeconds);
        assert.ok(t.albIdleSeconds < t.nodeKeepaliveSeconds);
    });

    it("keeps nginx's keep-alive above every idle timeout the ALB accepts, or the ALB answers 502", () => {
        // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#connection-idle-timeout
        assert.equal(ALB_MAX_IDLE_TIMEOUT_SECONDS, 4000);
        for (const limit of [60, 600, 1200, 3000]) {
            assert.ok(requestTimeouts(limit).nodeKeepaliveSeconds > ALB_MAX_IDLE_TIMEOUT_SECONDS);
        }
    });
});
