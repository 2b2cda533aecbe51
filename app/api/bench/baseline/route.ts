import { notFound } from "next/navigation";
import { defineRoute } from "@/lib/api/define-route";

/**
 * Benchmark baseline: /api/v1/me with authentication removed (same wrapper, same JSON shape,
 * no session). Exists only when the server runs with BENCH_ROUTES=1 (`npm run bench`).
 */
export const GET = defineRoute({
  permission: "public",
  handler: async () => {
    if (process.env.BENCH_ROUTES !== "1") notFound();
    return Response.json(
      { id: "00000000-0000-4000-8000-000000000000", email: "bench@example.com", displayName: null },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  },
});
