/**
 * The architecture picture of a stack: Graphviz DOT built from the {@link ArchitectureModel},
 * laid out by Graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz) and, for PNG, rasterised
 * by resvg (@resvg/resvg-js, a prebuilt Node addon) — no system binary needed.
 */
import { ArchitectureModel, NodeGroupModel } from "./architectureModel";

/** Formats the diagram can be written in, by file extension. */
export const DIAGRAM_FORMATS = ["svg", "png"] as const;
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

/** What the title says about the stack. */
export interface DiagramTitle {
    stack: string;
    concurrentUsers: number;
    production: boolean;
}

const FONT = "Helvetica";

function quote(text: string): string {
    return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

function node(id: string, label: string, attributes: Record<string, string> = {}): string {
    const attrs = Object.entries({ label, ...attributes }).map(([k, v]) => `${k}=${quote(v)}`);
    return `${id} [${attrs.join(", ")}]`;
}

function range(min: number | undefined, max: number | undefined): string {
    if (min === undefined || max === undefined) {
        return "?";
    }
    return min === max ? `${min}` : `${min}–${max}`;
}

/** How an Auto Scaling group spreads `count` instances over `zones` zones: as evenly as it can, earlier zones first. */
export function spreadOverZones(count: number, zones: number): number[] {
    return Array.from({ length: zones }, (_, i) => Math.floor(count / zones) + (i < count % zones ? 1 : 0));
}

function groupLabel(group: NodeGroupModel): string {
    const what = group.role === "http" ? "HTTP fleet" : group.role === "cron" ? "cron node" : "Odoo node (HTTP + cron)";
    const lines = [`${what}: ${range(group.min, group.max)} × ${group.instanceType ?? "?"}`];
    const details: string[] = [];
    if (group.workers !== undefined && group.role !== "cron") {
        details.push(`${group.workers} workers${group.max === 1 ? "" : " each"}`);
    }
    if (group.cronThreads !== undefined && group.role !== "http") {
        details.push(`${group.cronThreads} cron threads`);
    }
    if (details.length > 0) {
        lines.push(details.join(", "));
    }
    return lines.join("\n");
}

/** The DOT source of the diagram. Deterministic: the same model gives the same text. */
export function architectureDot(model: ArchitectureModel, title: DiagramTitle): string {
    const lines: string[] = [];
    const zones = model.zones.length > 0 ? model.zones : ["zone ?"];
    lines.push(
        "digraph odoo {",
        `graph [rankdir=TB, compound=true, newrank=true, fontname=${quote(FONT)}, fontsize=13, labelloc=t, nodesep=0.35, ranksep=0.55, ` +
            `label=${quote(`odoo-aws · stack ${title.stack} · ${title.concurrentUsers} concurrent users${title.production ? " · production" : ""}`)}]`,
        `node [shape=box, style="rounded,filled", margin="0.25,0.06", fillcolor="#ffffff", color="#555555", fontname=${quote(FONT)}, fontsize=11]`,
        `edge [color="#1f5fa8", fontname=${quote(FONT)}, fontsize=9]`,
        node("internet", "Internet\nusers and browsers", { shape: "ellipse", fillcolor: "#eef3fb" }),
    );

    // Public tier: the load balancer and the NAT gateways.
    lines.push(`subgraph cluster_public { label=${quote("public subnets")}; style="rounded,filled"; fillcolor="#f3f8ee"; color="#8fb573";`);
    if (model.loadBalancer) {
        const lb = model.loadBalancer;
        const label = ["Application Load Balancer", lb.listeners.join(" · "), "sticky sessions"];
        if (lb.domainName) {
            label.push(lb.domainName);
        }
        // ordering=out keeps the zones left to right in the order of their edges.
        lines.push(node("alb", label.join("\n"), { fillcolor: "#dcecc9", ordering: "out" }));
    }
    lines.push(
        node("nat", `NAT gateway${model.natGateways === 1 ? "" : "s"} × ${model.natGateways}\n(node egress)`, { fillcolor: "#ffffff" }),
    );
    lines.push("}");

    // Application tier: the HTTP fleet per zone, the cron node.
    const http = model.nodeGroups.filter((g) => g.role !== "cron");
    const cron = model.nodeGroups.filter((g) => g.role === "cron");
    lines.push(
        `subgraph cluster_app { label=${quote(`private subnets · ${zones.length} availability zone${zones.length === 1 ? "" : "s"}`)}; style="rounded,filled"; fillcolor="#eef3fb"; color="#7d9bc6";`,
    );
    const appNodes: string[] = [];
    const fleetBoxes: string[] = [];
    http.forEach((group, g) => {
        lines.push(
            `subgraph cluster_fleet_${g} { label=${quote(groupLabel(group))}; style="rounded,filled"; fillcolor="#dbe7f7"; color="#1f5fa8";`,
        );
        // One node at most: the group starts it in one zone and replaces it in another; no per-zone share to draw.
        const boxes =
            group.max !== undefined && group.max <= 1
                ? [`one node, in ${zones.join(" or ")}`]
                : zones.map((zone, z) => {
                      const mins = spreadOverZones(group.min ?? 0, zones.length);
                      const maxs = spreadOverZones(group.max ?? 0, zones.length);
                      return group.min === undefined ? zone : `${zone}\n${range(mins[z], maxs[z])} node${maxs[z] === 1 ? "" : "s"}`;
                  });
        boxes.forEach((label, z) => {
            const id = `fleet_${g}_${z}`;
            appNodes.push(id);
            fleetBoxes.push(id);
            lines.push(node(id, label, { fillcolor: "#ffffff" }));
        });
        lines.push("}");
    });
    cron.forEach((group, c) => {
        const id = `cron_${c}`;
        appNodes.push(id);
        lines.push(node(id, `${groupLabel(group)}\none zone; replaced in another if it fails`, { fillcolor: "#fbe9d5", color: "#b86e1b" }));
    });
    lines.push("}");

    // Data tier.
    lines.push(
        `subgraph cluster_data { label=${quote("isolated subnets · data")}; style="rounded,filled"; fillcolor="#f7f0fb"; color="#9c7bb8";`,
    );
    if (model.database) {
        const db = model.database;
        lines.push(
            node(
                "db_primary",
                `PostgreSQL primary\n${db.primaryClass ?? "?"}${db.multiAz ? "\nMulti-AZ (standby in a second zone)" : "\nsingle zone"}`,
                {
                    fillcolor: "#eadcf5",
                },
            ),
        );
        db.replicaClasses.forEach((cls, i) => {
            lines.push(node(`db_replica_${i}`, `read replica ${i + 1}\n${cls ?? "?"}`, { fillcolor: "#ffffff" }));
        });
    }
    if (model.sessions && model.sessions.kind === "redis") {
        const s = model.sessions;
        lines.push(
            node("sessions", `session cache\n${s.engine ?? "redis"} ${s.nodes ?? "?"} × ${s.nodeType ?? "?"}`, { fillcolor: "#ffffff" }),
        );
    }
    if (model.filestore) {
        const f = model.filestore;
        const what =
            f.kind === "efs"
                ? "EFS filestore\nmount target per zone"
                : f.kind === "s3"
                  ? "S3 filestore\n(attachments bucket)"
                  : "local filestore\n(node disk)";
        const sessions = model.sessions?.kind === "filestore" ? "\n+ sessions" : "";
        lines.push(node("filestore", `${what}${sessions}${f.encrypted ? "\nencrypted" : ""}`, { fillcolor: "#ffffff" }));
    }
    lines.push("}");

    // Operations around it.
    const ops = model.operations;
    lines.push(`subgraph cluster_ops { label=${quote("operations")}; style="rounded,dashed"; color="#888888";`);
    const opsNodes: [string, string][] = [];
    if (ops.alarms > 0) {
        opsNodes.push(["ops_alarms", `CloudWatch alarms × ${ops.alarms}${ops.dashboards > 0 ? "\n+ dashboard" : ""}`]);
    }
    if (ops.scalingPolicies > 0) {
        opsNodes.push(["ops_scaling", `HTTP fleet autoscaling\n${ops.scalingPolicies} target-tracking policies`]);
    }
    if (ops.backupPlans > 0) {
        opsNodes.push(["ops_backup", "AWS Backup plan\ndatabase + filestore"]);
    }
    if (ops.upgradeStep) {
        opsNodes.push(["ops_upgrade", "upgrade step\n(SSM on the cron node)"]);
    }
    if (ops.healthGate) {
        opsNodes.push(["ops_health", "health gate\n/web/health via the ALB after deploy"]);
    }
    if (ops.logGroups > 0) {
        opsNodes.push(["ops_logs", `CloudWatch logs × ${ops.logGroups}`]);
    }
    for (const [id, label] of opsNodes) {
        lines.push(node(id, label, { fillcolor: "#f4f4f4", fontsize: "10" }));
    }
    lines.push("}");

    // Traffic.
    const firstFleet = http.length > 0 ? "fleet_0_0" : undefined;
    if (model.loadBalancer) {
        lines.push(`internet -> alb [label=${quote(model.loadBalancer.listeners.some((l) => l.startsWith("HTTPS")) ? "HTTPS" : "HTTP")}]`);
        for (const box of fleetBoxes.filter((id) => id.startsWith("fleet_0_"))) {
            lines.push(`alb -> ${box}`);
        }
    }
    const dataTargets: string[] = [];
    if (model.database) {
        dataTargets.push("db_primary");
    }
    if (model.sessions?.kind === "redis") {
        dataTargets.push("sessions");
    }
    if (model.filestore) {
        dataTargets.push("filestore");
    }
    if (firstFleet) {
        for (const target of dataTargets) {
            lines.push(`${firstFleet} -> ${target} [ltail=cluster_fleet_0]`);
        }
        model.database?.replicaClasses.forEach((_, i) =>
            lines.push(`${firstFleet} -> db_replica_${i} [ltail=cluster_fleet_0, style=dashed, label="reads"]`),
        );
    }
    cron.forEach((_, c) => {
        for (const target of dataTargets) {
            lines.push(`cron_${c} -> ${target} [color="#b86e1b"]`);
        }
    });
    model.database?.replicaClasses.forEach((_, i) =>
        lines.push(`db_primary -> db_replica_${i} [style=dotted, color="#9c7bb8", label="replication"]`),
    );

    // Operations sit below the data tier; their labels say what they act on, edges would only cross the picture.
    const replicas = model.database?.replicaClasses.map((_, i) => `db_replica_${i}`) ?? [];
    const lowest =
        replicas.length > 0 ? replicas : ["filestore", "sessions", "db_primary"].filter((id) => lines.some((l) => l.startsWith(`${id} [`)));
    for (const [id] of opsNodes) {
        for (const above of lowest) {
            lines.push(`${above} -> ${id} [style=invis]`);
        }
    }
    lines.push("}");
    return lines.join("\n") + "\n";
}

/** The format a file name asks for, or undefined. */
export function diagramFormatOf(file: string): DiagramFormat | undefined {
    const ext = file.toLowerCase().split(".").pop();
    return DIAGRAM_FORMATS.find((f) => f === ext);
}

/** Lays the DOT source out as SVG. */
export async function renderSvg(dot: string): Promise<string> {
    const { Graphviz } = await import("@hpcc-js/wasm-graphviz");
    const graphviz = await Graphviz.load();
    return graphviz.dot(dot, "svg");
}

/** Rasterises an SVG to PNG at twice its size, with the system's sans-serif font (DejaVu on Debian) when Helvetica is absent. */
export async function renderPng(svg: string): Promise<Buffer> {
    const { Resvg } = await import("@resvg/resvg-js");
    const resvg = new Resvg(svg, {
        fitTo: { mode: "zoom", value: 2 },
        background: "#ffffff",
        font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
    });
    return resvg.render().asPng();
}
