/**
 * RDS identifiers (DB instance, DB cluster, final snapshot): letters, digits and hyphens, a letter
 * first, no hyphen last, no two hyphens in a row; 63 characters for instances and clusters, 255 for
 * snapshots.
 */
import { RDS_DOCS, RDS_IDENTIFIER_MAX_LENGTH, RDS_NAME_MAX_LENGTH, rdsIdentifierProblems } from "../../components/contract/awsLimits";
import { preflightRule, stringField } from "../support/preflightRule";

/** The provider appends 26 characters to an identifier prefix. */
const PREFIX_SUFFIX_LENGTH = 26;

export const rdsIdentifier = preflightRule({
    name: "aws-rds-identifier",
    description:
        "RDS instance and cluster identifiers (1–63) and final snapshot identifiers (1–255) are letters, digits and single inner hyphens, starting with a letter",
    url: RDS_DOCS.createInstance,
    types: ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster", "aws:rds/clusterInstance:ClusterInstance"],
    remediationSteps:
        "Start with a letter, use only letters, digits and single hyphens, end with a letter or digit; stay within 63 characters (snapshots 255).",
    check: (fields, type) => {
        const key = type === "aws:rds/cluster:Cluster" ? "clusterIdentifier" : "identifier";
        const problems: string[] = [];
        const id = stringField(fields, key);
        if (id !== undefined) {
            problems.push(...rdsIdentifierProblems(`the ${key}`, id, RDS_IDENTIFIER_MAX_LENGTH));
        }
        const prefix = stringField(fields, `${key}Prefix`);
        const prefixMax = RDS_IDENTIFIER_MAX_LENGTH - PREFIX_SUFFIX_LENGTH;
        if (prefix !== undefined && (prefix.length > prefixMax || !/^[a-zA-Z][a-zA-Z0-9-]*$/.test(prefix) || prefix.includes("--"))) {
            problems.push(`the ${key}Prefix "${prefix}" is not 1–${prefixMax} letters, digits and single hyphens starting with a letter`);
        }
        const snapshot = stringField(fields, "finalSnapshotIdentifier");
        if (snapshot !== undefined) {
            problems.push(...rdsIdentifierProblems("the finalSnapshotIdentifier", snapshot, RDS_NAME_MAX_LENGTH));
        }
        return problems;
    },
});
