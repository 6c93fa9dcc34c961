import { strict as assert } from "node:assert";
import { OdooCluster, OdooClusterArgs } from "../../../components/cluster/cluster";
import { resolveDatabaseRestore } from "../../../components/database/databaseRestore";
import { TAG, parseOdooTags } from "../../../components/contract/tags";
import { NODE_PATHS } from "../../../components/nodes/userData";
import { expectArgumentError } from "../../harness/argumentErrors";
import { cloudConfigOf, fileIn } from "../../harness/nodeUserData";
import { MockRun, RecordedResource, runWithMocks } from "../../harness/pulumiMocks";
import { TYPE } from "../../harness/resourceTypes";

const T = {
    asg: TYPE.autoscalingGroup,
    lt: TYPE.launchTemplate,
    rds: TYPE.dbInstance,
    efs: TYPE.efsFileSystem,
    accessPoint: TYPE.efsAccessPoint,
    mountTarget: TYPE.efsMountTarget,
    bucket: TYPE.bucket,
};

const RESTORED_EFS = { efsFileSystemId: "fs-0123456789abcdef0", efsDataPath: "/aws-backup-restore_2026-11-30T08-20-11-000Z/odoo" };
const FROM_SNAPSHOT: OdooClusterArgs = {
    concurrentUsers: 120,
    environment: "staging",
    loadBalancer: { allowHttpOnly: true },
    database: { restore: { snapshotIdentifier: "awsbackup:job-4a1b2c3d-0000-1111-2222-333344445555" } },
    filestore: { restore: RESTORED_EFS },
};
const FROM_POINT_IN_TIME: OdooClusterArgs = {
    ...FROM_SNAPSHOT,
    database: { restore: { sourceDbInstanceIdentifier: "erp-prod-db-1a2b3c", restoreTime: "2026-11-30T08:15:00Z" } },
};

function build(args: OdooClusterArgs): () => OdooCluster {
    return () => new OdooCluster("erp", args);
}

function primaryOf(run: MockRun<OdooCluster>): RecordedResource {
    const primaries = run.ofType(T.rds).filter((r) => r.inputs.replicateSourceDb === undefined);
    assert.equal(primaries.length, 1);
    return primaries[0];
}

function asgTags(asg: RecordedResource): Record<string, string> {
    return Object.fromEntries((asg.inputs.tags as { key: string; value: string }[]).map((t) => [t.key, t.value]));
}

function launchTemplate(run: MockRun<OdooCluster>, role: string): RecordedResource {
    const lt = run.ofType(T.lt).find((l) => (l.inputs.tags as Record<string, string>)[TAG.role] === role);
    assert.ok(lt, `no launch template for ${role}`);
    return lt;
}

