/**
 * The Spot interruption watcher, run by a real bash against stubs: curl answers as the instance
 * metadata service (IMDSv2: a token first, then the instance action, 404 until the warning), aws
 * records its calls and can fail, and sleep advances a virtual clock.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SPOT_POLL_SECONDS, SPOT_WATCH_SCRIPT, renderSpotWatchUnit } from "../../../components/nodes/spotInterruption";
import { shellcheck } from "../../harness/debianTools";
import { scratchDir } from "../../harness/scratch";
import { VIRTUAL_CLOCK_STUBS, elapsedSeconds, startClock } from "../../harness/virtualClock";

const EU = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/odoo-20261201101010123400000001/0123456789abcdef";
const US = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/odoo-web/fedcba9876543210";
const INSTANCE = "i-0123456789abcdef0";

/** IMDS as curl sees it. TOKEN_FAILS: PUTs that fail first; QUIET_POLLS: 404s before the warning. */
const CURL_STUB = `#!/bin/bash
echo "curl $*" >>"$CALLS"
count() { local n; n=$(cat "$1" 2>/dev/null || echo 0); echo $((n + 1)) >"$1"; echo "$n"; }
case "$*" in
  *"-X PUT"*"/api/token"*)
    [ "$(count "$STATE/puts")" -ge "\${TOKEN_FAILS:-0}" ] || exit 22
    printf tok ;;
  *"/meta-data/spot/instance-action"*)
    [[ "$*" == *"X-aws-ec2-metadata-token: tok"* ]] || { printf 401; exit 0; }
    if [ "$(count "$STATE/polls")" -ge "\${QUIET_POLLS:-0}" ]; then printf 200; else printf 404; fi ;;
  *"/meta-data/instance-id"*)
    [[ "$*" == *"X-aws-ec2-metadata-token: tok"* ]] || exit 22
    printf ${INSTANCE} ;;
  *) echo "curl stub: unexpected $*" >&2; exit 2 ;;
esac
`;

/** The AWS CLI: records each call; the first AWS_FAILS calls fail (throttling, a network blip). */
const AWS_STUB = `#!/bin/bash
echo "aws $*" >>"$CALLS"
n=$(cat "$STATE/aws" 2>/dev/null || echo 0); echo $((n + 1)) >"$STATE/aws"
[ "$n" -ge "\${AWS_FAILS:-0}" ]
`;

function watch(args: string[], env: Record<string, string>) {
    const dir = scratchDir("spot-watch");
    try {
        for (const [name, text] of Object.entries({ ...VIRTUAL_CLOCK_STUBS, curl: CURL_STUB, aws: AWS_STUB })) {
            writeFileSync(join(dir, name), text, { mode: 0o755 });
        }
        const script = join(dir, "odoo-aws-spot-watch");
        writeFileSync(script, SPOT_WATCH_SCRIPT, { mode: 0o755 });
        const calls = join(dir, "calls");
        // Counters of the stubs, apart from the stubs themselves.
        const state = join(dir, "state");
        mkdirSync(state);
        writeFileSync(calls, "");
        const clock = startClock(dir);
        const r = spawnSync("bash", [script, ...args], {
            encoding: "utf8",
            env: { PATH: `${dir}:/usr/bin:/bin`, CALLS: calls, STATE: state, ...clock, ...env },
            timeout: 20_000,
        });
        const lines = readFileSync(calls, "utf8").trim().split("\n");
        return {
            status: r.status,
            output: r.stdout + r.stderr,
            aws: lines.filter((l) => l.startsWith("aws ")),
            curl: lines.filter((l) => l.startsWith("curl ")),
            seconds: elapsedSeconds(clock),
        };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

describe("the Spot interruption watcher on an HTTP node", () => {
    it("passes shellcheck", () => {
        const result = shellcheck({ "odoo-aws-spot-watch": SPOT_WATCH_SCRIPT });
        assert.ok(result.ok, result.output);
    });

    it("on the warning leaves every target group, each in the region of its ARN, and exits", () => {
        const r = watch([EU, US], {});
        assert.equal(r.status, 0, r.output);
        assert.deepEqual(r.aws, [
            `aws elbv2 deregister-targets --region eu-west-1 --target-group-arn ${EU} --targets Id=${INSTANCE}`,
            `aws elbv2 deregister-targets --region us-east-1 --target-group-arn ${US} --targets Id=${INSTANCE}`,
        ]);
        assert.match(r.output, new RegExp(`spot interruption: ${INSTANCE} left ${US}`));
    });

    it("polls every 5 seconds with an IMDSv2 token while no warning has come, and only then acts", () => {
        const r = watch([US], { QUIET_POLLS: "12" });
        assert.equal(r.status, 0, r.output);
        assert.equal(r.seconds, 12 * SPOT_POLL_SECONDS);
        const polls = r.curl.filter((c) => c.includes("/spot/instance-action"));
        assert.equal(polls.length, 13);
        assert.ok(
            polls.every((c) => c.includes("X-aws-ec2-metadata-token: tok")),
            "every poll carries the session token",
        );
        assert.equal(r.aws.length, 1);
    });

    it("waits out a metadata service that gives no token, asking again every 5 seconds, and asks for the action only with one", () => {
        const r = watch([US], { TOKEN_FAILS: "3" });
        assert.equal(r.status, 0, r.output);
        assert.equal(r.seconds, 3 * SPOT_POLL_SECONDS);
        assert.equal(r.curl.filter((c) => c.includes("/spot/instance-action")).length, 1);
    });

    it("retries the deregistration until the API answers, since the node has only two minutes", () => {
        const r = watch([US], { AWS_FAILS: "3" });
        assert.equal(r.status, 0, r.output);
        assert.equal(r.aws.length, 4);
        assert.equal(r.seconds, 3 * 2);
    });

    it("renders its unit only for target group ARNs, which land on its command line", () => {
        assert.match(renderSpotWatchUnit([EU, US]), new RegExp(`^ExecStart=/usr/local/sbin/odoo-aws-spot-watch ${EU} ${US}$`, "m"));
        assert.throws(() => renderSpotWatchUnit([`${US}; rm -rf /`]), /not a target group ARN/);
        assert.throws(
            () => renderSpotWatchUnit(["arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/odoo/0123"]),
            /not a target group ARN/,
        );
    });
});
