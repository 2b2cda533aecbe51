import "server-only";
import { and, count, desc, eq } from "drizzle-orm";
import { projects, users } from "@/db/schema";
import { withTenant, type TenantContext } from "@/db/tenant";

export const PROJECTS_PAGE_SIZE = 20;

export interface ProjectSummary {
  id: string;
  name: string;
  description: string;
  createdByEmail: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const summary = {
  id: projects.id,
  name: projects.name,
  description: projects.description,
  createdByEmail: users.email,
  createdAt: projects.createdAt,
  updatedAt: projects.updatedAt,
};

/**
 * One page of the org's projects, newest first. No `where org_id = ...`: row-level security
 * returns only the org in context, which is the point of the demo. The count and the page are
 * sent together (one round trip, db/context-transaction.ts); only a page past the end costs a
 * second query, for the last page.
 */
export async function listProjects(
  ctx: TenantContext,
  page: number,
): Promise<{ items: ProjectSummary[]; total: number; page: number; pages: number }> {
  return withTenant(ctx, async (tx) => {
    const pageOf = (n: number) =>
      tx
        .select(summary)
        .from(projects)
        .leftJoin(users, eq(users.id, projects.createdBy))
        .orderBy(desc(projects.createdAt), desc(projects.id))
        .limit(PROJECTS_PAGE_SIZE)
        .offset((n - 1) * PROJECTS_PAGE_SIZE);
    const requested = Math.max(1, page);
    const [[{ total } = { total: 0 }], items] = await Promise.all([
      tx.select({ total: count() }).from(projects),
      pageOf(requested),
    ]);
    const pages = Math.max(1, Math.ceil(total / PROJECTS_PAGE_SIZE));
    const current = Math.min(requested, pages);
    return {
      items: current === requested ? items : await pageOf(current),
      total,
      page: current,
      pages,
    };
  });
}

/** One project of the org in context, or null (also for another org's id: RLS hides it). */
export async function getProject(
  ctx: TenantContext,
  id: string,
): Promise<(ProjectSummary & { createdBy: string | null }) | null> {
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select({ ...summary, createdBy: projects.createdBy })
      .from(projects)
      .leftJoin(users, eq(users.id, projects.createdBy))
      .where(and(eq(projects.id, id)))
      .limit(1),
  );
  return rows[0] ?? null;
}
