/**
 * `OdooHealthGate`: after a deploy, waits until Odoo answers `/web/health` with
 * `{"status": "pass"}` through the load balancer, and fails `pulumi up` when it does not within a
 * bounded time. It runs again whenever what a deploy changes (version, image, launch template
 * versions) changes.
 *
 * The script is in `operationScripts.ts`.
 */
import * as aws from "@pulumi/aws";
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { OdooClusterContext, resolveClusterContext } from "../contract/clusterContext";
import { OdooArgumentError, requireWholeNumber } from "../contract/errors";
import { renderHealthGateScript } from "./operationScripts";
import { waitAtLeastTheRollout } from "../contract/rollout";

/** Arguments of {@link OdooHealthGate}. */
export interface OdooHealthGateArgs extends OdooHealthGateOptions {
    /** The cluster the gate checks. */
    cluster: OdooClusterContext;
    /**
     * Base URL of the site as users reach it, e.g. `https://erp.example.com` (the certificate must
     * match it). `/web/health` is appended. http:// or https://, no credentials.
     */
    url: pulumi.Input<string>;
    /**
     * Auto Scaling groups whose latest instance refresh must end first — the refresh of a deploy
     * runs after `pulumi up` has updated the group, so without this the gate could pass on the old
     * nodes. A refresh that failed fails the gate. Default: none.
     */
    autoScalingGroupNames?: pulumi.Input<string>[];
    /** Trigger: the Odoo version; a change runs the gate again. */
    odooVersion?: string;
    /** Trigger: the image reference; a change runs the gate again. */
    image?: string;
    /** Trigger: the nodes' launch template versions; a change (any node change) runs the gate again. */
    launchTemplateVersions?: pulumi.Input<number>[];
    /**
     * The longest the rollout the gate follows can take, seconds (OdooCluster computes it from the
     * batches, warm-up and deregistration delay). `timeoutSeconds` defaults to it and may not be
     * lower. Default: none (then `timeoutSeconds` defaults to 900).
     */
    rolloutSeconds?: number;
}

/** Settings of {@link OdooHealthGate}; also `operations.healthGate` of OdooCluster. */
export interface OdooHealthGateOptions {
    /**
     * Seconds the gate waits at most, refreshes included, before it fails the update. Default: the
     * cluster's computed rollout (`rolloutSeconds`), else 900; 60–14400, and not below
     * `rolloutSeconds`.
     */
    timeoutSeconds?: number;
    /** Seconds between two checks. Default: 10; 2–300, and less than `timeoutSeconds`. */
    intervalSeconds?: number;
    /**
     * Passing answers needed in a row. Through the load balancer each check may reach another
     * node, so several in a row sample the fleet. Default: 3; 1–20.
     */
    consecutiveSuccesses?: number;
    /**
     * Ask Odoo to check its PostgreSQL connection too (`?db_server_status=1`, answered by
     * 17.0–19.0). Default: true.
     */
    checkDatabase?: boolean;
}

/** Validated arguments with their defaults. */
export interface ResolvedHealthGateArgs {
    timeoutSeconds: number;
    intervalSeconds: number;
    consecutiveSuccesses: number;
    checkDatabase: boolean;
}

