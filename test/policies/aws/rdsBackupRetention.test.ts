import { rdsBackupRetention } from "../../../policies/aws/rdsBackupRetention";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: rdsBackupRetention,
    fixture: single({ type: "aws:rds/instance:Instance", props: { engine: "postgres", backupRetentionPeriod: 35 } }),
    subject: "subject",
    accepts: [{ title: "no automated backups on an instance", change: (p) => (p.backupRetentionPeriod = 0) }],
    rejects: [
        { title: "36 days", change: (p) => (p.backupRetentionPeriod = 36), message: /backupRetentionPeriod 36 days is outside 0–35/ },
    ],
    unknown: { title: "a retention from an output", change: (p, unknown) => (p.backupRetentionPeriod = unknown(90)) },
});

describePreflightRule({
    rule: rdsBackupRetention,
    fixture: single({ type: "aws:rds/cluster:Cluster", props: { engine: "aurora-postgresql", backupRetentionPeriod: 14 } }),
    subject: "subject",
    rejects: [
        { title: "an Aurora cluster without backups", change: (p) => (p.backupRetentionPeriod = 0), message: /0 days is outside 1–35/ },
    ],
    unknown: { title: "an Aurora retention from an output", change: (p, unknown) => (p.backupRetentionPeriod = unknown(0)) },
});
