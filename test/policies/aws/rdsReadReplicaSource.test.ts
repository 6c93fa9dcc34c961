import { rdsReadReplicaSource } from "../../../policies/aws/rdsReadReplicaSource";
import { OdooStackFixture, computed } from "../fixtures/odooStack";
import { describePreflightRule } from "./preflightCases";

const primary = () =>
    new OdooStackFixture([
        {
            type: "aws:rds/instance:Instance",
            name: "primary",
            props: {
                identifier: "erp-db",
                engine: "postgres",
                engineVersion: "17",
                backupRetentionPeriod: 14,
                username: "odoo",
                password: computed("generated"),
            },
        },
        {
            type: "aws:rds/instance:Instance",
            name: "replica",
            props: { identifier: "erp-db-replica-1", replicateSourceDb: computed("erp-db"), instanceClass: "db.m7g.xlarge" },
            propertyDependencies: { replicateSourceDb: ["primary"] },
        },
    ]).clone();

describePreflightRule({
    rule: rdsReadReplicaSource,
    fixture: primary,
    subject: "primary",
    rejects: [
        {
            title: "replicas of a primary whose password RDS manages (the shipped prod stack before issue 12)",
            change: (p) => ((p.manageMasterUserPassword = true), delete p.password),
            message: /replicates primary, whose master password RDS manages in Secrets Manager/,
        },
        {
            title: "replicas of a primary without automated backups",
            change: (p) => (p.backupRetentionPeriod = 0),
            message: /backupRetentionPeriod is 0/,
        },
    ],
    unknown: {
        title: "a managed-password flag from config computed at deploy",
        change: (p, unknown) => (p.manageMasterUserPassword = unknown(true)),
    },
});

describePreflightRule({
    rule: rdsReadReplicaSource,
    fixture: () =>
        primary()
            .remove("replica")
            .add({ type: "aws:rds/instance:Instance", name: "replica", props: { replicateSourceDb: "erp-db" } }),
    subject: "primary",
    rejects: [
        {
            title: "a replica naming its source by a known identifier",
            change: (p) => (p.manageMasterUserPassword = true),
            message: /replicates primary/,
        },
    ],
    unknown: { title: "the source's backups from an output", change: (p, unknown) => (p.backupRetentionPeriod = unknown(0)) },
});
