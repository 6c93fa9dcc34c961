/**
 * The PostgreSQL primary and its replicas match the declared concurrent users.
 *
 * The guide sizes the database vertically first (2 → 4 → 8 → 16 → 32 vCPU) and adds read replicas
 * from 300 users on. The thresholds are the capacity table's (components/contract/sizing.ts:
 * minimumDatabaseVcpu, minimumReplicas) — the same table the components take their defaults
 * from — or the table configured for this policy. vCPU comes from the instance catalog, read from
 * the `instanceClass` literal, which is known at preview.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { minimumDatabaseVcpu, minimumReplicas, smallestDatabaseClass } from "../../components/contract/sizing";
import { TAG } from "../../components/contract/tags";
import { clustersOf, declaredUsersOf, declaredUsersProblem } from "../support/clusters";
import { databaseTopologyOf, instanceClassProblem } from "../support/databaseTopology";
import { CAPACITY_CONFIG_SCHEMA, CapacityConfig, capacityTableFrom } from "../support/policyConfig";

const NAME = "odoo-database-sized-for-users";

export const databaseSizedForUsers: StackValidationPolicy = {
    name: NAME,
    description:
        "The PostgreSQL primary has the vCPU, and the cluster the read replicas, that the capacity table gives for the declared concurrent users.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Use a primary class with at least the vCPU the table gives for odoo:concurrent-users (npm run plan -- --users N shows it) " +
        "and at least that many read replicas (role db-replica), or correct the declared users if they are wrong. " +
        "Every resource of a cluster must declare the same odoo:concurrent-users.",
    configSchema: CAPACITY_CONFIG_SCHEMA,
    validateStack: (args, reportViolation) => {
        const table = capacityTableFrom(args.getConfig<CapacityConfig>(), NAME);
        for (const cluster of clustersOf(args.resources)) {
            const db = databaseTopologyOf(cluster);
            if (db.primaries.length === 0 && db.replicas.length === 0) {
                // The cluster's database is not in this stack.
                continue;
            }
            const anchor = (db.primaries[0] ?? db.replicas[0]).member.resource.urn;
            const declared = declaredUsersOf(cluster);
            const usersProblem = declaredUsersProblem(cluster, declared);
            if (usersProblem) {
                reportViolation(`${usersProblem}. The database cannot be sized against users that are not declared once.`, anchor);
                continue;
            }
            const users = declared.users as number;
            const undeclaredDb = [...db.primaries, ...db.replicas].filter((s) => s.member.tags.concurrentUsers === undefined);
            for (const s of undeclaredDb) {
                reportViolation(
                    `${s.member.resource.name} does not declare ${TAG.concurrentUsers} while the rest of cluster "${cluster.name}" declares ${users}.`,
                    s.member.resource.urn,
                );
            }
            if (users < 1 || users > table.tiers[table.tiers.length - 1].maxUsers) {
                reportViolation(
                    `Cluster "${cluster.name}" declares ${users} concurrent users; the capacity table covers 1 to ${table.tiers[table.tiers.length - 1].maxUsers}.`,
                    anchor,
                );
                continue;
            }
            const needVcpu = minimumDatabaseVcpu(users, table);
            const needReplicas = minimumReplicas(users, table);
            if (db.primaries.length === 0) {
                reportViolation(
                    `Cluster "${cluster.name}" has read replicas but no database instance tagged ${TAG.role}=db-primary.`,
                    anchor,
                );
            } else if (db.primaries.length > 1) {
                reportViolation(
                    `Cluster "${cluster.name}" has ${db.primaries.length} instances tagged db-primary (${db.primaries.map((p) => p.member.resource.name).join(", ")}); ` +
                        "Odoo writes to one primary.",
                    db.primaries[1].member.resource.urn,
                );
            }
            for (const primary of db.primaries) {
                const problem = instanceClassProblem(primary);
                if (problem) {
                    reportViolation(
                        `${problem}. Cluster "${cluster.name}" needs a primary with at least ${needVcpu} vCPU for ${users} users.`,
                        primary.member.resource.urn,
                    );
                } else if (primary.catalogEntry && primary.catalogEntry.vcpu < needVcpu) {
                    reportViolation(
                        `${primary.member.resource.name} is ${primary.catalogEntry.name} with ${primary.catalogEntry.vcpu} vCPU; ` +
                            `${users} concurrent users need at least ${needVcpu} vCPU (e.g. ${suggestClass(primary.catalogEntry.family, needVcpu)}).`,
                        primary.member.resource.urn,
                    );
                }
            }
            if (db.replicas.length < needReplicas) {
                reportViolation(
                    `Cluster "${cluster.name}" has ${db.replicas.length} read replica(s); ${users} concurrent users need at least ${needReplicas}.`,
                    (db.primaries[0] ?? db.replicas[0]).member.resource.urn,
                );
            }
        }
    },
};

function suggestClass(family: string, vcpu: number): string {
    const sameFamily = smallestDatabaseClass(family, vcpu);
    return (sameFamily.vcpu >= vcpu ? sameFamily : smallestDatabaseClass("db.m7g", vcpu)).name;
}
