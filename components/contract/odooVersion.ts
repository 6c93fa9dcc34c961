/**
 * The Odoo versions the package deploys: those with an official `odoo:<version>` Docker image and
 * the `/websocket` route on the gevent port (16.0's image has been withdrawn).
 */
import { requireOneOf } from "./errors";

/** A supported Odoo major version. */
export const OdooVersion = { V17: "17.0", V18: "18.0", V19: "19.0" } as const;
export type OdooVersion = (typeof OdooVersion)[keyof typeof OdooVersion];

export const SUPPORTED_ODOO_VERSIONS: readonly OdooVersion[] = Object.values(OdooVersion);

/** The default: the newest version with every integration of this package (Redis sessions included). */
export const DEFAULT_ODOO_VERSION: OdooVersion = "18.0";

/** Validates a version string, naming `property` and the supported versions when it is not one. */
export function requireOdooVersion(value: unknown, property = "odooVersion"): OdooVersion {
    return requireOneOf(property, value, SUPPORTED_ODOO_VERSIONS);
}

/** OCA modules that send attachments to S3, per version. */
export function s3AttachmentModules(version: OdooVersion): string[] {
    return odooMajor(version) >= 18 ? ["fs_storage", "fs_attachment", "fs_attachment_s3"] : ["fs_storage", "fs_attachment"];
}

/** The major number, for comparisons such as "18 and later has db_replica_host". */
export function odooMajor(version: OdooVersion): number {
    return Number(version.split(".")[0]);
}
