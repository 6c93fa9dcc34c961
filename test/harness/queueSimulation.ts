/**
 * A discrete-event simulation of the system the capacity model analyses, request by request, to
 * check the analysis (components/contract/capacityModel.ts) against something that makes none of
 * its approximations (flow-equivalent server, arrival theorem, Erlang waits, stretch).
 *
 * N users think for an exponential time (mean 60 / r s), send a request and wait for it. A request
 * is light or heavy, with a lognormal service time of the class's mean and coefficient of
 * variation; it waits FCFS for one of the fleet's W workers and, holding it, runs its Python part
 * on the pooled node cores (FCFS, c = nodes × vCPU), its I/O part as a pure delay and its SQL part
 * on the database's CPUs (FCFS; the read-only share on the replicas when Odoo routes there).
 *
 * Seeded and bounded by the number of completed requests: the same arguments give the same result.
 */
import { ClusterShape } from "../../components/contract/capacityModel";
import { Workload, thinkSeconds } from "../../components/contract/workload";

export interface SimulationResult {
    requestsPerSecond: number;
    utilisation: { workers: number; appCpu: number; databaseCpu: number; replicaCpu: number };
    responseSeconds: { light: { mean: number; p50: number; p95: number }; heavy: { mean: number; p50: number; p95: number } };
    completed: number;
}

/** mulberry32: a small, fast, seedable PRNG. */
export function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

interface Event {
    time: number;
    seq: number;
    run: () => void;
}

/** Binary min-heap of events by time, then by insertion order. */
class EventQueue {
    private readonly heap: Event[] = [];
    private seq = 0;

    push(time: number, run: () => void): void {
        const h = this.heap;
        h.push({ time, seq: this.seq++, run });
        let i = h.length - 1;
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (this.less(h[parent], h[i])) {
                break;
            }
            [h[parent], h[i]] = [h[i], h[parent]];
            i = parent;
        }
    }

    pop(): Event | undefined {
        const h = this.heap;
        const top = h[0];
        const last = h.pop();
        if (h.length > 0 && last) {
            h[0] = last;
            let i = 0;
            for (;;) {
                const l = 2 * i + 1;
                const r = l + 1;
                let m = i;
                if (l < h.length && this.less(h[l], h[m])) {
                    m = l;
                }
                if (r < h.length && this.less(h[r], h[m])) {
                    m = r;
                }
                if (m === i) {
                    break;
                }
                [h[m], h[i]] = [h[i], h[m]];
                i = m;
            }
        }
        return top;
    }

    private less(a: Event, b: Event): boolean {
        return a.time < b.time || (a.time === b.time && a.seq < b.seq);
    }
}

/** An FCFS station with `servers` servers that integrates its busy servers over time. */
class Station {
    private busy = 0;
    private readonly waiting: { demand: number; done: () => void }[] = [];
    busyTime = 0;
    private last = 0;

    constructor(
        private readonly servers: number,
        private readonly events: EventQueue,
        private readonly clock: () => number,
    ) {}

    account(): void {
        const now = this.clock();
        this.busyTime += this.busy * (now - this.last);
        this.last = now;
    }

    serve(demand: number, done: () => void): void {
        if (demand <= 0) {
            done();
            return;
        }
        this.account();
        if (this.busy < this.servers) {
            this.busy++;
            this.events.push(this.clock() + demand, () => this.finish(done));
        } else {
            this.waiting.push({ demand, done });
        }
    }

    private finish(done: () => void): void {
        this.account();
        const next = this.waiting.shift();
        if (next) {
            this.events.push(this.clock() + next.demand, () => this.finish(next.done));
        } else {
            this.busy--;
        }
        done();
    }

    resetAccounting(): void {
        this.account();
        this.busyTime = 0;
    }
}

function quantile(sorted: number[], q: number): number {
    if (sorted.length === 0) {
        return NaN;
    }
    const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
    return sorted[i];
}

function summary(values: number[]) {
    const sorted = [...values].sort((a, b) => a - b);
    return {
        mean: values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1),
        p50: quantile(sorted, 0.5),
        p95: quantile(sorted, 0.95),
    };
}

