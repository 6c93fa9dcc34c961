/**
 * The cluster's PostgreSQL keeps backups, and in production survives an AZ outage and a mistaken
 * delete.
 *
 * - Automated backups (retention ≥ 1 day) on the primary: point-in-time recovery, and RDS refuses
 *   read replicas of a source without them. RDS's own default is 1 day; 0 switches backups off.
 * - Production: Multi-AZ (a standby in another zone; for Aurora, at least one reader instance),
 *   deletion protection, and a final snapshot when the database is deleted.
 */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { OdooRole } from "../../components/contract/tags";
import { clustersOf, environmentsOf, isProductionCluster } from "../support/clusters";
import { databaseTopologyOf } from "../support/databaseTopology";
import { PRODUCTION_CONFIG_SCHEMA, ProductionConfig, productionEnvironmentsFrom } from "../support/policyConfig";
import { NOT_KNOWN, describe, knownBoolean, knownNumber } from "../support/previewValues";

type Report = (message: string, urn?: string) => void;

function checkBackups(resource: PolicyResource, cluster: string, report: Report): void {
    const retention = knownNumber(() => resource.props.backupRetentionPeriod);
    if (retention === NOT_KNOWN || (retention !== undefined && retention < 1)) {
        report(
            `${resource.name}: backupRetentionPeriod is ${describe(retention)}; the primary of cluster "${cluster}" needs automated backups (at least 1 day).`,
            resource.urn,
        );
    }
}

function checkProtection(resource: PolicyResource, cluster: string, report: Report): void {
    const deletionProtection = knownBoolean(() => resource.props.deletionProtection);
    if (deletionProtection !== true) {
        report(
            `${resource.name}: deletionProtection is ${describe(deletionProtection)}; the production database of cluster "${cluster}" must be protected from deletion.`,
            resource.urn,
        );
    }
    const skipFinalSnapshot = knownBoolean(() => resource.props.skipFinalSnapshot);
    if (skipFinalSnapshot === true || skipFinalSnapshot === NOT_KNOWN) {
        report(
            `${resource.name}: skipFinalSnapshot is ${describe(skipFinalSnapshot)}; deleting the production database of cluster "${cluster}" must leave a final snapshot.`,
            resource.urn,
        );
    }
}

export const databaseDurability: StackValidationPolicy = {
    name: "odoo-database-durable",
    description:
        "The cluster's PostgreSQL primary keeps automated backups; in production it is Multi-AZ, deletion-protected and leaves a final snapshot.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Keep backupRetentionPeriod ≥ 1 (the component's default is 7, 14 in production). In production set multiAz: true " +
        "(Aurora: add a reader instance), deletionProtection: true and skipFinalSnapshot: false with a finalSnapshotIdentifier. " +
        "If the environment is not production, check the odoo:environment tag and the policy's productionEnvironments.",
    configSchema: PRODUCTION_CONFIG_SCHEMA,
    validateStack: (args, reportViolation) => {
        const productionEnvironments = productionEnvironmentsFrom(args.getConfig<ProductionConfig>());
        for (const cluster of clustersOf(args.resources)) {
            const db = databaseTopologyOf(cluster);
            const production = isProductionCluster(cluster, productionEnvironments);
            const rdsPrimaries = db.primaries.filter((p) => p.engine === "rds").map((p) => p.member.resource);
            // Aurora keeps backups, protection and snapshots on the cluster, not on its instances.
            const auroraClusters = db.auroraClusters
                .filter((c) => c.tags.role === undefined || c.tags.role === OdooRole.DbPrimary)
                .map((c) => c.resource);
            for (const primary of [...rdsPrimaries, ...auroraClusters]) {
                checkBackups(primary, cluster.name, reportViolation);
                if (production) {
                    checkProtection(primary, cluster.name, reportViolation);
                }
            }
            if (!production) {
                continue;
            }
            const why = `cluster "${cluster.name}" is production (odoo:environment ${environmentsOf(cluster).join(", ")})`;
            for (const primary of rdsPrimaries) {
                const multiAz = knownBoolean(() => primary.props.multiAz);
                if (multiAz !== true) {
                    reportViolation(
                        `${primary.name}: multiAz is ${describe(multiAz)}; ${why}, so its primary needs a standby in another availability zone.`,
                        primary.urn,
                    );
                }
            }
            const auroraReaders = db.replicas.filter((r) => r.engine === "aurora");
            for (const aurora of auroraClusters) {
                if (auroraReaders.length === 0) {
                    reportViolation(
                        `${aurora.name}: the Aurora cluster has no reader instance; ${why}, so it needs one to fail over to in another availability zone.`,
                        aurora.urn,
                    );
                }
            }
        }
    },
};
