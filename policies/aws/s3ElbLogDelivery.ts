/**
 * A bucket policy that lets Elastic Load Balancing deliver access logs names the writer AWS uses in
 * the bucket's region: the region's own ELB account in regions that opened before August 2022, the
 * log-delivery service principal in newer ones. With the wrong one, creating (or modifying) the load
 * balancer with access logs fails ELB's test write ("Access Denied for bucket"). Judged only when
 * the policy document and the region are known.
 */
import { ELB_LOG_DELIVERY } from "../../components/contract/awsLimits";
import { preflightRule, stringField } from "../support/preflightRule";

interface Statement {
    Effect?: unknown;
    Principal?: unknown;
    Action?: unknown;
}

/** The policy's Allow statements that can put objects. */
function putGrants(document: unknown): Statement[] {
    const statements = (document as { Statement?: unknown } | null)?.Statement;
    const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
    return (list as Statement[]).filter((s) => {
        const actions = Array.isArray(s.Action) ? s.Action : [s.Action];
        return s.Effect === "Allow" && actions.some((a) => a === "s3:PutObject" || a === "s3:*" || a === "*");
    });
}

/** The principals of one kind (`AWS` or `Service`) a statement names. */
function principals(statement: Statement, kind: "AWS" | "Service"): string[] {
    const value = (statement.Principal as Record<string, unknown> | null | undefined)?.[kind];
    return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
}

/** The 12-digit account of an account principal (`123456789012` or `arn:<partition>:iam::123456789012:root`). */
function accountOf(principal: string): string | undefined {
    return /^(?:arn:aws[a-z-]*:iam::)?(\d{12})(?::root)?$/.exec(principal)?.[1];
}

const ELB_ACCOUNTS: ReadonlySet<string> = new Set(Object.values(ELB_LOG_DELIVERY.accountByRegion));

export const s3ElbLogDelivery = preflightRule({
    name: "aws-s3-elb-log-delivery",
    description:
        "A bucket policy for ALB access logs grants the writer of its region: the regional ELB account before August 2022, the log-delivery service principal after",
    url: ELB_LOG_DELIVERY.url,
    types: ["aws:s3/bucketPolicy:BucketPolicy"],
    remediationSteps:
        "Grant s3:PutObject on the log prefix to the principal the ELB user guide lists for the region (aws.elb.getServiceAccount gives the account where there is one); granting both the account and the service principal works everywhere.",
    check: (fields, _type, where) => {
        const text = stringField(fields, "policy");
        if (text === undefined) {
            return [];
        }
        let document: unknown;
        try {
            document = JSON.parse(text);
        } catch {
            return []; // not this rule's to judge: the IAM policy size rule and S3 itself report it
        }
        const grants = putGrants(document);
        const services = grants.flatMap((s) => principals(s, "Service"));
        const elbAccounts = grants
            .flatMap((s) => principals(s, "AWS"))
            .map(accountOf)
            .filter((a): a is string => a !== undefined && ELB_ACCOUNTS.has(a));
        const grantsService = services.includes(ELB_LOG_DELIVERY.servicePrincipal);
        if (!grantsService && elbAccounts.length === 0) {
            return []; // not a load balancer log bucket
        }
        const region = where.region;
        if (region === undefined) {
            return [];
        }
        const account = ELB_LOG_DELIVERY.accountByRegion[region];
        const eitherWorks = account !== undefined && grantsService && ELB_LOG_DELIVERY.servicePrincipalAlsoIn.includes(region);
        if (account !== undefined && !elbAccounts.includes(account) && !eitherWorks) {
            const others = elbAccounts.length > 0 ? ` (it names ${elbAccounts.join(", ")}, another region's)` : "";
            return [
                `in ${region} ELB writes access logs as its regional account ${account}, which the policy does not grant s3:PutObject${others}; accepted: a grant to arn:aws:iam::${account}:root`,
            ];
        }
        if (account === undefined && !grantsService) {
            return [
                `in ${region}, a region opened in or after August 2022, ELB writes access logs as the service principal ${ELB_LOG_DELIVERY.servicePrincipal}, which the policy does not grant s3:PutObject; accepted: a grant to that service principal`,
            ];
        }
        return [];
    },
});
