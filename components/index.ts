/**
 * odoo-aws: Pulumi components that run Odoo horizontally scaled on AWS, sized from the declared
 * number of concurrent users.
 *
 * This barrel is the package's whole public API, for TypeScript (`import { OdooCluster } from
 * "odoo-aws"`) and for every other language: Pulumi's component analyzer starts here and serves
 * each component class exported below. Besides the components and their argument types, it holds
 * the pure modules behind their defaults: the capacity plan, the instance catalog, the tag contract
 * the policy pack reads, the argument errors and the supported versions.
 *
 * The order matters to the analyzer: it reads the modules in the order they are exported here and
 * takes a type's documentation only from a module it has already read. So the modules that declare
 * the argument and output types come first, the sub-components next (each declares its options
 * before its class), and OdooCluster, which uses all of them, last.
 */

// The pure API: what the defaults and the policy pack's thresholds come from.
export * from "./sizing";
export * from "./catalog";
export * from "./tags";
export * from "./errors";
export * from "./odooVersion";
export { DEFAULT_PRODUCTION_ENVIRONMENTS, isProductionEnvironment } from "./environment";
export type { OdooClusterContext } from "./clusterContext";
export type { OdooAlarmThresholds } from "./alarms";

// The components OdooCluster composes, each usable on its own.
export { OdooNetwork } from "./network";
export type { OdooNetworkArgs, OdooNetworkOptions, OdooExistingVpc } from "./network";
export { OdooLoadBalancer, TlsMode } from "./loadBalancer";
export type { OdooLoadBalancerArgs, OdooLoadBalancerOptions } from "./loadBalancer";
export { OdooNodes } from "./nodes";
export type { OdooNodesArgs, OdooNodesOptions, NodeDatabaseConnection, NodeFilestoreConnection, NodeSessionConnection } from "./nodes";
export { OdooDatabase, DatabaseEngine } from "./database";
export type { OdooDatabaseArgs, OdooDatabaseOptions } from "./database";
export { OdooFilestore } from "./filestore";
export type { OdooFilestoreArgs, OdooFilestoreOptions } from "./filestore";
export { OdooSessionStore, CacheEngine } from "./sessionStore";
export type { OdooSessionStoreArgs, OdooSessionStoreOptions } from "./sessionStore";
export { OdooMonitoring } from "./monitoring";
export type { OdooMonitoringArgs, OdooMonitoringOptions, OdooMonitoringDatabase, OdooMonitoringSessions } from "./monitoring";
export { OdooFleetScaling } from "./fleetScaling";
export type { OdooFleetScalingArgs, OdooFleetScalingOptions } from "./fleetScaling";
export { OdooBackupPlan } from "./backupPlan";
export type { OdooBackupPlanArgs, OdooBackupPlanOptions } from "./backupPlan";
export { OdooUpgrade } from "./upgrade";
export type { OdooUpgradeArgs, OdooUpgradeOptions } from "./upgrade";
export { OdooHealthGate } from "./healthGate";
export type { OdooHealthGateArgs, OdooHealthGateOptions } from "./healthGate";

// The whole cluster.
export type {
    OdooClusterArgs,
    OdooClusterBackups,
    OdooClusterHealthGate,
    OdooClusterMonitoring,
    OdooClusterScaling,
    OdooClusterUpgrade,
    OdooImageAddons,
    OdooOperationsOptions,
} from "./clusterArgs";
export { OdooCluster } from "./cluster";
