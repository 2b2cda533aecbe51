import { notFound } from "next/navigation";
import { defineApiRoute } from "@/lib/api/define-api-route";
import { meResponse } from "@/lib/api/v1-schemas";

/**
 * Benchmark baseline: GET /api/v1/me with authentication removed. The same wrapper as the real
 * route (defineApiRoute: URL and origin gates, query parsing, headers, JSON), declared "public",
 * so it skips exactly the credentials step, and answers the same body a signed-in user gets.
 * Exists only when the server runs with BENCH_ROUTES=1 (`npm run bench`); never in the OpenAPI
 * document.
 */
export const GET = defineApiRoute({
  summary: "Benchmark baseline for /api/v1/me (not part of the API)",
  permission: "public",
  response: meResponse,
  handler: async () => {
    if (process.env.BENCH_ROUTES !== "1") notFound();
    return {
      kind: "user" as const,
      id: "00000000-0000-4000-8000-000000000000",
      email: "bench@example.com",
      displayName: "Bench User",
      org: null,
      permissions: [],
    };
  },
});
