/**
 * ESLint: typescript-eslint's recommended rules, and the project's import boundaries
 * (scripts/lint/import-boundaries.ts). Formatting is Prettier's job, not ESLint's.
 */
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";
import boundaries from "./scripts/lint/import-boundaries.ts";

export default defineConfig(
  {
    ignores: ["dist/", ".astro/", ".wrangler/", "reports/", "public/", "node_modules/"],
  },
  tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    plugins: { boundaries },
    rules: {
      "boundaries/imports": "error",
      // `{ omitted: _, ...rest }` drops a property on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
);
