/** ACM certificate names: fully qualified, at most 253 characters, labels of 1–63, a wildcard only as the leftmost label. */
import { ACM_DOCS, certificateDomainProblems } from "../../components/contract/awsLimits";
import { preflightRule, stringField } from "../support/preflightRule";

export const acmCertificateDomain = preflightRule({
    name: "aws-acm-certificate-domain",
    description:
        "An ACM certificate's domain names are at most 253 characters with 1–63 character labels, a wildcard only as the leftmost label",
    url: ACM_DOCS,
    types: ["aws:acm/certificate:Certificate"],
    remediationSteps: "Request the certificate for a fully qualified name such as erp.example.com or *.example.com.",
    check: (fields) => {
        const problems: string[] = [];
        const domain = stringField(fields, "domainName");
        if (domain !== undefined) {
            problems.push(...certificateDomainProblems(domain));
        }
        const alternatives = fields.subjectAlternativeNames;
        if (Array.isArray(alternatives)) {
            for (const name of alternatives) {
                const n = stringField({ n: name }, "n");
                if (n !== undefined) {
                    problems.push(...certificateDomainProblems(n));
                }
            }
        }
        return problems;
    },
});
