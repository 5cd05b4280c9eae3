// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const platformSdks = {
  paths: [
    { name: "grammy", message: "Platform code lives in adapters/ only." },
    { name: "matrix-bot-sdk", message: "Platform code lives in adapters/ only." },
  ],
  patterns: [
    { group: ["grammy/*", "matrix-bot-sdk/*"], message: "Platform code lives in adapters/ only." },
  ],
};

export default tseslint.config(
  { ignores: ["node_modules/", "data/", "dist/", "storage/migrations/", "bench/out/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "no-console": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["bot/**/*.ts", "commands/**/*.ts", "storage/**/*.ts"],
    rules: { "no-restricted-imports": ["error", platformSdks] },
  },
  {
    // matrix-bot-sdk is loaded through adapters/matrix/sdk.ts only (the crypto module may be
    // missing: TOOLCHAIN.md, "Matrix crypto"); elsewhere, its types only.
    files: ["adapters/**/*.ts"],
    ignores: ["adapters/matrix/sdk.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "matrix-bot-sdk",
              allowTypeImports: true,
              message: "Import matrix-bot-sdk values through adapters/matrix/sdk.ts.",
            },
          ],
        },
      ],
    },
  },
  {
    // The console adapter and command-line tools talk to a terminal on purpose.
    files: ["adapters/console/**/*.ts", "bench/**/*.ts", "bot/cli-*.ts"],
    rules: { "no-console": "off" },
  },
  {
    files: ["tests/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/unbound-method": "off",
    },
  },
  {
    files: ["*.js", "*.config.ts"],
    ...tseslint.configs.disableTypeChecked,
  },
);
