/**
 * The capacity model applied to a capacity plan: what a planned cluster does under a workload
 * (the `model` block of `npm run plan -- --json`), and the plan raised until the model's targets
 * hold — never below the guide's table, which stays the floor the policy pack enforces.
 *
 * Pure: no Pulumi, no I/O.
 */
import { CapacityResource, ClusterShape, capacityModelFor } from "./capacityModel";
import { DATABASE_INSTANCE_CLASSES, nodeInstanceType } from "./catalog";
import { CapacityTargets, DEFAULT_CAPACITY_TARGETS, Workload } from "./workload";

/** The part of a capacity plan the model reads. */
export interface PlannedShape {
    concurrentUsers: number;
    httpNodes: number;
    workersPerNode: number;
    nodeInstanceType: string;
    database: { instanceClass: string; vcpu: number; replicas: number };
}

/** Busy share of each resource the model tracks, 0–1. */
export interface ModelUtilisation {
    /** The HTTP worker pool. */
    workers: number;
    /** The HTTP nodes' cores. */
    appCpu: number;
    /** The database primary's vCPUs. */
    dbCpu: number;
}

/** 95th percentile response time of each request class, seconds. */
export interface ModelP95Seconds {
    /** Light requests (reads, forms, lists). */
    light: number;
    /** Heavy requests (writes with many lines, reports, imports). */
    heavy: number;
}

/** What the model predicts for a plan at its declared users. */
export interface ModelAssessment {
    /** The workload's request rate the prediction is for. */
    requestsPerUserPerMinute: number;
    /** Busy share of the worker pool, the HTTP nodes' cores and the primary's vCPUs. */
    utilisation: ModelUtilisation;
    /** 95th percentile response times, seconds. */
    p95Seconds: ModelP95Seconds;
    /** The most users the planned cluster takes while meeting the targets. */
    maxUsers: number;
    /** The resource that caps throughput first. */
    bottleneck: CapacityResource;
    /** Targets missed at the declared users; empty when all hold. */
    missedTargets: string[];
}

/** The model's shape of a plan; replicas take Odoo's read-only routes only on 18.0+ (`replicaRouting`). */
export function shapeOfPlan(plan: PlannedShape, replicaRouting: boolean): ClusterShape {
    const node = nodeInstanceType(plan.nodeInstanceType);
    const replicaClass = DATABASE_INSTANCE_CLASSES.find((c) => c.name === plan.database.instanceClass);
    return {
        httpNodes: plan.httpNodes,
        workersPerNode: plan.workersPerNode,
        vcpuPerNode: node.vcpu,
        databaseVcpu: plan.database.vcpu,
        replicaVcpu: plan.database.replicas * (replicaClass?.vcpu ?? plan.database.vcpu),
        replicaRouting: replicaRouting && plan.database.replicas > 0,
    };
}

/** What the model says of a plan. `maxUsersLimit` bounds the search (default 4 × the declared users, at least 1,000). */
export function assessPlan(
    plan: PlannedShape,
    workload: Workload,
    replicaRouting: boolean,
    targets: CapacityTargets = DEFAULT_CAPACITY_TARGETS,
    maxUsersLimit = Math.max(plan.concurrentUsers * 4, 1000),
): ModelAssessment {
    const model = capacityModelFor(shapeOfPlan(plan, replicaRouting), workload, targets);
    const p = model.predict(plan.concurrentUsers);
    return {
        requestsPerUserPerMinute: workload.requestsPerUserPerMinute,
        utilisation: { workers: p.utilisation.workers, appCpu: p.utilisation.appCpu, dbCpu: p.utilisation.databaseCpu },
        p95Seconds: { light: p.responseSeconds.light.p95, heavy: p.responseSeconds.heavy.p95 },
        maxUsers: model.maxUsers(maxUsersLimit),
        bottleneck: model.bottleneck(),
        missedTargets: p.missedTargets,
    };
}

/** One step that raises a plan toward the model's targets, as the overrides planCapacity takes. */
export interface PlanRaise {
    httpNodes?: number;
    databaseInstanceClass?: string;
    databaseReplicas?: number;
    /** Why, in words, for the plan's notes. */
    reason: string;
}

/**
 * The next step toward the targets for a plan whose prediction misses one: more HTTP nodes when
 * the workers or node cores bind, the next class of the database's family (twice the vCPUs) when
 * the primary binds, one more replica when the replicas bind. Undefined when nothing is left to
 * raise (the largest class of the family, 15 replicas, 500 nodes).
 */
export function nextRaise(plan: PlannedShape, assessment: ModelAssessment): PlanRaise | undefined {
    const why = `the capacity model misses its targets at ${plan.concurrentUsers} users (${assessment.missedTargets.join(", ")}; bottleneck: ${assessment.bottleneck})`;
    switch (assessment.bottleneck) {
        case CapacityResource.Workers:
        case CapacityResource.AppCpu:
            return plan.httpNodes < 500 ? { httpNodes: plan.httpNodes + 1, reason: `${why}: one more HTTP node` } : undefined;
        case CapacityResource.DatabaseCpu: {
            const current = DATABASE_INSTANCE_CLASSES.find((c) => c.name === plan.database.instanceClass);
            const bigger = DATABASE_INSTANCE_CLASSES.filter((c) => current && c.family === current.family && c.vcpu > current.vcpu).sort(
                (a, b) => a.vcpu - b.vcpu,
            )[0];
            return bigger ? { databaseInstanceClass: bigger.name, reason: `${why}: ${bigger.name}` } : undefined;
        }
        case CapacityResource.ReplicaCpu:
            return plan.database.replicas < 15
                ? { databaseReplicas: plan.database.replicas + 1, reason: `${why}: one more read replica` }
                : undefined;
    }
}
