/**
 * The odoo-aws CrossGuard policy pack: `pulumi preview --policy-pack policies`.
 *
 * Policies judge only the AWS resources of a stack, through the odoo:* tag contract the components
 * write (components/contract/tags.ts), and reach every mandatory verdict from values known at preview.
 * The `aws-*` preflight rules (policies/aws) judge any stack: what AWS would refuse at create time.
 */
import { PolicyPack } from "@pulumi/policy";
import { POLICY_PACK_NAME } from "./odoo/odooPolicies";
import { packPolicies } from "./packPolicies";
import { cacheStructDecoding } from "./support/structDecodingCache";

cacheStructDecoding();

new PolicyPack(POLICY_PACK_NAME, {
    displayName: "Odoo on AWS",
    description:
        "Guardrails for Odoo scaled horizontally on AWS: one cron node, a database sized for the declared users, shared filestore and sessions, a connection budget that fits, secure, durable defaults — and, for any stack, what AWS itself would refuse at create time.",
    provider: "aws",
    tags: ["odoo", "aws", "architecture", "security"],
    policies: packPolicies,
});
