/**
 * The monthly cost estimate of a planned cluster: every billable part the stack creates, from the
 * catalog's prices (catalog.ts, {@link PRICE_SOURCE}), with the assumptions that turn usage into
 * money stated next to the figures and what is left out listed.
 *
 * Two figures: `total` (the stack as configured: office-hours schedule and Spot share included) and
 * `alwaysOnOnDemand` (the same capacity on on-demand instances around the clock). Only the HTTP
 * fleet differs between them; each carries its HTTP-fleet line. The parts sum to the total.
 *
 * Pure: no Pulumi resources, no I/O.
 */
import {
    ASSUMED_SPOT_DISCOUNT,
    HOURS_PER_MONTH,
    PRICE_SOURCE,
    UNIT_PRICES,
    VALKEY_PRICE_FACTOR,
    cacheNodeType,
    databaseInstanceClass,
    nodeInstanceType,
} from "./catalog";
import { HOURS_PER_WEEK, OfficeHoursPlan } from "./officeHours";
import { SpotPlan, spotNodesAt } from "./spotCapacity";

/**
 * Usage assumptions: what the estimate cannot know from the plan. Each is a round, stated figure
 * for a typical Odoo back office; change the traffic ones for a web shop or a portal.
 */
export const COST_ASSUMPTIONS = {
    /** Spot discount against on-demand (see catalog.ts {@link ASSUMED_SPOT_DISCOUNT}). */
    spotDiscount: ASSUMED_SPOT_DISCOUNT,
    /** Load Balancer Capacity Units the ALB averages (new connections, active connections, bytes, rules). */
    albLcus: 2,
    /** GB a node sends through the NAT gateway a month: image pulls, OS packages, AWS API calls (S3 uses the free gateway endpoint). */
    natGbPerNodeMonth: 15,
    /** GB served to the internet per declared concurrent user a month (pages, reports, attachments). */
    egressGbPerUserMonth: 1,
    /** GB crossing availability zones per declared concurrent user a month (load balancer → node → database, each way counted). */
    crossAzGbPerUserMonth: 2,
    /** GB of logs (Odoo, nginx, cloud-init) a node ingests into CloudWatch Logs a month. */
    logGbPerNodeMonth: 2,
    /** GB of VPC flow logs a month, when flow logs are on. */
    flowLogGbPerMonth: 10,
    /** Share of the EFS filestore in Standard; the rest has moved to Infrequent Access (lifecycle after 30 days). */
    efsStandardShare: 0.2,
    /** Backup storage held, as a multiple of the backed-up size (a full copy plus incrementals over the retention). */
    backupCopies: 1,
} as const;

/** What is not in the estimate, and why. */
export const COST_EXCLUSIONS: readonly string[] = [
    "Scale-out above the daytime minimum (target tracking adds nodes on load; hours unknown)",
    "Reserved Instances, Savings Plans, Free Tier and private pricing (list prices only)",
    "Taxes and the AWS Support plan",
    "The first 100 GB of internet egress a month (free per account, not per stack)",
    "Route 53 public hosted zone ($0.50/month) and its queries: the stack adds records to an existing zone; alias queries to the ALB are free",
    "ACM public certificate (free), data transfer inside one AZ and RDS Multi-AZ replication (free)",
    "Secrets Manager and KMS API calls (nodes read secrets at boot and about every 10 minutes: cents a month)",
    "EFS Infrequent Access read charges ($0.01/GB) and S3 request charges",
    "ECR storage of a custom image, CloudWatch API calls, Performance Insights beyond the free 7 days",
    "Route 53 queries to the private replica zone ($0.40 per million)",
];

/** One billable part. */
export interface CostLine {
    /** Stable key of the part, e.g. `httpFleet`, `database`, `natGateways`. */
    part: string;
    /** USD a month as configured (schedules and Spot share applied). */
    usd: number;
    /** USD a month with the same capacity on on-demand instances around the clock. */
    alwaysOnOnDemandUsd: number;
    /** How the figure is computed, with its quantities. */
    basis: string;
}

/** A part's figure in both views. */
export interface CostFigures {
    /** As configured. */
    total: number;
    /** Always on, on-demand. */
    alwaysOnOnDemand: number;
}

