/**
 * When a cluster can run more than one node, every node must see the same attachments.
 *
 * Odoo stores attachments in data_dir/filestore/<db>. On a node's own disk, an attachment uploaded
 * through one node is missing on every other ("file not found" on download, broken images, lost
 * reports) and gone for good when the node is replaced. More than one node means more than one in
 * total — HTTP groups at their maxSize plus the cron node — since the cron node writes attachments
 * too (generated reports, imported files).
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { TAG } from "../../components/contract/tags";
import { clustersOf, membersOfType } from "../support/clusters";
import { describeNode, nodesOf, totalCount } from "../support/nodeFleet";
import { NOT_KNOWN } from "../support/previewValues";

export const sharedFilestore: StackValidationPolicy = {
    name: "odoo-shared-filestore",
    description:
        "A cluster that can run more than one Odoo node keeps attachments on a shared filestore (EFS or S3) of the cluster, never on a node's disk.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Use filestore kind efs (data_dir on EFS) or s3 (OCA fs_attachment) for every node, tag the nodes odoo:filestore accordingly, " +
        "and create the EFS file system or S3 bucket in the same cluster (role filestore). A local filestore is only for a single node with maxSize 1.",
    validateStack: (args, reportViolation) => {
        for (const cluster of clustersOf(args.resources)) {
            const nodes = nodesOf(cluster, args.resources);
            if (nodes.length === 0) {
                continue;
            }
            const total = totalCount(nodes);
            if (total !== NOT_KNOWN && total <= 1) {
                continue;
            }
            const howMany = total === NOT_KNOWN ? "an unknown number of nodes (a maxSize is not known at preview)" : `up to ${total} nodes`;
            for (const node of nodes) {
                if (node.filestore === "local" || node.filestore === undefined) {
                    reportViolation(
                        `Cluster "${cluster.name}" can run ${howMany}, but ${describeNode(node)} keeps attachments on its own disk ` +
                            `(${TAG.filestore} is ${node.filestore === undefined ? "missing" : "local"}): other nodes would not see them.`,
                        node.member.resource.urn,
                    );
                }
            }
            const efs = membersOfType(cluster, "EfsFileSystem").length > 0;
            const s3 = membersOfType(cluster, "Bucket").some((b) => b.tags.role === "filestore");
            for (const kind of ["efs", "s3"] as const) {
                const users = nodes.filter((n) => n.filestore === kind);
                const present = kind === "efs" ? efs : s3;
                if (users.length > 0 && !present) {
                    reportViolation(
                        `Cluster "${cluster.name}": ${users.map(describeNode).join(", ")} use an ${kind === "efs" ? "EFS" : "S3"} filestore, ` +
                            `but the cluster has no ${kind === "efs" ? "EFS file system" : "S3 bucket with role filestore"}${efs || s3 ? " (only the other kind)" : ""}.`,
                        users[0].member.resource.urn,
                    );
                }
            }
        }
    },
};
