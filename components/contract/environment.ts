/**
 * Stack environments. Production is where the secure and durable defaults switch on (Multi-AZ,
 * deletion protection, final snapshots, retained data); the policy pack reads the same list.
 */
import { OdooArgumentError } from "./errors";

/** Environment names treated as production unless configured otherwise. */
export const DEFAULT_PRODUCTION_ENVIRONMENTS: readonly string[] = ["prod", "production"];

/** Whether `environment` counts as production. */
export function isProductionEnvironment(
    environment: string,
    productionEnvironments: readonly string[] = DEFAULT_PRODUCTION_ENVIRONMENTS,
): boolean {
    return productionEnvironments.includes(environment);
}

/**
 * Validates an environment name: it becomes a tag value and part of resource names, so it is kept
 * to lower-case letters, digits and dashes, 1–32 characters.
 */
export function requireEnvironmentName(value: unknown, property = "environment"): string {
    if (typeof value !== "string" || !/^[a-z][a-z0-9-]{0,31}$/.test(value)) {
        throw new OdooArgumentError(
            property,
            value,
            "1–32 lower-case letters, digits or dashes, starting with a letter (e.g. dev, staging, prod)",
        );
    }
    return value;
}
