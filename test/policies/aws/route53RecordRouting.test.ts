import { route53RecordRouting } from "../../../policies/aws/route53RecordRouting";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: route53RecordRouting,
    fixture: single({
        type: "aws:route53/record:Record",
        props: {
            zoneId: "Z1",
            name: "db-replicas.prod.erp.odoo.internal",
            type: "CNAME",
            ttl: 30,
            records: ["r1.rds.amazonaws.com"],
            setIdentifier: "replica-1",
            weightedRoutingPolicies: [{ weight: 1 }],
        },
    }),
    subject: "subject",
    accepts: [
        {
            title: "an alias record without ttl or records",
            change: (p) => (
                delete p.ttl,
                delete p.records,
                delete p.setIdentifier,
                delete p.weightedRoutingPolicies,
                (p.aliases = [{ name: "lb", zoneId: "Z2", evaluateTargetHealth: true }])
            ),
        },
    ],
    rejects: [
        {
            title: "a weighted record without a set identifier",
            change: (p) => delete p.setIdentifier,
            message: /routing policy but no setIdentifier/,
        },
        {
            title: "a weight of 256",
            change: (p) => (p.weightedRoutingPolicies = [{ weight: 256 }]),
            message: /weight 256 is outside 0–255/,
        },
        {
            title: "an alias record with a TTL",
            change: (p) => (
                delete p.records,
                delete p.setIdentifier,
                delete p.weightedRoutingPolicies,
                (p.aliases = [{ name: "lb", zoneId: "Z2", evaluateTargetHealth: true }])
            ),
            message: /alias record also has a ttl or records/,
        },
    ],
    unknown: { title: "a weight from an output", change: (p, unknown) => (p.weightedRoutingPolicies = [{ weight: unknown(300) }]) },
});
