/**
 * Finds secret-looking literals in text: what must never be written into user data.
 *
 * EC2 user data is readable by anyone with ec2:DescribeInstanceAttribute, by every process on the
 * node through the metadata service, and it lands in the launch template's version history for
 * good. The components fetch secrets at boot from Secrets Manager instead, so their user data holds
 * references (`$(aws secretsmanager …)`, `${DB_PASSWORD}`, ARNs) — which this scan accepts.
 */

/** One finding: what kind of secret, and a redacted excerpt to locate it. */
export interface SecretFinding {
    kind: string;
    excerpt: string;
}

/**
 * `key = value` / `key: value` where the key ends in a secret's name: `admin_passwd`, `db_password`,
 * `PGPASSWORD`, `…_TOKEN`, `aws_secret_access_key`. Keys that merely point at a secret
 * (`…_secret_arn`, `password_file`, `--secret-id`) end otherwise and do not match.
 */
const SECRET_KEY =
    /(?<![A-Za-z0-9_.:/-])([A-Za-z0-9_.-]*?(?:passw(?:or)?d|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key))["']?\s*[=:]\s*("[^"\n]*"|'[^'\n]*'|[^\s"',;]+)/gi;
const AWS_ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;
const PRIVATE_KEY = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/g;
/** scheme://user:password@host — a database or Redis URL with its password inline. */
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"']*:([^\s@/"']+)@/gi;

/** Values that are not secrets: empty, Odoo's "False", or a reference resolved at boot. */
function isPlaceholder(raw: string): boolean {
    const value = raw.replace(/^["']|["']$/g, "").trim();
    if (value === "" || /^(false|none|null|true|\*+)$/i.test(value)) {
        return true;
    }
    // Shell/systemd expansion, printf formats, templates, YAML structure, AWS references.
    return /^(\$|%|\{|\[|\||>|<|arn:|resolve:|ssm:|secretsmanager:)/i.test(value) || value.includes("$(") || value.includes("${");
}

function redact(text: string, index: number, length: number): string {
    const start = Math.max(0, text.lastIndexOf("\n", index) + 1);
    const lineEnd = text.indexOf("\n", index);
    const line = text.slice(start, lineEnd < 0 ? undefined : lineEnd).trim();
    const secret = text.slice(index, index + length);
    return line.replace(secret, secret.length > 4 ? `${secret.slice(0, 2)}…(${secret.length} chars)` : "…").slice(0, 120);
}

/** Scans text for secret-looking literals. */
export function findSecrets(text: string): SecretFinding[] {
    const findings: SecretFinding[] = [];
    for (const m of text.matchAll(SECRET_KEY)) {
        const [, key, value] = m;
        if (isPlaceholder(value)) {
            continue;
        }
        findings.push({
            kind: `a literal value for ${key}`,
            excerpt: redact(text, (m.index ?? 0) + m[0].length - value.length, value.length),
        });
    }
    for (const m of text.matchAll(AWS_ACCESS_KEY_ID)) {
        findings.push({ kind: "an AWS access key ID", excerpt: redact(text, m.index ?? 0, m[0].length) });
    }
    for (const m of text.matchAll(PRIVATE_KEY)) {
        findings.push({ kind: "a private key", excerpt: m[0] });
    }
    for (const m of text.matchAll(URL_CREDENTIALS)) {
        if (!isPlaceholder(m[1])) {
            findings.push({
                kind: "a password inside a URL",
                excerpt: redact(text, (m.index ?? 0) + m[0].length - m[1].length - 1, m[1].length),
            });
        }
    }
    return findings;
}
