import { rdsParameterGroupName } from "../../../policies/aws/rdsParameterGroupName";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: rdsParameterGroupName,
    fixture: single({ type: "aws:rds/parameterGroup:ParameterGroup", props: { name: "erp-prod-postgres17", family: "postgres17" } }),
    subject: "subject",
    accepts: [{ title: "a cluster parameter group's name", change: (p) => (p.name = "erp-aurora-params") }],
    rejects: [
        {
            title: "a dot from the engine version",
            change: (p) => (p.name = "erp-postgres-17.4"),
            message: /contains characters other than letters, digits and hyphens/,
        },
        { title: "a name starting with a digit", change: (p) => (p.name = "17-erp"), message: /does not start with a letter/ },
    ],
    unknown: { title: "a name from an output", change: (p, unknown) => (p.name = unknown("erp-17.4")) },
});
