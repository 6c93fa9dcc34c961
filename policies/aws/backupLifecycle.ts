/** AWS Backup keeps a recovery point in cold storage at least 90 days: delete-after ≥ cold-storage-after + 90. */
import { BACKUP_DOCS, backupLifecycleProblems } from "../../components/contract/awsLimits";
import { Fields, numberField, objectField, objectList, preflightRule, stringField } from "../support/preflightRule";

function lifecycleProblems(where: string, lifecycle: Fields | undefined): string[] {
    return backupLifecycleProblems(numberField(lifecycle, "coldStorageAfter"), numberField(lifecycle, "deleteAfter")).map(
        (p) => `${where}: ${p}`,
    );
}

export const backupLifecycle = preflightRule({
    name: "aws-backup-lifecycle",
    description: "A backup rule (and each copy action) deletes recovery points at least 90 days after moving them to cold storage",
    url: BACKUP_DOCS.lifecycle,
    types: ["aws:backup/plan:Plan"],
    remediationSteps: "Raise deleteAfter to coldStorageAfter + 90 or more, or drop coldStorageAfter.",
    check: (fields) => {
        const problems: string[] = [];
        objectList(fields, "rules").forEach((rule, i) => {
            const name = stringField(rule, "ruleName") ?? `rules[${i}]`;
            problems.push(...lifecycleProblems(`rule ${name}`, objectField(rule, "lifecycle")));
            objectList(rule, "copyActions").forEach((copy, j) =>
                problems.push(...lifecycleProblems(`rule ${name} copy action ${j}`, objectField(copy, "lifecycle"))),
            );
        });
        return problems;
    },
});
