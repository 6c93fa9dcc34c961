/**
 * Graceful Spot interruption on an HTTP node: a systemd service polls the instance metadata for
 * `spot/instance-action` every 5 seconds (the interval AWS recommends,
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-instance-termination-notices.html) and,
 * on the two-minute warning, deregisters the node from its target groups with the instance role.
 * The load balancer stops sending it new requests at once and lets running ones finish within the
 * deregistration delay, before EC2 stops the instance; sessions live in Redis or on EFS, so users
 * are served by the other nodes without logging in again.
 *
 * Why on the node rather than an EventBridge rule: the rule would need a Lambda function (code,
 * packaging, its own role and logs) to do the same one API call; the node already has a role, and
 * IMDS is the one place that learns of the interruption without any other moving part. Capacity
 * rebalancing usually replaces the node earlier, through the group's normal, draining termination.
 *
 * Pure: the script and its unit as text.
 */

/** Where the watcher lives on the node. */
export const SPOT_WATCH_PATHS = {
    script: "/usr/local/sbin/odoo-aws-spot-watch",
    unit: "/etc/systemd/system/odoo-aws-spot-watch.service",
} as const;

/** Seconds between two metadata polls. */
export const SPOT_POLL_SECONDS = 5;

const TARGET_GROUP_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup\/[A-Za-z0-9-]+\/[0-9a-f]+$/;

/** The watcher script: the target groups' ARNs come as arguments (the region is read from each ARN). */
export const SPOT_WATCH_SCRIPT = `#!/bin/bash
# Leaves the load balancer's target groups on a Spot interruption warning, so the node drains first.
set -u
imds=http://169.254.169.254/latest
while true; do
  token=$(curl -sf -X PUT "$imds/api/token" -H 'X-aws-ec2-metadata-token-ttl-seconds: 300') || { sleep ${SPOT_POLL_SECONDS}; continue; }
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-aws-ec2-metadata-token: $token" "$imds/meta-data/spot/instance-action")
  if [ "$code" = 200 ]; then
    id=$(curl -sf -H "X-aws-ec2-metadata-token: $token" "$imds/meta-data/instance-id")
    for tg in "$@"; do
      region=$(cut -d: -f4 <<<"$tg")
      until aws elbv2 deregister-targets --region "$region" --target-group-arn "$tg" --targets "Id=$id"; do sleep 2; done
      echo "spot interruption: $id left $tg"
    done
    exit 0
  fi
  sleep ${SPOT_POLL_SECONDS}
done
`;

/** The systemd unit that runs the watcher for `targetGroupArns` (validated: they land on a command line). */
export function renderSpotWatchUnit(targetGroupArns: string[]): string {
    for (const arn of targetGroupArns) {
        if (!TARGET_GROUP_ARN.test(arn)) {
            throw new Error(`not a target group ARN: ${JSON.stringify(arn)}`);
        }
    }
    return `[Unit]
Description=Leave the load balancer on a Spot interruption warning
After=network-online.target
Wants=network-online.target

[Service]
ExecStart=${SPOT_WATCH_PATHS.script} ${targetGroupArns.join(" ")}
Restart=on-failure
RestartSec=5

[Install]
WantedBy=multi-user.target
`;
}
