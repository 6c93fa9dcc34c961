import { OdooStackFixture, FIXTURE_TYPES, computed, productionCluster } from "../fixtures/odooStack";
import { diagnosticsOf, expectNone, expectViolations, inBothModes } from "../policyTestKit";

const NAME = "odoo-node-volumes-encrypted";
const verdict = (f: OdooStackFixture, mode: "preview" | "update") => diagnosticsOf(NAME, f, mode);

function withInstance(props: Record<string, unknown>): OdooStackFixture {
    const f = productionCluster();
    const tags = { ...(f.get("erp-http-lt").props.tags as Record<string, string>) };
    return f.add({
        type: FIXTURE_TYPES.instance,
        name: "erp-extra",
        props: { instanceType: "c7g.xlarge", metadataOptions: { httpTokens: "required" }, ...props, tags },
    });
}

describe(NAME, () => {
    inBothModes("accepts encrypted gp3 root volumes", async (mode) => {
        expectNone(await verdict(productionCluster(), mode));
    });

    inBothModes("rejects an unencrypted EBS mapping, naming the device", async (mode) => {
        const f = productionCluster().mutate(
            "erp-http-lt",
            (p) => ((p.blockDeviceMappings as { ebs: Record<string, unknown> }[])[0].ebs.encrypted = "false"),
        );
        expectViolations(await verdict(f, mode), 1, "mandatory", /the EBS mapping of device "\/dev\/xvda" has encrypted false/);
    });

    inBothModes("rejects a launch template that keeps the AMI's root volume as it is", async (mode) => {
        const f = productionCluster().mutate("erp-cron-lt", (p) => delete p.blockDeviceMappings);
        expectViolations(await verdict(f, mode), 1, "mandatory", /no blockDeviceMappings entry with ebs/);
    });

    it("rejects an encryption flag that is not known at preview", async () => {
        const f = productionCluster().mutate(
            "erp-http-lt",
            (p) => ((p.blockDeviceMappings as { ebs: Record<string, unknown> }[])[0].ebs.encrypted = computed("true")),
        );
        expectViolations(await verdict(f, "preview"), 1, "mandatory", /has encrypted not known at preview/);
        expectNone(await verdict(f, "update"));
    });

    inBothModes("checks a standalone instance's root and extra volumes", async (mode) => {
        expectViolations(
            await verdict(withInstance({}), mode),
            1,
            "mandatory",
            /erp-extra of cluster "erp": rootBlockDevice.encrypted is not set/,
        );
        expectViolations(
            await verdict(
                withInstance({ rootBlockDevice: { encrypted: true }, ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: false }] }),
                mode,
            ),
            1,
            "mandatory",
            /an ebsBlockDevices entry has encrypted false/,
        );
        expectNone(await verdict(withInstance({ rootBlockDevice: { encrypted: true } }), mode));
    });
});
