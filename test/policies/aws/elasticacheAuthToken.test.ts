import { elasticacheAuthToken } from "../../../policies/aws/elasticacheAuthToken";
import { secret } from "../../../stacks/engine/policyAnalyzer";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: elasticacheAuthToken,
    fixture: single({
        type: "aws:elasticache/replicationGroup:ReplicationGroup",
        props: { description: "sessions", transitEncryptionEnabled: true, authToken: secret("A1b2C3d4E5f6G7h8-!&#$^<>") },
    }),
    subject: "subject",
    accepts: [{ title: "no token at all", change: (p) => delete p.authToken }],
    rejects: [
        {
            title: "a token without transit encryption",
            change: (p) => (p.transitEncryptionEnabled = false),
            message: /without transitEncryptionEnabled: true/,
        },
        {
            title: "a 15-character token",
            change: (p) => (p.authToken = secret("A1b2C3d4E5f6G7h")),
            message: /15 characters long; accepted: 16–128/,
        },
        {
            title: "a token with @ and /",
            change: (p) => (p.authToken = secret("A1b2C3d4E5f6G7h8@/")),
            message: /2 character\(s\) AWS refuses/,
        },
    ],
    unknown: { title: "a generated token (a RandomPassword output)", change: (p, unknown) => (p.authToken = secret(unknown("short"))) },
});
