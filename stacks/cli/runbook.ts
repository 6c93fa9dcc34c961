/**
 * `npm run runbook -- failover|restore-filestore [> script.sh]`
 *
 * Prints a runbook script: the failover to the standby region, or the filestore half of a restore.
 * The scripts read every value from environment variables (README "Restore drill", "Failover").
 */
import { renderFilestoreRestoreScript } from "../../components/operations/restoreFilestoreScript";
import { renderFailoverScript } from "../../components/standby/failoverScript";

/** The runbooks by name. */
export const RUNBOOKS: Readonly<Record<string, () => string>> = {
    failover: renderFailoverScript,
    "restore-filestore": renderFilestoreRestoreScript,
};

/** The script text of runbook `name`; throws with the list of names otherwise. */
export function runbookScript(name: string | undefined): string {
    const render = name === undefined ? undefined : RUNBOOKS[name];
    if (!render) {
        throw new Error(`usage: npm run runbook -- ${Object.keys(RUNBOOKS).join("|")}`);
    }
    return render();
}

if (require.main === module) {
    try {
        process.stdout.write(runbookScript(process.argv[2]));
    } catch (e) {
        process.stderr.write(`${(e as Error).message}\n`);
        process.exit(2);
    }
}