/** Runs `users` users against the cluster until `requests` requests completed after a warm-up. */
export function simulate(
    shape: ClusterShape,
    workload: Workload,
    users: number,
    options: { requests?: number; warmup?: number; seed?: number } = {},
): SimulationResult {
    const requests = options.requests ?? 60_000;
    const warmup = options.warmup ?? Math.max(2_000, Math.round(requests / 10));
    const random = prng(options.seed ?? 1);
    const events = new EventQueue();
    let now = 0;
    const clock = () => now;
    const workers = Math.round(shape.httpNodes * shape.workersPerNode);
    const cores = new Station(shape.httpNodes * shape.vcpuPerNode, events, clock);
    const primary = new Station(shape.databaseVcpu, events, clock);
    const replicas = new Station(Math.max(shape.replicaVcpu, 1), events, clock);
    const toReplica = shape.replicaRouting && shape.replicaVcpu > 0 ? workload.readOnlyShare : 0;
    const think = thinkSeconds(workload);

    const exponential = (mean: number) => -mean * Math.log(1 - random());
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const lognormal = (mean: number, cv: number) => {
        if (cv === 0) {
            return mean;
        }
        const s2 = Math.log(1 + cv * cv);
        return Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * normal());
    };

    let busyWorkers = 0;
    let workerBusyTime = 0;
    let workerLast = 0;
    const accountWorkers = () => {
        workerBusyTime += busyWorkers * (now - workerLast);
        workerLast = now;
    };
    const workerQueue: (() => void)[] = [];
    const light: number[] = [];
    const heavy: number[] = [];
    let completed = 0;
    let measuredFrom = 0;

    const startWarm = () => {
        measuredFrom = now;
        accountWorkers();
        workerBusyTime = 0;
        cores.resetAccounting();
        primary.resetAccounting();
        replicas.resetAccounting();
    };

    const send = () => {
        const sentAt = now;
        const isLight = random() < workload.light.share;
        const cls = isLight ? workload.light : workload.heavy;
        const total = lognormal(cls.meanSeconds, cls.coefficientOfVariation);
        const outside = total * (1 - workload.databaseShare);
        const sql = total * workload.databaseShare;
        const db = random() < toReplica ? replicas : primary;
        const work = () => {
            accountWorkers();
            busyWorkers++;
            cores.serve(outside * workload.cpuPerWorkerSecond, () => {
                events.push(now + outside * (1 - workload.cpuPerWorkerSecond), () => {
                    db.serve(sql, () => {
                        accountWorkers();
                        busyWorkers--;
                        const next = workerQueue.shift();
                        if (next) {
                            next();
                        }
                        completed++;
                        if (completed === warmup) {
                            startWarm();
                        } else if (completed > warmup) {
                            (isLight ? light : heavy).push(now - sentAt);
                        }
                        events.push(now + exponential(think), send);
                    });
                });
            });
        };
        if (busyWorkers < workers) {
            work();
        } else {
            workerQueue.push(work);
        }
    };

    for (let u = 0; u < users; u++) {
        events.push(exponential(think), send);
    }
    while (completed < warmup + requests) {
        const event = events.pop();
        if (!event) {
            break;
        }
        now = event.time;
        event.run();
    }
    accountWorkers();
    cores.account();
    primary.account();
    replicas.account();
    const elapsed = now - measuredFrom;
    return {
        requestsPerSecond: (completed - warmup) / elapsed,
        utilisation: {
            workers: workerBusyTime / elapsed / workers,
            appCpu: cores.busyTime / elapsed / (shape.httpNodes * shape.vcpuPerNode),
            databaseCpu: primary.busyTime / elapsed / shape.databaseVcpu,
            replicaCpu: toReplica > 0 ? replicas.busyTime / elapsed / shape.replicaVcpu : 0,
        },
        responseSeconds: { light: summary(light), heavy: summary(heavy) },
        completed: completed - warmup,
    };
}
