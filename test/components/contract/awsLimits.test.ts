import { strict as assert } from "node:assert";
import {
    accessPointPathProblems,
    alarmEvaluationProblems,
    authTokenProblems,
    backupLifecycleProblems,
    bucketNameProblems,
    certificateDomainProblems,
    elbNameProblems,
    healthyPercentageProblems,
    iamNameProblems,
    launchesBeforeTerminating,
    logGroupNameProblems,
    parameterGroupFamily,
    performanceInsightsRetentionProblems,
    rdsIdentifierProblems,
    securityGroupNameProblems,
    securityGroupTextProblems,
    sslPolicyProblems,
} from "../../../components/contract/awsLimits";

describe("AWS limits (components/contract/awsLimits.ts)", () => {
    it("accepts EC2's security-group character set and refuses an apostrophe, a quote and non-ASCII", () => {
        assert.deepEqual(securityGroupTextProblems("d", "Odoo nodes of erp (prod): 8080 from the ALB [only] #1 @x+=&;{}!$*"), []);
        assert.match(securityGroupTextProblems("d", "Odoo's nodes")[0], /"'"/);
        assert.match(securityGroupTextProblems("d", 'say "hi"')[0], /"\\""/);
        assert.match(securityGroupTextProblems("d", "Zürich")[0], /"ü"/);
        assert.match(securityGroupTextProblems("d", "x".repeat(256))[0], /256 characters/);
        assert.match(securityGroupNameProblems("sg-web").join(), /starts with "sg-"/);
    });

    it("holds load-balancer and target-group names to 32 alphanumerics or hyphens, no hyphen at either end", () => {
        assert.deepEqual(elbNameProblems("target group", "erp-prod-web"), []);
        assert.equal(elbNameProblems("target group", "a".repeat(33)).length, 1);
        assert.equal(elbNameProblems("load balancer", "-erp").length, 1);
        assert.equal(elbNameProblems("load balancer", "erp_web").length, 1);
        assert.equal(elbNameProblems("load balancer", "internal-erp").length, 1);
        assert.deepEqual(elbNameProblems("target group", "internal-erp"), []);
    });

    it("allows healthy percentages of min 0–100 and max 100–200 at most 100 apart, and tells launch-before-terminate", () => {
        assert.deepEqual(healthyPercentageProblems(100, 200), []);
        assert.deepEqual(healthyPercentageProblems(0, 100), []);
        assert.equal(healthyPercentageProblems(50, 200).length, 1);
        assert.equal(healthyPercentageProblems(undefined, 200).length, 1, "AWS's default minimum of 90 is 110 below 200");
        assert.equal(healthyPercentageProblems(101, undefined).length, 1);
        assert.equal(launchesBeforeTerminating(110), true);
        assert.equal(launchesBeforeTerminating(100), false);
        assert.equal(launchesBeforeTerminating(undefined), false);
    });

    it("applies RDS's identifier rules and derives the parameter group family from engine and version", () => {
        assert.deepEqual(rdsIdentifierProblems("id", "erp-prod-db", 63), []);
        assert.equal(rdsIdentifierProblems("id", "1erp", 63).length, 1);
        assert.equal(rdsIdentifierProblems("id", "erp--db", 63).length, 1);
        assert.equal(rdsIdentifierProblems("id", "erp-", 63).length, 1);
        assert.equal(rdsIdentifierProblems("id", "a".repeat(64), 63).length, 1);
        assert.equal(parameterGroupFamily("postgres", "17.4"), "postgres17");
        assert.equal(parameterGroupFamily("aurora-postgresql", "16"), "aurora-postgresql16");
        assert.equal(parameterGroupFamily("mysql", "8.0.35"), "mysql8.0");
        assert.deepEqual(performanceInsightsRetentionProblems(7), []);
        assert.deepEqual(performanceInsightsRetentionProblems(93), []);
        assert.deepEqual(performanceInsightsRetentionProblems(731), []);
        assert.equal(performanceInsightsRetentionProblems(94).length, 1);
        assert.equal(performanceInsightsRetentionProblems(744).length, 1);
    });

    it("checks AUTH tokens, bucket names, IAM and log group names, alarms, backups, domains, paths and TLS policies", () => {
        assert.deepEqual(authTokenProblems("a".repeat(64)), []);
        assert.equal(authTokenProblems("short").length, 1);
        assert.doesNotMatch(authTokenProblems(`${"a".repeat(20)}@/`)[0], /@/, "never echoes the secret's characters");
        assert.deepEqual(bucketNameProblems("acme-erp-attachments"), []);
        assert.ok(bucketNameProblems("Acme_Logs").length > 0);
        assert.ok(bucketNameProblems("192.168.5.4").length > 0);
        assert.ok(bucketNameProblems("logs-s3alias").length > 0);
        assert.equal(iamNameProblems("role", "r".repeat(65), 64).length, 1);
        assert.equal(logGroupNameProblems("/odoo/erp prod").length, 1);
        assert.deepEqual(alarmEvaluationProblems(300, 3, 2), []);
        assert.equal(alarmEvaluationProblems(45, 1, undefined).length, 1);
        assert.equal(alarmEvaluationProblems(300, 289, undefined).length, 1);
        assert.equal(alarmEvaluationProblems(60, 3, 4).length, 1);
        assert.deepEqual(backupLifecycleProblems(30, 120), []);
        assert.equal(backupLifecycleProblems(30, 119).length, 1);
        assert.deepEqual(certificateDomainProblems("*.erp.example.com"), []);
        assert.equal(certificateDomainProblems("erp.*.example.com").length, 1);
        assert.deepEqual(accessPointPathProblems("/odoo"), []);
        assert.equal(accessPointPathProblems("/a/b/c/d/e").length, 1);
        assert.deepEqual(sslPolicyProblems("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"), []);
        assert.equal(sslPolicyProblems("TLS13").length, 1);
    });
});
