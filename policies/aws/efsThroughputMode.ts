/** EFS provisioned throughput mode needs its rate (ProvisionedThroughputInMibps is required with it). */
import { EFS_DOCS } from "../../components/contract/awsLimits";
import { preflightRule, stringField } from "../support/preflightRule";

export const efsThroughputMode = preflightRule({
    name: "aws-efs-throughput-mode",
    description: "An EFS file system in provisioned throughput mode sets provisionedThroughputInMibps",
    url: EFS_DOCS.createFileSystem,
    types: ["aws:efs/fileSystem:FileSystem"],
    remediationSteps: "With throughputMode provisioned give provisionedThroughputInMibps (or use elastic throughput, which needs no rate).",
    check: (fields) => {
        return stringField(fields, "throughputMode") === "provisioned" && fields.provisionedThroughputInMibps === undefined
            ? ["throughputMode is provisioned without provisionedThroughputInMibps"]
            : [];
    },
});
