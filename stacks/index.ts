/**
 * The environment program: `pulumi up` in a stack (dev, staging, prod) builds one OdooCluster from
 * that stack's stacks/Pulumi.<stack>.yaml and exports what an operator needs.
 */
import * as pulumi from "@pulumi/pulumi";
import { defineStack } from "./program";

const outputs = defineStack(pulumi.runtime.allConfig());

export const url = outputs.url;
export const loadBalancerDnsName = outputs.loadBalancerDnsName;
export const databaseEndpoint = outputs.databaseEndpoint;
export const databaseReplicaHost = outputs.databaseReplicaHost;
export const databaseSecretArn = outputs.databaseSecretArn;
export const adminPasswordSecretArn = outputs.adminPasswordSecretArn;
export const sessionHost = outputs.sessionHost;
export const httpGroupName = outputs.httpGroupName;
export const cronGroupName = outputs.cronGroupName;
export const capacityPlan = outputs.capacityPlan;
export const monthlyCost = outputs.monthlyCost;
