/** A parameter group applies only to the engine and major version of its family. */
import { StackValidationPolicy } from "@pulumi/policy";
import { RDS_DOCS, parameterGroupFamily } from "../../components/contract/awsLimits";
import { stringField } from "../support/preflightRule";
import { fieldsOf, referencedResource } from "../support/stackFields";

const LINKS = [
    { type: "aws:rds/instance:Instance", property: "parameterGroupName", groups: ["aws:rds/parameterGroup:ParameterGroup"] },
    {
        type: "aws:rds/cluster:Cluster",
        property: "dbClusterParameterGroupName",
        groups: ["aws:rds/clusterParameterGroup:ClusterParameterGroup"],
    },
];
const GROUP_TYPES = LINKS.flatMap((l) => l.groups);

export const rdsParameterGroupFamily: StackValidationPolicy = {
    name: "aws-rds-parameter-group-family",
    description: `An RDS instance's or cluster's parameter group family matches its engine and major version (${RDS_DOCS.parameterGroup})`,
    enforcementLevel: "mandatory",
    severity: "high",
    url: RDS_DOCS.parameterGroup,
    remediationSteps:
        "Create the parameter group with the family of the engine's major version (postgres17 for engineVersion 17.x) and replace it when the major version changes.",
    validateStack: (args, reportViolation) => {
        const groups = args.resources.filter((r) => GROUP_TYPES.includes(r.type));
        if (groups.length === 0) {
            return;
        }
        for (const db of args.resources) {
            const link = LINKS.find((l) => l.type === db.type);
            if (!link) {
                continue;
            }
            const fields = fieldsOf(db);
            const engine = stringField(fields, "engine");
            const version = stringField(fields, "engineVersion");
            const expected = engine && version ? parameterGroupFamily(engine, version) : undefined;
            if (!expected) {
                continue;
            }
            const group = referencedResource(db, link.property, link.groups, groups, "name");
            const family = group ? stringField(fieldsOf(group), "family") : undefined;
            if (group && family !== undefined && family !== expected) {
                reportViolation(
                    `${db.name} runs ${engine} ${version}, but its parameter group ${group.name} has family ${family}; RDS accepts only ${expected} (${RDS_DOCS.parameterGroup}).`,
                    db.urn,
                );
            }
        }
    },
};
