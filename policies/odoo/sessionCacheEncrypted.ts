/**
 * The session cache is encrypted in transit and at rest.
 *
 * A session ID in Redis is as good as the user's password until it expires: anyone who can read
 * the cache or the traffic to it can act as any logged-in user, administrators included. Transit
 * encryption is also what lets ElastiCache require an AUTH token. `transitEncryptionMode:
 * "preferred"` accepts unencrypted clients too (it exists for migrations), so it does not count.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { isType } from "../support/awsTypes";
import { odooTagsOf } from "../support/clusters";
import { NOT_KNOWN, describe, knownBoolean, knownString } from "../support/previewValues";

export const sessionCacheEncrypted: ResourceValidationPolicy = {
    name: "odoo-session-cache-encrypted",
    description: 'The cluster\'s ElastiCache replication groups encrypt at rest and in transit (transitEncryptionMode not "preferred").',
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        'Set atRestEncryptionEnabled: true and transitEncryptionEnabled: true (leave transitEncryptionMode unset or "required") and connect with rediss://. ' +
        "At-rest encryption can only be set when the replication group is created.",
    validateResource: (args, reportViolation) => {
        if (!isType(args.type, "CacheReplicationGroup")) {
            return;
        }
        const tags = odooTagsOf(args);
        if (tags.cluster === undefined) {
            return;
        }
        const props = args.props;
        const atRest = knownBoolean(() => props.atRestEncryptionEnabled);
        if (atRest !== true) {
            reportViolation(
                `${args.name}: atRestEncryptionEnabled is ${describe(atRest)}; the session cache of cluster "${tags.cluster}" must be encrypted at rest.`,
            );
        }
        const transit = knownBoolean(() => props.transitEncryptionEnabled);
        if (transit !== true) {
            reportViolation(
                `${args.name}: transitEncryptionEnabled is ${describe(transit)}; sessions of cluster "${tags.cluster}" must travel encrypted.`,
            );
        }
        const mode = knownString(() => props.transitEncryptionMode);
        if (mode === NOT_KNOWN || (mode !== undefined && mode !== "required")) {
            reportViolation(
                `${args.name}: transitEncryptionMode is ${describe(mode)}; "preferred" still accepts unencrypted connections — use "required".`,
            );
        }
    },
};
