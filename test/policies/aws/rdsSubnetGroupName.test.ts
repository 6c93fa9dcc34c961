import { rdsSubnetGroupName } from "../../../policies/aws/rdsSubnetGroupName";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: rdsSubnetGroupName,
    fixture: single({
        type: "aws:rds/subnetGroup:SubnetGroup",
        props: { name: "erp prod_db.subnets-1", subnetIds: ["subnet-1", "subnet-2"] },
    }),
    subject: "subject",
    rejects: [
        { title: "the reserved name default", change: (p) => (p.name = "default"), message: /"default" is reserved/ },
        { title: "a slash", change: (p) => (p.name = "erp/db"), message: /not 1–255 letters/ },
    ],
    unknown: { title: "a name from an output", change: (p, unknown) => (p.name = unknown("default")) },
});