/** Usage assumptions as printed with the estimate (see {@link COST_ASSUMPTIONS}). */
export interface CostUsageAssumptions {
    /** Load Balancer Capacity Units the ALB averages. */
    albLcus: number;
    /** GB through the NAT gateway per node a month. */
    natGbPerNodeMonth: number;
    /** GB to the internet per declared user a month. */
    egressGbPerUserMonth: number;
    /** GB across availability zones per declared user a month. */
    crossAzGbPerUserMonth: number;
    /** GB of logs per node a month. */
    logGbPerNodeMonth: number;
    /** GB of VPC flow logs a month, when on. */
    flowLogGbPerMonth: number;
    /** Share of the EFS filestore in Standard. */
    efsStandardShare: number;
    /** Backup storage as a multiple of the backed-up size. */
    backupCopies: number;
}

/** Where the prices come from. */
export interface CostPriceSource {
    /** AWS region of the prices. */
    region: string;
    /** Currency. */
    currency: string;
    /** Month the prices were taken (YYYY-MM). */
    asOf: string;
    /** The AWS pricing pages. */
    pages: string[];
}

/** The estimate's assumptions as printed with it. */
export interface CostAssumptionsReport {
    /** Spot discount against on-demand, 0–1. */
    spotDiscount: number;
    /** Hours a week the HTTP fleet runs at its daytime minimum (168 without office hours). */
    daytimeHoursPerWeek: number;
    /** HTTP nodes outside those hours. */
    offHoursNodes: number;
    /** HTTP nodes on Spot at the daytime minimum. */
    spotNodesDaytime: number;
    /** Hours in a month. */
    hoursPerMonth: number;
    /** Every other usage assumption, by name. */
    usage: CostUsageAssumptions;
}

/** The monthly cost estimate, USD. */
export interface MonthlyCost {
    /** The stack as configured, with its office-hours schedule and Spot share. Sum of `lines[].usd`. */
    total: number;
    /** The same capacity on on-demand instances, 24/7. Sum of `lines[].alwaysOnOnDemandUsd`. */
    alwaysOnOnDemand: number;
    /** The HTTP fleet's line in both views (instances and their root volumes). */
    httpFleet: CostFigures;
    /** Every billable part. */
    lines: CostLine[];
    /** Assumptions behind the figures. */
    assumptions: CostAssumptionsReport;
    /** What the estimate leaves out. */
    excluded: string[];
    /** Region, currency and date of the prices, and their pages. */
    prices: CostPriceSource;
}

/** What the estimate needs to know about the planned cluster. */
export interface CostInputs {
    concurrentUsers: number;
    production: boolean;
    http: {
        instanceType: string;
        /** Daytime minimum (the ASG's minimum in office hours, or always). */
        nodes: number;
        spot: SpotPlan;
        officeHours?: OfficeHoursPlan;
    };
    /** The dedicated cron node, absent in single-node mode. */
    cron?: { instanceType: string };
    rootVolumeGb: number;
    database: {
        instanceClass: string;
        multiAz: boolean;
        storageGb: number;
        replicas: number;
        replicaInstanceClass: string;
    };
    cache: { nodeType: string; nodes: number };
    filestore: { kind: string; gb: number };
    network: { natGateways: number; flowLogs: boolean };
    /** Log retention of the nodes' log group, days. */
    logRetentionDays: number;
    /** AWS Backup plans for the database and filestore (production by default). */
    awsBackup: boolean;
    /** Secrets Manager secrets the stack creates. */
    secrets: number;
    /** Customer-managed KMS keys the stack creates. */
    kmsKeys: number;
    /** CloudWatch alarms and dashboards the stack creates. */
    alarms: number;
    dashboards: number;
    /** Route 53 hosted zones the stack creates (the private zone over the replicas). */
    hostedZones: number;
}

function cents(n: number): number {
    return Math.round(n * 100) / 100;
}

function usd(n: number): string {
    return `$${n.toFixed(n < 1 ? 3 : 2)}`;
}

/** Cost of one hour of the HTTP fleet at `nodes` nodes: on-demand nodes at list price, Spot ones at the assumed discount. */
function fleetHourUsd(price: number, spot: SpotPlan, nodes: number, discount: number): number {
    const onSpot = spotNodesAt(spot, nodes);
    return (nodes - onSpot) * price + onSpot * price * (1 - discount);
}

