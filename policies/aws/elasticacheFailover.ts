/** ElastiCache automatic failover needs a replica (two nodes or more); Multi-AZ needs automatic failover. */
import { ELASTICACHE_DOCS } from "../../components/contract/awsLimits";
import { booleanField, numberField, preflightRule } from "../support/preflightRule";

export const elasticacheFailover = preflightRule({
    name: "aws-elasticache-failover",
    description:
        "An ElastiCache replication group with automatic failover has at least two nodes, and Multi-AZ comes with automatic failover",
    url: ELASTICACHE_DOCS.multiAz,
    types: ["aws:elasticache/replicationGroup:ReplicationGroup"],
    remediationSteps:
        "Use numCacheClusters ≥ 2 (or replicasPerNodeGroup ≥ 1) with automaticFailoverEnabled, and multiAzEnabled only together with it.",
    check: (fields) => {
        const failover = booleanField(fields, "automaticFailoverEnabled");
        const multiAz = booleanField(fields, "multiAzEnabled");
        const problems: string[] = [];
        if (multiAz === true && fields.automaticFailoverEnabled !== undefined && failover === false) {
            problems.push("multiAzEnabled is true while automaticFailoverEnabled is false");
        } else if (multiAz === true && fields.automaticFailoverEnabled === undefined) {
            problems.push("multiAzEnabled is true without automaticFailoverEnabled (false by default)");
        }
        if (failover === true) {
            const clusters = numberField(fields, "numCacheClusters");
            const replicas = numberField(fields, "replicasPerNodeGroup");
            const nodes = clusters ?? (replicas !== undefined ? replicas + 1 : undefined);
            if (nodes !== undefined && nodes < 2) {
                problems.push(`automatic failover is on with ${nodes} node(s); accepted: at least 2 (a primary and a replica)`);
            }
        }
        return problems;
    },
});
