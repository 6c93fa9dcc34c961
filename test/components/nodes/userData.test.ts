import { strict as assert } from "node:assert";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "yaml";
import { renderNginxConf } from "../../../components/nodes/nginxConf";
import { odooConfSettings, renderOdooConf } from "../../../components/nodes/odooConf";
import { isOdooOption } from "../../../components/nodes/odooOptions";
import { NODE_CONTRACT, renderUpgradeNodeScript } from "../../../components/operations/operationScripts";
import { OdooVersion, SUPPORTED_ODOO_VERSIONS, odooMajor } from "../../../components/contract/odooVersion";
import { GUIDE_WORKER_LIMITS } from "../../../components/contract/sizing";
import { NODE_ROLES, OdooRole } from "../../../components/contract/tags";
import {
    NODE_PATHS,
    NodeCloudConfig,
    NodeUserDataSpec,
    USER_DATA_BUDGET_SHARE,
    USER_DATA_LIMIT_BYTES,
    compressUserData,
    encodeUserData,
    renderNodeEnv,
    renderUserData,
} from "../../../components/nodes/userData";
import { cloudInitSchema, parseIniWithPython, pyCompile, shellcheck } from "../../harness/debianTools";
import { NodeSandbox, withNodeSandbox } from "../../harness/nodeSandbox";
import { throwsArgumentError } from "../../harness/argumentErrors";

const ACCOUNT = "123456789012";
const REGION = "eu-west-1";
const secret = (name: string) => `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-AbCdEf`;

type Variant = "efs" | "s3" | "local";

/** A realistic spec: `efs` (+ replica on 18+), `s3` (+ Redis where supported, an ECR image), `local`. */
function spec(role: OdooRole, version: OdooVersion, variant: Variant): NodeUserDataSpec {
    const replica = variant === "efs" && odooMajor(version) >= 18;
    const redis = variant === "s3" && odooMajor(version) < 19;
    const conf = renderOdooConf(
        role,
        odooConfSettings(
            { workers: 6, maxCronThreads: 2, limits: GUIDE_WORKER_LIMITS, limitTimeRealCron: 3600, dbMaxconn: 16 },
            {
                host: "erp-prod-db.c9akciq32.eu-west-1.rds.amazonaws.com",
                port: 5432,
                user: "odoo",
                name: "odoo",
                sslMode: "require",
                replicaHost: replica ? "erp-prod-db-replica-1.c9akciq32.eu-west-1.rds.amazonaws.com" : undefined,
            },
            { serverWideModules: redis ? ["session_redis"] : [] },
        ),
        version,
    );
    const ecrHost = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;
    return {
        role,
        version,
        image: variant === "s3" ? `${ecrHost}/erp/odoo:${version}-20260115` : `odoo:${version}`,
        ecr: variant === "s3" ? { host: ecrHost, region: REGION } : undefined,
        odooConf: conf,
        nginxConf: role === "cron" ? undefined : renderNginxConf(),
        region: REGION,
        dbName: "odoo",
        dbPasswordSecretArn: secret("rds!db-0a1b2c3d-4e5f-6789-abcd-ef0123456789"),
        dbCaBundleUrl: `https://truststore.pki.rds.amazonaws.com/${REGION}/${REGION}-bundle.pem`,
        adminPasswordSecretArn: secret("erp-prod-admin-password-3f2a1b"),
        modules:
            variant === "s3"
                ? ["base", "fs_storage", "fs_attachment", ...(odooMajor(version) >= 18 ? ["fs_attachment_s3"] : [])]
                : ["base"],
        redis: redis
            ? {
                  host: "master.erp-prod-sessions.x1y2z3.euw1.cache.amazonaws.com",
                  port: 6379,
                  authTokenSecretArn: secret("erp-prod-redis-token"),
                  prefix: "erp-prod",
              }
            : undefined,
        efs: variant === "efs" ? { fileSystemId: "fs-0123456789abcdef0", accessPointId: "fsap-0123456789abcdef0" } : undefined,
        s3: variant === "s3" ? { bucket: `erp-prod-attachments-${ACCOUNT}`, region: REGION } : undefined,
        logGroupName: "/odoo/erp/prod/erp-nodes",
    };
}

function cloudConfig(userData: string): NodeCloudConfig {
    assert.ok(userData.startsWith("#cloud-config\n"));
    return parse(userData) as NodeCloudConfig;
}

