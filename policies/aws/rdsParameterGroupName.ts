/** RDS parameter group names: 1–255 letters, digits and single inner hyphens, starting with a letter. */
import { RDS_DOCS, RDS_NAME_MAX_LENGTH, rdsIdentifierProblems } from "../../components/contract/awsLimits";
import { preflightRule, stringField } from "../support/preflightRule";

export const rdsParameterGroupName = preflightRule({
    name: "aws-rds-parameter-group-name",
    description: "An RDS DB or cluster parameter group name has 1–255 letters, digits and single inner hyphens, starting with a letter",
    url: RDS_DOCS.parameterGroup,
    types: ["aws:rds/parameterGroup:ParameterGroup", "aws:rds/clusterParameterGroup:ClusterParameterGroup"],
    remediationSteps:
        "Start with a letter, use only letters, digits and single hyphens, end with a letter or digit (dots of a version are not accepted: postgres17, not postgres-17.4).",
    check: (fields) => {
        const name = stringField(fields, "name");
        return name === undefined ? [] : rdsIdentifierProblems("the parameter group name", name, RDS_NAME_MAX_LENGTH);
    },
});
