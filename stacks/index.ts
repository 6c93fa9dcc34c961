/**
 * The environment program: `pulumi up` in a stack (dev, staging, prod) builds one OdooCluster from
 * that stack's stacks/Pulumi.<stack>.yaml and exports what an operator needs.
 */
import * as pulumi from "@pulumi/pulumi";
import { OdooCluster } from "../components/cluster";
import { DEFAULT_CLUSTER_NAME, clusterArgsFromConfig } from "./stackConfig";

const args = clusterArgsFromConfig(pulumi.runtime.allConfig());
const cluster = new OdooCluster(args.clusterName ?? DEFAULT_CLUSTER_NAME, args);

export const url = cluster.url;
export const loadBalancerDnsName = cluster.loadBalancerDnsName;
export const databaseEndpoint = cluster.databaseEndpoint;
export const databaseReplicaHost = cluster.databaseReplicaHost;
export const databaseSecretArn = cluster.databaseSecretArn;
export const adminPasswordSecretArn = cluster.adminPasswordSecretArn;
export const sessionHost = cluster.sessionHost;
export const httpGroupName = cluster.httpGroupName;
export const cronGroupName = cluster.cronGroupName;
export const capacityPlan = cluster.capacityPlan;
export const monthlyCost = cluster.monthlyCost;
