/**
 * `OdooUpgrade`: the database initialise/upgrade step of a deploy. Once per change of the Odoo
 * version, the image or the list of modules to upgrade, it runs `odoo -u <modules>
 * --stop-after-init` (or `-i base` on an empty database) on the one node that runs cron, through
 * SSM Run Command, waits for the result and fails `pulumi up` when the upgrade fails or times out.
 *
 * The scripts are in `operationScripts.ts`; what they assume of the node is `NODE_CONTRACT` there.
 */
import * as aws from "@pulumi/aws";
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { OdooClusterContext, ResolvedClusterContext, resolveClusterContext } from "../contract/clusterContext";
import { OdooArgumentError, requireWholeNumber } from "../contract/errors";
import { waitAtLeastTheRollout } from "../contract/rollout";
import { CRON_ROLES, renderUpgradeDriverScript, renderUpgradeNodeScript, renderUpgradeParameters } from "./operationScripts";
import { DEFAULT_ODOO_VERSION, OdooVersion, requireOdooVersion } from "../contract/odooVersion";

/** Arguments of {@link OdooUpgrade}. */
export interface OdooUpgradeArgs extends OdooUpgradeOptions {
    /** The cluster: its name and environment find the cron node by its odoo:* tags. */
    cluster: OdooClusterContext;
    /** Odoo version the cluster runs. Default: the package's default version. */
    odooVersion?: OdooVersion;
    /** Image the fleet runs, the one the upgrade uses. Default: `odoo:<odooVersion>`. A Docker reference, no whitespace. */
    image?: string;
    /** The Odoo database. Default: `odoo`. */
    databaseName?: string;
    /** Name of the cron node's Auto Scaling group: the step first waits for its instance refresh to end. Default: no wait. */
    cronGroupName?: pulumi.Input<string>;
    /** CloudWatch log group that receives the full output of the node (SSM truncates what it returns at 24,000 characters). Default: none. */
    logGroupName?: pulumi.Input<string>;
    /**
     * The longest the cron node's rollout can take before the step finds it online, seconds
     * (OdooCluster computes it: launch, warm-up, termination and a margin). `nodeWaitSeconds`
     * defaults to it and may not be lower. Default: none (then `nodeWaitSeconds` defaults to 900).
     */
    rolloutSeconds?: number;
}

/** Settings of {@link OdooUpgrade}; also `operations.upgrade` of OdooCluster. */
export interface OdooUpgradeOptions {
    /**
     * Technical names of the modules to upgrade (`-u`), or `["all"]`. Changing the list (or the
     * version or image) runs the step again. Default: none: the step then only initialises an empty
     * database. At most 100 names.
     */
    upgradeModules?: string[];
    /** Seconds the upgrade may run on the node before it is cancelled and the update fails. Default: 3600; 300–28800. */
    timeoutSeconds?: number;
    /**
     * Seconds to wait for the cron node's refresh to end and exactly one cron node to be online in
     * Systems Manager. Default: the cluster's computed cron rollout (`rolloutSeconds`), else 900;
     * 60–14400, and not below `rolloutSeconds`.
     */
    nodeWaitSeconds?: number;
    /** Seconds between two status checks. Default: 15; 5–60. */
    pollSeconds?: number;
}

/** Validated arguments with their defaults. */
export interface ResolvedUpgradeArgs {
    context: ResolvedClusterContext;
    odooVersion: OdooVersion;
    image: string;
    modules: string[];
    databaseName: string;
    timeoutSeconds: number;
    nodeWaitSeconds: number;
    pollSeconds: number;
}

/** A Docker image reference: `[registry[:port]/]name[/name…][:tag][@sha256:digest]`. */
const IMAGE_REFERENCE =
    /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]{1,5})?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;
/** Odoo module technical names: letters, digits, underscores. */
const MODULE_NAME = /^[A-Za-z0-9_]{1,64}$/;
/** A PostgreSQL database name Odoo accepts (and a shell can carry without quoting trouble). */
const DATABASE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/** Validates a Docker image reference, naming `property`. */
export function requireImageReference(value: unknown, property = "image"): string {
    if (typeof value !== "string" || value.length > 255 || !IMAGE_REFERENCE.test(value)) {
        throw new OdooArgumentError(
            property,
            value,
            "a Docker image reference such as odoo:18.0 or <account>.dkr.ecr.<region>.amazonaws.com/odoo:18.0-custom",
        );
    }
    return value;
}

/** Validates the module list: technical names, no duplicates, `all` only alone. */
export function requireModuleList(value: unknown, property = "upgradeModules"): string[] {
    if (value === undefined) {
        return [];
    }
    if (!Array.isArray(value) || value.length > 100) {
        throw new OdooArgumentError(property, value, 'a list of at most 100 module technical names, or ["all"]');
    }
    value.forEach((m, i) => {
        if (typeof m !== "string" || !MODULE_NAME.test(m)) {
            throw new OdooArgumentError(`${property}[${i}]`, m, "a module technical name (letters, digits, underscores), e.g. sale_stock");
        }
        if (value.indexOf(m) !== i) {
            throw new OdooArgumentError(`${property}[${i}]`, m, "each module once");
        }
    });
    if (value.includes("all") && value.length > 1) {
        throw new OdooArgumentError(property, value, '["all"] alone, or a list of modules without "all"');
    }
    return [...value];
}

