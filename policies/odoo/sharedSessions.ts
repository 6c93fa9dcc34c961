/**
 * When a cluster can run more than one HTTP node, a user's session must survive the next request
 * landing on another node: shared sessions (Redis, or data_dir on EFS), or at least sticky target
 * groups that keep each browser on one node.
 *
 * Odoo keeps sessions in data_dir/sessions unless the session_redis addon moves them to Redis. A
 * data_dir on the node's disk — filestore kind local, or s3 (which moves attachments only) —
 * means a request served by another node finds no session and the user is logged out.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { clustersOf, membersOfType } from "../support/clusters";
import { describeNode, nodesOf, sessionsShared, totalCount } from "../support/nodeFleet";
import { NOT_KNOWN } from "../support/previewValues";
import { stickinessOf } from "../support/targetGroupStickiness";

export const sharedSessions: StackValidationPolicy = {
    name: "odoo-shared-sessions",
    description:
        "A cluster that can run more than one HTTP node shares sessions (Redis, or data_dir on EFS) or keeps each browser on one node with sticky target groups.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Use sessions kind redis (ElastiCache with the session_redis addon) or filestore with an EFS filestore, and tag the nodes odoo:sessions accordingly; " +
        "failing that, enable cookie stickiness on the cluster's target groups (sessions are then lost only when a node goes away).",
    validateStack: (args, reportViolation) => {
        for (const cluster of clustersOf(args.resources)) {
            const http = nodesOf(cluster, args.resources).filter((n) => n.servesHttp);
            if (http.length === 0) {
                continue;
            }
            const total = totalCount(http);
            if (total !== NOT_KNOWN && total <= 1) {
                continue;
            }
            const unshared = http.filter((n) => !sessionsShared(n));
            if (unshared.length === 0) {
                continue;
            }
            const targetGroups = membersOfType(cluster, "TargetGroup");
            if (targetGroups.some((tg) => stickinessOf(tg.resource.props).sticky === true)) {
                continue;
            }
            const howMany =
                total === NOT_KNOWN ? "an unknown number of HTTP nodes (a maxSize is not known at preview)" : `up to ${total} HTTP nodes`;
            for (const node of unshared) {
                reportViolation(
                    `Cluster "${cluster.name}" can run ${howMany}, ${describeNode(node)} keeps sessions on its own disk ` +
                        `(sessions ${node.sessions ?? "not tagged"}, filestore ${node.filestore ?? "not tagged"}) and ` +
                        `${targetGroups.length === 0 ? "the cluster has no target group" : "no target group of the cluster is sticky"}: users would be logged out whenever a request reaches another node.`,
                    node.member.resource.urn,
                );
            }
        }
    },
};
