/** An EFS access point's root directory is "/" or up to four directories, at most 100 characters. */
import { EFS_DOCS, accessPointPathProblems } from "../../components/contract/awsLimits";
import { objectField, preflightRule, stringField } from "../support/preflightRule";

export const efsAccessPointPath = preflightRule({
    name: "aws-efs-access-point-path",
    description: "An EFS access point's root directory path is / or up to four directories, at most 100 characters, without $#<>;`|&?{}^*",
    url: EFS_DOCS.rootDirectory,
    types: ["aws:efs/accessPoint:AccessPoint"],
    remediationSteps: "Use a path such as /odoo (up to four levels), and give creationInfo so EFS creates it on first mount.",
    check: (fields) => {
        const path = stringField(objectField(fields, "rootDirectory"), "path");
        return path === undefined ? [] : accessPointPathProblems(path);
    },
});
