import { strict as assert } from "node:assert";
import { resolveAlarmThresholds } from "../../../components/operations/alarms";
import { DashboardSpec, renderDashboardBody } from "../../../components/operations/dashboard";

const spec: DashboardSpec = {
    title: "Odoo erp (prod)",
    region: "eu-west-1",
    httpGroupName: "erp-http",
    cronGroupName: "erp-cron",
    loadBalancer: "app/erp/0123abcd",
    targetGroup: "targetgroup/erp-http/4567ef89",
    database: { primaryIdentifier: "erp-db", replicaIdentifiers: ["erp-replica-1"], maxConnections: 1000, aurora: false },
    cacheClusterIds: ["erp-sessions-001", "erp-sessions-002"],
    alarmArns: ["arn:aws:cloudwatch:eu-west-1:123456789012:alarm:a", "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:b"],
    thresholds: resolveAlarmThresholds(undefined),
};

type Widget = { type: string; x: number; y: number; width: number; height: number; properties: Record<string, unknown> };

function titled(body: { widgets: Widget[] }, title: string): Widget {
    const w = body.widgets.find((x) => x.properties.title === title);
    assert.ok(w, `no widget "${title}"`);
    return w;
}

describe("the dashboard body", () => {
    it("serialises to the JSON CloudWatch accepts: widgets on a 24-column grid, a region on every metric widget", () => {
        const body = JSON.parse(JSON.stringify(renderDashboardBody(spec))) as { widgets: Widget[] };
        assert.ok(body.widgets.length >= 10);
        for (const w of body.widgets) {
            assert.ok(w.x >= 0 && w.x + w.width <= 24, `widget at x=${w.x} width=${w.width} overflows`);
            if (w.type === "metric") {
                assert.equal(w.properties.region, "eu-west-1");
                assert.ok(Array.isArray(w.properties.metrics) && (w.properties.metrics as unknown[]).length > 0);
            }
        }
    });

    it("shows the alarms' state and draws each alarm threshold on its graph", () => {
        const body = renderDashboardBody(spec) as { widgets: Widget[] };
        const alarms = body.widgets.find((w) => w.type === "alarm");
        assert.deepEqual(alarms?.properties.alarms, spec.alarmArns);
        assert.deepEqual(titled(body, "Node CPU (%)").properties.annotations, { horizontal: [{ label: "CPU alarm", value: 80 }] });
        assert.deepEqual(titled(body, "Response time at the nodes (s)").properties.annotations, {
            horizontal: [{ label: "p90 alarm", value: 3 }],
        });
        assert.deepEqual(titled(body, "Database connections").properties.annotations, {
            horizontal: [{ label: "connections alarm", value: 800 }],
        });
    });

    it("plots the cron node beside the fleet, each database instance, each cache node", () => {
        const body = renderDashboardBody(spec) as { widgets: Widget[] };
        assert.equal((titled(body, "Node CPU (%)").properties.metrics as unknown[]).length, 2);
        assert.equal((titled(body, "Database CPU (%)").properties.metrics as unknown[]).length, 2);
        assert.deepEqual((titled(body, "Replica lag (s)").properties.metrics as unknown[][])[0].slice(0, 4), [
            "AWS/RDS",
            "ReplicaLag",
            "DBInstanceIdentifier",
            "erp-replica-1",
        ]);
        assert.equal((titled(body, "Session cache evictions (sessions lost)").properties.metrics as unknown[]).length, 2);
    });

    it("leaves out what the cluster does not have", () => {
        const body = renderDashboardBody({
            ...spec,
            cronGroupName: undefined,
            database: undefined,
            cacheClusterIds: [],
            alarmArns: [],
        }) as { widgets: Widget[] };
        const titles = body.widgets.map((w) => w.properties.title);
        assert.ok(!titles.some((t) => typeof t === "string" && /Database|Replica|cache/.test(t)));
        assert.ok(!body.widgets.some((w) => w.type === "alarm"));
        assert.equal((titled(body, "Node CPU (%)").properties.metrics as unknown[]).length, 1);
    });

    it("splits more than 100 alarms over several alarm widgets (CloudWatch's limit per widget)", () => {
        const many = Array.from({ length: 130 }, (_, i) => `arn:aws:cloudwatch:eu-west-1:123456789012:alarm:a${i}`);
        const body = renderDashboardBody({ ...spec, alarmArns: many }) as { widgets: Widget[] };
        const widgets = body.widgets.filter((w) => w.type === "alarm");
        assert.deepEqual(
            widgets.map((w) => (w.properties.alarms as string[]).length),
            [100, 30],
        );
    });
});
