/**
 * The capacity model: how a cluster of a given shape behaves under a workload — utilisation of
 * its worker pool, node cores and database CPUs, response-time percentiles of light and heavy
 * requests, the bottleneck, and the most users it takes while meeting the targets.
 *
 * The system is a closed queueing network: each of N concurrent users thinks (60 / r seconds on
 * average), sends a request, waits for its answer, thinks again. A request first needs one of the
 * fleet's Odoo workers (FCFS: the ALB spreads requests and nginx queues them on the node), and
 * while it holds the worker it uses the node's cores (Python), the database's CPUs (SQL, on the
 * primary or, for Odoo 18+'s read-only routes, a replica) and some time on neither (I/O).
 *
 * Holding a worker while queueing for a core is "simultaneous resource possession", which plain
 * mean value analysis cannot express. The model therefore decomposes the network (Courtois'
 * flow-equivalent server):
 * 1. Inner network — only the requests that hold a worker, n = 1 … W: a closed product-form
 *    network of the cores (a c-server station), the database (a c-server station), the replicas
 *    and an I/O delay, solved exactly by the convolution algorithm in log space. It gives the
 *    completion rate X(n) with n workers busy, and the stretch R(n) / S of a request's service
 *    time under that contention.
 * 2. Outer network — the N users against one load-dependent server with rate X(min(k, W)) for k
 *    requests present: a birth–death chain solved exactly. It gives throughput, the worker pool's
 *    busy share, and the distribution of what an arriving request finds (arrival theorem: the
 *    chain with N − 1 users).
 * 3. Response time of a class — wait for a worker (0 when one is free, otherwise an Erlang of the
 *    completions ahead of it at the full pool's rate) plus a lognormal service time with the class
 *    mean times the stretch; p50/p95 by bisection on that distribution.
 * The simulation in the tests (test/harness/queueSimulation.ts) runs the same system event by event
 * and checks this analysis.
 *
 * Pure: no Pulumi, no I/O.
 */
import { OdooArgumentError } from "./errors";
import { CapacityTargets, DEFAULT_CAPACITY_TARGETS, RequestClass, Workload, meanServiceSeconds, thinkSeconds } from "./workload";

/** What the model needs to know of a cluster. */
export interface ClusterShape {
    /** HTTP nodes serving requests. */
    httpNodes: number;
    /** Odoo HTTP workers per node. */
    workersPerNode: number;
    /** vCPUs per HTTP node. */
    vcpuPerNode: number;
    /** vCPUs of the PostgreSQL primary. */
    databaseVcpu: number;
    /** vCPUs of all read replicas together (0 without replicas). */
    replicaVcpu: number;
    /** Whether Odoo sends read-only routes to the replicas (Odoo 18+ with `db_replica_host`). */
    replicaRouting: boolean;
}

/** The resources a request uses; the bottleneck is one of them. */
export const CapacityResource = {
    Workers: "workers",
    AppCpu: "app-cpu",
    DatabaseCpu: "database-cpu",
    ReplicaCpu: "replica-cpu",
} as const;
export type CapacityResource = (typeof CapacityResource)[keyof typeof CapacityResource];

/** Response times of one request class, seconds. */
export interface ClassResponse {
    mean: number;
    p50: number;
    p95: number;
}

/** What the model predicts for one user count. */
export interface CapacityPrediction {
    users: number;
    /** Requests the cluster completes per second. */
    requestsPerSecond: number;
    /** Busy share of each resource, 0–1. */
    utilisation: { workers: number; appCpu: number; databaseCpu: number; replicaCpu: number };
    /** Response times per class (the wait for a worker included). */
    responseSeconds: { light: ClassResponse; heavy: ClassResponse };
    /** The resource that caps throughput first (asymptotic bound analysis). */
    bottleneck: CapacityResource;
    /** Targets this prediction misses, in words; empty when it meets all of them. */
    missedTargets: string[];
}

/** Inner network: completion rate and stretch with n = 0 … W workers busy. */
interface InnerNetwork {
    /** rate[n]: completions per second with n workers busy (rate[0] = 0). */
    rate: number[];
    /** stretch[n]: mean residence with n busy divided by the contention-free service time. */
    stretch: number[];
}

