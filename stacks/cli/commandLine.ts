/**
 * How a command of stacks/cli runs when node starts its file: its exit code becomes the process's,
 * and an error nobody turned into a message prints its stack and exits 2 (a usage error's code).
 */
export function runAsCommand(main: (argv: string[]) => Promise<number>): void {
    main(process.argv.slice(2)).then(
        (code) => {
            process.exitCode = code;
        },
        (e) => {
            process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
            process.exitCode = 2;
        },
    );
}