describe("a cluster restored from another cluster's backup", () => {
    for (const preview of [true, false]) {
        const mode = preview ? "preview" : "update";

        it(`creates the database from the snapshot, without a database name or user of its own, tagged with its source (${mode})`, async () => {
            const run = await runWithMocks(build(FROM_SNAPSHOT), { preview });
            const primary = primaryOf(run);
            assert.equal(primary.inputs.snapshotIdentifier, "awsbackup:job-4a1b2c3d-0000-1111-2222-333344445555");
            assert.equal(primary.inputs.restoreToPointInTime, undefined);
            assert.equal(primary.inputs.dbName, undefined, "RDS takes the database from the snapshot");
            assert.equal(primary.inputs.username, undefined, "RDS takes the master user from the snapshot");
            assert.equal(primary.inputs.storageEncrypted, true);
            assert.equal(parseOdooTags(primary.inputs.tags).restoredFrom, "snapshot:awsbackup:job-4a1b2c3d-0000-1111-2222-333344445555");
            // The copy's own generated password (never RDS-managed, never the source's), kept in its own secret.
            assert.equal(primary.inputs.manageMasterUserPassword, undefined);
            assert.ok(primary.secretInputs.includes("password"), "a password of its own, as a secret");
            const generated = run.ofType(TYPE.randomPassword);
            assert.equal(generated.length, 2, "the master password and Odoo's admin password");
            assert.ok(primary.options.propertyDependencies.password?.some((urn) => generated.some((g) => g.urn === urn)));
        });

        it(`creates the database at the point in time of the source's automated backups (${mode})`, async () => {
            const run = await runWithMocks(build(FROM_POINT_IN_TIME), { preview });
            const primary = primaryOf(run);
            assert.deepEqual(primary.inputs.restoreToPointInTime, {
                sourceDbInstanceIdentifier: "erp-prod-db-1a2b3c",
                restoreTime: "2026-11-30T08:15:00Z",
            });
            assert.equal(primary.inputs.snapshotIdentifier, undefined);
            assert.equal(parseOdooTags(primary.inputs.tags).restoredFrom, "point-in-time:erp-prod-db-1a2b3c@2026-11-30T08:15:00Z");
        });

        it(`adopts the restored file system instead of creating one, rooted at the restore's data dir (${mode})`, async () => {
            const run = await runWithMocks(build(FROM_SNAPSHOT), { preview });
            // A read registers the file system by its ID with no inputs; a create would carry its settings.
            const fileSystems = run.ofType(T.efs);
            assert.equal(fileSystems.length, 1);
            assert.equal(fileSystems[0].inputs.encrypted, undefined, "no new file system is declared: the restore's is read");
            const ap = run.one(T.accessPoint);
            assert.equal((ap.inputs.rootDirectory as { path: string }).path, RESTORED_EFS.efsDataPath);
            for (const mount of run.ofType(T.mountTarget)) {
                if (!preview) {
                    assert.equal(mount.inputs.fileSystemId, RESTORED_EFS.efsFileSystemId);
                }
            }
            assert.ok(run.ofType(T.mountTarget).length >= 2);
        });

        it(`keeps every node in safe mode: no cron thread anywhere, tagged restored and safe-mode on (${mode})`, async () => {
            const run = await runWithMocks(build(FROM_SNAPSHOT), { preview });
            const asgs = run.ofType(T.asg);
            assert.ok(asgs.length >= 2);
            for (const asg of asgs) {
                const tags = parseOdooTags(asgTags(asg));
                assert.equal(tags.safeMode, "on", asg.name);
                assert.equal(tags.maxCronThreads, 0, asg.name);
                assert.equal(tags.restoredFrom, "snapshot:awsbackup:job-4a1b2c3d-0000-1111-2222-333344445555");
            }
        });
    }

    it("tells the cron node to neutralize the copy and point web.base.url at the new cluster, and HTTP nodes to wait for it", async () => {
        const run = await runWithMocks(build(FROM_SNAPSHOT), { preview: false });
        const cron = cloudConfigOf(launchTemplate(run, "cron"));
        const env = fileIn(cron, NODE_PATHS.env);
        assert.match(env, /^ODOO_SAFE_MODE='1'$/m);
        assert.match(env, /^ODOO_RESTORED_FROM='snapshot:awsbackup:job-4a1b2c3d-0000-1111-2222-333344445555'$/m);
        assert.match(env, /^ODOO_BASE_URL='http:\/\/\S+'$/m);
        assert.match(fileIn(cron, NODE_PATHS.baseConf), /^max_cron_threads = 0$/m);
        assert.match(
            fileIn(cron, NODE_PATHS.odooUnit),
            /ExecStartPre=\/usr\/local\/sbin\/odoo-aws-db\nExecStartPre=\/usr\/local\/sbin\/odoo-aws-restore\n/,
        );
        assert.match(fileIn(cron, NODE_PATHS.restoreSteps), /neutralize -c \/etc\/odoo\/odoo\.conf -d "\$ODOO_DB_NAME"/);
        assert.match(fileIn(cron, NODE_PATHS.restoreSteps), /'web\.base\.url', :'url'/);
        const http = cloudConfigOf(launchTemplate(run, "http"));
        assert.match(fileIn(http, NODE_PATHS.baseConf), /^max_cron_threads = 0$/m);
        assert.match(fileIn(http, NODE_PATHS.restoreSteps), /waiting for the cron node to prepare the restored copy/);
    });

    it("runs cron again and says so on the nodes when the stack turns safe mode off", async () => {
        const run = await runWithMocks(build({ ...FROM_SNAPSHOT, safeMode: false }), { preview: false });
        const cron = run
            .ofType(T.asg)
            .map(asgTags)
            .find((t) => t[TAG.role] === "cron")!;
        assert.equal(cron[TAG.safeMode], "off");
        assert.equal(cron[TAG.maxCronThreads], "2");
        assert.match(fileIn(cloudConfigOf(launchTemplate(run, "cron")), NODE_PATHS.env), /^ODOO_SAFE_MODE='0'$/m);
    });

    it("creates its own bucket for an s3 filestore and tags it with the source bucket the runbook copies", async () => {
        const run = await runWithMocks(
            build({
                ...FROM_SNAPSHOT,
                image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/odoo:18.0-1",
                imageAddons: { s3Attachments: true, sessionRedis: true },
                filestore: { kind: "s3", restore: { s3SourceBucketName: "erp-filestore-20261101" } },
            }),
            { preview: true },
        );
        const bucket = run.one(T.bucket, "filestore");
        assert.equal(parseOdooTags(bucket.inputs.tags).restoredFrom, "bucket:erp-filestore-20261101");
    });

    it("leaves a cluster that is not restored out of safe mode entirely", async () => {
        const run = await runWithMocks(build({ ...FROM_SNAPSHOT, database: {}, filestore: {} }), { preview: true });
        for (const asg of run.ofType(T.asg)) {
            assert.equal(asgTags(asg)[TAG.safeMode], undefined);
        }
        assert.equal(primaryOf(run).inputs.dbName, "odoo");
    });

    describe("refuses", () => {
        it("a restored database without the filestore of the same moment", async () => {
            await expectArgumentError(build({ ...FROM_SNAPSHOT, filestore: {} }), "filestore.restore", undefined, /efsFileSystemId/);
        });
        it("safe mode on a cluster that is not restored", async () => {
            await expectArgumentError(
                build({ ...FROM_SNAPSHOT, database: {}, filestore: {}, safeMode: true }),
                "safeMode",
                true,
                /database\.restore/,
            );
        });
        it("a snapshot and a point in time at once", async () => {
            await expectArgumentError(
                build({
                    ...FROM_SNAPSHOT,
                    database: { restore: { snapshotIdentifier: "erp-before-upgrade", restoreTime: "2026-11-30T08:15:00Z" } },
                }),
                "database.restore.snapshotIdentifier",
                "erp-before-upgrade",
                /either a snapshot or a point in time/,
            );
        });
        it("a point in time without a source", async () => {
            await expectArgumentError(
                build({ ...FROM_SNAPSHOT, database: { restore: { restoreTime: "2026-11-30T08:15:00Z" } } }),
                "database.restore.sourceDbInstanceIdentifier",
                undefined,
                /exactly one of sourceDbInstanceIdentifier and sourceAutomatedBackupsArn/,
            );
        });
        it("a restore time that is not UTC ISO 8601", async () => {
            await expectArgumentError(
                build({
                    ...FROM_SNAPSHOT,
                    database: { restore: { sourceDbInstanceIdentifier: "erp-prod", restoreTime: "30/11/2026 08:15" } },
                }),
                "database.restore.restoreTime",
                "30/11/2026 08:15",
                /ISO 8601/,
            );
        });
        it("an EFS data path the access point would refuse", async () => {
            await expectArgumentError(
                build({ ...FROM_SNAPSHOT, filestore: { restore: { efsFileSystemId: "fs-0123456789abcdef0", efsDataPath: "odoo/" } } }),
                "filestore.restore.efsDataPath",
                "odoo/",
                /absolute path/,
            );
        });
    });

    describe("the restore settings of each engine", () => {
        it("takes a source cluster for Aurora and refuses an instance identifier there", () => {
            const r = resolveDatabaseRestore(
                { sourceClusterIdentifier: "erp-prod", useLatestRestorableTime: true },
                true,
                "database.restore.",
            );
            assert.equal(r?.label, "point-in-time:erp-prod@latest");
            assert.throws(
                () =>
                    resolveDatabaseRestore(
                        { sourceDbInstanceIdentifier: "erp-prod", useLatestRestorableTime: true },
                        true,
                        "database.restore.",
                    ),
                /sourceDbInstanceIdentifier is "erp-prod"; accepted: no value with engine aurora-postgresql/,
            );
        });
        it("refuses a restore time and the latest restorable time together", () => {
            assert.throws(
                () =>
                    resolveDatabaseRestore(
                        { sourceDbInstanceIdentifier: "erp-prod", restoreTime: "2026-11-30T08:15:00Z", useLatestRestorableTime: true },
                        false,
                        "database.restore.",
                    ),
                /exactly one of restoreTime and useLatestRestorableTime/,
            );
        });
        it("accepts retained automated backups of a deleted instance as the source", () => {
            const arn = "arn:aws:rds:us-east-1:123456789012:auto-backup:ab-abcdefghijklmnopqrstuvwxyz1";
            const r = resolveDatabaseRestore({ sourceAutomatedBackupsArn: arn, useLatestRestorableTime: true }, false, "p.");
            assert.equal(r?.sourceAutomatedBackupsArn, arn);
        });
    });
});
