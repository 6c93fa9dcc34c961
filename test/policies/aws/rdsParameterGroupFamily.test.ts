import { rdsParameterGroupFamily } from "../../../policies/aws/rdsParameterGroupFamily";
import { OdooStackFixture, computed } from "../fixtures/odooStack";
import { describePreflightRule } from "./preflightCases";

describePreflightRule({
    rule: rdsParameterGroupFamily,
    fixture: () =>
        new OdooStackFixture([
            { type: "aws:rds/parameterGroup:ParameterGroup", name: "params", props: { name: "erp-postgres17", family: "postgres17" } },
            {
                type: "aws:rds/instance:Instance",
                name: "db",
                props: { engine: "postgres", engineVersion: "17.4", parameterGroupName: computed("erp-postgres17") },
                propertyDependencies: { parameterGroupName: ["params"] },
            },
            {
                type: "aws:rds/clusterParameterGroup:ClusterParameterGroup",
                name: "cluster-params",
                props: { name: "erp-aurora16", family: "aurora-postgresql16" },
            },
            {
                type: "aws:rds/cluster:Cluster",
                name: "aurora",
                props: { engine: "aurora-postgresql", engineVersion: "16.6", dbClusterParameterGroupName: "erp-aurora16" },
            },
        ]).clone(),
    subject: "db",
    accepts: [{ title: "an instance on the engine's default group", change: (p) => delete p.parameterGroupName }],
    rejects: [
        {
            title: "a major upgrade that kept the old family",
            change: (p) => (p.engineVersion = "18.1"),
            message: /runs postgres 18.1, but its parameter group params has family postgres17; RDS accepts only postgres18/,
        },
    ],
    unknown: { title: "an engine version from config computed at deploy", change: (p, unknown) => (p.engineVersion = unknown("16")) },
});
