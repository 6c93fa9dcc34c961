/**
 * Route 53 record sets: a routing policy needs a set identifier (1–128 characters), a weight is
 * 0–255, and an alias record carries neither a TTL nor records.
 */
import { ROUTE53_DOCS, ROUTE53_WEIGHT } from "../../components/contract/awsLimits";
import { numberField, objectList, preflightRule, stringField } from "../support/preflightRule";

const ROUTING_POLICIES = [
    "weightedRoutingPolicies",
    "latencyRoutingPolicies",
    "failoverRoutingPolicies",
    "geolocationRoutingPolicies",
    "geoproximityRoutingPolicy",
    "cidrRoutingPolicy",
];

export const route53RecordRouting = preflightRule({
    name: "aws-route53-record-routing",
    description:
        "A Route 53 record with a routing policy has a 1–128 character setIdentifier, weights are 0–255, and alias records have no TTL or records",
    url: ROUTE53_DOCS.recordSet,
    types: ["aws:route53/record:Record"],
    remediationSteps:
        "Give every weighted/latency/failover/geo record a unique setIdentifier; keep weights 0–255; drop ttl and records from alias records.",
    check: (fields) => {
        const problems: string[] = [];
        const routed = ROUTING_POLICIES.some(
            (p) => fields[p] !== undefined && !(Array.isArray(fields[p]) && (fields[p] as unknown[]).length === 0),
        );
        const setIdentifier = stringField(fields, "setIdentifier");
        if (routed && fields.setIdentifier === undefined) {
            problems.push("the record has a routing policy but no setIdentifier");
        }
        if (setIdentifier !== undefined && (setIdentifier.length === 0 || setIdentifier.length > 128)) {
            problems.push(`the setIdentifier is ${setIdentifier.length} characters long; accepted: 1–128`);
        }
        for (const policy of objectList(fields, "weightedRoutingPolicies")) {
            const weight = numberField(policy, "weight");
            if (weight !== undefined && (weight < ROUTE53_WEIGHT.min || weight > ROUTE53_WEIGHT.max || !Number.isInteger(weight))) {
                problems.push(`the weight ${weight} is outside ${ROUTE53_WEIGHT.min}–${ROUTE53_WEIGHT.max}`);
            }
        }
        if (objectList(fields, "aliases").length > 0 && (fields.ttl !== undefined || fields.records !== undefined)) {
            problems.push("an alias record also has a ttl or records");
        }
        return problems;
    },
});
