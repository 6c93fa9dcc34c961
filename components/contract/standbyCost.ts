/**
 * The monthly cost of a disaster-recovery standby in a second region, added to the cluster's
 * estimate as lines of their own: what the standby runs all the time (the cross-region replica, the
 * network, the filestore replica, the backup copies) and what crossing regions costs. Its parked
 * node groups run nothing until a failover. Prices are the catalog's us-east-1 list prices; most
 * second regions are within a few percent, some (São Paulo, Zurich) noticeably dearer.
 *
 * Pure: no Pulumi resources, no I/O.
 */
import { HOURS_PER_MONTH, UNIT_PRICES, databaseInstanceClass } from "./catalog";
import { COST_ASSUMPTIONS, CostLine, MonthlyCost } from "./costEstimate";

/** What the standby's estimate needs to know. */
export interface StandbyCostInputs {
    /** The second region, for the lines' wording. */
    region: string;
    /** Class of the cross-region replica. */
    replicaInstanceClass: string;
    /** Its storage, GB (the primary's). */
    storageGb: number;
    /** The filestore the standby replicates: EFS is replicated, S3 and a local filestore are not. */
    filestore: { kind: string; gb: number };
    /** NAT gateways of the standby's own network (0 in an adopted VPC). */
    natGateways: number;
    /** Whether the standby has a load balancer (and parked node groups). */
    loadBalancer: boolean;
    /** Whether the cluster's AWS Backup plan copies its recovery points to the standby's vault. */
    backupCopies: boolean;
    /** Declared concurrent users: they drive the change rate that crosses regions. */
    concurrentUsers: number;
    /** Alarms in the standby region. */
    alarms: number;
}

/**
 * GB that cross regions a month per declared concurrent user: the database's write-ahead log to the
 * replica and changed files to the filestore replica. An assumption, like the others in
 * {@link COST_ASSUMPTIONS}: an Odoo back office writes far less than it reads.
 */
export const STANDBY_INTER_REGION_GB_PER_USER_MONTH = 1;

const month = (usdPerHour: number) => usdPerHour * HOURS_PER_MONTH;
const usd = (n: number) => `$${n < 1 ? n.toFixed(3) : n.toFixed(2)}`;
const cents = (n: number) => Math.round(n * 100) / 100;

/** The standby's lines (same figure in both views: nothing of it is scheduled or on Spot). */
export function estimateStandbyCost(input: StandbyCostInputs): CostLine[] {
    const lines: CostLine[] = [];
    const add = (part: string, value: number, basis: string) => {
        const v = cents(value);
        lines.push({ part, usd: v, alwaysOnOnDemandUsd: v, basis });
    };
    const replica = databaseInstanceClass(input.replicaInstanceClass);
    add(
        "standbyDatabase",
        month(replica.usdPerHour) + input.storageGb * UNIT_PRICES.rdsGp3UsdPerGbMonth,
        `cross-region replica in ${input.region}: ${replica.name} at ${usd(replica.usdPerHour)}/h, single-AZ, + ${input.storageGb} GB gp3`,
    );
    if (input.filestore.kind === "efs") {
        const gb = input.filestore.gb;
        const standard = gb * COST_ASSUMPTIONS.efsStandardShare;
        add(
            "standbyFilestore",
            standard * UNIT_PRICES.efsStandardUsdPerGbMonth + (gb - standard) * UNIT_PRICES.efsInfrequentAccessUsdPerGbMonth,
            `EFS replica in ${input.region}: ${gb} GB, priced as the primary's`,
        );
    }
    if (input.backupCopies) {
        const files = input.filestore.kind === "local" ? 0 : input.filestore.gb;
        const stored =
            input.storageGb * COST_ASSUMPTIONS.backupCopies * UNIT_PRICES.backupRdsUsdPerGbMonth +
            files * COST_ASSUMPTIONS.backupCopies * UNIT_PRICES.backupEfsUsdPerGbMonth;
        add(
            "standbyBackupCopies",
            stored,
            `AWS Backup copies in ${input.region}: database ${input.storageGb} GB and filestore ${files} GB held`,
        );
    }
    const network =
        input.natGateways * month(UNIT_PRICES.natGatewayUsdPerHour) + (input.loadBalancer ? month(UNIT_PRICES.albUsdPerHour) : 0);
    if (network > 0) {
        add(
            "standbyNetwork",
            network,
            `${input.natGateways} × NAT gateway hour${input.loadBalancer ? " + an idle ALB hour" : ""} in ${input.region}; node groups parked at 0`,
        );
    }
    const crossGb = input.concurrentUsers * STANDBY_INTER_REGION_GB_PER_USER_MONTH;
    add(
        "standbyReplicationTransfer",
        crossGb * UNIT_PRICES.interRegionUsdPerGb,
        `${crossGb} GB a month to ${input.region} (write-ahead log and changed files, ${STANDBY_INTER_REGION_GB_PER_USER_MONTH} GB per user) at ${usd(UNIT_PRICES.interRegionUsdPerGb)}/GB`,
    );
    add(
        "standbySecretsAndKeys",
        2 * UNIT_PRICES.secretsManagerUsdPerSecretMonth +
            UNIT_PRICES.kmsKeyUsdPerMonth +
            input.alarms * UNIT_PRICES.cloudwatchAlarmUsdPerMonth,
        `2 replicated secrets, 1 KMS key and ${input.alarms} alarm(s) in ${input.region}`,
    );
    return lines;
}

/** `cost` with the standby's lines added and its totals recomputed (the HTTP fleet's line is unchanged). */
export function withStandbyCost(cost: MonthlyCost, standby: CostLine[]): MonthlyCost {
    const lines = [...cost.lines, ...standby];
    return {
        ...cost,
        lines,
        total: cents(lines.reduce((s, l) => s + l.usd, 0)),
        alwaysOnOnDemand: cents(lines.reduce((s, l) => s + l.alwaysOnOnDemandUsd, 0)),
    };
}
