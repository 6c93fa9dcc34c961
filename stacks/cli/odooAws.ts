/**
 * `odoo-aws <command>`: the repository's command-line tool (package.json "bin"; the npm scripts
 * `preview` and `plan` are aliases). Reports go to stdout and nothing else does, so
 * `odoo-aws preview --stack prod --json | jq .` reads clean JSON; notes and errors go to stderr.
 */
import * as path from "node:path";
import { runAsCommand } from "./commandLine";
import { repositoryRoot } from "./repository";
import { availableStacks } from "./stackFile";

// The commands load lazily: `plan` and `--help` need neither the Pulumi SDK nor the policy engine.
const previewCommand = () => import("./preview");
const planCommand = () => import("./plan");

/** Where the committed architecture pictures of the shipped stacks live (the README shows prod's). */
export const DIAGRAMS_DIR = path.join(repositoryRoot(), "stacks", "diagrams");

/** Redraws stacks/diagrams/<stack>.svg for every shipped stack from its resource graph. */
export async function drawShippedDiagrams(err: (s: string) => void): Promise<string[]> {
    const previewCli = await previewCommand();
    const files: string[] = [];
    for (const stack of availableStacks(previewCli.STACKS_DIR)) {
        const file = path.join(DIAGRAMS_DIR, `${stack}.svg`);
        await previewCli.writeDiagram(await previewCli.stackArchitecture(stack), file);
        err(`wrote ${path.relative(process.cwd(), file)}\n`);
        files.push(file);
    }
    return files;
}

/** The top-level help. */
export const TOOL_HELP = `usage: odoo-aws <command> [options]

Commands:
  preview   offline pulumi preview of a shipped stack through the policy pack: capacity plan,
            resource tree, outputs, policy verdicts; --json, --verbose, --diagram <file.svg|png>
  plan      the capacity plan and monthly cost for a number of concurrent users, without a stack
  diagrams  redraw stacks/diagrams/<stack>.svg for every shipped stack (after changing a stack
            or a component; a test fails while they are stale)

Run \`odoo-aws <command> --help\` for a command's options. From a clone: npx odoo-aws …, or
npm run -s preview -- … / npm run -s plan -- … (-s keeps npm's banner off stdout).

Exit status: 0 clean, 1 a mandatory policy violation (preview), 2 a usage or configuration error.
`;

/**
 * The plan's help. Kept here rather than in plan.ts so the command's flags and its words live
 * side by side with the tool's help; a test checks it names every flag plan.ts parses.
 */
export const PLAN_HELP = `usage: odoo-aws plan --users <1-5000> [options] | odoo-aws plan --stack <name> [options]

The capacity plan for a number of concurrent users — nodes, workers, database class and replicas,
connection budget, shared state, network — and the monthly cost estimate. Offline; no stack needed.
It is what OdooCluster builds for the same choices; like the cluster, it assumes the official
image unless told what yours carries.

  --users <n>            concurrent users to serve (required)
  --production           plan as production: Multi-AZ database, three zones with a NAT each
  --odoo-version <v>     17.0, 18.0 (default) or 19.0; Redis sessions exist up to 18.0
  --session-redis        the image carries session_redis (imageAddons.sessionRedis): a fleet then
                         gets Redis sessions and a cache; without it, sessions on the EFS filestore
  --s3-attachments       the image carries the OCA S3 attachment addons (imageAddons.s3Attachments),
                         needed for --filestore s3
  --node-type <type>     HTTP node instance type instead of the table's (e.g. c7g.xlarge)
  --cron-type <type>     cron node instance type
  --db-class <class>     database instance class (e.g. db.r7g.4xlarge)
  --replicas <n>         read replicas
  --sessions <kind>      redis, filestore or local
  --filestore <kind>     efs, s3 or local
  --single-node          one node running HTTP and cron
  --fleet                an HTTP fleet plus a cron node, even when one node would do
  --requests-per-minute <r>  requests one concurrent user sends per minute, for the capacity model
                         (default 12); the plan adds nodes where the model's targets need them
  --stack <name>         plan a shipped stack's cluster (stacks/Pulumi.<name>.yaml) as OdooCluster
                         does; with --users or --requests-per-minute, a what-if on that cluster.
                         The "Capacity model" section says how many users it takes, and at what p95
  --chart <file.svg>     also draw the model's p95 and utilisation against users for the planned cluster
  --json                 the plan as JSON on stdout (with its "model" block)
  -h, --help             this help
`;

/** Runs the tool; returns the exit code. */
export async function main(
    argv: string[],
    out: (s: string) => void = (s) => process.stdout.write(s),
    err: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
    const [command, ...rest] = argv;
    switch (command) {
        case "preview":
            return (await previewCommand()).main(rest, out, err);
        case "plan":
            if (rest.includes("--help") || rest.includes("-h")) {
                out(PLAN_HELP);
                return 0;
            }
            return (await planCommand()).main(rest, out, err);
        case "diagrams":
            if (rest.length > 0) {
                (rest.includes("--help") || rest.includes("-h") ? out : err)(
                    "usage: odoo-aws diagrams\n\nRedraws stacks/diagrams/<stack>.svg for every shipped stack.\n",
                );
                return rest.includes("--help") || rest.includes("-h") ? 0 : 2;
            }
            await drawShippedDiagrams(err);
            return 0;
        case undefined:
        case "help":
        case "-h":
        case "--help":
            (command === undefined ? err : out)(TOOL_HELP);
            return command === undefined ? 2 : 0;
        default:
            err(`unknown command ${JSON.stringify(command)}\n\n${TOOL_HELP}`);
            return 2;
    }
}

if (require.main === module) {
    runAsCommand(main);
}
