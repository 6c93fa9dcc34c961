/**
 * `npm run plan -- --users 300 [--production] [--json] [--odoo-version 18.0] [--session-redis] [--s3-attachments]
 *  [--node-type c7g.xlarge] [--db-class db.m7g.4xlarge] [--replicas N] [--sessions redis|filestore|local]
 *  [--filestore efs|s3|local]`
 *
 * Prints the capacity plan for a declared number of concurrent users: nodes, workers, database,
 * connection budget and the monthly cost estimate. Offline and read-only. It is the plan
 * OdooCluster builds for the same choices: like the cluster, it assumes the official image (no
 * session_redis, so a fleet keeps its sessions on the EFS filestore) unless told what the image
 * carries. Its help (PLAN_HELP) lives with the tool's in odooAws.ts.
 */
import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { capacityModelFor } from "../../components/contract/capacityModel";
import { DEFAULT_ODOO_VERSION, odooMajor } from "../../components/contract/odooVersion";
import { shapeOfPlan } from "../../components/contract/planModel";
import { resolveCapacityTargets, resolveWorkload } from "../../components/contract/workload";
import { renderCapacityChart } from "./capacityChart";
import { OdooArgumentError, reportUnder } from "../../components/contract/errors";
import { OdooVersion } from "../../components/contract/odooVersion";
import { CapacityPlan, CapacityRequest, FilestoreKind, SessionKind, planCapacity } from "../../components/contract/sizing";

const USAGE =
    "usage: npm run plan -- --users <1-5000> [--production] [--json] [--odoo-version 17.0|18.0|19.0] " +
    "[--session-redis] [--s3-attachments] [--node-type T] [--cron-type T] [--db-class C] [--replicas N] " +
    "[--sessions redis|filestore|local] [--filestore efs|s3|local] [--single-node|--fleet]";

/** Where the capacity request's fields are on the command line, for error messages. */
const FLAGS: Record<string, string> = {
    concurrentUsers: "--users",
    nodeInstanceType: "--node-type",
    cronInstanceType: "--cron-type",
    databaseInstanceClass: "--db-class",
    databaseReplicas: "--replicas",
    sessions: "--sessions",
    filestore: "--filestore",
    odooVersion: "--odoo-version",
    "workload.requestsPerUserPerMinute": "--requests-per-minute",
    "imageAddons.sessionRedis": "--session-redis",
    "imageAddons.s3Attachments": "--s3-attachments",
};

/** Parses the command line into a capacity request; throws an OdooArgumentError on a bad flag value. */
export function parsePlanArguments(argv: string[]): { request: CapacityRequest; json: boolean; chart?: string } {
    const { values } = parseArgs({
        args: argv,
        strict: true,
        options: {
            users: { type: "string" },
            production: { type: "boolean" },
            json: { type: "boolean" },
            "odoo-version": { type: "string" },
            "session-redis": { type: "boolean" },
            "s3-attachments": { type: "boolean" },
            "node-type": { type: "string" },
            "cron-type": { type: "string" },
            "db-class": { type: "string" },
            replicas: { type: "string" },
            sessions: { type: "string" },
            filestore: { type: "string" },
            "single-node": { type: "boolean" },
            fleet: { type: "boolean" },
            "requests-per-minute": { type: "string" },
            stack: { type: "string" },
            chart: { type: "string" },
        },
    });
    const chart = values.chart;
    if (values.stack !== undefined) {
        return { ...stackPlanArguments(values.stack, values), chart };
    }
    if (values.users === undefined) {
        throw new OdooArgumentError("--users", undefined, "a whole number from 1 to 5000");
    }
    const number = (flag: string, raw: string) => {
        const n = Number(raw);
        if (raw.trim() === "" || !Number.isFinite(n)) {
            throw new OdooArgumentError(flag, raw, "a whole number");
        }
        return n;
    };
    const request: CapacityRequest = {
        concurrentUsers: number("--users", values.users),
        production: values.production ?? false,
        imageAddons: { sessionRedis: values["session-redis"] ?? false, s3Attachments: values["s3-attachments"] ?? false },
    };
    if (values["odoo-version"] !== undefined) {
        request.odooVersion = values["odoo-version"] as OdooVersion;
    }
    if (values["node-type"] !== undefined) {
        request.nodeInstanceType = values["node-type"];
    }
    if (values["cron-type"] !== undefined) {
        request.cronInstanceType = values["cron-type"];
    }
    if (values["db-class"] !== undefined) {
        request.databaseInstanceClass = values["db-class"];
    }
    if (values.replicas !== undefined) {
        request.databaseReplicas = number("--replicas", values.replicas);
    }
    if (values.sessions !== undefined) {
        request.sessions = values.sessions as SessionKind;
    }
    if (values.filestore !== undefined) {
        request.filestore = values.filestore as FilestoreKind;
    }
    if (values["single-node"]) {
        request.singleNode = true;
    }
    if (values.fleet) {
        request.singleNode = false;
    }
    if (values["requests-per-minute"] !== undefined) {
        request.workload = { requestsPerUserPerMinute: Number(values["requests-per-minute"]) };
    }
    return { request, json: values.json ?? false, chart };
}

