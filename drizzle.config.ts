import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` is used (never `push`): migrations are reviewed SQL files in
// drizzle/, applied by `npm run db:migrate` as the owner role.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
  entities: { roles: { provider: "", exclude: [], include: [] } },
});
