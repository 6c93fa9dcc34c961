/**
 * The environment program (`pulumi up` per stack). For now it plans capacity from the stack's
 * `odoo-aws:concurrentUsers` and exports the plan; the OdooCluster wiring lands with the
 * component issues.
 */
import * as pulumi from "@pulumi/pulumi";
import { planCapacity } from "../components/sizing";

const config = new pulumi.Config("odoo-aws");
const environment = config.get("environment") ?? pulumi.getStack();

export const capacityPlan = planCapacity({
    concurrentUsers: config.requireNumber("concurrentUsers"),
    production: environment === "prod",
});
