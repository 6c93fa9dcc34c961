import { rdsInstanceClass } from "../../../policies/aws/rdsInstanceClass";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: rdsInstanceClass,
    fixture: single({ type: "aws:rds/instance:Instance", props: { engine: "postgres", instanceClass: "db.m7g.xlarge" } }),
    subject: "subject",
    accepts: [
        { title: "a size with digits", change: (p) => (p.instanceClass = "db.r7g.16xlarge") },
        { title: "a metal size", change: (p) => (p.instanceClass = "db.m7i.metal-48xl") },
        { title: "an optimized-CPU class", change: (p) => (p.instanceClass = "db.r5.4xlarge.tpc2.mem2x") },
    ],
    rejects: [
        {
            title: "an EC2 instance type without db.",
            change: (p) => (p.instanceClass = "m7g.xlarge"),
            message: /"m7g.xlarge" is not of the form db.<family>.<size>/,
        },
        { title: "db.serverless outside Aurora", change: (p) => (p.instanceClass = "db.serverless"), message: /not of the form/ },
    ],
    unknown: { title: "a class from an output", change: (p, unknown) => (p.instanceClass = unknown("r7g.large")) },
});

describePreflightRule({
    rule: rdsInstanceClass,
    fixture: single({
        type: "aws:rds/clusterInstance:ClusterInstance",
        props: { engine: "aurora-postgresql", instanceClass: "db.serverless" },
    }),
    subject: "subject",
    rejects: [
        { title: "an Aurora instance class in upper case", change: (p) => (p.instanceClass = "DB.R7G.LARGE"), message: /not of the form/ },
    ],
    unknown: { title: "an Aurora class from an output", change: (p, unknown) => (p.instanceClass = unknown("r7g")) },
});
