/** An ElastiCache AUTH token needs in-transit encryption, 16–128 characters and only letters, digits and !&#$^<>-. */
import { ELASTICACHE_DOCS, authTokenProblems } from "../../components/contract/awsLimits";
import { booleanField, preflightRule, stringField } from "../support/preflightRule";

export const elasticacheAuthToken = preflightRule({
    name: "aws-elasticache-auth-token",
    description: "An ElastiCache AUTH token comes with transit encryption and has 16–128 letters, digits or !&#$^<>-",
    url: ELASTICACHE_DOCS.createReplicationGroup,
    types: ["aws:elasticache/replicationGroup:ReplicationGroup"],
    remediationSteps:
        "Set transitEncryptionEnabled: true, and generate the token with 16–128 characters from letters, digits and !&#$^<>- (random.RandomPassword with overrideSpecial).",
    check: (fields) => {
        if (fields.authToken === undefined) {
            return [];
        }
        const problems: string[] = [];
        if (booleanField(fields, "transitEncryptionEnabled") === false || fields.transitEncryptionEnabled === undefined) {
            problems.push("an authToken is set without transitEncryptionEnabled: true");
        }
        const token = stringField(fields, "authToken");
        if (token !== undefined) {
            problems.push(...authTokenProblems(token));
        }
        return problems;
    },
});
