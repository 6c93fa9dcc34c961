/**
 * Odoo nodes answer instance-metadata requests only with an IMDSv2 session token.
 *
 * Odoo fetches URLs on a user's behalf (website snippets, link previews, image URLs in mass
 * mailings, custom modules); with IMDSv1 one server-side request forgery reads the node role's
 * credentials from 169.254.169.254. IMDSv2 needs a PUT with a token header first, which such
 * requests cannot make. A metadata endpoint switched off entirely is as safe and passes too.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { isType } from "../support/awsTypes";
import { odooNodeTagsOf } from "../support/clusters";
import { describe, known, knownString } from "../support/previewValues";

export const imdsv2Required: ResourceValidationPolicy = {
    name: "odoo-imdsv2-required",
    description: 'Every launch template and EC2 instance of an Odoo cluster requires IMDSv2 (metadataOptions.httpTokens = "required").',
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        'Set metadataOptions: { httpEndpoint: "enabled", httpTokens: "required" } with a hop limit of 1 for host-networked containers (as OdooNodes runs Odoo) ' +
        "or 2 when a container on Docker's bridge must reach the metadata service.",
    validateResource: (args, reportViolation) => {
        const tags = odooNodeTagsOf(args);
        if (tags === undefined) {
            return;
        }
        const props = args.props;
        const tokens = knownString(() => (props.metadataOptions as { httpTokens?: unknown } | undefined)?.httpTokens);
        const endpoint = knownString(() => (props.metadataOptions as { httpEndpoint?: unknown } | undefined)?.httpEndpoint);
        if (tokens === "required" || endpoint === "disabled") {
            return;
        }
        // An instance launched from a template without its own metadataOptions takes the template's, judged on its own.
        if (
            isType(args.type, "Instance") &&
            known(() => props.launchTemplate) !== undefined &&
            known(() => props.metadataOptions) === undefined
        ) {
            return;
        }
        reportViolation(
            `${args.name} of cluster "${tags.cluster}": metadataOptions.httpTokens is ${describe(tokens)}` +
                `${tokens === undefined ? " (EC2's default allows IMDSv1)" : ""}; it must be "required".`,
        );
    },
};
