/**
 * The cluster's PostgreSQL is encrypted at rest and unreachable from the internet.
 *
 * An ERP database holds every invoice, employee and customer record. `publiclyAccessible` gives
 * an RDS instance a public DNS name and address, so one security-group mistake exposes it; and
 * RDS encryption can only be chosen at creation — turning it on later means a snapshot, a copy and
 * a restore with downtime. A replica inherits encryption from its source (which this policy
 * requires), so on a replica only an explicit `storageEncrypted: false` is rejected.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { OdooRole } from "../../components/contract/tags";
import { isType } from "../support/awsTypes";
import { odooTagsOf } from "../support/clusters";
import { NOT_KNOWN, describe, knownBoolean } from "../support/previewValues";

export const databaseEncryptedAndPrivate: ResourceValidationPolicy = {
    name: "odoo-database-encrypted-and-private",
    description: "The cluster's RDS instances, Aurora clusters and Aurora instances are encrypted at rest and not publicly accessible.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Set storageEncrypted: true on the primary RDS instance or the Aurora cluster (at creation: an existing unencrypted database must be " +
        "snapshotted, copied with encryption and restored) and publiclyAccessible: false (or leave it unset) on every instance; reach the database " +
        "from the nodes' private subnets only.",
    validateResource: (args, reportViolation) => {
        const isInstance = isType(args.type, "DbInstance");
        const isAuroraInstance = isType(args.type, "DbClusterInstance");
        const isAuroraCluster = isType(args.type, "DbCluster");
        if (!isInstance && !isAuroraInstance && !isAuroraCluster) {
            return;
        }
        const tags = odooTagsOf(args);
        if (tags.cluster === undefined) {
            return;
        }
        const props = args.props;
        if (isInstance || isAuroraInstance) {
            const publiclyAccessible = knownBoolean(() => props.publiclyAccessible);
            if (publiclyAccessible === true || publiclyAccessible === NOT_KNOWN) {
                reportViolation(
                    `${args.name}: publiclyAccessible is ${describe(publiclyAccessible)}; the database of cluster "${tags.cluster}" must stay private.`,
                );
            }
        }
        if (isInstance || isAuroraCluster) {
            const encrypted = knownBoolean(() => props.storageEncrypted);
            // Replicas take encryption from their source; an unset value there is not a gap.
            const inherits = isInstance && tags.role === OdooRole.DbReplica && encrypted === undefined;
            if (encrypted !== true && !inherits) {
                reportViolation(
                    `${args.name}: storageEncrypted is ${describe(encrypted)}; the database of cluster "${tags.cluster}" must be encrypted at rest.`,
                );
            }
        }
    },
};
