/** AWS Backup names: vaults 2–50 of a-z A-Z 0-9 - _; plans and selections 1–50 of a-z A-Z 0-9 - _ . */
import { BACKUP_DOCS } from "../../components/contract/awsLimits";
import { preflightRule, stringField } from "../support/preflightRule";

const PATTERNS: Record<string, { what: string; pattern: RegExp; accepted: string }> = {
    "aws:backup/vault:Vault": { what: "vault", pattern: /^[a-zA-Z0-9_-]{2,50}$/, accepted: "2–50 letters, digits, - or _" },
    "aws:backup/plan:Plan": { what: "plan", pattern: /^[a-zA-Z0-9_.-]{1,50}$/, accepted: "1–50 letters, digits, -, _ or ." },
    "aws:backup/selection:Selection": { what: "selection", pattern: /^[a-zA-Z0-9_.-]{1,50}$/, accepted: "1–50 letters, digits, -, _ or ." },
};

export const backupNames = preflightRule({
    name: "aws-backup-names",
    description: "AWS Backup vault names have 2–50 letters, digits, - or _; plan and selection names 1–50 letters, digits, -, _ or .",
    url: BACKUP_DOCS.vault,
    types: Object.keys(PATTERNS),
    remediationSteps: "Shorten the name to 50 characters and use only letters, digits, - and _ (plans and selections also .).",
    check: (fields, type) => {
        const name = stringField(fields, "name");
        const spec = PATTERNS[type];
        return name === undefined || spec.pattern.test(name) ? [] : [`the ${spec.what} name "${name}" is not ${spec.accepted}`];
    },
});
