import { s3ElbLogDelivery } from "../../../policies/aws/s3ElbLogDelivery";
import { OdooStackFixture } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, inBothModes } from "../policyTestKit";
import { describePreflightRule, single } from "./preflightCases";

const SERVICE = { Service: "logdelivery.elasticloadbalancing.amazonaws.com" };
const account = (id: string) => ({ AWS: `arn:aws:iam::${id}:root` });

/** A log bucket's policy granting s3:PutObject on the log prefix to each principal. */
function logPolicy(...grantees: object[]): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            ...grantees.map((Principal) => ({
                Effect: "Allow",
                Principal,
                Action: "s3:PutObject",
                Resource: "arn:aws:s3:::erp-lb-logs/alb/AWSLogs/123456789012/*",
            })),
            {
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: "arn:aws:s3:::erp-lb-logs/*",
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    });
}

describePreflightRule({
    rule: s3ElbLogDelivery,
    fixture: single({
        type: "aws:s3/bucketPolicy:BucketPolicy",
        providerRegion: "us-east-1",
        props: { bucket: "erp-lb-logs", policy: logPolicy(account("127311923021"), SERVICE) },
    }),
    subject: "subject",
    accepts: [
        { title: "the regional account alone in us-east-1", change: (p) => (p.policy = logPolicy(account("127311923021"))) },
        { title: "the bare account ID as principal", change: (p) => (p.policy = logPolicy({ AWS: "127311923021" })) },
        { title: "a bucket policy that is not for load balancer logs", change: (p) => (p.policy = logPolicy(account("111122223333"))) },
        {
            title: "the service principal alone in Spain, opened November 2022 (the resource's own region)",
            change: (p) => {
                p.region = "eu-south-2";
                p.policy = logPolicy(SERVICE);
            },
        },
        {
            title: "the service principal alone in Jakarta, which the provider documents for regions since Jakarta",
            change: (p) => {
                p.region = "ap-southeast-3";
                p.policy = logPolicy(SERVICE);
            },
        },
        {
            title: "Jakarta's ELB account in Jakarta, opened December 2021",
            change: (p) => {
                p.region = "ap-southeast-3";
                p.policy = logPolicy(account("589379963580"));
            },
        },
    ],
    rejects: [
        {
            title: "the service principal alone in us-east-1, where ELB writes as account 127311923021",
            change: (p) => (p.policy = logPolicy(SERVICE)),
            message: /in us-east-1 ELB writes access logs as its regional account 127311923021/,
        },
        {
            title: "another region's ELB account",
            change: (p) => (p.policy = logPolicy(account("156460612806"))),
            message: /it names 156460612806, another region's/,
        },
        {
            title: "an ELB account alone in Spain, where ELB writes as the service principal",
            change: (p) => {
                p.region = "eu-south-2";
                p.policy = logPolicy(account("127311923021"));
            },
            message: /in eu-south-2, a region opened in or after August 2022, ELB writes access logs as the service principal/,
        },
    ],
    unknown: { title: "a policy document from an output", change: (p, unknown) => (p.policy = unknown(logPolicy(SERVICE))) },
});

describe("aws-s3-elb-log-delivery without a known region", () => {
    inBothModes("judges nothing when neither the resource nor its provider names a region", async (mode) => {
        const fixture = new OdooStackFixture([
            { type: "aws:s3/bucketPolicy:BucketPolicy", name: "subject", props: { bucket: "erp-lb-logs", policy: logPolicy(SERVICE) } },
        ]);
        expectNone(await diagnosticsOf(s3ElbLogDelivery.name, fixture, mode, { policies: [s3ElbLogDelivery] }));
    });
});
