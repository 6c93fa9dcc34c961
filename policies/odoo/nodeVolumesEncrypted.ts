/**
 * The disks of Odoo nodes are encrypted.
 *
 * A node's volume holds Odoo's logs (with request data), Docker's layers, and — with a local
 * filestore or sessions — attachments and live session IDs. EBS encryption is set per volume at
 * creation; an AMI's root volume stays unencrypted unless the launch template says otherwise or
 * the account turned on EBS encryption by default, which a policy cannot see.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { isType } from "../support/awsTypes";
import { odooTagsOf } from "../support/clusters";
import { NOT_KNOWN, describe, known, knownArray, knownBoolean, knownString } from "../support/previewValues";

export const nodeVolumesEncrypted: ResourceValidationPolicy = {
    name: "odoo-node-volumes-encrypted",
    description: "The EBS volumes of an Odoo cluster's launch templates and instances are encrypted, the root volume included.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps:
        'Launch templates: give the root device a blockDeviceMappings entry with ebs: { encrypted: "true", volumeType: "gp3" } (and every other EBS mapping too). ' +
        "Instances: rootBlockDevice: { encrypted: true } and encrypted: true on each ebsBlockDevices entry.",
    validateResource: (args, reportViolation) => {
        const launchTemplate = isType(args.type, "LaunchTemplate");
        if (!launchTemplate && !isType(args.type, "Instance")) {
            return;
        }
        const tags = odooTagsOf(args);
        if (tags.cluster === undefined) {
            return;
        }
        const props = args.props;
        const where = `${args.name} of cluster "${tags.cluster}"`;
        if (launchTemplate) {
            const mappings = knownArray(() => props.blockDeviceMappings);
            if (mappings === NOT_KNOWN) {
                reportViolation(`${where}: blockDeviceMappings is not known at preview; it must be a literal list.`);
                return;
            }
            let ebsMappings = 0;
            for (const m of mappings) {
                const ebs = m === NOT_KNOWN ? NOT_KNOWN : known(() => (m as { ebs?: unknown }).ebs);
                if (ebs === undefined || ebs === null) {
                    continue; // an instance-store or suppressed device, not EBS
                }
                ebsMappings++;
                const encrypted = ebs === NOT_KNOWN ? NOT_KNOWN : knownBoolean(() => (ebs as { encrypted?: unknown }).encrypted);
                if (encrypted !== true) {
                    const device = m === NOT_KNOWN ? undefined : knownString(() => (m as { deviceName?: unknown }).deviceName);
                    reportViolation(
                        `${where}: the EBS mapping of device ${describe(device)} has encrypted ${describe(encrypted)}; it must be "true".`,
                    );
                }
            }
            if (ebsMappings === 0) {
                reportViolation(
                    `${where}: no blockDeviceMappings entry with ebs, so the AMI's root volume is used as it is — unencrypted unless the account encrypts EBS by default.`,
                );
            }
            return;
        }
        const rootEncrypted = knownBoolean(() => (props.rootBlockDevice as { encrypted?: unknown } | undefined)?.encrypted);
        // An instance launched from a template takes its volumes from it; the template is judged on its own.
        const fromTemplate = known(() => props.launchTemplate) !== undefined && known(() => props.rootBlockDevice) === undefined;
        if (rootEncrypted !== true && !fromTemplate) {
            reportViolation(`${where}: rootBlockDevice.encrypted is ${describe(rootEncrypted)}; the root volume must be encrypted.`);
        }
        const extra = knownArray(() => props.ebsBlockDevices);
        for (const d of extra === NOT_KNOWN ? [NOT_KNOWN] : extra) {
            const encrypted = d === NOT_KNOWN ? NOT_KNOWN : knownBoolean(() => (d as { encrypted?: unknown }).encrypted);
            if (encrypted !== true) {
                reportViolation(`${where}: an ebsBlockDevices entry has encrypted ${describe(encrypted)}; it must be true.`);
            }
        }
    },
};
