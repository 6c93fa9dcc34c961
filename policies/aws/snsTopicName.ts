/** SNS topic names: 1–256 letters, digits, hyphens and underscores; a FIFO topic's ends in .fifo. */
import { SNS_DOCS } from "../../components/contract/awsLimits";
import { booleanField, preflightRule, stringField } from "../support/preflightRule";

export const snsTopicName = preflightRule({
    name: "aws-sns-topic-name",
    description: "An SNS topic name has 1–256 letters, digits, hyphens or underscores (a FIFO topic's ends in .fifo)",
    url: SNS_DOCS,
    types: ["aws:sns/topic:Topic"],
    remediationSteps: "Use only letters, digits, - and _, at most 256 characters; end a FIFO topic's name with .fifo.",
    check: (fields) => {
        const name = stringField(fields, "name");
        if (name === undefined) {
            return [];
        }
        const fifo = booleanField(fields, "fifoTopic") === true;
        const base = fifo && name.endsWith(".fifo") ? name.slice(0, -5) : name;
        const problems: string[] = [];
        if (name.length > 256 || !/^[A-Za-z0-9_-]+$/.test(base)) {
            problems.push(`the topic name "${name}" is not 1–256 letters, digits, - or _${fifo ? " followed by .fifo" : ""}`);
        }
        if (fifo && !name.endsWith(".fifo")) {
            problems.push(`the FIFO topic name "${name}" does not end in .fifo`);
        }
        return problems;
    },
});
