import { strict as assert } from "node:assert";
import { gzipSync } from "node:zlib";
import { findSecrets } from "../../../policies/support/secretPatterns";
import { FIXTURE_TYPES, OdooStackFixture, base64, cloudConfig, computed, odooConf, productionCluster } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";
import { judge } from "../fixtures/odooStack";

const NAME = "odoo-no-secrets-in-user-data";
const verdict = (f: OdooStackFixture, mode: "preview" | "update") => diagnosticsOf(NAME, f, mode);
const CONF = odooConf({ workers: 6, maxCronThreads: 0, dbMaxconn: 64, dbHost: "db" });

/** The HTTP launch template with `extra` lines appended to its odoo.conf, as a literal (known at preview). */
function withConfLines(extra: string, encodeConf = false): OdooStackFixture {
    return productionCluster().mutate("erp-http-lt", (p) => (p.userData = base64(cloudConfig(CONF + extra, { encodeConf }))));
}

describe(NAME, () => {
    inBothModes("accepts user data that fetches secrets at boot", async (mode) => {
        expectNone(await verdict(productionCluster(), mode));
    });

    it("says it is not applicable, rather than failing or passing silently, while user data is unknown", async () => {
        const result = await judge(productionCluster(), "preview");
        const notApplicable = result.notApplicable.filter((n) => n.policyName === NAME);
        assert.equal(notApplicable.length, 2, JSON.stringify(result.notApplicable));
        assert.match(notApplicable[0].reason, /user data is not known until its inputs are/);
        assert.equal(result.diagnostics.filter((d) => d.policyName === NAME).length, 0);
    });

    inBothModes("rejects an admin_passwd in odoo.conf, redacting the value", async (mode) => {
        const diagnostics = await verdict(withConfLines("admin_passwd = S3cr3t-Master-Pw\n"), mode);
        expectViolations(diagnostics, 1, "mandatory", /erp-http-lt of cluster "erp": userData contains a literal value for admin_passwd/);
        assert.doesNotMatch(diagnostics[0].message, /S3cr3t-Master-Pw/);
    });

    inBothModes("rejects a db_password inside a base64-encoded write_files entry", async (mode) => {
        expectViolations(
            await verdict(withConfLines("db_password = hunter2hunter2\n", true), mode),
            1,
            "mandatory",
            /a literal value for db_password/,
        );
    });

    inBothModes("accepts Odoo's 'no password' values and placeholders", async (mode) => {
        expectNone(await verdict(withConfLines("db_password = False\nadmin_passwd = ${ADMIN_PASSWORD}\nsmtp_password = %(smtp)s\n"), mode));
    });

    inBothModes("rejects an AWS access key, a private key and a password inside a Redis URL", async (mode) => {
        const extra = "; AKIAIOSFODNN7EXAMPLE\n";
        const files = [
            {
                path: "/root/.ssh/id_ed25519",
                content: "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n",
            },
            {
                path: "/etc/odoo/redis.env",
                content: "ODOO_SESSION_REDIS_URL=rediss://:Sup3rSecretToken@master.erp-sessions.cache.amazonaws.com:6379\n",
            },
        ];
        const f = productionCluster().mutate("erp-http-lt", (p) => (p.userData = base64(cloudConfig(CONF + extra, { extraFiles: files }))));
        const kinds = (await verdict(f, mode)).map((d) => d.message.replace(/^[\s\S]*contains (an? [a-zA-Z ]+?):[\s\S]*$/, "$1"));
        assert.deepEqual(kinds.sort(), ["a password inside a URL", "a private key", "an AWS access key ID"]);
    });

    inBothModes("decodes gzip-compressed user data", async (mode) => {
        const gz = gzipSync(Buffer.from(cloudConfig(`${CONF}admin_passwd = zipped-secret-1\n`))).toString("base64");
        const f = productionCluster().mutate("erp-cron-lt", (p) => (p.userData = gz));
        expectViolations(await verdict(f, mode), 1, "mandatory", /erp-cron-lt .* admin_passwd/);
    });

    it("scans computed user data at the update, when the engine knows it", async () => {
        const f = productionCluster().mutate(
            "erp-http-lt",
            (p) => (p.userData = computed(base64(cloudConfig(`${CONF}admin_passwd = later-known-pw\n`)))),
        );
        expectNone(await verdict(f, "preview"));
        expectViolations(await verdict(f, "update"), 1, "mandatory", /admin_passwd/);
    });

    inBothModes("scans a standalone instance's plain-text user data", async (mode) => {
        const f = productionCluster();
        const tags = { ...(f.get("erp-http-lt").props.tags as Record<string, string>) };
        f.add({
            type: FIXTURE_TYPES.instance,
            name: "erp-debug",
            props: {
                instanceType: "c7g.large",
                metadataOptions: { httpTokens: "required" },
                rootBlockDevice: { encrypted: true },
                userData: "#!/bin/bash\nexport PGPASSWORD=plaintext-pw\n",
                tags,
            },
        });
        expectViolations(await verdict(f, mode), 1, "mandatory", /erp-debug .* a literal value for PGPASSWORD/);
    });
});

describe("findSecrets", () => {
    it("finds literal secrets under the keys Odoo, PostgreSQL, cloud-init and AWS use", () => {
        const text = [
            "admin_passwd = a1",
            "db_password: b2",
            "PGPASSWORD=c3",
            "aws_secret_access_key = d4",
            "ODOO_SESSION_REDIS_PASSWORD='e5'",
            "  password: f6",
            '"api_key": "g7"',
            "psql --password=h8",
        ].join("\n");
        assert.deepEqual(
            findSecrets(text).map((f) => f.kind),
            [
                "a literal value for admin_passwd",
                "a literal value for db_password",
                "a literal value for PGPASSWORD",
                "a literal value for aws_secret_access_key",
                "a literal value for ODOO_SESSION_REDIS_PASSWORD",
                "a literal value for password",
                "a literal value for api_key",
                "a literal value for --password",
            ],
        );
    });

    it("accepts references to secrets and the metadata-token dance", () => {
        const text = [
            'TOKEN=$(curl -sX PUT "http://169.254.169.254/latest/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 21600")',
            'curl -s -H "X-aws-ec2-metadata-token: $TOKEN" http://169.254.169.254/latest/meta-data/',
            "DB_SECRET_ARN=arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1",
            "db_password_file = /run/secrets/db",
            '--secret-id "$ARN"',
            "chpasswd: { expire: false }",
            "ssh_pwauth: false",
            'PASSWORD="$(jq -r .password <<<"$secret")"',
        ].join("\n");
        assert.deepEqual(findSecrets(text), []);
    });
});
