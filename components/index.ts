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
export * from "./contract/sizing";
export * from "./contract/catalog";
export * from "./contract/tags";
export * from "./contract/errors";
export * from "./contract/odooVersion";
export { DEFAULT_PRODUCTION_ENVIRONMENTS, isProductionEnvironment } from "./contract/environment";
export type { OdooClusterContext } from "./contract/clusterContext";
export type { OdooAlarmThresholds } from "./operations/alarms";

// The components OdooCluster composes, each usable on its own.
export { OdooNetwork } from "./network/network";
export type { OdooNetworkArgs, OdooNetworkOptions, OdooExistingVpc } from "./network/network";
export { OdooLoadBalancer, TlsMode } from "./loadBalancer/loadBalancer";
export type { OdooLoadBalancerArgs, OdooLoadBalancerOptions } from "./loadBalancer/loadBalancer";
export { OdooNodes } from "./nodes/nodes";
export type {
    OdooNodesArgs,
    OdooNodesOptions,
    NodeDatabaseConnection,
    NodeFilestoreConnection,
    NodeSessionConnection,
} from "./nodes/nodes";
export { OdooDatabase, DatabaseEngine } from "./database/database";
export type { OdooDatabaseArgs, OdooDatabaseOptions } from "./database/database";
export { OdooFilestore } from "./storage/filestore";
export type { OdooFilestoreArgs, OdooFilestoreOptions } from "./storage/filestore";
export { OdooSessionStore, CacheEngine } from "./storage/sessionStore";
export type { OdooSessionStoreArgs, OdooSessionStoreOptions } from "./storage/sessionStore";
export { OdooMonitoring } from "./operations/monitoring";
export type { OdooMonitoringArgs, OdooMonitoringOptions, OdooMonitoringDatabase, OdooMonitoringSessions } from "./operations/monitoring";
export { OdooFleetScaling } from "./operations/fleetScaling";
export type { OdooFleetScalingArgs, OdooFleetScalingOptions } from "./operations/fleetScaling";
export { OdooBackupPlan } from "./operations/backupPlan";
export type { OdooBackupPlanArgs, OdooBackupPlanOptions } from "./operations/backupPlan";
export { OdooUpgrade } from "./operations/upgrade";
export type { OdooUpgradeArgs, OdooUpgradeOptions } from "./operations/upgrade";
export { OdooHealthGate } from "./operations/healthGate";
export type { OdooHealthGateArgs, OdooHealthGateOptions } from "./operations/healthGate";

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
} from "./cluster/clusterArgs";
export { OdooCluster } from "./cluster/cluster";
