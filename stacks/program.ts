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
    /** The filestore's EFS file system (the failover's ODOO_EFS_SOURCE_ID). */
    fileSystemId: pulumi.Output<string> | undefined;
    /** What the failover runbook takes, when the stack has a standby. */
    standbyRegion: pulumi.Output<string> | undefined;
    standbyReplicaIdentifier: pulumi.Output<string> | undefined;
    standbyFileSystemId: pulumi.Output<string> | undefined;
    standbyHttpGroupName: pulumi.Output<string> | undefined;
    standbyCronGroupName: pulumi.Output<string> | undefined;
    standbyLoadBalancerDnsName: pulumi.Output<string> | undefined;
    standbyLoadBalancerZoneId: pulumi.Output<string> | undefined;
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
        fileSystemId: cluster.fileSystemId,
        standbyRegion: cluster.standbyRegion,
        standbyReplicaIdentifier: cluster.standbyReplicaIdentifier,
        standbyFileSystemId: cluster.standbyFileSystemId,
        standbyHttpGroupName: cluster.standbyHttpGroupName,
        standbyCronGroupName: cluster.standbyCronGroupName,
        standbyLoadBalancerDnsName: cluster.standbyLoadBalancerDnsName,
        standbyLoadBalancerZoneId: cluster.standbyLoadBalancerZoneId,
    };
}