/** Validates {@link OdooUpgradeArgs}. Pure; throws an OdooArgumentError. */
export function resolveUpgradeArgs(args: OdooUpgradeArgs): ResolvedUpgradeArgs {
    if (!args || typeof args !== "object") {
        throw new OdooArgumentError("args", args, "an object with at least cluster");
    }
    const context = resolveClusterContext(args.cluster);
    const odooVersion = args.odooVersion === undefined ? DEFAULT_ODOO_VERSION : requireOdooVersion(args.odooVersion);
    const image = args.image === undefined ? `odoo:${odooVersion}` : requireImageReference(args.image);
    const modules = requireModuleList(args.upgradeModules);
    const databaseName = args.databaseName ?? "odoo";
    if (typeof databaseName !== "string" || !DATABASE_NAME.test(databaseName)) {
        throw new OdooArgumentError(
            "databaseName",
            databaseName,
            "1–63 letters, digits, dots, dashes or underscores, starting with a letter or digit",
        );
    }
    if (args.cronGroupName === null || args.cronGroupName === "") {
        throw new OdooArgumentError("cronGroupName", args.cronGroupName, "the cron node's Auto Scaling group name, or nothing");
    }
    return {
        context,
        odooVersion,
        image,
        modules,
        databaseName,
        timeoutSeconds:
            args.timeoutSeconds === undefined ? 3600 : requireWholeNumber("timeoutSeconds", args.timeoutSeconds, { min: 300, max: 28800 }),
        nodeWaitSeconds: waitAtLeastTheRollout("nodeWaitSeconds", args.nodeWaitSeconds, args.rolloutSeconds, 900),
        pollSeconds: args.pollSeconds === undefined ? 15 : requireWholeNumber("pollSeconds", args.pollSeconds, { min: 5, max: 60 }),
    };
}

/** The values whose change runs the step again: Odoo version, image, modules to upgrade. */
export function upgradeTriggers(resolved: Pick<ResolvedUpgradeArgs, "odooVersion" | "image" | "modules">): string[] {
    return [resolved.odooVersion, resolved.image, resolved.modules.join(",")];
}

/** Runs the database initialise/upgrade step on the cron node when the version, image or module list changes. */
export class OdooUpgrade extends pulumi.ComponentResource {
    /** The image the last upgrade ran. */
    public readonly image: pulumi.Output<string>;
    /** The modules the step upgrades. */
    public readonly upgradeModules: pulumi.Output<string[]>;
    /** What the node printed during the last run. */
    public readonly stdout: pulumi.Output<string>;

    constructor(name: string, args: OdooUpgradeArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveUpgradeArgs(args);
        super("odoo-aws:index:OdooUpgrade", name, {}, opts);
        const ctx = resolved.context;
        const region = aws.getRegionOutput({}, { parent: this }).region;
        const nodeScript = renderUpgradeNodeScript({
            odooVersion: resolved.odooVersion,
            image: resolved.image,
            databaseName: resolved.databaseName,
            modules: resolved.modules,
        });
        const environment: Record<string, pulumi.Input<string>> = {
            AWS_REGION: region,
            ODOO_CLUSTER: ctx.name,
            ODOO_ENVIRONMENT: ctx.environment,
            ODOO_NODE_ROLES: CRON_ROLES.join(","),
            ODOO_UPGRADE_PARAMETERS: renderUpgradeParameters(nodeScript, resolved.timeoutSeconds),
            ODOO_UPGRADE_TIMEOUT: String(resolved.timeoutSeconds),
            ODOO_NODE_WAIT: String(resolved.nodeWaitSeconds),
            ODOO_POLL_SECONDS: String(resolved.pollSeconds),
            ODOO_UPGRADE_COMMENT: `odoo-aws upgrade of ${ctx.name} (${ctx.environment})`,
        };
        if (args.cronGroupName !== undefined) {
            environment.ODOO_CRON_GROUP = args.cronGroupName;
        }
        if (args.logGroupName !== undefined) {
            environment.ODOO_LOG_GROUP = args.logGroupName;
        }
        const run = new command.local.Command(
            `${name}-run`,
            {
                create: renderUpgradeDriverScript(),
                interpreter: ["/bin/bash", "-c"],
                environment,
                triggers: upgradeTriggers(resolved),
                // The output of a previous run is of no use to the next and can be large.
                addPreviousOutputInEnv: false,
            },
            { parent: this },
        );

        this.image = pulumi.output(resolved.image);
        this.upgradeModules = pulumi.output(resolved.modules);
        this.stdout = run.stdout;
        this.registerOutputs({ image: this.image, upgradeModules: this.upgradeModules, stdout: this.stdout });
    }
}
