/**
 * The policies of the pack, in the order `pulumi preview` lists them, and the pack's identity.
 * Kept apart from index.ts, which serves them, so tests and the benchmark can load the policies
 * without starting a gRPC server.
 */
import { Policies } from "@pulumi/policy";
import { connectionBudget } from "./connectionBudget";
import { cronOnDemand } from "./cronOnDemand";
import { databaseDurability } from "./databaseDurability";
import { databaseEncryptedAndPrivate } from "./databaseEncryptedAndPrivate";
import { databaseNotBurstable } from "./databaseNotBurstable";
import { databaseSizedForUsers } from "./databaseSizedForUsers";
import { filestoreProtected } from "./filestoreProtected";
import { httpWorkerCapacity } from "./httpWorkerCapacity";
import { modelCapacity } from "./modelCapacity";
import { httpsOnlyInProduction } from "./httpsOnlyInProduction";
import { imdsv2Required } from "./imdsv2Required";
import { multiAzFleet } from "./multiAzFleet";
import { noSecretsInUserData } from "./noSecretsInUserData";
import { replicaConnections } from "./replicaConnections";
import { nodeVolumesEncrypted } from "./nodeVolumesEncrypted";
import { sessionCacheEncrypted } from "./sessionCacheEncrypted";
import { sharedFilestore } from "./sharedFilestore";
import { sharedSessions } from "./sharedSessions";
import { singleCronNode } from "./singleCronNode";
import { stickyTargetGroups } from "./stickyTargetGroups";
import { websocketRouting } from "./websocketRouting";
import { backupsOutsideRegion } from "./backupsOutsideRegion";
import { restoredCopySafe } from "./restoredCopySafe";

/** The pack's name (`pulumi preview --policy-pack` reports violations under it). */
export const POLICY_PACK_NAME = "odoo-aws";

/** Every policy of the pack. */
export const odooPolicies: Policies = [
    // Mandatory: the architecture.
    singleCronNode,
    databaseSizedForUsers,
    sharedFilestore,
    sharedSessions,
    stickyTargetGroups,
    connectionBudget,
    replicaConnections,
    cronOnDemand,
    // Mandatory: security and durability.
    databaseEncryptedAndPrivate,
    databaseDurability,
    filestoreProtected,
    sessionCacheEncrypted,
    imdsv2Required,
    nodeVolumesEncrypted,
    noSecretsInUserData,
    httpsOnlyInProduction,
    restoredCopySafe,
    // Advisory unless configured mandatory.
    backupsOutsideRegion,
    // Advisory.
    httpWorkerCapacity,
    modelCapacity,
    databaseNotBurstable,
    multiAzFleet,
    websocketRouting,
];
