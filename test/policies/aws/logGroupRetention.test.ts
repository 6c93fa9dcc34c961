import { logGroupRetention } from "../../../policies/aws/logGroupRetention";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: logGroupRetention,
    fixture: single({ type: "aws:cloudwatch/logGroup:LogGroup", props: { name: "/odoo/erp", retentionInDays: 365 } }),
    subject: "subject",
    accepts: [
        { title: "three years (1096 days)", change: (p) => (p.retentionInDays = 1096) },
        { title: "never expire (0)", change: (p) => (p.retentionInDays = 0) },
    ],
    rejects: [
        { title: "a year and a day (366)", change: (p) => (p.retentionInDays = 366), message: /retentionInDays 366 is not offered/ },
        { title: "45 days", change: (p) => (p.retentionInDays = 45), message: /45 is not offered/ },
    ],
    unknown: { title: "a retention from an output", change: (p, unknown) => (p.retentionInDays = unknown(366)) },
});
