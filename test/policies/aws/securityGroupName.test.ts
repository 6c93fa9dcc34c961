import { securityGroupName } from "../../../policies/aws/securityGroupName";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: securityGroupName,
    fixture: single({ type: "aws:ec2/securityGroup:SecurityGroup", props: { name: "erp-prod-nodes", description: "nodes" } }),
    subject: "subject",
    accepts: [
        { title: "no name (Pulumi names it)", change: (p) => delete p.name },
        { title: "a name prefix", change: (p) => (p.namePrefix = "erp-nodes-") },
    ],
    rejects: [
        { title: "a name starting with sg-", change: (p) => (p.name = "sg-erp"), message: /starts with "sg-"/ },
        { title: "a name with a quote", change: (p) => (p.name = 'erp "nodes"'), message: /contains/ },
        {
            title: "a name prefix too long for the generated suffix",
            change: (p) => (p.namePrefix = "p".repeat(240)),
            message: /at most 229/,
        },
    ],
    unknown: { title: "a name built from an output", change: (p, unknown) => (p.name = unknown("sg-erp")) },
});
