import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { architectureDot, renderPng, renderSvg, spreadOverZones } from "../../../stacks/cli/architectureDiagram";
import { PreviewReport, stackArchitecture, writeDiagram } from "../../../stacks/cli/preview";
import { DIAGRAMS_DIR } from "../../../stacks/cli/odooAws";
import { scratchDir } from "../../harness/scratch";

type Drawn = Pick<PreviewReport, "stack" | "plan" | "architecture">;

/** The ids of the drawn nodes and clusters (Graphviz writes each as a <title>). */
function titles(svg: string): string[] {
    return [...svg.matchAll(/<title>([^<]+)<\/title>/g)].map((m) => m[1]);
}

/** The SVG's text with the character references Graphviz writes (`&#45;` for "-") decoded. */
function text(svg: string): string {
    return svg.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
    assert.equal(png.subarray(12, 16).toString("latin1"), "IHDR");
    return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("the architecture diagram (odoo-aws preview --diagram)", function () {
    this.timeout(300_000);
    const drawn: Record<string, Drawn> = {};
    const svgs: Record<string, string> = {};

    before(async () => {
        for (const stack of ["dev", "staging", "prod"]) {
            drawn[stack] = await stackArchitecture(stack);
            svgs[stack] = await renderSvg(
                architectureDot(drawn[stack].architecture, {
                    stack,
                    concurrentUsers: drawn[stack].plan.concurrentUsers,
                    production: drawn[stack].plan.production,
                }),
            );
        }
    });

    it("spreads a group over its zones as evenly as Auto Scaling does", () => {
        assert.deepEqual(spreadOverZones(5, 3), [2, 2, 1]);
        assert.deepEqual(spreadOverZones(8, 3), [3, 3, 2]);
        assert.deepEqual(spreadOverZones(1, 2), [1, 0]);
    });

    it("draws prod from its resource graph: internet, ALB, the HTTP fleet per zone with its bounds, the cron node, primary and replicas, filestore, session cache, operations", () => {
        const svg = text(svgs.prod);
        const a = drawn.prod.architecture;
        assert.equal(a.zones.length, 3);
        const ids = titles(svg);
        for (const id of [
            "internet",
            "alb",
            "fleet_0_0",
            "fleet_0_1",
            "fleet_0_2",
            "cron_0",
            "db_primary",
            "db_replica_0",
            "filestore",
            "sessions",
            "nat",
            "cluster_ops",
            "ops_alarms",
            "ops_backup",
            "ops_upgrade",
            "ops_health",
        ]) {
            assert.ok(ids.includes(id), `prod diagram lacks ${id}`);
        }
        const http = a.nodeGroups.find((g) => g.role === "http")!;
        assert.match(svg, new RegExp(`HTTP fleet: ${http.min}–${http.max} × ${http.instanceType!.replace(".", "\\.")}`));
        assert.match(svg, /us-east-1a/);
        assert.match(svg, /erp\.example\.com/);
        assert.match(svg, /Multi-AZ/);
        assert.equal(a.database?.replicaClasses.length, drawn.prod.plan.database.replicas);
    });

    it("draws dev as one node running HTTP and cron in one zone, with no cron node, no replica and no session cache", () => {
        const ids = titles(svgs.dev);
        assert.ok(ids.includes("fleet_0_0") && !ids.includes("fleet_0_1"), ids.join(" "));
        for (const absent of ["cron_0", "db_replica_0", "sessions"]) {
            assert.ok(!ids.includes(absent), `dev diagram shows ${absent}`);
        }
        assert.match(text(svgs.dev), /Odoo node \(HTTP \+ cron\)/);
        assert.match(text(svgs.dev), /one node, in us-east-1a or us-east-1b/);
    });

    it("writes SVG that parses as XML and PNG with a PNG signature and the picture's dimensions", async () => {
        const dir = scratchDir("diagram");
        await writeDiagram(drawn.staging, path.join(dir, "staging.svg"));
        await writeDiagram(drawn.staging, path.join(dir, "staging.png"));
        const svg = fs.readFileSync(path.join(dir, "staging.svg"), "utf8");
        // resvg parses with a strict XML parser (roxmltree): malformed markup throws.
        const parsed = new Resvg(svg);
        assert.ok(parsed.width > 300 && parsed.height > 300, `${parsed.width}×${parsed.height}`);
        assert.throws(() => new Resvg(svg.replace("</svg>", "")));
        const size = pngSize(fs.readFileSync(path.join(dir, "staging.png")));
        // Twice the SVG's size, to the pixel resvg rounds to.
        assert.ok(Math.abs(size.width - parsed.width * 2) <= 1, `${size.width} vs ${parsed.width}`);
        assert.ok(Math.abs(size.height - parsed.height * 2) <= 1, `${size.height} vs ${parsed.height}`);
        assert.ok((await renderPng(svg)).length > 10_000);
    });

    it("refuses a diagram file that is neither .svg nor .png", async () => {
        await assert.rejects(writeDiagram(drawn.dev, path.join(os.tmpdir(), "x.pdf")), /must end in \.svg or \.png/);
    });

    for (const stack of ["dev", "staging", "prod"]) {
        it(`keeps the committed stacks/diagrams/${stack}.svg current (redraw with npm run diagrams)`, () => {
            const committed = fs.readFileSync(path.join(DIAGRAMS_DIR, `${stack}.svg`), "utf8");
            assert.ok(committed === svgs[stack], `stacks/diagrams/${stack}.svg is stale: run npm run diagrams and commit it`);
        });
    }
});
