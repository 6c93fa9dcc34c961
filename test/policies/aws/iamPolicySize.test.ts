import { iamPolicySize } from "../../../policies/aws/iamPolicySize";
import { describePreflightRule, single } from "./preflightCases";

function document(resources: number): string {
    return JSON.stringify(
        {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Action: "s3:GetObject",
                    Resource: Array.from({ length: resources }, (_, i) => `arn:aws:s3:::bucket-${i}/*`),
                },
            ],
        },
        null,
        2,
    );
}

describePreflightRule({
    rule: iamPolicySize,
    fixture: single({ type: "aws:iam/policy:Policy", props: { policy: document(10) } }),
    subject: "subject",
    accepts: [
        {
            title: "a document whose indentation alone would pass the limit",
            change: (p) => (p.policy = document(200).replace(/\n/g, `\n${" ".repeat(40)}`)),
        },
    ],
    rejects: [
        {
            title: "a managed policy of 250 bucket ARNs",
            change: (p) => (p.policy = document(250)),
            message: /managed policy document has \d+ characters; accepted: at most 6144/,
        },
    ],
    unknown: { title: "a document built from resource ARNs", change: (p, unknown) => (p.policy = unknown(document(250))) },
});