/**
 * `--stack <name>`: the capacity request of a shipped stack's cluster, exactly as OdooCluster makes
 * it from the stack file (so the plan — and the model's maxUsers — is that cluster's). `--users`
 * and `--requests-per-minute` then ask "what if": more users on the same choices, or a busier
 * workload. Loaded lazily: only this path needs the component and stack-file modules.
 */
function stackPlanArguments(
    stack: string,
    values: Record<string, string | boolean | undefined>,
): { request: CapacityRequest; json: boolean } {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const path = require("node:path") as typeof import("node:path");
    const stackFile = require("./stackFile") as typeof import("./stackFile");
    const stackConfig = require("../stackConfig") as typeof import("../stackConfig");
    const clusterArgs = require("../../components/cluster/clusterArgs") as typeof import("../../components/cluster/clusterArgs");
    const context = require("../../components/contract/clusterContext") as typeof import("../../components/contract/clusterContext");
    const versions = require("../../components/contract/odooVersion") as typeof import("../../components/contract/odooVersion");
    /* eslint-enable @typescript-eslint/no-require-imports */
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const repository = require("./repository") as typeof import("./repository");
    // From the repository root, not __dirname: the odoo-aws launcher runs a compiled copy under dist/tools.
    const config = stackFile.toEngineConfig(stackFile.loadStackConfig(path.join(repository.repositoryRoot(), "stacks"), stack));
    const args = stackConfig.clusterArgsFromConfig(config);
    if (typeof values.users === "string") {
        args.concurrentUsers = Number(values.users);
    }
    if (typeof values["requests-per-minute"] === "string") {
        args.workload = { ...(args.workload ?? {}), requestsPerUserPerMinute: Number(values["requests-per-minute"]) };
    }
    const resolved = context.resolveClusterContext({
        name: args.clusterName ?? stackConfig.DEFAULT_CLUSTER_NAME,
        environment: args.environment ?? stack,
        concurrentUsers: args.concurrentUsers,
        production: args.production,
    });
    const version = versions.requireOdooVersion(args.odooVersion ?? versions.DEFAULT_ODOO_VERSION);
    return { request: clusterArgs.clusterCapacityRequest(args, resolved, version), json: values.json === true };
}

