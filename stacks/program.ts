/**
 * The environment program as a function: one OdooCluster from the stack's configuration. The
 * Pulumi entry point (stacks/index.ts) calls it with the engine's configuration; the offline
 * preview calls it under mocks.
 */
import * as pulumi from "@pulumi/pulumi";
import { OdooCluster } from "../components/cluster/cluster";
import { CapacityPlan, MonthlyCost } from "../components/contract/sizing";
import { RolloutTimeline } from "../components/contract/rollout";
import { DEFAULT_CLUSTER_NAME, clusterArgsFromConfig } from "./stackConfig";

/** The stack outputs. */
export interface StackOutputs {
    url: pulumi.Output<string>;
    loadBalancerDnsName: pulumi.Output<string>;
    databaseEndpoint: pulumi.Output<string>;
    databaseReplicaHost: pulumi.Output<string> | undefined;
    databaseSecretArn: pulumi.Output<string>;
    adminPasswordSecretArn: pulumi.Output<string>;
    sessionHost: pulumi.Output<string> | undefined;
    httpGroupName: pulumi.Output<string>;
    cronGroupName: pulumi.Output<string>;
    capacityPlan: pulumi.Output<CapacityPlan>;
    monthlyCost: pulumi.Output<MonthlyCost>;
    rollout: pulumi.Output<RolloutTimeline>;
}

/** Builds the stack from its configuration (`namespace:key` → string, as the engine gives it). */
export function defineStack(config: Record<string, string>): StackOutputs {
    const args = clusterArgsFromConfig(config);
    const cluster = new OdooCluster(args.clusterName ?? DEFAULT_CLUSTER_NAME, args);
    return {
        url: cluster.url,
        loadBalancerDnsName: cluster.loadBalancerDnsName,
        databaseEndpoint: cluster.databaseEndpoint,
        databaseReplicaHost: cluster.databaseReplicaHost,
        databaseSecretArn: cluster.databaseSecretArn,
        adminPasswordSecretArn: cluster.adminPasswordSecretArn,
        sessionHost: cluster.sessionHost,
        httpGroupName: cluster.httpGroupName,
        cronGroupName: cluster.cronGroupName,
        capacityPlan: cluster.capacityPlan,
        monthlyCost: cluster.monthlyCost,
        rollout: cluster.rollout,
    };
}
