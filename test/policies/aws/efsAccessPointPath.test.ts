import { efsAccessPointPath } from "../../../policies/aws/efsAccessPointPath";
import { describePreflightRule, single } from "./preflightCases";

type Props = { rootDirectory: Record<string, unknown> };

describePreflightRule({
    rule: efsAccessPointPath,
    fixture: single({
        type: "aws:efs/accessPoint:AccessPoint",
        props: {
            fileSystemId: "fs-1",
            rootDirectory: { path: "/odoo", creationInfo: { ownerUid: 100, ownerGid: 101, permissions: "750" } },
        },
    }),
    subject: "subject",
    accepts: [{ title: "four levels", change: (p) => ((p as Props).rootDirectory.path = "/odoo/erp/prod/data") }],
    rejects: [
        { title: "five levels", change: (p) => ((p as Props).rootDirectory.path = "/a/b/c/d/e"), message: /not accepted/ },
        { title: "a hidden directory", change: (p) => ((p as Props).rootDirectory.path = "/.odoo"), message: /not accepted/ },
        { title: "a dollar sign", change: (p) => ((p as Props).rootDirectory.path = "/odoo$"), message: /not accepted/ },
    ],
    unknown: { title: "a path from an output", change: (p, unknown) => ((p as Props).rootDirectory.path = unknown("/a/b/c/d/e")) },
});
