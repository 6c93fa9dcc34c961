import { snsTopicName } from "../../../policies/aws/snsTopicName";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: snsTopicName,
    fixture: single({ type: "aws:sns/topic:Topic", props: { name: "odoo-erp-prod-alarms" } }),
    subject: "subject",
    accepts: [{ title: "a FIFO topic ending in .fifo", change: (p) => ((p.name = "odoo-events.fifo"), (p.fifoTopic = true)) }],
    rejects: [
        { title: "a dot in a standard topic", change: (p) => (p.name = "odoo.alarms"), message: /not 1–256 letters, digits, - or _/ },
        { title: "a FIFO topic without .fifo", change: (p) => (p.fifoTopic = true), message: /does not end in \.fifo/ },
    ],
    unknown: { title: "a name from an output", change: (p, unknown) => (p.name = unknown("a.b")) },
});
