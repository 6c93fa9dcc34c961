/**
 * An SVG chart of what the capacity model predicts for one cluster as users grow: light and heavy
 * p95 (left axis, seconds, logarithmic) and the busy share of workers, node cores and database
 * CPUs (right axis, %), with the declared users, the model's maxUsers and the bottleneck marked.
 * Plain SVG text, no dependency: the README shows the prod stack's chart.
 */
import { CapacityModel, CapacityPrediction } from "../../components/contract/capacityModel";

const WIDTH = 760;
const HEIGHT = 420;
const PAD = { left: 64, right: 64, top: 52, bottom: 86 };
const SERIES = [
    { key: "light", label: "light p95", colour: "#1f77b4", dash: "" },
    { key: "heavy", label: "heavy p95", colour: "#d62728", dash: "" },
    { key: "workers", label: "workers busy", colour: "#2ca02c", dash: "6 4" },
    { key: "appCpu", label: "node cores busy", colour: "#9467bd", dash: "6 4" },
    { key: "databaseCpu", label: "database CPUs busy", colour: "#8c564b", dash: "6 4" },
] as const;

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The chart for users 1 … `maxUsersShown` (default 1.5 × the larger of declared and maxUsers). */
export function renderCapacityChart(model: CapacityModel, title: string, declaredUsers: number, maxUsersShown?: number): string {
    const capacity = model.maxUsers();
    const top = maxUsersShown ?? Math.max(Math.ceil(Math.max(declaredUsers, capacity) * 1.5), 10);
    const steps = 60;
    const points: CapacityPrediction[] = [];
    for (let i = 1; i <= steps; i++) {
        points.push(model.predict(Math.max(1, Math.round((top * i) / steps))));
    }
    const plotW = WIDTH - PAD.left - PAD.right;
    const plotH = HEIGHT - PAD.top - PAD.bottom;
    const x = (users: number) => PAD.left + (users / top) * plotW;
    const p95s = points.flatMap((p) => [p.responseSeconds.light.p95, p.responseSeconds.heavy.p95]);
    const minS = Math.max(Math.min(...p95s) / 1.5, 0.01);
    const maxS = Math.max(...p95s) * 1.5;
    const ySeconds = (s: number) => PAD.top + plotH - ((Math.log(s) - Math.log(minS)) / (Math.log(maxS) - Math.log(minS))) * plotH;
    const yShare = (u: number) => PAD.top + plotH - Math.min(u, 1) * plotH;
    const valueOf = (p: CapacityPrediction, key: (typeof SERIES)[number]["key"]) =>
        key === "light" || key === "heavy" ? ySeconds(p.responseSeconds[key].p95) : yShare(p.utilisation[key]);

    const out: string[] = [];
    out.push(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    );
    out.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
    out.push(`<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escape(title)}</text>`);
    out.push(`<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
    for (const tick of [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]) {
        if (tick >= minS && tick <= maxS) {
            const y = ySeconds(tick).toFixed(1);
            out.push(`<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${y}" y2="${y}" stroke="#eee"/>`);
            out.push(`<text x="${PAD.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${tick} s</text>`);
        }
    }
    for (const share of [0, 0.25, 0.5, 0.75, 1]) {
        out.push(`<text x="${PAD.left + plotW + 6}" y="${yShare(share).toFixed(1)}" dominant-baseline="middle">${share * 100} %</text>`);
    }
    for (let i = 0; i <= 5; i++) {
        const users = Math.round((top * i) / 5);
        out.push(`<text x="${x(users).toFixed(1)}" y="${PAD.top + plotH + 16}" text-anchor="middle">${users}</text>`);
    }
    out.push(`<text x="${PAD.left + plotW / 2}" y="${PAD.top + plotH + 34}" text-anchor="middle">concurrent users</text>`);
    for (const s of SERIES) {
        const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(p.users).toFixed(1)},${valueOf(p, s.key).toFixed(1)}`).join(" ");
        out.push(
            `<path class="series" data-series="${s.key}" d="${path}" fill="none" stroke="${s.colour}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`,
        );
    }
    const marker = (users: number, label: string, colour: string, row: number) => {
        const mx = x(Math.min(users, top));
        out.push(
            `<line x1="${mx.toFixed(1)}" x2="${mx.toFixed(1)}" y1="${PAD.top - 18 + row * 14}" y2="${PAD.top + plotH}" stroke="${colour}" stroke-dasharray="2 3"/>`,
        );
        const anchor = mx > PAD.left + plotW * 0.7 ? "end" : "start";
        out.push(
            `<text class="marker" x="${(mx + (anchor === "end" ? -4 : 4)).toFixed(1)}" y="${PAD.top - 10 + row * 14}" text-anchor="${anchor}" fill="${colour}">${escape(label)}</text>`,
        );
    };
    marker(declaredUsers, `declared: ${declaredUsers} users`, "#333", 0);
    marker(capacity, `maxUsers: ${capacity} (bottleneck: ${model.bottleneck()})`, "#d62728", 1);
    SERIES.forEach((s, i) => {
        const lx = PAD.left + (i % 3) * 200;
        const ly = HEIGHT - 40 + Math.floor(i / 3) * 18;
        out.push(
            `<line x1="${lx}" x2="${lx + 18}" y1="${ly}" y2="${ly}" stroke="${s.colour}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`,
        );
        out.push(`<text x="${lx + 22}" y="${ly}" dominant-baseline="middle">${s.label}</text>`);
    });
    out.push("</svg>");
    return out.join("\n") + "\n";
}
