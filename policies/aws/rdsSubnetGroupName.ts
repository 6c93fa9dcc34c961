/** RDS subnet group names: up to 255 letters, digits, periods, underscores, spaces or hyphens, not "default". */
import { RDS_DOCS, RDS_NAME_MAX_LENGTH } from "../../components/contract/awsLimits";
import { preflightRule, stringField } from "../support/preflightRule";

export const rdsSubnetGroupName = preflightRule({
    name: "aws-rds-subnet-group-name",
    description: "An RDS subnet group name has at most 255 letters, digits, periods, underscores, spaces or hyphens and is not default",
    url: RDS_DOCS.subnetGroup,
    types: ["aws:rds/subnetGroup:SubnetGroup"],
    remediationSteps: "Use up to 255 letters, digits, periods, underscores, spaces or hyphens; any name but default.",
    check: (fields) => {
        const name = stringField(fields, "name");
        if (name === undefined) {
            return [];
        }
        const problems: string[] = [];
        if (name.length === 0 || name.length > RDS_NAME_MAX_LENGTH || !/^[a-zA-Z0-9._ -]*$/.test(name)) {
            problems.push(`the subnet group name "${name}" is not 1–255 letters, digits, periods, underscores, spaces or hyphens`);
        }
        if (name.toLowerCase() === "default") {
            problems.push(`the subnet group name "default" is reserved`);
        }
        return problems;
    },
});