/** Validates {@link OdooHealthGateArgs}. Pure; throws an OdooArgumentError. */
export function resolveHealthGateArgs(args: OdooHealthGateArgs): ResolvedHealthGateArgs {
    if (!args || typeof args !== "object") {
        throw new OdooArgumentError("args", args, "an object with cluster and url");
    }
    resolveClusterContext(args.cluster);
    const url = args.url;
    if (
        url === undefined ||
        url === null ||
        (typeof url === "string" && !/^https?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/[A-Za-z0-9._~/-]*)?$/.test(url))
    ) {
        throw new OdooArgumentError(
            "url",
            url,
            "an http:// or https:// URL without credentials, query or fragment, e.g. https://erp.example.com",
        );
    }
    const timeoutSeconds = waitAtLeastTheRollout("timeoutSeconds", args.timeoutSeconds, args.rolloutSeconds, 900);
    const intervalSeconds =
        args.intervalSeconds === undefined
            ? 10
            : requireWholeNumber("intervalSeconds", args.intervalSeconds, { min: 2, max: Math.min(300, timeoutSeconds - 1) });
    if (args.checkDatabase !== undefined && typeof args.checkDatabase !== "boolean") {
        throw new OdooArgumentError("checkDatabase", args.checkDatabase, "true or false");
    }
    for (const key of ["odooVersion", "image"] as const) {
        if (args[key] !== undefined && (typeof args[key] !== "string" || args[key] === "")) {
            throw new OdooArgumentError(key, args[key], "a non-empty string");
        }
    }
    if (
        args.autoScalingGroupNames !== undefined &&
        (!Array.isArray(args.autoScalingGroupNames) || args.autoScalingGroupNames.length > 10)
    ) {
        throw new OdooArgumentError("autoScalingGroupNames", args.autoScalingGroupNames, "a list of at most 10 Auto Scaling group names");
    }
    if (args.launchTemplateVersions !== undefined && !Array.isArray(args.launchTemplateVersions)) {
        throw new OdooArgumentError("launchTemplateVersions", args.launchTemplateVersions, "a list of launch template versions");
    }
    return {
        timeoutSeconds,
        intervalSeconds,
        consecutiveSuccesses:
            args.consecutiveSuccesses === undefined
                ? 3
                : requireWholeNumber("consecutiveSuccesses", args.consecutiveSuccesses, { min: 1, max: 20 }),
        checkDatabase: args.checkDatabase ?? true,
    };
}

/** Fails the update unless Odoo reports itself healthy through the load balancer within a bounded time. */
export class OdooHealthGate extends pulumi.ComponentResource {
    /** The URL the gate polls. */
    public readonly healthUrl: pulumi.Output<string>;
    /** The longest the gate waits, seconds. */
    public readonly timeoutSeconds: pulumi.Output<number>;

    constructor(name: string, args: OdooHealthGateArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveHealthGateArgs(args);
        super("odoo-aws:index:OdooHealthGate", name, {}, opts);
        const environment: Record<string, pulumi.Input<string>> = {
            ODOO_HEALTH_URL: args.url,
            ODOO_HEALTH_TIMEOUT: String(resolved.timeoutSeconds),
            ODOO_HEALTH_INTERVAL: String(resolved.intervalSeconds),
            ODOO_HEALTH_SUCCESSES: String(resolved.consecutiveSuccesses),
            ODOO_HEALTH_CHECK_DATABASE: resolved.checkDatabase ? "1" : "0",
        };
        const groups = args.autoScalingGroupNames ?? [];
        if (groups.length > 0) {
            environment.ODOO_HEALTH_GROUPS = pulumi.all(groups).apply((names) => names.join(" "));
            environment.AWS_REGION = aws.getRegionOutput({}, { parent: this }).region;
        }
        const triggers: pulumi.Input<string | number>[] = [
            args.odooVersion ?? "",
            args.image ?? "",
            ...(args.launchTemplateVersions ?? []),
        ];
        new command.local.Command(
            `${name}-check`,
            {
                create: renderHealthGateScript(),
                interpreter: ["/bin/bash", "-c"],
                environment,
                triggers,
                addPreviousOutputInEnv: false,
            },
            { parent: this },
        );

        this.healthUrl = pulumi
            .output(args.url)
            .apply((u) => `${u.replace(/\/$/, "")}/web/health${resolved.checkDatabase ? "?db_server_status=1" : ""}`);
        this.timeoutSeconds = pulumi.output(resolved.timeoutSeconds);
        this.registerOutputs({ healthUrl: this.healthUrl, timeoutSeconds: this.timeoutSeconds });
    }
}
