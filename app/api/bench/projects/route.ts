import { notFound } from "next/navigation";
import { defineRoute } from "@/lib/api/define-route";
import { problem } from "@/lib/api/problem";
import { getSessionMembership } from "@/lib/orgs/membership";
import { listProjects } from "@/lib/projects/queries";
import { listProjectsExplicit } from "./explicit-query";

/**
 * Benchmark pair for tenant reads (`npm run bench`), answering only with BENCH_ROUTES=1.
 * Both sides validate the session and check membership exactly as org pages do, then:
 * - `?org=<slug>`: the app's own listProjects, in withTenant, filtered by RLS alone;
 * - `?org=<slug>&explicit=1`: the same queries with `where org_id = $1`, no transaction, as a
 *   role that RLS does not filter (./explicit-query.ts).
 */
export const GET = defineRoute({
  permission: "public",
  handler: async (request) => {
    if (process.env.BENCH_ROUTES !== "1") notFound();
    const params = new URL(request.url).searchParams;
    const context = await getSessionMembership(params.get("org") ?? "");
    if (!context) return problem(401, "Authentication required");
    const { membership } = context;
    if (!membership) return problem(404, "Not found");
    const list =
      params.get("explicit") === "1"
        ? await listProjectsExplicit(membership.orgId)
        : await listProjects({ orgId: membership.orgId, userId: membership.userId }, 1);
    return Response.json(
      { total: list.total, items: list.items.map((p) => ({ id: p.id, name: p.name })) },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  },
});