/** Estimates the monthly cost of a planned cluster. */
export function estimateMonthlyCost(input: CostInputs): MonthlyCost {
    const a = COST_ASSUMPTIONS;
    const lines: CostLine[] = [];
    const add = (part: string, usdValue: number, basis: string, alwaysOn = usdValue) =>
        lines.push({ part, usd: cents(usdValue), alwaysOnOnDemandUsd: cents(alwaysOn), basis });
    const month = (perHour: number) => perHour * HOURS_PER_MONTH;

    // HTTP fleet: daytime minimum during office hours (plus the lead), the floor outside, Spot above the base.
    const node = nodeInstanceType(input.http.instanceType);
    const n = input.http.nodes;
    const hours = input.http.officeHours;
    const daytime = hours ? hours.daytimeHoursPerWeek : HOURS_PER_WEEK;
    const floor = hours ? hours.offHoursNodes : n;
    const volumeHour = (input.rootVolumeGb * UNIT_PRICES.ebsGp3UsdPerGbMonth) / HOURS_PER_MONTH;
    const weekly =
        daytime * (fleetHourUsd(node.usdPerHour, input.http.spot, n, a.spotDiscount) + n * volumeHour) +
        (HOURS_PER_WEEK - daytime) * (fleetHourUsd(node.usdPerHour, input.http.spot, floor, a.spotDiscount) + floor * volumeHour);
    const fleet = (weekly * HOURS_PER_MONTH) / HOURS_PER_WEEK;
    const fleetAlwaysOn = month(n * (node.usdPerHour + volumeHour));
    const spotDaytime = spotNodesAt(input.http.spot, n);
    add(
        "httpFleet",
        fleet,
        `${n} × ${node.name} at ${usd(node.usdPerHour)}/h + ${input.rootVolumeGb} GB gp3 each` +
            (hours ? `; ${daytime} h/week at ${n}, ${floor} outside (${hours.timeZone})` : "; 24/7") +
            (input.http.spot.enabled
                ? `; ${spotDaytime} of ${n} on Spot at ${Math.round(a.spotDiscount * 100)} % off (base ${input.http.spot.onDemandBaseNodes} on-demand)`
                : "; on-demand"),
        fleetAlwaysOn,
    );

    if (input.cron) {
        const cron = nodeInstanceType(input.cron.instanceType);
        add("cronNode", month(cron.usdPerHour + volumeHour), `1 × ${cron.name} on-demand 24/7 (never Spot) + ${input.rootVolumeGb} GB gp3`);
    }

    const db = databaseInstanceClass(input.database.instanceClass);
    const copies = input.database.multiAz ? 2 : 1;
    add(
        "database",
        month(db.usdPerHour) * copies,
        `${db.name} at ${usd(db.usdPerHour)}/h${input.database.multiAz ? " × 2 (Multi-AZ)" : ""}`,
    );
    if (input.database.replicas > 0) {
        const replica = databaseInstanceClass(input.database.replicaInstanceClass);
        add(
            "replicas",
            month(replica.usdPerHour) * input.database.replicas,
            `${input.database.replicas} × ${replica.name} at ${usd(replica.usdPerHour)}/h`,
        );
    }
    const dbCopies = copies + input.database.replicas;
    add(
        "databaseStorage",
        input.database.storageGb * UNIT_PRICES.rdsGp3UsdPerGbMonth * dbCopies,
        `${input.database.storageGb} GB gp3 × ${dbCopies} copies at ${usd(UNIT_PRICES.rdsGp3UsdPerGbMonth)}/GB-month (automated backups within the free 100 %)`,
    );

    if (input.cache.nodes > 0) {
        const cache = cacheNodeType(input.cache.nodeType);
        add(
            "sessionCache",
            month(cache.usdPerHour * VALKEY_PRICE_FACTOR) * input.cache.nodes,
            `${input.cache.nodes} × ${cache.name} (Valkey, ${VALKEY_PRICE_FACTOR} × Redis OSS price)`,
        );
    }

    const gb = input.filestore.gb;
    if (input.filestore.kind === "efs") {
        const standard = gb * a.efsStandardShare;
        add(
            "filestore",
            standard * UNIT_PRICES.efsStandardUsdPerGbMonth + (gb - standard) * UNIT_PRICES.efsInfrequentAccessUsdPerGbMonth,
            `EFS ${gb} GB: ${Math.round(a.efsStandardShare * 100)} % Standard at ${usd(UNIT_PRICES.efsStandardUsdPerGbMonth)}, the rest Infrequent Access at ${usd(UNIT_PRICES.efsInfrequentAccessUsdPerGbMonth)}/GB-month`,
        );
    } else if (input.filestore.kind === "s3") {
        add(
            "filestore",
            gb * UNIT_PRICES.s3StandardUsdPerGbMonth,
            `S3 Standard ${gb} GB at ${usd(UNIT_PRICES.s3StandardUsdPerGbMonth)}/GB-month`,
        );
    }

    if (input.awsBackup) {
        const rds = input.database.storageGb * a.backupCopies * UNIT_PRICES.backupRdsUsdPerGbMonth;
        const files = input.filestore.kind === "local" ? 0 : gb * a.backupCopies * UNIT_PRICES.backupEfsUsdPerGbMonth;
        add("backups", rds + files, `AWS Backup: ${a.backupCopies} × database ${input.database.storageGb} GB and filestore ${gb} GB held`);
    }

    add("loadBalancer", month(UNIT_PRICES.albUsdPerHour + a.albLcus * UNIT_PRICES.albUsdPerLcuHour), `ALB hour + ${a.albLcus} LCU average`);

    const nodesAlways = n + (input.cron ? 1 : 0);
    const natGb = nodesAlways * a.natGbPerNodeMonth;
    add(
        "natGateways",
        input.network.natGateways * month(UNIT_PRICES.natGatewayUsdPerHour) + natGb * UNIT_PRICES.natGatewayUsdPerGb,
        `${input.network.natGateways} × NAT gateway hour + ${natGb} GB processed (${a.natGbPerNodeMonth} GB per node)`,
    );

    const egress = input.concurrentUsers * a.egressGbPerUserMonth;
    const crossAz = input.concurrentUsers * a.crossAzGbPerUserMonth;
    add(
        "dataTransfer",
        egress * UNIT_PRICES.internetEgressUsdPerGb + crossAz * UNIT_PRICES.crossAzUsdPerGb * 2,
        `${egress} GB to the internet at ${usd(UNIT_PRICES.internetEgressUsdPerGb)}/GB, ${crossAz} GB across AZs at ${usd(UNIT_PRICES.crossAzUsdPerGb)}/GB each way`,
    );

    const logGb = nodesAlways * a.logGbPerNodeMonth + (input.network.flowLogs ? a.flowLogGbPerMonth : 0);
    const storedLogGb = (logGb * Math.min(input.logRetentionDays, 3653)) / 30;
    const detailed = input.production ? nodesAlways : 0;
    add(
        "cloudWatch",
        input.alarms * UNIT_PRICES.cloudwatchAlarmUsdPerMonth +
            input.dashboards * UNIT_PRICES.cloudwatchDashboardUsdPerMonth +
            detailed * UNIT_PRICES.ec2DetailedMonitoringUsdPerInstanceMonth +
            logGb * UNIT_PRICES.cloudwatchLogsIngestUsdPerGb +
            storedLogGb * UNIT_PRICES.cloudwatchLogsStorageUsdPerGbMonth,
        `${input.alarms} alarms, ${input.dashboards} dashboard(s), detailed monitoring on ${detailed} instance(s), ` +
            `${logGb} GB logs ingested a month, ~${Math.round(storedLogGb)} GB kept (${input.logRetentionDays} days)`,
    );

    add(
        "secretsAndKeys",
        input.secrets * UNIT_PRICES.secretsManagerUsdPerSecretMonth + input.kmsKeys * UNIT_PRICES.kmsKeyUsdPerMonth,
        `${input.secrets} Secrets Manager secret(s), ${input.kmsKeys} customer-managed KMS key(s)`,
    );
    if (input.hostedZones > 0) {
        add(
            "route53",
            input.hostedZones * UNIT_PRICES.route53HostedZoneUsdPerMonth,
            `${input.hostedZones} private hosted zone(s) (the replicas' host name)`,
        );
    }

    const fleetLine = lines[0];
    return {
        total: cents(lines.reduce((s, l) => s + l.usd, 0)),
        alwaysOnOnDemand: cents(lines.reduce((s, l) => s + l.alwaysOnOnDemandUsd, 0)),
        httpFleet: { total: fleetLine.usd, alwaysOnOnDemand: fleetLine.alwaysOnOnDemandUsd },
        lines,
        assumptions: {
            spotDiscount: a.spotDiscount,
            daytimeHoursPerWeek: daytime,
            offHoursNodes: floor,
            spotNodesDaytime: spotDaytime,
            hoursPerMonth: HOURS_PER_MONTH,
            usage: {
                albLcus: a.albLcus,
                natGbPerNodeMonth: a.natGbPerNodeMonth,
                egressGbPerUserMonth: a.egressGbPerUserMonth,
                crossAzGbPerUserMonth: a.crossAzGbPerUserMonth,
                logGbPerNodeMonth: a.logGbPerNodeMonth,
                flowLogGbPerMonth: a.flowLogGbPerMonth,
                efsStandardShare: a.efsStandardShare,
                backupCopies: a.backupCopies,
            },
        },
        excluded: [...COST_EXCLUSIONS],
        prices: { region: PRICE_SOURCE.region, currency: PRICE_SOURCE.currency, asOf: PRICE_SOURCE.asOf, pages: [...PRICE_SOURCE.pages] },
    };
}
