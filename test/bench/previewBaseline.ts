/**
 * The baseline of `npm run bench`: what any offline preview must pay before it does any work of
 * its own — load @pulumi/pulumi and @pulumi/aws, boot the policy pack, ask it what it holds.
 */
import "@pulumi/pulumi";
import "@pulumi/aws";
import { startPolicyAnalyzer } from "../../stacks/engine/policyAnalyzer";
import { policyPackDirForPreview } from "../../stacks/cli/preview";

(async () => {
    const analyzer = await startPolicyAnalyzer({ packDir: await policyPackDirForPreview() });
    await analyzer.getAnalyzerInfo();
    await analyzer.close();
})().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
});
