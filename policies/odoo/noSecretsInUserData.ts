/**
 * No secret is written into a node's user data.
 *
 * User data is not a secret store: anyone allowed ec2:DescribeLaunchTemplateVersions or
 * DescribeInstanceAttribute reads it, every process on the node can fetch it from the metadata
 * service, and each launch-template version keeps it forever. Odoo's admin password, the database
 * password and the Redis token belong in Secrets Manager, read by the node at boot.
 *
 * User data built from outputs is unknown in a first preview; then there is nothing to scan yet —
 * the policy says so (not applicable) instead of failing, and scans it at `pulumi up`, where the
 * engine analyzes each resource again with its final inputs before creating it.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { odooNodeTagsOf } from "../support/clusters";
import { userDataOf } from "../support/nodeFleet";
import { findSecrets } from "../support/secretPatterns";

export const noSecretsInUserData: ResourceValidationPolicy = {
    name: "odoo-no-secrets-in-user-data",
    description:
        "The user data of an Odoo cluster's launch templates and instances holds no secret literal (passwords, admin_passwd, db_password, tokens, AWS keys, private keys).",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Keep secrets in AWS Secrets Manager and read them at boot with the instance role (aws secretsmanager get-secret-value) into a root-only file " +
        "or the container's environment; write only references (the secret's ARN, ${VARIABLE} placeholders) into user data. " +
        "Rotate any secret that was already in user data: old launch-template versions keep it.",
    validateResource: (args, reportViolation) => {
        const tags = odooNodeTagsOf(args);
        if (tags === undefined) {
            return;
        }
        const userData = userDataOf(args);
        if (userData.length > 0 && userData.every((u) => u.state === "unknown")) {
            args.notApplicable(
                "the user data is not known until its inputs are (a first preview); it is scanned when the resource is created",
            );
        }
        for (const u of userData) {
            if (u.state !== "known") {
                continue;
            }
            const texts = [u.data.text, ...u.data.files.map((f) => f.content)];
            const findings = texts.flatMap((t) => findSecrets(t));
            const seen = new Set<string>();
            for (const f of findings) {
                const key = `${f.kind}|${f.excerpt}`;
                if (!seen.has(key)) {
                    seen.add(key);
                    reportViolation(`${args.name} of cluster "${tags.cluster}": ${u.property} contains ${f.kind}: ${f.excerpt}`);
                }
            }
        }
    },
};