function filesOf(userData: string): Record<string, string> {
    return Object.fromEntries(cloudConfig(userData).write_files.map((f) => [f.path, f.content]));
}

/** Every role × version, with each filestore and session kind the version supports. */
const MATRIX = SUPPORTED_ODOO_VERSIONS.flatMap((version) => [
    ...NODE_ROLES.flatMap((role) => (["efs", "s3"] as const).map((variant) => ({ role, version, variant }))),
    { role: OdooRole.HttpCron, version, variant: "local" as const },
]);

describe("the node user data", () => {
    const rendered = MATRIX.map((c) => ({ ...c, userData: renderUserData(spec(c.role, c.version, c.variant)) }));

    it("covers every role and version with efs, s3 and local filestores and redis, filestore and local sessions", () => {
        assert.equal(new Set(rendered.map((r) => `${r.role}/${r.version}`)).size, NODE_ROLES.length * SUPPORTED_ODOO_VERSIONS.length);
        assert.ok(rendered.some((r) => r.userData.includes("ODOO_SESSION_REDIS")));
        assert.ok(rendered.some((r) => filesOf(r.userData)[NODE_PATHS.env].includes("EFS_ID='fs-")));
        assert.ok(rendered.some((r) => filesOf(r.userData)[NODE_PATHS.env].includes("S3_BUCKET='erp")));
    });

    it("passes cloud-init's schema for every role × version × filestore", () => {
        const configs = Object.fromEntries(rendered.map((r) => [`${r.role}/${r.version}/${r.variant}`, r.userData]));
        assert.equal(Object.keys(configs).length, rendered.length);
        const result = cloudInitSchema(configs);
        assert.ok(result.ok, result.output);
    });

    it("passes shellcheck: boot scripts, runcmd lines and the node settings file", () => {
        const scripts: Record<string, string> = {};
        for (const r of rendered) {
            const files = filesOf(r.userData);
            for (const path of [NODE_PATHS.prepare, NODE_PATHS.secrets, NODE_PATHS.db, NODE_PATHS.run, NODE_PATHS.odooRun]) {
                assert.match(
                    files[path],
                    /^#!\/bin\/bash\nset -euo pipefail\n|^#!\/bin\/bash\n(#.*\n)+set -euo pipefail\n/,
                    `${path} must fail fast`,
                );
                scripts[`${path}#${files[path].length}`] = files[path];
            }
            scripts[NODE_PATHS.imageLib] = files[NODE_PATHS.imageLib];
            // The settings file is sourced as bash by an operator and read by systemd.
            scripts[`node.env#${r.role}/${r.version}/${r.variant}`] = `#!/bin/bash\n# shellcheck disable=SC2034\n${files[NODE_PATHS.env]}`;
            const runcmd = cloudConfig(r.userData)
                .runcmd.map((argv) => argv.map((a) => `'${a}'`).join(" "))
                .join("\n");
            scripts[`runcmd#${r.role}/${r.version}/${r.variant}`] = `#!/bin/bash\nset -euo pipefail\n${runcmd}\n`;
        }
        const result = shellcheck(scripts);
        assert.ok(result.ok, result.output);
    });

    it("ships Python helpers that compile", () => {
        const files = filesOf(rendered.find((r) => r.variant === "s3" && r.role !== OdooRole.Http)!.userData);
        const result = pyCompile({
            addons: files[NODE_PATHS.addonsCheck],
            s3storage: files[NODE_PATHS.s3Storage],
            adminlogin: files[NODE_PATHS.adminLogin],
        });
        assert.ok(result.ok, result.output);
    });

    it("gives a restored copy's nodes the restore steps and record, which pass shellcheck, and stay within the user data budget", () => {
        const restored = { from: "snapshot:awsbackup:job-4a1b2c3d", safeMode: true, baseUrl: "https://erp-drill.example.com" };
        for (const role of ["cron", "http"] as OdooRole[]) {
            for (const variant of ["efs", "s3"] as const) {
                const userData = renderUserData({ ...spec(role, "18.0", variant), restored });
                const files = filesOf(userData);
                assert.match(files[NODE_PATHS.env], /^ODOO_RESTORED_FROM='snapshot:awsbackup:job-4a1b2c3d'$/m);
                assert.match(
                    files[NODE_PATHS.odooUnit],
                    /^ExecStartPre=\/usr\/local\/sbin\/odoo-aws-db\nExecStartPre=\/usr\/local\/sbin\/odoo-aws-restore\n/m,
                );
                const result = shellcheck({ [`restore#${role}`]: files[NODE_PATHS.restoreSteps] });
                assert.ok(result.ok, result.output);
                const bytes = Buffer.from(encodeUserData(userData), "base64").length;
                assert.ok(bytes <= USER_DATA_LIMIT_BYTES * USER_DATA_BUDGET_SHARE, `${role}/${variant}: ${bytes} bytes gzipped`);
            }
        }
        const plain = filesOf(renderUserData(spec("cron", "18.0", "s3")));
        assert.equal(plain[NODE_PATHS.restoreSteps], undefined, "only a restored copy carries the restore steps");
        assert.doesNotMatch(plain[NODE_PATHS.odooUnit], /odoo-aws-restore/);
        assert.doesNotMatch(plain[NODE_PATHS.env], /ODOO_RESTORED_FROM/);
    });

    it("carries an odoo.conf Python parses, with only the version's options", () => {
        const confs = rendered.map((r) => filesOf(r.userData)[NODE_PATHS.baseConf]);
        parseIniWithPython(confs).forEach((ini, i) => {
            const { role, version } = rendered[i];
            assert.deepEqual(
                Object.keys(ini.options).filter((k) => !isOdooOption(version, k)),
                [],
            );
            assert.equal(ini.options.max_cron_threads === "0", role === "http", `${role}/${version}`);
            assert.equal("db_replica_host" in ini.options, rendered[i].variant === "efs" && odooMajor(version) >= 18);
        });
    });

    it("stays under EC2's 16 KB user data limit in its largest form, with room to spare", () => {
        // Everything at once: S3, Redis, an ECR image, a replica, extra modules and addons paths.
        const largest = spec("http+cron", "18.0", "s3");
        largest.odooConf = renderOdooConf(
            "http+cron",
            odooConfSettings(
                { workers: 64, maxCronThreads: 16, limits: GUIDE_WORKER_LIMITS, limitTimeRealCron: 604800, dbMaxconn: 1024 },
                {
                    host: "erp-production-database-primary.c9akciq32xyz.ap-southeast-2.rds.amazonaws.com",
                    port: 5432,
                    user: "odoo_application",
                    name: "odoo_production",
                    sslMode: "require",
                    replicaHost: "erp-production-database.cluster-ro-c9akciq32xyz.ap-southeast-2.rds.amazonaws.com",
                    replicaPort: 5432,
                },
                {
                    serverWideModules: ["session_redis", "queue_job", "monitoring_status"],
                    addonsPath: ["/opt/odoo/oca/server-tools", "/opt/odoo/oca/storage", "/opt/odoo/custom", "/mnt/extra-addons"],
                },
            ),
            "18.0",
        );
        largest.modules = [
            ...largest.modules,
            "sale_management",
            "account_accountant",
            "stock",
            "mrp",
            "purchase",
            "hr",
            "project",
            "crm",
            "website",
            "queue_job",
        ];
        const bytes = compressUserData(renderUserData(largest)).length;
        // An HTTP node with S3 and Redis measured 6,752 bytes gzipped (19,433 of text): under half of the limit.
        assert.ok(bytes <= USER_DATA_LIMIT_BYTES * 0.9, `${bytes} bytes`);
        assert.ok(bytes >= Math.max(...rendered.map((r) => compressUserData(r.userData).length)), "it is the largest case");
    });

    it("keeps 10 % of EC2's limit free for every role × version × filestore × sessions, gzipped", () => {
        for (const r of rendered) {
            const bytes = Buffer.from(encodeUserData(r.userData), "base64").length;
            assert.ok(bytes <= USER_DATA_LIMIT_BYTES * USER_DATA_BUDGET_SHARE, `${r.role}/${r.version}/${r.variant}: ${bytes} bytes`);
            assert.equal(gunzipSync(Buffer.from(encodeUserData(r.userData), "base64")).toString("utf8"), r.userData);
        }
    });

    it("zips the same bytes wherever it runs: the gzip header names no operating system", () => {
        const zipped = compressUserData(rendered[0].userData);
        assert.deepEqual([...zipped.subarray(0, 3)], [0x1f, 0x8b, 8], "gzip, deflate");
        assert.equal(zipped.readUInt32LE(4), 0, "no modification time");
        assert.equal(zipped[9], 255, "OS unknown");
    });

    it("refuses user data beyond 90 % of the limit once gzipped", () => {
        const huge = spec("http", "18.0", "efs");
        // Random bytes do not compress.
        huge.odooConf += `; ${randomBytes(USER_DATA_LIMIT_BYTES).toString("base64")}
`;
        throwsArgumentError(() => encodeUserData(renderUserData(huge)), { property: "userData" });
    });

    it("installs nginx on serving nodes only, and the EFS helper only for EFS", () => {
        for (const r of rendered) {
            const config = cloudConfig(r.userData);
            const serves = r.role !== "cron";
            assert.equal(config.packages.includes("nginx"), serves);
            assert.equal(NODE_PATHS.nginxConf in filesOf(r.userData), serves);
            assert.equal(
                config.runcmd.some((argv) => argv.includes("nginx.service")),
                serves,
            );
            assert.equal(config.packages.includes("amazon-efs-utils"), r.variant === "efs");
            assert.ok(config.packages.includes("docker") && config.packages.includes("jq"));
        }
    });

    it("starts Odoo under systemd, restarting it forever", () => {
        for (const r of rendered) {
            const unit = filesOf(r.userData)[NODE_PATHS.odooUnit];
            assert.match(unit, /^Restart=always$/m);
            assert.match(unit, /^StartLimitIntervalSec=0$/m);
            assert.deepEqual(unit.match(/^ExecStartPre=.*$/gm), [
                `ExecStartPre=${NODE_PATHS.prepare}`,
                `ExecStartPre=${NODE_PATHS.secrets}`,
                `ExecStartPre=${NODE_PATHS.db}`,
            ]);
        }
    });

    it("ends cloud-init on the node that runs cron only once its first start (and install) is over; HTTP nodes do not hold it", () => {
        for (const r of rendered) {
            const last = cloudConfig(r.userData).runcmd.at(-1);
            const expected =
                r.role === "http" ? ["systemctl", "start", "--no-block", "odoo.service"] : ["systemctl", "start", "odoo.service"];
            assert.deepEqual(last, expected, `${r.role}/${r.version}/${r.variant}`);
        }
    });

    it("provides the node contract of the upgrade step: odoo-run on the PATH, mode 0755, and odoo.service", () => {
        for (const r of rendered) {
            const run = cloudConfig(r.userData).write_files.find((f) => f.path === NODE_CONTRACT.odooRun);
            assert.ok(run, `${r.role}/${r.version}/${r.variant} lacks ${NODE_CONTRACT.odooRun}`);
            assert.equal(run.permissions, "0755");
            assert.equal(NODE_PATHS.odooUnit, `/etc/systemd/system/${NODE_CONTRACT.service}`);
        }
    });

    it("holds the docker invocation with the runtime odoo.conf in one place, which every script uses", () => {
        const files = filesOf(rendered.find((r) => r.variant === "s3")!.userData);
        const mount = "/run/odoo-aws/odoo.conf:/etc/odoo/odoo.conf";
        const holders = Object.keys(files).filter((path) => files[path].includes(mount));
        assert.deepEqual(holders, [NODE_PATHS.imageLib]);
        for (const path of [NODE_PATHS.prepare, NODE_PATHS.db, NODE_PATHS.run, NODE_PATHS.odooRun]) {
            assert.match(files[path], new RegExp(`^\\. ${NODE_PATHS.imageLib}$`, "m"), `${path} sources the library`);
            assert.doesNotMatch(files[path], /docker pull|docker login/, `${path} pulls through the library`);
        }
    });

    it("mounts EFS with TLS and IAM through the access point", () => {
        const files = filesOf(rendered.find((r) => r.variant === "efs")!.userData);
        assert.match(files[NODE_PATHS.prepare], /efs _netdev,noresvport,tls,iam\$\{EFS_AP:\+,accesspoint=\$EFS_AP\}/);
        assert.match(files[NODE_PATHS.env], /^EFS_AP='fsap-0123456789abcdef0'$/m);
    });

    it("lets only the node that runs cron install modules; HTTP nodes wait for it", () => {
        const db = filesOf(rendered[0].userData)[NODE_PATHS.db];
        const waitBranch = db.slice(db.indexOf('if [ "$ODOO_ROLE" = http ]'), db.indexOf("exit 0"));
        assert.doesNotMatch(waitBranch, /-i /);
        assert.match(waitBranch, /until todo=\$\(missing\)/);
        assert.match(
            db.slice(db.indexOf("exit 0")),
            /--entrypoint odoo "\$ODOO_IMAGE" -c \/etc\/odoo\/odoo.conf -i "\$todo" --stop-after-init/,
        );
    });

    it("keeps Odoo's passwords off the command line and out of the user data", () => {
        const r = rendered.find((x) => x.variant === "s3" && x.version === "18.0")!;
        const files = filesOf(r.userData);
        assert.doesNotMatch(files[NODE_PATHS.baseConf], /^(db_password|admin_passwd)\b/m);
        assert.doesNotMatch(r.userData, /(db_password|admin_passwd) = (?!%s)/);
        assert.match(files[NODE_PATHS.run], /--entrypoint odoo "\$ODOO_IMAGE" -c \/etc\/odoo\/odoo.conf$/m);
        assert.match(files[NODE_PATHS.secrets], /aws secretsmanager get-secret-value --secret-id "\$1"/);
        assert.match(files[NODE_PATHS.secrets], /umask 077/);
        assert.match(files[NODE_PATHS.env], /^DB_SECRET_ARN='arn:aws:secretsmanager:/m);
    });

    it("refuses a settings value that could escape its quotes", () => {
        throwsArgumentError(() => renderNodeEnv({ DB_SECRET_ARN: "x'; rm -rf /; '" }), { property: "DB_SECRET_ARN" });
        throwsArgumentError(() => renderNodeEnv({ AWS_REGION: "$(id)" }), { property: "AWS_REGION", value: "$(id)" });
    });

    it("refuses a serving node without its proxy, and a module list without base", () => {
        throwsArgumentError(() => renderUserData({ ...spec("http", "18.0", "efs"), nginxConf: undefined }), { property: "nginxConf" });
        throwsArgumentError(() => renderUserData({ ...spec("cron", "18.0", "efs"), modules: ["sale"] }), { property: "modules" });
    });
});

describe("odoo-run, the node contract of the upgrade step, against a stubbed docker", () => {
    // What RDS may generate, and what a shell would mangle: quotes, $, backticks, ; | & and %.
    const PASSWORD = "p4$$'w0rd\"`id`;|&%(x)";
    const ADMIN = "AdminPassword0123456789abcdefXYZ";
    const node = spec("http+cron", "18.0", "efs");
    const userData = renderUserData(node);
    const DB_HOST = "erp-prod-db.c9akciq32.eu-west-1.rds.amazonaws.com";
    const secretsStub = `#!/bin/bash\necho "secrets \${1:-render}" >>"$CALLS"\n`;

    /** The node after its boot: the runtime odoo.conf as the secrets script writes it, odoo.service active. */
    function booted(body: (sandbox: NodeSandbox) => void, userDataText = userData, config = node): void {
        const stubs = {
            aws: `#!/bin/bash\necho "aws $*" >>"$CALLS"\necho ecr-token\n`,
            // The real one would wait for a boot that never happens here.
            "cloud-init": `#!/bin/bash\necho "cloud-init $*" >>"$CALLS"\n`,
        };
        withNodeSandbox(userDataText, { [NODE_PATHS.secrets]: secretsStub }, stubs, (sandbox) => {
            writeFileSync(sandbox.at("/run/odoo-aws/odoo.conf"), `${config.odooConf}db_password = ${PASSWORD}\nadmin_passwd = ${ADMIN}\n`);
            writeFileSync(sandbox.at("/run/odoo-aws/odoo.env"), "");
            writeFileSync(join(sandbox.root, "service-active"), "");
            body(sandbox);
        });
    }

    /** The arguments of the one `docker run` among `calls`. */
    function theRun(calls: string[][]): string[] {
        const runs = calls.filter((c) => c[0] === "run");
        assert.equal(runs.length, 1, JSON.stringify(calls));
        return runs[0];
    }

    function assertNoSecretOnACommandLine(sandbox: NodeSandbox): void {
        for (const call of sandbox.dockerCalls()) {
            assert.ok(
                !call.some((arg) => arg.includes(PASSWORD) || arg.includes(ADMIN)),
                `a password is on docker's command line: ${call.join(" ")}`,
            );
        }
    }

    it("runs odoo with the node's runtime odoo.conf, data dir and host network, as odoo.service does, and returns Odoo's status", () => {
        booted((sandbox) => {
            const r = sandbox.run([sandbox.at(NODE_CONTRACT.odooRun), "-d", "odoo", "-u", "sale,stock", "--stop-after-init", "--no-http"], {
                ODOO_EXIT: "3",
            });
            assert.equal(r.status, 3, r.stderr);
            const run = theRun(sandbox.dockerCalls());
            const entry = run.indexOf("--entrypoint");
            assert.deepEqual(run.slice(entry), [
                "--entrypoint",
                "odoo",
                "odoo:18.0",
                "-c",
                "/etc/odoo/odoo.conf",
                "-d",
                "odoo",
                "-u",
                "sale,stock",
                "--stop-after-init",
                "--no-http",
            ]);
            assert.deepEqual(run.slice(0, 8), [
                "run",
                "--rm",
                "--network",
                "host",
                "-v",
                `${sandbox.at("/run/odoo-aws/odoo.conf")}:/etc/odoo/odoo.conf:ro`,
                "-v",
                "/var/lib/odoo:/var/lib/odoo",
            ]);
            assert.equal(
                readFileSync(sandbox.calls, "utf8").includes("secrets"),
                false,
                "odoo.service is running: its runtime conf is current",
            );

            // odoo.service's own run script goes through the same invocation.
            const service = sandbox.run([
                "bash",
                "-c",
                `set -a; . ${sandbox.at(NODE_PATHS.env)}; set +a; exec ${sandbox.at(NODE_PATHS.run)}`,
            ]);
            assert.equal(service.status, 0, service.stderr);
            const serviceRun = sandbox.dockerCalls().filter((c) => c[0] === "run")[1];
            assert.deepEqual(serviceRun.slice(0, 8), run.slice(0, 8));
            assert.deepEqual(serviceRun.slice(serviceRun.indexOf("--entrypoint")), [
                "--entrypoint",
                "odoo",
                "odoo:18.0",
                "-c",
                "/etc/odoo/odoo.conf",
            ]);
            assertNoSecretOnACommandLine(sandbox);
        });
    });

    it("runs psql against the node's database server with libpq's variables set inside the container only", () => {
        booted((sandbox) => {
            const r = sandbox.run([sandbox.at(NODE_CONTRACT.odooRun), "psql", "-c", "select 1"], { IMAGE_PRESENT: "0" });
            assert.equal(r.status, 0, r.stderr);
            // Only psql's output on stdout: the image pull reports on stderr.
            assert.deepEqual(r.stdout.trim().split("\n"), [
                `PGHOST=${DB_HOST}`,
                "PGPORT=5432",
                "PGUSER=odoo",
                `PGPASSWORD=${PASSWORD}`,
                "PGSSLMODE=require",
                "PGDATABASE=odoo",
                "arg=-c",
                "arg=select 1",
            ]);
            const calls = sandbox.dockerCalls();
            assert.deepEqual(
                calls.find((c) => c[0] === "pull"),
                ["pull", "--quiet", "odoo:18.0"],
            );
            const run = theRun(calls);
            assert.deepEqual(run.slice(run.indexOf("--entrypoint"), run.indexOf("--entrypoint") + 4), [
                "--entrypoint",
                "python3",
                "odoo:18.0",
                "-c",
            ]);
            assert.deepEqual(run.slice(-2), ["-c", "select 1"]);
            assertNoSecretOnACommandLine(sandbox);
        });
    });

    it("runs the image named by ODOO_IMAGE instead of the node's, pulling it through the ECR login", () => {
        const ecrNode = spec("cron", "18.0", "s3");
        const next = `${ecrNode.ecr!.host}/erp/odoo:18.0-20260201`;
        booted(
            (sandbox) => {
                const r = sandbox.run([sandbox.at(NODE_CONTRACT.odooRun), "--version"], { ODOO_IMAGE: next, IMAGE_PRESENT: "0" });
                assert.equal(r.status, 0, r.stderr);
                assert.equal(r.stdout.trim(), "odoo -c /etc/odoo/odoo.conf --version");
                const calls = sandbox.dockerCalls();
                assert.deepEqual(
                    calls.map((c) => c[0]),
                    ["image", "login", "pull", "run"],
                );
                assert.deepEqual(calls[0], ["image", "inspect", next]);
                assert.deepEqual(calls[1], ["login", "--username", "AWS", "--password-stdin", ecrNode.ecr!.host]);
                assert.deepEqual(calls[2], ["pull", "--quiet", next]);
                assert.ok(calls[3].includes(next) && !calls[3].includes(ecrNode.image), "the run uses the override");
                assert.match(readFileSync(sandbox.calls, "utf8"), /^aws ecr get-login-password --region eu-west-1$/m);
            },
            renderUserData(ecrNode),
            ecrNode,
        );
    });

    it("renders the runtime odoo.conf afresh while odoo.service is stopped, since the password may have rotated", () => {
        booted((sandbox) => {
            rmSync(join(sandbox.root, "service-active"));
            const r = sandbox.run([sandbox.at(NODE_CONTRACT.odooRun), "--version"]);
            assert.equal(r.status, 0, r.stderr);
            assert.deepEqual(readFileSync(sandbox.calls, "utf8").trim().split("\n"), [
                "systemctl is-active --quiet odoo.service",
                "secrets render",
            ]);
        });
    });

    it("refuses to run without arguments, or before odoo.service prepared the node", () => {
        booted((sandbox) => {
            const usage = sandbox.run([sandbox.at(NODE_CONTRACT.odooRun)]);
            assert.equal(usage.status, 2);
            assert.match(usage.stderr, /usage: odoo-run/);
            rmSync(sandbox.at("/run/odoo-aws/odoo.conf"));
            const early = sandbox.run([sandbox.at(NODE_CONTRACT.odooRun), "--version"]);
            assert.equal(early.status, 1);
            assert.match(early.stderr, /has not prepared this node/);
            assert.equal(sandbox.dockerCalls().length, 0);
        });
    });

    it("carries OdooUpgrade's node script through: initialise, upgrade, restart, with the new image and no password in sight", () => {
        const image = "odoo:18.0-20260201";
        const upgrade = renderUpgradeNodeScript({ odooVersion: "18.0", image, databaseName: "odoo", modules: ["sale", "stock"] });
        booted(
            (sandbox) => {
                const r = sandbox.run(["sh", "-c", sandbox.relocate(upgrade)], { DB_EXISTS: "1", TABLES: "0", IMAGE_PRESENT: "0" });
                assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
                const runs = sandbox.dockerCalls().filter((c) => c[0] === "run");
                assert.deepEqual(
                    runs.map((c) => c[c.indexOf("--entrypoint") + 1]),
                    ["odoo", "python3", "python3", "odoo", "odoo", "odoo"],
                );
                assert.ok(
                    runs.every((c) => c[c.indexOf("--entrypoint") + 2] === image),
                    "every run uses the upgrade's image",
                );
                assert.deepEqual(
                    runs.slice(3).map((c) => c.slice(c.indexOf("--entrypoint") + 3).join(" ")),
                    [
                        "-c /etc/odoo/odoo.conf -d odoo -i base --without-demo=all --stop-after-init --no-http",
                        // The admin user's password "admin" replaced, from odoo.conf, the script on stdin.
                        "shell -c /etc/odoo/odoo.conf -d odoo --no-http",
                        "-c /etc/odoo/odoo.conf -d odoo -u sale,stock --stop-after-init --no-http",
                    ],
                );
                assert.deepEqual(sandbox.shellScripts(), [readFileSync(sandbox.at(NODE_CONTRACT.adminLogin), "utf8").split("\n")[0]]);
                const calls = readFileSync(sandbox.calls, "utf8").trim().split("\n");
                const stop = calls.indexOf("systemctl stop odoo.service");
                assert.ok(stop > 0, calls.join("\n"));
                assert.equal(calls.indexOf("secrets render"), stop + 2, "the conf is renewed once Odoo is stopped, not before");
                assert.equal(calls.at(-1), "systemctl start odoo.service");
                assertNoSecretOnACommandLine(sandbox);
            },
            userData,
            node,
        );
    });
});
