/** The package's components, by class name: what the barrel, the analyzer's schema and the plugin must all serve. */
export const PACKAGE_COMPONENTS: readonly string[] = [
    "OdooCluster",
    "OdooNetwork",
    "OdooLoadBalancer",
    "OdooNodes",
    "OdooDatabase",
    "OdooFilestore",
    "OdooSessionStore",
    "OdooMonitoring",
    "OdooFleetScaling",
    "OdooBackupPlan",
    "OdooUpgrade",
    "OdooHealthGate",
];
