import { acmCertificateDomain } from "../../../policies/aws/acmCertificateDomain";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: acmCertificateDomain,
    fixture: single({
        type: "aws:acm/certificate:Certificate",
        props: { domainName: "erp.example.com", validationMethod: "DNS", subjectAlternativeNames: ["*.erp.example.com"] },
    }),
    subject: "subject",
    rejects: [
        {
            title: "a wildcard in the middle",
            change: (p) => (p.domainName = "erp.*.example.com"),
            message: /wildcard other than a leftmost/,
        },
        {
            title: "a 64-character label among the alternative names",
            change: (p) => (p.subjectAlternativeNames = [`${"a".repeat(64)}.example.com`]),
            message: /label .* over 63 characters|one over 63/,
        },
        { title: "an underscore", change: (p) => (p.domainName = "erp_prod.example.com"), message: /characters other than/ },
    ],
    unknown: { title: "a domain from config computed at deploy", change: (p, unknown) => (p.domainName = unknown("a..b")) },
});
