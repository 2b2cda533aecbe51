import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".data/**",
    "node_modules/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
    "bench/results/**",
  ]),
  {
    rules: {
      // The raw pool is for db/ only: app code reaches data through withUser/withTenant.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/db/client", "**/db/client"],
              message: "Use withUser/withTenant from @/db/tenant.",
            },
          ],
        },
      ],
      // User text is never rendered as HTML (checklist H6).
      "react/no-danger": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["db/**", "**/*.test.ts", "e2e/**"],
    rules: { "no-restricted-imports": "off" },
  },
]);
