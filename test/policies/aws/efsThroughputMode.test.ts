import { efsThroughputMode } from "../../../policies/aws/efsThroughputMode";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: efsThroughputMode,
    fixture: single({ type: "aws:efs/fileSystem:FileSystem", props: { encrypted: true, throughputMode: "elastic" } }),
    subject: "subject",
    accepts: [
        {
            title: "provisioned throughput with its rate",
            change: (p) => ((p.throughputMode = "provisioned"), (p.provisionedThroughputInMibps = 64)),
        },
    ],
    rejects: [
        {
            title: "provisioned mode without a rate",
            change: (p) => (p.throughputMode = "provisioned"),
            message: /provisioned without provisionedThroughputInMibps/,
        },
    ],
    unknown: { title: "a mode from config computed at deploy", change: (p, unknown) => (p.throughputMode = unknown("provisioned")) },
});