interface Station {
    /** Mean demand per request, seconds. */
    demand: number;
    /** Servers; Infinity for a pure delay. */
    servers: number;
}

function requireShape(shape: ClusterShape): void {
    const positive: (keyof ClusterShape)[] = ["httpNodes", "workersPerNode", "vcpuPerNode", "databaseVcpu"];
    for (const key of positive) {
        const value = shape[key];
        if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
            throw new OdooArgumentError(`shape.${key}`, value, "a positive number");
        }
    }
    if (typeof shape.replicaVcpu !== "number" || !(shape.replicaVcpu >= 0)) {
        throw new OdooArgumentError("shape.replicaVcpu", shape.replicaVcpu, "a number ≥ 0");
    }
}

function logSumExp(a: number, b: number): number {
    if (a === -Infinity) {
        return b;
    }
    if (b === -Infinity) {
        return a;
    }
    return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** The stations a request visits while it holds a worker. */
function stationsOf(shape: ClusterShape, workload: Workload): Station[] {
    const service = meanServiceSeconds(workload);
    const outsideDatabase = service * (1 - workload.databaseShare);
    const database = service * workload.databaseShare;
    const toReplica = shape.replicaRouting && shape.replicaVcpu > 0 ? workload.readOnlyShare : 0;
    return [
        { demand: outsideDatabase * workload.cpuPerWorkerSecond, servers: shape.httpNodes * shape.vcpuPerNode },
        { demand: outsideDatabase * (1 - workload.cpuPerWorkerSecond), servers: Infinity },
        { demand: database * (1 - toReplica), servers: shape.databaseVcpu },
        { demand: database * toReplica, servers: shape.replicaVcpu },
    ].filter((s) => s.demand > 0);
}

/**
 * The inner network by the convolution algorithm: log G(n) = log Σ Π f_k(n_k) over the ways to
 * spread n busy requests over the stations, with f(j) = D^j / Π_{i ≤ j} min(i, c).
 */
function solveInner(stations: Station[], workers: number, service: number): InnerNetwork {
    let logG = new Array<number>(workers + 1).fill(-Infinity);
    logG[0] = 0;
    for (const station of stations) {
        const logF = new Array<number>(workers + 1);
        logF[0] = 0;
        for (let j = 1; j <= workers; j++) {
            logF[j] = logF[j - 1] + Math.log(station.demand) - Math.log(Math.min(j, station.servers));
        }
        const next = new Array<number>(workers + 1).fill(-Infinity);
        for (let n = 0; n <= workers; n++) {
            let acc = -Infinity;
            for (let j = 0; j <= n; j++) {
                acc = logSumExp(acc, logF[j] + logG[n - j]);
            }
            next[n] = acc;
        }
        logG = next;
    }
    const rate = [0];
    const stretch = [1];
    for (let n = 1; n <= workers; n++) {
        const x = Math.exp(logG[n - 1] - logG[n]);
        rate.push(x);
        stretch.push(n / x / service);
    }
    return { rate, stretch };
}

/** Stationary distribution of the outer chain (k requests present) for `users` users. */
function outerDistribution(users: number, think: number, inner: InnerNetwork, workers: number): number[] {
    const logP = new Array<number>(users + 1);
    logP[0] = 0;
    for (let k = 1; k <= users; k++) {
        const arrivals = (users - (k - 1)) / think;
        logP[k] = logP[k - 1] + Math.log(arrivals) - Math.log(inner.rate[Math.min(k, workers)]);
    }
    const max = Math.max(...logP);
    const p = logP.map((l) => Math.exp(l - max));
    const total = p.reduce((a, b) => a + b, 0);
    return p.map((x) => x / total);
}

// --- distributions -----------------------------------------------------------------------------

/** log Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error < 1e-13). */
function logGamma(x: number): number {
    const c = [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
        -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];
    if (x < 0.5) {
        return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
    }
    const y = x - 1;
    let a = c[0];
    const t = y + 7.5;
    for (let i = 1; i < 9; i++) {
        a += c[i] / (y + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 on erf; |error| < 1.5e-7). */
function normalCdf(z: number): number {
    const x = Math.abs(z) / Math.SQRT2;
    const t = 1 / (1 + 0.3275911 * x);
    const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    const erf = 1 - poly * Math.exp(-x * x);
    return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** CDF of a lognormal with the given mean and coefficient of variation (a step at the mean for CV 0). */
export function lognormalCdf(t: number, mean: number, cv: number): number {
    if (t <= 0) {
        return 0;
    }
    if (cv === 0) {
        return t >= mean ? 1 : 0;
    }
    const sigma2 = Math.log(1 + cv * cv);
    const mu = Math.log(mean) - sigma2 / 2;
    return normalCdf((Math.log(t) - mu) / Math.sqrt(sigma2));
}

/** Density of the wait for a worker, given that the request waits: a mixture of Erlangs on a grid. */
interface WaitDensity {
    /** Probability that an arriving request waits at all. */
    probability: number;
    step: number;
    /** density[i] at i × step, conditional on waiting. */
    density: number[];
    mean: number;
    /** Factor on the probabilities of the states where a worker is free (they absorb what waiting gave up). */
    freeScale: number;
}

const WAIT_GRID_POINTS = 800;

function waitDensity(arrival: number[], workers: number, fullRate: number, serviceScv: number): WaitDensity {
    let probability = 0;
    let mean = 0;
    let second = 0;
    for (let k = workers; k < arrival.length; k++) {
        const m = k - workers + 1;
        probability += arrival[k];
        mean += arrival[k] * (m / fullRate);
        second += arrival[k] * ((m * Math.max(serviceScv, 1e-3) + m * m) / (fullRate * fullRate));
    }
    if (probability < 1e-12) {
        return { probability: 0, step: 1, density: [], mean: 0, freeScale: 1 };
    }
    mean /= probability;
    const sd = Math.sqrt(Math.max(second / probability - mean * mean, 0));
    const step = (mean + 12 * sd + 1 / fullRate) / WAIT_GRID_POINTS;
    // Time for the m completions ahead: a sum of m inter-departure times of the full pool. For a
    // pool of renewal processes the count of departures has variance SCV × mean (renewal CLT), so
    // the time for m of them is a gamma with mean m / rate and variance SCV × m / rate² — an
    // Erlang when service times are exponential (SCV 1).
    const scv = Math.max(serviceScv, 1e-3);
    const density = new Array<number>(WAIT_GRID_POINTS + 1).fill(0);
    for (let k = workers; k < arrival.length; k++) {
        const weight = arrival[k] / probability;
        if (weight < 1e-14) {
            continue;
        }
        const m = k - workers + 1;
        const shape = m / scv;
        const rate = fullRate / scv;
        const logNorm = shape * Math.log(rate) - logGamma(shape);
        for (let i = 1; i <= WAIT_GRID_POINTS; i++) {
            const x = i * step;
            density[i] += weight * Math.exp(logNorm + (shape - 1) * Math.log(x) - rate * x);
        }
        if (shape === 1) {
            density[0] += weight * rate;
        }
    }
    // The chain above is exact for exponential service times only. With more spread service (SCV
    // above 1, as a mix of light and heavy requests has), an M/G/c queue waits about as often but
    // (1 + SCV) / 2 times longer when it does (Allen–Cunneen). A closed system cannot wait longer
    // on average than Little's law allows, so the mean wait stays and its weight moves into the
    // tail: fewer requests wait, each g times longer. g fades to 1 as waiting becomes certain
    // (deep saturation, where the chain's wait is right by Little's law).
    const g = 1 + (Math.max(1, (1 + serviceScv) / 2) - 1) * (1 - probability);
    return {
        probability: probability / g,
        step: step * g,
        density: density.map((d) => d / g),
        mean: mean * g,
        freeScale: (1 - probability / g) / Math.max(1 - probability, 1e-12),
    };
}

/** P(wait + service ≤ t) for a request that waits; trapezoid over the wait's grid. */
function waitedCdf(t: number, wait: WaitDensity, serviceMean: number, cv: number): number {
    let sum = 0;
    const last = Math.min(Math.floor(t / wait.step), WAIT_GRID_POINTS);
    for (let i = 0; i <= last; i++) {
        const w = i === 0 || i === last ? 0.5 : 1;
        sum += w * wait.density[i] * lognormalCdf(t - i * wait.step, serviceMean, cv);
    }
    return Math.min(sum * wait.step, 1);
}

/** The response-time distribution of one class: its mean, CDF and quantiles. */
interface ClassDistribution {
    mean: number;
    cdf(t: number): number;
    quantile(q: number): number;
}

function classDistribution(
    cls: RequestClass,
    arrival: number[],
    inner: InnerNetwork,
    workers: number,
    wait: WaitDensity,
): ClassDistribution {
    const freeStates: { p: number; mean: number }[] = [];
    let mean = 0;
    for (let k = 0; k < Math.min(workers, arrival.length); k++) {
        if (arrival[k] > 1e-14) {
            const serviceMean = cls.meanSeconds * inner.stretch[k + 1];
            const p = arrival[k] * wait.freeScale;
            freeStates.push({ p, mean: serviceMean });
            mean += p * serviceMean;
        }
    }
    const fullMean = cls.meanSeconds * inner.stretch[workers];
    mean += wait.probability * (wait.mean + fullMean);
    const cdf = (t: number) => {
        let f = 0;
        for (const s of freeStates) {
            f += s.p * lognormalCdf(t, s.mean, cls.coefficientOfVariation);
        }
        if (wait.probability > 0) {
            f += wait.probability * waitedCdf(t, wait, fullMean, cls.coefficientOfVariation);
        }
        return f;
    };
    const quantile = (q: number) => {
        let lo = 0;
        let hi = Math.max(mean, cls.meanSeconds) * 4 + 1e-3;
        while (cdf(hi) < q && hi < 1e7) {
            hi *= 2;
        }
        // 1e-4 relative is far below the model's own accuracy.
        while (hi - lo > hi * 1e-4) {
            const mid = (lo + hi) / 2;
            if (cdf(mid) < q) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    };
    return { mean, cdf, quantile };
}

/** What one user count does to the cluster, before percentiles are searched for. */
interface SolvedLoad {
    throughput: number;
    utilisation: CapacityPrediction["utilisation"];
    /** The response-time distributions, built on first use (the wait density is the costly part). */
    classes(): { light: ClassDistribution; heavy: ClassDistribution };
}

// --- the model -----------------------------------------------------------------------------------

/** A solved cluster: predictions for any user count reuse the inner network. */
export class CapacityModel {
    private readonly inner: InnerNetwork;
    private readonly workers: number;
    private readonly stations: Station[];

    constructor(
        public readonly shape: ClusterShape,
        public readonly workload: Workload,
        public readonly targets: CapacityTargets = DEFAULT_CAPACITY_TARGETS,
    ) {
        requireShape(shape);
        this.workers = Math.round(shape.httpNodes * shape.workersPerNode);
        this.stations = stationsOf(shape, workload);
        this.inner = solveInner(this.stations, this.workers, meanServiceSeconds(workload));
    }

    private solve(users: number): SolvedLoad {
        if (!Number.isInteger(users) || users < 1) {
            throw new OdooArgumentError("users", users, "a whole number ≥ 1");
        }
        const think = thinkSeconds(this.workload);
        const W = this.workers;
        const p = outerDistribution(users, think, this.inner, W);
        let throughput = 0;
        let busy = 0;
        for (let k = 1; k < p.length; k++) {
            throughput += p[k] * this.inner.rate[Math.min(k, W)];
            busy += p[k] * Math.min(k, W);
        }
        let classes: { light: ClassDistribution; heavy: ClassDistribution } | undefined;
        const buildClasses = () => {
            if (!classes) {
                const arrival = users > 1 ? outerDistribution(users - 1, think, this.inner, W) : [1];
                const wait = waitDensity(arrival, W, this.inner.rate[W], serviceScv(this.workload));
                classes = {
                    light: classDistribution(this.workload.light, arrival, this.inner, W, wait),
                    heavy: classDistribution(this.workload.heavy, arrival, this.inner, W, wait),
                };
            }
            return classes;
        };
        const service = meanServiceSeconds(this.workload);
        const toReplica = this.shape.replicaRouting && this.shape.replicaVcpu > 0 ? this.workload.readOnlyShare : 0;
        const database = service * this.workload.databaseShare;
        return {
            throughput,
            utilisation: {
                workers: busy / W,
                appCpu:
                    (throughput * service * (1 - this.workload.databaseShare) * this.workload.cpuPerWorkerSecond) /
                    (this.shape.httpNodes * this.shape.vcpuPerNode),
                databaseCpu: (throughput * database * (1 - toReplica)) / this.shape.databaseVcpu,
                replicaCpu: toReplica > 0 ? (throughput * database * toReplica) / this.shape.replicaVcpu : 0,
            },
            classes: buildClasses,
        };
    }

    /**
     * The targets a load misses: a p95 above its target is a CDF below 0.95 at the target. The
     * utilisation targets are checked first; with `firstOnly` the response-time distributions are
     * not built at all once one target is missed (what a search for maxUsers needs).
     */
    private missed(load: SolvedLoad, options: { p95?: { light: number; heavy: number }; firstOnly?: boolean } = {}): string[] {
        const t = this.targets;
        const out: string[] = [];
        if (load.utilisation.appCpu > t.appCpuUtilisation) {
            out.push(`node cores ${pct(load.utilisation.appCpu)} busy > ${pct(t.appCpuUtilisation)}`);
        }
        const db = Math.max(load.utilisation.databaseCpu, load.utilisation.replicaCpu);
        if (db > t.databaseCpuUtilisation) {
            out.push(`database CPUs ${pct(db)} busy > ${pct(t.databaseCpuUtilisation)}`);
        }
        if (options.firstOnly && out.length > 0) {
            return out;
        }
        const describeP95 = (cls: "light" | "heavy") => (options.p95 ? `${options.p95[cls].toFixed(2)} s` : `above`);
        const classes = load.classes();
        if (classes.light.cdf(t.lightP95Seconds) < 0.95) {
            out.unshift(`light p95 ${describeP95("light")} > ${t.lightP95Seconds} s`);
            if (options.firstOnly) {
                return out;
            }
        }
        if (classes.heavy.cdf(t.heavyP95Seconds) < 0.95) {
            out.splice(out[0]?.startsWith("light") ? 1 : 0, 0, `heavy p95 ${describeP95("heavy")} > ${t.heavyP95Seconds} s`);
        }
        return out;
    }

    private readonly meetsByUsers = new Map<number, boolean>();

    /** Whether `users` users meet every target: the cheap question the maxUsers search asks. */
    meetsTargets(users: number): boolean {
        let meets = this.meetsByUsers.get(users);
        if (meets === undefined) {
            meets = this.missedByUsers.has(users)
                ? (this.missedByUsers.get(users) as string[]).length === 0
                : this.missed(this.solve(users), { firstOnly: true }).length === 0;
            this.meetsByUsers.set(users, meets);
        }
        return meets;
    }

    private readonly missedByUsers = new Map<number, string[]>();

    /** The targets `users` users miss, without searching for percentiles: what a guardrail needs. */
    missedTargets(users: number): string[] {
        let missed = this.missedByUsers.get(users);
        if (!missed) {
            missed = this.missed(this.solve(users));
            this.missedByUsers.set(users, missed);
        }
        return [...missed];
    }

    private readonly predictions = new Map<number, CapacityPrediction>();

    /** Utilisation, response times and bottleneck with `users` concurrent users. */
    predict(users: number): CapacityPrediction {
        const known = this.predictions.get(users);
        if (known) {
            return structuredClone(known);
        }
        const prediction = this.solvePrediction(users);
        this.predictions.set(users, prediction);
        return structuredClone(prediction);
    }

    private solvePrediction(users: number): CapacityPrediction {
        const load = this.solve(users);
        const response = (d: ClassDistribution): ClassResponse => ({ mean: d.mean, p50: d.quantile(0.5), p95: d.quantile(0.95) });
        const classes = load.classes();
        const responseSeconds = { light: response(classes.light), heavy: response(classes.heavy) };
        return {
            users,
            requestsPerSecond: load.throughput,
            utilisation: load.utilisation,
            responseSeconds,
            bottleneck: this.bottleneck(),
            missedTargets: this.missed(load, { p95: { light: responseSeconds.light.p95, heavy: responseSeconds.heavy.p95 } }),
        };
    }

    /**
     * The resource that caps throughput first: the smallest of each resource's bound on
     * completions per second (servers / demand per request; W / service time for the workers) —
     * asymptotic bound analysis. A worker pool that fills up because its requests queue for cores
     * has the cores as its bottleneck, not the workers.
     */
    bottleneck(): CapacityResource {
        const w = this.workload;
        const service = meanServiceSeconds(w);
        const outside = service * (1 - w.databaseShare);
        const database = service * w.databaseShare;
        const toReplica = this.shape.replicaRouting && this.shape.replicaVcpu > 0 ? w.readOnlyShare : 0;
        const bounds: [CapacityResource, number][] = [
            [CapacityResource.AppCpu, (this.shape.httpNodes * this.shape.vcpuPerNode) / (outside * w.cpuPerWorkerSecond)],
            [CapacityResource.DatabaseCpu, this.shape.databaseVcpu / (database * (1 - toReplica))],
            [CapacityResource.ReplicaCpu, toReplica > 0 ? this.shape.replicaVcpu / (database * toReplica) : Infinity],
            [CapacityResource.Workers, this.workers / service],
        ];
        return bounds.reduce((a, b) => (b[1] < a[1] ? b : a))[0];
    }

    /**
     * The largest user count whose prediction meets every target (0 when even one user misses
     * one), searched up to `limit`. Targets are monotone in users, so a bisection finds it.
     */
    maxUsers(limit = 20000): number {
        if (!this.meetsTargets(1)) {
            return 0;
        }
        let lo = 1;
        let hi = 2;
        while (hi <= limit && this.meetsTargets(hi)) {
            lo = hi;
            hi *= 2;
        }
        if (hi > limit) {
            return this.meetsTargets(limit) ? limit : this.bisect(lo, limit);
        }
        return this.bisect(lo, hi);
    }

    private bisect(okay: number, failing: number): number {
        while (failing - okay > 1) {
            const mid = Math.floor((okay + failing) / 2);
            if (this.meetsTargets(mid)) {
                okay = mid;
            } else {
                failing = mid;
            }
        }
        return okay;
    }
}

/** Squared coefficient of variation of a request's service time over both classes. */
function serviceScv(workload: Workload): number {
    const mean = meanServiceSeconds(workload);
    const second = [workload.light, workload.heavy].reduce(
        (sum, c) => sum + c.share * c.meanSeconds * c.meanSeconds * (1 + c.coefficientOfVariation * c.coefficientOfVariation),
        0,
    );
    return second / (mean * mean) - 1;
}

function pct(x: number): string {
    return `${Math.round(x * 100)} %`;
}

/** Solved models by shape, workload and targets: plans and policies ask about the same cluster often. */
const solvedModels = new Map<string, CapacityModel>();
const SOLVED_MODELS_KEPT = 128;

/** The model of a cluster, solved once per distinct shape, workload and targets. */
export function capacityModelFor(
    shape: ClusterShape,
    workload: Workload,
    targets: CapacityTargets = DEFAULT_CAPACITY_TARGETS,
): CapacityModel {
    const key = JSON.stringify([shape, workload, targets]);
    let model = solvedModels.get(key);
    if (!model) {
        if (solvedModels.size >= SOLVED_MODELS_KEPT) {
            solvedModels.delete(solvedModels.keys().next().value as string);
        }
        model = new CapacityModel(shape, workload, targets);
        solvedModels.set(key, model);
    }
    return model;
}
