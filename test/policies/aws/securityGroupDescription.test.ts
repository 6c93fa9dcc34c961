import { securityGroupDescription } from "../../../policies/aws/securityGroupDescription";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: securityGroupDescription,
    fixture: single({
        type: "aws:ec2/securityGroup:SecurityGroup",
        props: { description: "Odoo load balancer of erp (prod): 80, 443 from the internet", vpcId: "vpc-1" },
    }),
    subject: "subject",
    accepts: [{ title: "every special character EC2 lists", change: (p) => (p.description = "a-z A-Z 0-9 ._-:/()#,@[]+=&;{}!$*") }],
    rejects: [
        {
            title: "an apostrophe in the description (the ALB's description of the shipped network once had one)",
            change: (p) => (p.description = "Odoo's load balancer"),
            message: /contains "'"/,
        },
        { title: "a non-ASCII letter", change: (p) => (p.description = "Zürich nodes"), message: /"ü"/ },
        {
            title: "a description over 255 characters",
            change: (p) => (p.description = "x".repeat(256)),
            message: /256 characters long; accepted: at most 255/,
        },
    ],
    unknown: { title: "a description computed from another resource", change: (p, unknown) => (p.description = unknown("Odoo's nodes")) },
});
