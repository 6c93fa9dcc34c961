/** EFS provisioned throughput is set exactly when the throughput mode is provisioned. */
import { EFS_DOCS } from "../../components/contract/awsLimits";
import { preflightRule, stringField } from "../support/preflightRule";

export const efsThroughputMode = preflightRule({
    name: "aws-efs-throughput-mode",
    description: "An EFS file system sets provisionedThroughputInMibps exactly when throughputMode is provisioned",
    url: EFS_DOCS.createFileSystem,
    types: ["aws:efs/fileSystem:FileSystem"],
    remediationSteps: "With throughputMode provisioned give provisionedThroughputInMibps; with elastic or bursting leave it out.",
    check: (fields) => {
        const mode = stringField(fields, "throughputMode") ?? (fields.throughputMode === undefined ? "bursting" : undefined);
        const given = fields.provisionedThroughputInMibps !== undefined;
        if (mode === "provisioned" && !given) {
            return ["throughputMode is provisioned without provisionedThroughputInMibps"];
        }
        if (mode !== undefined && mode !== "provisioned" && given) {
            return [`provisionedThroughputInMibps is set with throughputMode ${mode}`];
        }
        return [];
    },
});
