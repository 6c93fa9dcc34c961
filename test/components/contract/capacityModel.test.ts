import { strict as assert } from "node:assert";
import { CapacityModel, CapacityResource, ClusterShape, lognormalCdf } from "../../../components/contract/capacityModel";
import { DEFAULT_WORKLOAD, Workload, meanServiceSeconds, resolveWorkload } from "../../../components/contract/workload";
import { SimulationResult, simulate } from "../../harness/queueSimulation";
import { throwsArgumentError } from "../../harness/argumentErrors";

const FLEET: ClusterShape = { httpNodes: 2, workersPerNode: 6, vcpuPerNode: 4, databaseVcpu: 4, replicaVcpu: 0, replicaRouting: false };
const LARGE: ClusterShape = { httpNodes: 5, workersPerNode: 6, vcpuPerNode: 4, databaseVcpu: 16, replicaVcpu: 16, replicaRouting: true };

/** A workload whose every request takes `seconds` (one class), with CV 1. */
function singleClass(requestsPerUserPerMinute: number, seconds: number): Workload {
    return {
        ...DEFAULT_WORKLOAD,
        requestsPerUserPerMinute,
        light: { share: 1, meanSeconds: seconds, coefficientOfVariation: 1 },
        heavy: { share: 0, meanSeconds: seconds, coefficientOfVariation: 1 },
    };
}

/** The default workload with both classes' service times multiplied by `factor`. */
function slower(factor: number): Workload {
    const w = DEFAULT_WORKLOAD;
    return {
        ...w,
        light: { ...w.light, meanSeconds: w.light.meanSeconds * factor },
        heavy: { ...w.heavy, meanSeconds: w.heavy.meanSeconds * factor },
    };
}

const relative = (model: number, simulated: number) => Math.abs(model - simulated) / simulated;

