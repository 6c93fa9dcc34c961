/**
 * Production keeps a copy of its backups outside the primary region.
 *
 * RDS automated backups, final snapshots, EFS's own backups and the AWS Backup vault all live in
 * the cluster's region: a regional outage, or an account compromise that deletes the region's
 * resources, takes them with it. A copy action to a vault in another region is what leaves a
 * restorable ERP. The components write the copy's region on the plan as `odoo:backup-copy-region`
 * (preview-known, even when the vault's ARN is not); this policy reads only that tag.
 *
 * Advisory by default — a copy in another region costs storage and transfer, and some data may not
 * leave a jurisdiction — mandatory with the pack configuration
 * `{ "odoo-backups-outside-region": { "enforcementLevel": "mandatory" } }`.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { OdooRole, TAG } from "../../components/contract/tags";
import { clustersOf, isProductionCluster, membersOfType } from "../support/clusters";
import { PRODUCTION_CONFIG_SCHEMA, ProductionConfig, productionEnvironmentsFrom } from "../support/policyConfig";

const NAME = "odoo-backups-outside-region";

export const backupsOutsideRegion: StackValidationPolicy = {
    name: NAME,
    description:
        "A production cluster's backups are copied to a vault in another region (an AWS Backup plan tagged odoo:backup-copy-region).",
    enforcementLevel: "advisory",
    severity: "high",
    remediationSteps:
        "Set odoo-aws:standby (a standby region, whose vault receives every recovery point) or operations.backups.copyToVaultArn " +
        "to a vault in another region. To require it, set enforcementLevel mandatory for odoo-backups-outside-region in the pack config.",
    configSchema: PRODUCTION_CONFIG_SCHEMA,
    validateStack: (args, reportViolation) => {
        const productionEnvironments = productionEnvironmentsFrom(args.getConfig<ProductionConfig>());
        for (const cluster of clustersOf(args.resources)) {
            if (!isProductionCluster(cluster, productionEnvironments)) {
                continue;
            }
            const primary = cluster.members.find((m) => m.tags.role === OdooRole.DbPrimary && m.tags.standbyRegion === undefined);
            if (!primary) {
                continue; // no database of this cluster in this stack
            }
            const plans = membersOfType(cluster, "BackupPlan");
            if (plans.length === 0) {
                reportViolation(
                    `Cluster "${cluster.name}" is production but has no AWS Backup plan in this stack: every backup of it stays in its region.`,
                    primary.resource.urn,
                );
            } else if (!plans.some((p) => p.tags.backupCopyRegion !== undefined)) {
                reportViolation(
                    `Cluster "${cluster.name}" is production and its backup plan ${plans[0].resource.name} copies nothing to another region ` +
                        `(no ${TAG.backupCopyRegion} tag): a regional outage takes every backup with it.`,
                    plans[0].resource.urn,
                );
            }
        }
    },
};
