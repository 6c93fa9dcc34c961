import { strict as assert } from "node:assert";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { UNKNOWN } from "../../../stacks/engine/mockRuntime";
import {
    UNKNOWN_SENTINEL,
    analyzeRequest,
    analyzeStackRequest,
    configureRequest,
    decodeAnalyzeResponse,
    secret,
    startPolicyAnalyzer,
    toStruct,
} from "../../../stacks/engine/policyAnalyzer";
import { TYPE } from "../../harness/resourceTypes";

describe("the policy analyzer client's wire format", () => {
    it("encodes unknowns as the engine's sentinel string, whatever symbol marks them", () => {
        assert.equal(UNKNOWN_SENTINEL, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
        const struct = toStruct({ id: UNKNOWN, list: [UNKNOWN, "a"], nested: { arn: Symbol("another harness's unknown") } });
        assert.deepEqual(struct.toJavaScript(), { id: UNKNOWN_SENTINEL, list: [UNKNOWN_SENTINEL, "a"], nested: { arn: UNKNOWN_SENTINEL } });
    });

    it("wraps secrets in Pulumi's secret signature and drops undefined properties", () => {
        const struct = toStruct({ authToken: secret("s3cr3t"), gone: undefined, kept: null });
        assert.deepEqual(struct.toJavaScript(), {
            authToken: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s3cr3t" },
            kept: null,
        });
    });

    it("refuses values a Struct cannot carry, naming where they are", () => {
        assert.throws(() => toStruct({ a: { b: Number.NaN } }), /props\.a\.b: NaN cannot travel/);
        assert.throws(() => toStruct({ f: () => 1 }), /props\.f: a function cannot travel/);
    });

    it("sends parent, dependencies and property dependencies with a stack's resources", () => {
        const req = analyzeStackRequest([
            { type: TYPE.launchTemplate, name: "lt", urn: "urn:lt", props: {} },
            {
                type: TYPE.autoscalingGroup,
                name: "asg",
                urn: "urn:asg",
                parent: "urn:c",
                props: { maxSize: 2 },
                dependencies: ["urn:lt"],
                propertyDependencies: { launchTemplate: ["urn:lt"] },
            },
        ]);
        const asg = req.getResourcesList()[1];
        assert.equal(asg.getParent(), "urn:c");
        assert.equal(asg.getOptions()?.getParent(), "urn:c");
        assert.deepEqual(asg.getDependenciesList(), ["urn:lt"]);
        assert.deepEqual(asg.getPropertydependenciesMap().get("launchTemplate")?.getUrnsList(), ["urn:lt"]);
        assert.deepEqual(asg.getProperties()?.toJavaScript(), { maxSize: 2 });
    });

    it("sends Analyze the resource's options", () => {
        const req = analyzeRequest({
            type: "t",
            name: "n",
            urn: "u",
            props: {},
            options: { protect: true, deleteBeforeReplace: true, ignoreChanges: ["tags"] },
        });
        assert.equal(req.getOptions()?.getProtect(), true);
        assert.equal(req.getOptions()?.getDeletebeforereplacedefined(), true);
        assert.deepEqual(req.getOptions()?.getIgnorechangesList(), ["tags"]);
    });

    it("configures a policy at the level it declares when the config names none, as the CLI does", () => {
        const req = configureRequest(
            { "odoo-single-cron-node": { allowNoCronNode: true }, "odoo-multi-az-fleet": { enforcementLevel: "disabled" } },
            {
                "odoo-single-cron-node": "mandatory",
                "odoo-multi-az-fleet": "advisory",
            },
        );
        const cron = req.getPolicyconfigMap().get("odoo-single-cron-node")!;
        assert.equal(cron.getEnforcementlevel(), analyzerPb.EnforcementLevel.MANDATORY);
        assert.deepEqual(cron.getProperties()?.toJavaScript(), { allowNoCronNode: true });
        assert.equal(req.getPolicyconfigMap().get("odoo-multi-az-fleet")!.getEnforcementlevel(), analyzerPb.EnforcementLevel.DISABLED);
        assert.throws(() => configureRequest({ "no-such-policy": {} }, {}), /"no-such-policy", which the pack does not have/);
    });

    it("reads diagnostics and not-applicable answers back", () => {
        const response = new analyzerPb.AnalyzeResponse();
        const d = new analyzerPb.AnalyzeDiagnostic();
        d.setPolicyname("p");
        d.setMessage("m");
        d.setEnforcementlevel(analyzerPb.EnforcementLevel.MANDATORY);
        d.setSeverity(analyzerPb.PolicySeverity.POLICY_SEVERITY_HIGH);
        d.setUrn("urn:x");
        response.setDiagnosticsList([d]);
        const na = new analyzerPb.PolicyNotApplicable();
        na.setPolicyName("q");
        na.setReason("r");
        response.setNotApplicableList([na]);
        const decoded = decodeAnalyzeResponse(response);
        assert.deepEqual(
            decoded.diagnostics.map((x) => [x.policyName, x.message, x.enforcementLevel, x.severity, x.urn]),
            [["p", "m", "mandatory", "high", "urn:x"]],
        );
        assert.deepEqual(decoded.notApplicable, [{ policyName: "q", reason: "r" }]);
    });

    it("reports a pack that cannot start, with what it wrote to stderr", async function () {
        this.timeout(60_000);
        // A directory without a pack: run-policy-pack fails to load the program and exits.
        await assert.rejects(
            startPolicyAnalyzer({ packDir: __dirname, startTimeoutMs: 50_000 }),
            /exited .* before reporting a port[\s\S]*(entry point|Cannot find module)/,
        );
    });
});
