import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit and integration tests run outside Next. `server-only` resolves to an empty module here
// (the import itself stays in the source); integration tests get a fresh database from
// scripts/test.ts and connect as the runtime role.
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", ".data/**", "e2e/**"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
