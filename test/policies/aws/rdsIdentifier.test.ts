import { rdsIdentifier } from "../../../policies/aws/rdsIdentifier";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: rdsIdentifier,
    fixture: single({
        type: "aws:rds/instance:Instance",
        props: { identifier: "erp-prod-db", engine: "postgres", finalSnapshotIdentifier: "erp-prod-db-final-1a2b" },
    }),
    subject: "subject",
    accepts: [{ title: "an identifier prefix", change: (p) => ((p.identifierPrefix = "erp-db-"), delete p.identifier) }],
    rejects: [
        { title: "an identifier starting with a digit", change: (p) => (p.identifier = "1erp"), message: /does not start with a letter/ },
        { title: "two hyphens in a row", change: (p) => (p.identifier = "erp--db"), message: /two hyphens in a row/ },
        {
            title: "a 64-character identifier",
            change: (p) => (p.identifier = `e${"r".repeat(63)}`),
            message: /64 characters long; accepted: 1–63/,
        },
        {
            title: "a final snapshot identifier with an underscore",
            change: (p) => (p.finalSnapshotIdentifier = "erp_final"),
            message: /finalSnapshotIdentifier "erp_final" contains/,
        },
        {
            title: "a prefix too long for the generated suffix",
            change: (p) => ((p.identifierPrefix = `e${"x".repeat(40)}`), delete p.identifier),
            message: /identifierPrefix/,
        },
    ],
    unknown: {
        title: "a final snapshot identifier with a random suffix",
        change: (p, unknown) => (p.finalSnapshotIdentifier = unknown("erp--final")),
    },
});

describePreflightRule({
    rule: rdsIdentifier,
    fixture: single({ type: "aws:rds/cluster:Cluster", props: { clusterIdentifier: "erp-aurora", engine: "aurora-postgresql" } }),
    subject: "subject",
    rejects: [
        {
            title: "an Aurora cluster identifier ending in a hyphen",
            change: (p) => (p.clusterIdentifier = "erp-aurora-"),
            message: /clusterIdentifier "erp-aurora-" ends with a hyphen/,
        },
    ],
    unknown: { title: "a cluster identifier from an output", change: (p, unknown) => (p.clusterIdentifier = unknown("erp-")) },
});
