import { launchTemplateName } from "../../../policies/aws/launchTemplateName";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: launchTemplateName,
    fixture: single({ type: "aws:ec2/launchTemplate:LaunchTemplate", props: { name: "erp-prod-http", instanceType: "c7g.xlarge" } }),
    subject: "subject",
    accepts: [{ title: "parentheses, dots and slashes", change: (p) => (p.name = "erp/prod(http).v2_x") }],
    rejects: [
        { title: "a two-character name", change: (p) => (p.name = "lt"), message: /3–128/ },
        { title: "a space in the name", change: (p) => (p.name = "erp http"), message: /3–128 characters from/ },
        { title: "a name prefix with a colon", change: (p) => (p.namePrefix = "erp:http"), message: /name prefix/ },
    ],
    unknown: { title: "a name from an output", change: (p, unknown) => (p.name = unknown("lt")) },
});
