/**
 * Where a replicated secret is found in the standby region. Secrets Manager keeps a replica under
 * the same name and random suffix, so its ARN differs from the primary's only in the region field
 * (Secrets Manager user guide, "Replicate an AWS Secrets Manager secret to other AWS Regions"). Pure.
 */
import { OdooArgumentError } from "../contract/errors";

const SECRET_ARN = /^(arn:aws[a-z-]*:secretsmanager:)([a-z0-9-]+)(:\d{12}:secret:.+)$/;

/** The ARN of the replica of secret `arn` in `region`. */
export function standbySecretArn(arn: string, region: string): string {
    const m = SECRET_ARN.exec(arn);
    if (!m) {
        throw new OdooArgumentError("secretArn", arn, "a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:…)");
    }
    return `${m[1]}${region}${m[3]}`;
}
