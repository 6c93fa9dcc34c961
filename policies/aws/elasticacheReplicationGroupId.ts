/** ElastiCache replication group IDs: 1–40 letters, digits and single inner hyphens, a letter first. */
import { ELASTICACHE_DOCS, REPLICATION_GROUP_ID_MAX_LENGTH, rdsIdentifierProblems } from "../../components/contract/awsLimits";
import { preflightRule, stringField } from "../support/preflightRule";

export const elasticacheReplicationGroupId = preflightRule({
    name: "aws-elasticache-replication-group-id",
    description: "An ElastiCache replication group ID has 1–40 letters, digits and single inner hyphens, starting with a letter",
    url: ELASTICACHE_DOCS.createReplicationGroup,
    types: ["aws:elasticache/replicationGroup:ReplicationGroup"],
    remediationSteps: "Start with a letter, use only letters, digits and single hyphens, at most 40 characters, not ending with a hyphen.",
    check: (fields) => {
        const id = stringField(fields, "replicationGroupId");
        return id === undefined ? [] : rdsIdentifierProblems("the replicationGroupId", id, REPLICATION_GROUP_ID_MAX_LENGTH);
    },
});
