/** An HTTPS listener needs a certificate. */
import { ELB_DOCS } from "../../components/contract/awsLimits";
import { AwsType } from "../support/awsTypes";
import { preflightRule, stringField } from "../support/preflightRule";

export const lbListenerCertificate = preflightRule({
    name: "aws-lb-listener-certificate",
    description: "An HTTPS or TLS listener names a certificate",
    url: ELB_DOCS.createListener,
    types: AwsType.Listener,
    remediationSteps:
        "Give the listener certificateArn (an issued ACM certificate in the same region), or make it an HTTP listener that redirects to HTTPS.",
    check: (fields) => {
        const protocol = stringField(fields, "protocol");
        if (protocol !== "HTTPS" && protocol !== "TLS") {
            return [];
        }
        // Absent, not unknown: a certificate from another resource is unknown in a first preview.
        return fields.certificateArn === undefined || fields.certificateArn === ""
            ? [`the ${protocol} listener has no certificateArn`]
            : [];
    },
});
