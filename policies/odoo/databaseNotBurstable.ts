/**
 * No burstable (db.t*) database class beyond the capacity table's first row.
 *
 * A burstable class runs at a CPU baseline and spends credits above it; Odoo's database works
 * steadily under a fleet (every request, the cron node, reports), so credits run out in business
 * hours and the whole ERP slows down to the baseline. The table picks db.t4g only for its first
 * row (up to 50 users by default); above, a db.m/db.r class. Advisory: with "unlimited" credits a
 * t-class keeps up at a price.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { findDatabaseInstanceClass } from "../../components/contract/catalog";
import { isType } from "../support/awsTypes";
import { odooTagsOf } from "../support/clusters";
import { CAPACITY_CONFIG_SCHEMA, CapacityConfig, capacityTableFrom } from "../support/policyConfig";
import { knownString } from "../support/previewValues";

const NAME = "odoo-database-not-burstable";

export const databaseNotBurstable: ResourceValidationPolicy = {
    name: NAME,
    description: "Above the capacity table's first row (50 users by default), the cluster's database instances use a non-burstable class.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "Use a db.m7g/db.m8g (or db.r for large caches) class with the vCPU the table gives; npm run plan -- --users N shows it.",
    configSchema: CAPACITY_CONFIG_SCHEMA,
    validateResource: (args, reportViolation) => {
        if (!isType(args.type, "DbInstance") && !isType(args.type, "DbClusterInstance")) {
            return;
        }
        const tags = odooTagsOf(args);
        if (tags.cluster === undefined || tags.concurrentUsers === undefined) {
            return; // odoo-database-sized-for-users reports a missing declaration
        }
        const table = capacityTableFrom(args.getConfig<CapacityConfig>(), NAME);
        const burstableLimit = table.tiers[0].maxUsers;
        const instanceClass = knownString(() => args.props.instanceClass);
        const entry = typeof instanceClass === "string" ? findDatabaseInstanceClass(instanceClass) : undefined;
        if (entry?.burstable && tags.concurrentUsers > burstableLimit) {
            reportViolation(
                `${args.name} of cluster "${tags.cluster}" is ${entry.name}, a burstable class, for ${tags.concurrentUsers} concurrent users; ` +
                    `above ${burstableLimit} users its CPU credits run out under steady load.`,
            );
        }
    },
};
