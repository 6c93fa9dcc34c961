/**
 * odoo-aws: Pulumi components that run Odoo horizontally scaled on AWS, sized from the declared
 * number of concurrent users.
 *
 * This barrel is the package's whole public API, for TypeScript (`import { OdooCluster } from
 * "odoo-aws"`) and for every other language: Pulumi's component analyzer starts here and serves
 * each component class exported below. Besides the components and their argument and option types,
 * it holds `planCapacity` (what every default comes from) with its types, the enums the arguments
 * use and `OdooArgumentError`. Validators and other helpers stay internal: the package's API is
 * what is named here, nothing reached through it.
 *
 * The order matters to the analyzer: it reads the modules in the order they are exported here and
 * takes a type's documentation only from a module it has already read. So the modules that declare
 * the argument and output types come first, the sub-components next (each declares its options
 * before its class), and OdooCluster, which uses all of them, last.
 */

// The HTTP fleet's cost levers and the cost estimate the plan carries.
export { OfficeDays } from "./contract/officeHours";
export type { OfficeHoursOptions, OfficeHoursPlan } from "./contract/officeHours";
export { CapacityKind } from "./contract/spotCapacity";
export type { HttpSpotOptions, SpotPlan } from "./contract/spotCapacity";
export type { CostLine, CostFigures, CostUsageAssumptions, CostPriceSource, CostAssumptionsReport } from "./contract/costEstimate";
// The capacity model: what every default comes from (`npm run plan` prints the same answer).
export {
    planCapacity,
    GUIDE_CAPACITY_TABLE,
    MAX_CONCURRENT_USERS,
    FilestoreKind,
    SessionKind,
    TierSource,
    NatGatewayMode,
} from "./contract/sizing";
export type {
    CapacityRequest,
    CapacityPlan,
    CapacityTable,
    CapacityTier,
    CountRange,
    CronNodePlan,
    DatabasePlan,
    ConnectionBudget,
    CachePlan,
    NetworkPlan,
    MonthlyCost,
    OdooWorkerLimits,
    OdooImageAddons,
    PlanModel,
} from "./contract/sizing";
// The queueing model behind the plan's `model` block and the cluster's `workload` setting.
export { CapacityResource } from "./contract/capacityModel";
export type { ModelAssessment, ModelUtilisation, ModelP95Seconds } from "./contract/planModel";
export type { WorkloadSettings, CapacityTargetSettings } from "./contract/workload";
export { CpuArchitecture } from "./contract/catalog";
export { OdooRole } from "./contract/tags";
export { OdooArgumentError } from "./contract/errors";
export { OdooVersion } from "./contract/odooVersion";
// The rollout output's type and the timeout chain's shape (types only: the constants stay internal).
export type { RolloutTimeline } from "./contract/rollout";
export type { RequestTimeouts } from "./contract/timeouts";
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
    NodeRestoredCopy,
    NodeSecretReplica,
} from "./nodes/nodes";
export type { OdooDatabaseRestore } from "./database/databaseRestore";
export { OdooDatabase, DatabaseEngine } from "./database/database";
export type { OdooDatabaseArgs, OdooDatabaseOptions } from "./database/database";
export { OdooFilestore } from "./storage/filestore";
export type { OdooFilestoreArgs, OdooFilestoreOptions, OdooFilestoreRestore } from "./storage/filestore";
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

// The disaster-recovery standby's settings (OdooCluster builds the standby itself).
export type { OdooStandbyOptions } from "./standby/standby";

// The whole cluster.
export type {
    OdooClusterArgs,
    OdooClusterBackups,
    OdooClusterHealthGate,
    OdooClusterMonitoring,
    OdooClusterScaling,
    OdooClusterUpgrade,
    OdooOperationsOptions,
} from "./cluster/clusterArgs";
export { OdooCluster } from "./cluster/cluster";
