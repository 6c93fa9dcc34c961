// Flat config: typescript-eslint's recommended rules over every TypeScript file we own, plus the
// import boundaries that keep the architecture visible (issue 11):
// - the contract (components/contract) is pure: no AWS provider, no other component folder;
// - the policy pack imports nothing of the package but the contract, so it can be published as
//   policies/ plus components/contract/.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const providerPackages = ["@pulumi/aws", "@pulumi/command", "@pulumi/random"];

export default tseslint.config(
    { ignores: ["dist/**", "node_modules/**", "**/node_modules/**", ".ci/**"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
            "no-console": "off",
            eqeqeq: ["error", "always"],
            curly: ["error", "all"],
        },
    },
    {
        files: ["components/contract/**/*.ts"],
        rules: {
            "no-restricted-imports": [
                "error",
                {
                    paths: providerPackages.map((name) => ({ name, message: "the contract is pure: no cloud provider SDK" })),
                    patterns: [
                        {
                            regex: "^\\.\\./",
                            message:
                                "the contract imports nothing outside components/contract (components and policies import it, not the reverse)",
                        },
                    ],
                },
            ],
        },
    },
    {
        files: ["policies/**/*.ts"],
        rules: {
            "no-restricted-imports": [
                "error",
                {
                    paths: providerPackages.map((name) => ({ name, message: "policies read resources; they never create them" })),
                    patterns: [
                        {
                            regex: "^(\\.\\./)+(components|stacks|test)/(?!contract/)",
                            message: "the policy pack imports only the contract (components/contract) from this package",
                        },
                        { regex: "^(\\.\\./)+(stacks|test)/", message: "the policy pack imports only the contract" },
                    ],
                },
            ],
        },
    },
    {
        files: ["**/*.mjs", "**/*.js"],
        languageOptions: { globals: { process: "readonly", console: "readonly" } },
    },
);
