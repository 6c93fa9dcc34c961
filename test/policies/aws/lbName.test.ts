import { lbName } from "../../../policies/aws/lbName";
import { describePreflightRule, single } from "./preflightCases";

describePreflightRule({
    rule: lbName,
    fixture: single({ type: "aws:lb/loadBalancer:LoadBalancer", props: { name: "erp-prod", loadBalancerType: "application" } }),
    subject: "subject",
    accepts: [
        { title: "a 32-character name", change: (p) => (p.name = "a".repeat(32)) },
        { title: "a six-character prefix", change: (p) => ((p.namePrefix = "erp-p-"), delete p.name) },
    ],
    rejects: [
        { title: "a 33-character name", change: (p) => (p.name = "e".repeat(33)), message: /33 characters long; accepted: 1–32/ },
        { title: "an underscore", change: (p) => (p.name = "erp_prod"), message: /"_"/ },
        { title: "a trailing hyphen", change: (p) => (p.name = "erp-"), message: /begins or ends with a hyphen/ },
        { title: "a name starting with internal-", change: (p) => (p.name = "internal-erp"), message: /internal-/ },
        { title: "a seven-character prefix", change: (p) => ((p.namePrefix = "erpprod"), delete p.name), message: /name prefix "erpprod"/ },
    ],
    unknown: { title: "a name built from a stack output", change: (p, unknown) => (p.name = unknown("erp_prod")) },
});
