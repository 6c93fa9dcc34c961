/**
 * RDS refuses to create a read replica of a source whose master password RDS manages in Secrets
 * Manager, or of a source without automated backups (retention 0).
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { RDS_DOCS } from "../../components/contract/awsLimits";
import { booleanField, numberField } from "../support/preflightRule";
import { fieldsOf, referencedResource } from "../support/stackFields";

const DB_INSTANCE = ["aws:rds/instance:Instance"];

export const rdsReadReplicaSource: StackValidationPolicy = {
    name: "aws-rds-read-replica-source",
    description: `A read replica's source keeps automated backups and does not use an RDS-managed master password (${RDS_DOCS.secretsManagerLimitations})`,
    enforcementLevel: "mandatory",
    severity: "high",
    url: RDS_DOCS.secretsManagerLimitations,
    remediationSteps:
        "Give the source a backupRetentionPeriod of at least 1, and a master password of your own (e.g. generated and kept in a Secrets Manager secret you create) instead of manageMasterUserPassword.",
    validateStack: (args, reportViolation) => {
        const instances = args.resources.filter((r) => DB_INSTANCE.includes(r.type));
        for (const replica of instances) {
            if (!("replicateSourceDb" in fieldsOf(replica))) {
                continue;
            }
            const source = referencedResource(replica, "replicateSourceDb", DB_INSTANCE, instances, "identifier");
            if (!source) {
                continue;
            }
            const fields = fieldsOf(source);
            if (booleanField(fields, "manageMasterUserPassword") === true) {
                reportViolation(
                    `${replica.name} replicates ${source.name}, whose master password RDS manages in Secrets Manager (manageMasterUserPassword): RDS refuses to create read replicas of such a source (${RDS_DOCS.secretsManagerLimitations}).`,
                    replica.urn,
                );
            }
            if (numberField(fields, "backupRetentionPeriod") === 0) {
                reportViolation(
                    `${replica.name} replicates ${source.name}, whose backupRetentionPeriod is 0: RDS creates read replicas only of a source with automated backups (${RDS_DOCS.createReadReplica}).`,
                    replica.urn,
                );
            }
        }
    },
};
