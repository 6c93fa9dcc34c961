/** CloudWatch Logs retention: the periods AWS accepts, checked once for every log group we create. */
import { OdooArgumentError } from "../contract/errors";

/** Days CloudWatch Logs accepts as a retention period (0, "never expire", is left out on purpose). */
export const LOG_RETENTION_DAYS: readonly number[] = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** Returns `value` when CloudWatch Logs accepts it as a retention period; otherwise an error naming `property`. */
export function requireLogRetentionDays(property: string, value: unknown): number {
    if (typeof value !== "number" || !LOG_RETENTION_DAYS.includes(value)) {
        throw new OdooArgumentError(property, value, `one of CloudWatch's retention periods: ${LOG_RETENTION_DAYS.join(", ")}`);
    }
    return value;
}
