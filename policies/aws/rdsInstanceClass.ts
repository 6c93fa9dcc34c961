/** An RDS instance class is written db.<family>.<size> (db.serverless for Aurora Serverless v2). */
import { RDS_DOCS } from "../../components/contract/awsLimits";
import { preflightRule, stringField } from "../support/preflightRule";

export const rdsInstanceClass = preflightRule({
    name: "aws-rds-instance-class",
    description:
        "An RDS instance class has the form db.<family>.<size>, e.g. db.m7g.xlarge (an EC2 type without db. does not exist in RDS)",
    url: RDS_DOCS.instanceClasses,
    types: ["aws:rds/instance:Instance", "aws:rds/clusterInstance:ClusterInstance"],
    remediationSteps:
        "Write the class with its db. prefix (db.r7g.large, not r7g.large); aws rds describe-orderable-db-instance-options lists what the engine offers in the region.",
    check: (fields, type) => {
        const cls = stringField(fields, "instanceClass");
        if (cls === undefined) {
            return [];
        }
        const serverless = type === "aws:rds/clusterInstance:ClusterInstance" && cls === "db.serverless";
        return serverless || /^db\.[a-z][a-z0-9-]*\.[a-z0-9][a-z0-9.-]*$/.test(cls)
            ? []
            : [`the instance class "${cls}" is not of the form db.<family>.<size>`];
    },
});
