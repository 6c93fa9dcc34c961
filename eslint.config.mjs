// Flat config: typescript-eslint's recommended rules over every TypeScript file we own.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["dist/**", "node_modules/**", "**/node_modules/**", "test/fixtures/**/out/**"] },
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
        files: ["**/*.mjs", "**/*.js"],
        languageOptions: { globals: { process: "readonly", console: "readonly" } },
    },
);