function usd(n: number): string {
    return `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function table(rows: [string, string][]): string {
    const width = Math.max(...rows.map(([k]) => k.length));
    return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join("\n");
}

/** Renders the plan as the readable report the CLI prints. */
export function renderPlan(plan: CapacityPlan): string {
    const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
    const db = plan.database;
    const sections: string[] = [];
    sections.push(
        `Capacity plan for ${plan.concurrentUsers} concurrent users — table row ${plan.tier} (${plan.tierSource})` +
            `${plan.production ? ", production" : ""}`,
    );
    sections.push(
        "Odoo nodes\n" +
            table([
                ["mode", plan.singleNode ? "single node (http+cron)" : "HTTP fleet + dedicated cron node"],
                ["HTTP nodes", plan.singleNode ? "1 (also runs cron)" : `${plan.httpNodes} (autoscaling up to ${plan.httpNodesMax})`],
                ["node type", `${plan.nodeInstanceType} (${plan.architecture})`],
                ["workers per node", String(plan.workersPerNode)],
                ["HTTP workers total", String(plan.totalWorkers)],
                [
                    "cron node",
                    plan.cron.dedicated
                        ? `1 × ${plan.cron.instanceType}, ${plan.cron.maxCronThreads} cron threads`
                        : `the HTTP node, ${plan.cron.maxCronThreads} cron threads`,
                ],
                [
                    "worker limits",
                    `memory soft ${gib(plan.limits.memorySoft)} / hard ${gib(plan.limits.memoryHard)}, cpu ${plan.limits.timeCpu} s, real ${plan.limits.timeReal} s`,
                ],
            ]),
    );
    sections.push(
        "PostgreSQL\n" +
            table([
                [
                    "primary",
                    `${db.instanceClass} (${db.vcpu} vCPU, ${db.memoryGiB} GiB)${db.multiAz ? ", Multi-AZ" : ""}; table minimum ${db.minimumVcpu} vCPU`,
                ],
                ["read replicas", `${db.replicas}; table minimum ${db.minimumReplicas}`],
                ["storage", `${db.storageGb} GB gp3`],
                ["max_connections", String(db.maxConnections)],
                ["db_maxconn", `${plan.dbMaxconn} per Odoo process`],
                [
                    "worst case",
                    `${plan.connectionBudget.processes} processes × ${plan.dbMaxconn} = ${plan.connectionBudget.worstCase} ≤ ${plan.connectionBudget.available} available`,
                ],
            ]),
    );
    sections.push(
        "Shared state\n" +
            table([
                ["filestore", plan.filestore],
                [
                    "sessions",
                    plan.sessions === "redis"
                        ? `redis (${plan.cache.engine}, ${plan.cache.nodes} × ${plan.cache.nodeType})`
                        : plan.sessions,
                ],
                ["network", `${plan.network.availabilityZones} AZs, ${plan.network.natGateways} NAT gateway(s)`],
            ]),
    );
    if (plan.spot.enabled || plan.officeHours) {
        const rows: [string, string][] = [];
        if (plan.spot.enabled) {
            rows.push([
                "Spot share",
                `${plan.spot.onDemandBaseNodes} on-demand base, ${plan.spot.onDemandPercentageAboveBase} % on-demand above it, types ${plan.spot.instanceTypes.join(", ")}`,
            ]);
        }
        if (plan.officeHours) {
            const h = plan.officeHours;
            rows.push([
                "office hours",
                `${h.days} ${h.startHour}:00–${h.endHour}:00 ${h.timeZone}; ${h.offHoursNodes} HTTP node(s) outside`,
            ]);
        }
        sections.push("HTTP fleet cost levers (the cron node is always on-demand, 24/7)\n" + table(rows));
    }
    const c = plan.monthlyCost;
    sections.push(
        `Monthly cost estimate (${c.prices.region} list prices of ${c.prices.asOf}, ${c.prices.currency})\n` +
            table([
                ...c.lines.map((l): [string, string] => [
                    l.part,
                    `${usd(l.usd).padStart(11)}  ${usd(l.alwaysOnOnDemandUsd).padStart(11)}  ${l.basis}`,
                ]),
                ["total", `${usd(c.total).padStart(11)}  ${usd(c.alwaysOnOnDemand).padStart(11)}  (as configured | always-on on-demand)`],
            ]) +
            `\n  assumptions: Spot ${Math.round(c.assumptions.spotDiscount * 100)} % off on-demand; fleet at its daytime minimum ${c.assumptions.daytimeHoursPerWeek} h/week; ` +
            Object.entries(c.assumptions.usage)
                .map(([k, v]) => `${k} ${v}`)
                .join(", ") +
            `\n  excluded: ${c.excluded.join("; ")}`,
    );
    const m = plan.model;
    const pct = (x: number) => `${Math.round(x * 100)} %`;
    sections.push(
        `Capacity model (${m.requestsPerUserPerMinute} requests per user per minute)\n` +
            table([
                [
                    "busy at declared users",
                    `workers ${pct(m.utilisation.workers)}, node cores ${pct(m.utilisation.appCpu)}, database ${pct(m.utilisation.dbCpu)}`,
                ],
                ["p95 response", `light ${m.p95Seconds.light.toFixed(2)} s, heavy ${m.p95Seconds.heavy.toFixed(2)} s`],
                ["users it takes", `${m.maxUsers} (bottleneck: ${m.bottleneck})`],
                ...m.raisedAboveTable.map((r): [string, string] => ["above the table", r]),
            ]),
    );
    if (plan.warnings.length > 0) {
        sections.push("Departures from the capacity table\n" + plan.warnings.map((w) => `  ! ${w}`).join("\n"));
    }
    return sections.join("\n\n") + "\n";
}

/** The capacity chart of a plan: the planned cluster under the request's workload, users up to 1.5 × what it takes. */
export function capacityChartOf(plan: CapacityPlan, request: CapacityRequest): string {
    const routing = odooMajor(request.odooVersion ?? DEFAULT_ODOO_VERSION) >= 18;
    const model = capacityModelFor(shapeOfPlan(plan, routing), resolveWorkload(request.workload), resolveCapacityTargets(request.targets));
    const title =
        `${plan.httpNodes} × ${plan.nodeInstanceType} (${plan.totalWorkers} workers), ${plan.database.instanceClass}` +
        `${plan.database.replicas > 0 ? ` + ${plan.database.replicas} replica${plan.database.replicas > 1 ? "s" : ""}` : ""}, ` +
        `${plan.model.requestsPerUserPerMinute} requests/user/min`;
    return renderCapacityChart(model, title, plan.concurrentUsers);
}

/** Runs the CLI; returns the exit code. */
export function main(
    argv: string[],
    out: (s: string) => void = (s) => process.stdout.write(s),
    err: (s: string) => void = (s) => process.stderr.write(s),
): number {
    try {
        const { request, json, chart } = parsePlanArguments(argv);
        const plan = reportUnder(
            (p) => FLAGS[p] ?? p,
            () => planCapacity(request),
        );
        if (chart !== undefined) {
            fs.writeFileSync(chart, capacityChartOf(plan, request));
        }
        out(json ? JSON.stringify(plan, null, 2) + "\n" : renderPlan(plan));
        return 0;
    } catch (e) {
        err(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
        return 2;
    }
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