describe("the capacity model", () => {
    describe("below saturation", () => {
        it("predicts worker utilisation as users × r / 60 × mean service time / workers (the utilisation law), within 15 %", () => {
            for (const users of [20, 60, 100]) {
                const model = new CapacityModel(FLEET, DEFAULT_WORKLOAD);
                const predicted = model.predict(users).utilisation.workers;
                const law = (users * (DEFAULT_WORKLOAD.requestsPerUserPerMinute / 60) * meanServiceSeconds(DEFAULT_WORKLOAD)) / 12;
                assert.ok(law < 0.8, `${users} users stay below saturation (${law})`);
                assert.ok(relative(predicted, law) <= 0.15, `${users} users: model ${predicted}, law ${law}`);
            }
        });

        it("answers a light request in about its own service time when workers are free (p50 below the mean of a CV-1 lognormal)", () => {
            const light = new CapacityModel(LARGE, DEFAULT_WORKLOAD).predict(10).responseSeconds.light;
            assert.ok(light.p50 < DEFAULT_WORKLOAD.light.meanSeconds, `p50 ${light.p50}`);
            assert.ok(
                light.p95 > 2 * DEFAULT_WORKLOAD.light.meanSeconds && light.p95 < 4 * DEFAULT_WORKLOAD.light.meanSeconds,
                `p95 ${light.p95}`,
            );
        });
    });

    describe("the published rules of thumb come out of it", () => {
        /** Users per worker when the pool is 85 % busy: where response times start to climb. */
        function usersPerWorkerAtKnee(workload: Workload): number {
            const workers = 9;
            const shape: ClusterShape = {
                httpNodes: 1,
                workersPerNode: workers,
                vcpuPerNode: 64,
                databaseVcpu: 64,
                replicaVcpu: 0,
                replicaRouting: false,
            };
            const model = new CapacityModel(shape, workload);
            let users = 1;
            while (model.predict(users + 1).utilisation.workers < 0.85) {
                users++;
            }
            return users / workers;
        }

        it("gives Odoo's documented 6–7 users per worker for an active user (60 requests a minute at 0.15 s)", () => {
            const perWorker = usersPerWorkerAtKnee(singleClass(60, 0.15));
            assert.ok(perWorker >= 6 && perWorker <= 7.5, `${perWorker}`);
        });

        it("gives Dony's ~30 users per worker at 20 % of that activity (12 requests a minute)", () => {
            const perWorker = usersPerWorkerAtKnee(singleClass(12, 0.15));
            assert.ok(perWorker >= 27 && perWorker <= 33, `${perWorker}`);
        });
    });

    describe("agrees with a discrete-event simulation of the same system (seeded, bounded)", function () {
        this.timeout(120_000);
        // Users × workers × service times, from idle through the knee into saturation.
        const grid: { shape: ClusterShape; users: number; factor: number }[] = [];
        for (const shape of [FLEET, LARGE]) {
            for (const users of [50, 150, 300, 500]) {
                for (const factor of [1, 2]) {
                    grid.push({ shape, users, factor });
                }
            }
        }
        const results: { case: string; model: ReturnType<CapacityModel["predict"]>; sim: SimulationResult }[] = [];
        before(() => {
            for (const { shape, users, factor } of grid) {
                const workload = slower(factor);
                results.push({
                    case: `${shape.httpNodes * shape.workersPerNode} workers, ${users} users, service × ${factor}`,
                    model: new CapacityModel(shape, workload).predict(users),
                    sim: simulate(shape, workload, users, { requests: 40_000, seed: 7 }),
                });
            }
        });

        it("within 10 % on the utilisation of workers, node cores and database CPUs", () => {
            for (const r of results) {
                for (const key of ["workers", "appCpu", "databaseCpu"] as const) {
                    assert.ok(
                        relative(r.model.utilisation[key], r.sim.utilisation[key]) <= 0.1,
                        `${r.case}: ${key} ${r.model.utilisation[key]} vs ${r.sim.utilisation[key]}`,
                    );
                }
            }
        });

        it("within 10 % on light and heavy p95 away from the knee (pool under 90 % or fully saturated), within 20 % at the knee", () => {
            let worst = 0;
            for (const r of results) {
                const busy = r.sim.utilisation.workers;
                const tolerance = busy < 0.9 || busy > 0.995 ? 0.1 : 0.2;
                for (const cls of ["light", "heavy"] as const) {
                    const error = relative(r.model.responseSeconds[cls].p95, r.sim.responseSeconds[cls].p95);
                    worst = Math.max(worst, error);
                    assert.ok(
                        error <= tolerance,
                        `${r.case}: ${cls} p95 ${r.model.responseSeconds[cls].p95} vs ${r.sim.responseSeconds[cls].p95}`,
                    );
                }
            }
            assert.ok(worst > 0, "the comparison ran");
        });
    });

    describe("capacity", () => {
        it("finds the largest user count that meets the targets: one more user misses one", () => {
            const model = new CapacityModel(FLEET, DEFAULT_WORKLOAD);
            const max = model.maxUsers();
            assert.ok(max > 50, `${max}`);
            assert.deepEqual(model.predict(max).missedTargets, []);
            assert.notDeepEqual(model.predict(max + 1).missedTargets, []);
        });

        it("takes fewer users as each user sends more requests (monotone in r)", () => {
            const capacities = [6, 12, 24, 48].map((r) =>
                new CapacityModel(LARGE, { ...DEFAULT_WORKLOAD, requestsPerUserPerMinute: r }).maxUsers(),
            );
            for (let i = 1; i < capacities.length; i++) {
                assert.ok(capacities[i] < capacities[i - 1], `${capacities}`);
            }
        });

        it("names the node cores as the bottleneck when workers outnumber cores two to one, and the database when it is small", () => {
            const cpuBound: ClusterShape = { ...FLEET, workersPerNode: 8, vcpuPerNode: 2, databaseVcpu: 32 };
            assert.equal(new CapacityModel(cpuBound, DEFAULT_WORKLOAD).predict(400).bottleneck, CapacityResource.AppCpu);
            const dbBound: ClusterShape = { ...LARGE, databaseVcpu: 2, replicaVcpu: 0, replicaRouting: false };
            assert.equal(
                new CapacityModel(dbBound, { ...DEFAULT_WORKLOAD, databaseShare: 0.6 }).predict(400).bottleneck,
                CapacityResource.DatabaseCpu,
            );
        });

        it("moves the read-only share of database time to the replicas only when Odoo routes there", () => {
            const routed = new CapacityModel(LARGE, DEFAULT_WORKLOAD).predict(300).utilisation;
            const unrouted = new CapacityModel({ ...LARGE, replicaRouting: false }, DEFAULT_WORKLOAD).predict(300).utilisation;
            assert.ok(routed.replicaCpu > 0 && unrouted.replicaCpu === 0);
            assert.ok(routed.databaseCpu < unrouted.databaseCpu);
        });
    });

    describe("its inputs", () => {
        it("fills every workload field it is not given from the defaults, and keeps the classes' shares at 1", () => {
            const w = resolveWorkload({ requestsPerUserPerMinute: 30, lightShare: 0.7 });
            assert.equal(w.requestsPerUserPerMinute, 30);
            assert.equal(w.light.share + w.heavy.share, 1);
            assert.equal(w.heavy.meanSeconds, DEFAULT_WORKLOAD.heavy.meanSeconds);
        });

        it("rejects a workload value out of range, naming the property, the value and the range", () => {
            throwsArgumentError(() => resolveWorkload({ requestsPerUserPerMinute: 0 }), {
                property: "workload.requestsPerUserPerMinute",
                accepted: /0\.1 to 600/,
            });
            throwsArgumentError(() => resolveWorkload({ databaseShare: 1 }), {
                property: "workload.databaseShare",
                accepted: /0 to 0\.95/,
            });
        });

        it("rejects a cluster shape without workers", () => {
            throwsArgumentError(() => new CapacityModel({ ...FLEET, workersPerNode: 0 }, DEFAULT_WORKLOAD), {
                property: "shape.workersPerNode",
                accepted: /positive/,
            });
        });

        it("uses a lognormal whose median is below its mean by the CV", () => {
            assert.ok(lognormalCdf(0.1, 0.1, 1) > 0.5);
            assert.equal(lognormalCdf(0.1, 0.1, 0), 1);
            assert.equal(lognormalCdf(0.0999, 0.1, 0), 0);
        });
    });
});
