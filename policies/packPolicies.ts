/**
 * Every policy the pack serves: the Odoo rules, then the `aws-*` preflight rules. Apart from
 * index.ts, which serves them, so tests and the benchmark load the same list without a gRPC server.
 */
import { Policies } from "@pulumi/policy";
import { awsPreflightPolicies } from "./aws/awsPreflightPolicies";
import { odooPolicies } from "./odoo/odooPolicies";

export const packPolicies: Policies = [...odooPolicies, ...awsPreflightPolicies];
