import { securityGroupRuleDescription } from "../../../policies/aws/securityGroupRuleDescription";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: securityGroupRuleDescription,
    fixture: () =>
        single({
            type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            props: {
                securityGroupId: "sg-1",
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrIpv4: "0.0.0.0/0",
                description: "HTTPS from the internet",
            },
        })().add({
            type: "aws:ec2/securityGroup:SecurityGroup",
            name: "inline",
            props: {
                description: "inline rules",
                ingress: [{ protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"], description: "HTTP redirect" }],
            },
        }),
    subject: "subject",
    accepts: [{ title: "a rule without a description", change: (p) => delete p.description }],
    rejects: [
        {
            title: "an apostrophe in a rule description",
            change: (p) => (p.description = "the ALB's port"),
            message: /rule description contains "'"/,
        },
        { title: "a rule description over 255 characters", change: (p) => (p.description = "d".repeat(300)), message: /300 characters/ },
    ],
    unknown: { title: "a rule description from an output", change: (p, unknown) => (p.description = unknown("it's")) },
});

describePreflightRule({
    rule: securityGroupRuleDescription,
    fixture: single({
        type: "aws:ec2/securityGroup:SecurityGroup",
        props: {
            description: "inline rules",
            egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], description: "all out" }],
        },
    }),
    subject: "subject",
    accepts: [{ title: "the group's own description, which is another rule's", change: (p) => (p.description = "the shop's group") }],
    rejects: [
        {
            title: "an inline egress rule whose description has a quote",
            change: (p) => ((p.egress as Record<string, unknown>[])[0].description = 'all "out"'),
            message: /description of egress\[0\]/,
        },
    ],
    unknown: {
        title: "an inline rule description from an output",
        change: (p, unknown) => ((p.egress as Record<string, unknown>[])[0].description = unknown("it's")),
    },
});
