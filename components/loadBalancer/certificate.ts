/**
 * The load balancer's TLS certificate when the operator brings none: an ACM certificate for the
 * domain, validated through a DNS record in the domain's Route 53 zone. ACM renews a
 * DNS-validated certificate by itself as long as that record stays, so it never expires on a
 * holiday.
 *
 * The domain checks are pure; {@link createDnsValidatedCertificate} wires the resources.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { OdooArgumentError } from "../contract/errors";

/** An ACM certificate ARN, in any partition. */
export const ACM_CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/;
/** A Route 53 hosted zone ID. */
export const HOSTED_ZONE_ID = /^Z[0-9A-Z]{1,32}$/;

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

function isDomainName(value: string): boolean {
    const labels = value.split(".");
    return value.length <= 253 && labels.length >= 2 && labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1]);
}

/**
 * Validates the domain Odoo is served on: a lower-case host name such as `erp.example.com`, no
 * wildcard (an alias record points one name at the load balancer), no trailing dot.
 */
export function requireDomainName(value: unknown, property = "domainName"): string {
    if (typeof value !== "string" || !isDomainName(value)) {
        throw new OdooArgumentError(property, value, `a lower-case host name such as "erp.example.com" (no wildcard, no trailing dot)`);
    }
    return value;
}

/** Validates a hosted zone name (`example.com`, a trailing dot allowed) and returns it without the dot. */
export function requireZoneName(value: unknown, property = "hostedZoneName"): string {
    const name = typeof value === "string" ? value.replace(/\.$/, "") : value;
    if (typeof name !== "string" || !isDomainName(name)) {
        throw new OdooArgumentError(property, value, `a public hosted zone name such as "example.com"`);
    }
    return name;
}

/** Whether `domain` is `zone` itself or a name under it. */
export function isInZone(domain: string, zone: string): boolean {
    return domain === zone || domain.endsWith(`.${zone}`);
}

/** Arguments of {@link createDnsValidatedCertificate}. */
export interface DnsValidatedCertificateArgs {
    /** The one name on the certificate. */
    domainName: string;
    /** The public Route 53 zone that holds `domainName`. */
    zoneId: pulumi.Input<string>;
    tags: Record<string, string>;
}

/**
 * Requests an ACM certificate for `domainName`, writes its validation record into the zone and
 * waits until ACM has issued it. Returns the ARN, resolved only once the certificate is issued,
 * so a listener that uses it is never created with a pending certificate.
 */
export function createDnsValidatedCertificate(
    name: string,
    args: DnsValidatedCertificateArgs,
    opts: pulumi.CustomResourceOptions,
): pulumi.Output<string> {
    const certificate = new aws.acm.Certificate(
        `${name}-cert`,
        {
            domainName: args.domainName,
            validationMethod: "DNS",
            // RSA 2048 is what every browser and the oldest API clients of an ERP accept.
            keyAlgorithm: "RSA_2048",
            tags: { ...args.tags, Name: `${name}-cert` },
        },
        opts,
    );
    // One name on the certificate, so exactly one validation record.
    const option = certificate.domainValidationOptions.apply((options) => options[0]);
    const record = new aws.route53.Record(
        `${name}-cert-record`,
        {
            zoneId: args.zoneId,
            name: option.resourceRecordName,
            type: option.resourceRecordType,
            records: [option.resourceRecordValue],
            ttl: 300,
            // The record is the same for every certificate of this name in the account: a previous
            // certificate (or a re-created stack) may have written it already.
            allowOverwrite: true,
        },
        opts,
    );
    const validation = new aws.acm.CertificateValidation(
        `${name}-cert-validation`,
        {
            certificateArn: certificate.arn,
            validationRecordFqdns: [record.fqdn],
        },
        opts,
    );
    return validation.certificateArn;
}
