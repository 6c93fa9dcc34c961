/** RDS storage autoscaling: the maximum must be above the allocated storage (0 turns autoscaling off). */
import { RDS_DOCS } from "../../components/contract/awsLimits";
import { numberField, preflightRule } from "../support/preflightRule";

export const rdsStorageAutoscaling = preflightRule({
    name: "aws-rds-storage-autoscaling",
    description: "An RDS instance's maxAllocatedStorage, when set, is greater than its allocatedStorage",
    url: RDS_DOCS.storageAutoscaling,
    types: ["aws:rds/instance:Instance"],
    remediationSteps: "Raise maxAllocatedStorage above allocatedStorage, or set it to 0 (or leave it out) to turn storage autoscaling off.",
    check: (fields) => {
        const allocated = numberField(fields, "allocatedStorage");
        const max = numberField(fields, "maxAllocatedStorage");
        return allocated !== undefined && max !== undefined && max !== 0 && max <= allocated
            ? [`maxAllocatedStorage ${max} GiB is not above allocatedStorage ${allocated} GiB`]
            : [];
    },
});
