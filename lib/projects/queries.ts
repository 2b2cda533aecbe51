import "server-only";
import { count, desc, eq, sql } from "drizzle-orm";
import { projects, users } from "@/db/schema";
import { withTenant, type TenantContext, type Transaction } from "@/db/tenant";
import { cursorSql, cursorTimeSql } from "@/lib/keyset-cursor";

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

/** Newest first, matching the index (org_id, created_at desc nulls last), then by id. */
const newestFirst = [sql`${projects.createdAt} desc nulls last`, desc(projects.id)];

function pageOf(tx: Transaction, page: number) {
  return tx
    .select(summary)
    .from(projects)
    .leftJoin(users, eq(users.id, projects.createdBy))
    .orderBy(...newestFirst)
    .limit(PROJECTS_PAGE_SIZE)
    .offset((page - 1) * PROJECTS_PAGE_SIZE);
}

/**
 * One page of the org's projects, newest first. No `where org_id = ...`: row-level security
 * returns only the org in context, which is the point of the demo. The count and the page are
 * returned unawaited, so they go out with BEGIN, the context and COMMIT in one round trip
 * (db/context-transaction.ts); only a page past the end costs a second call, for the last page.
 */
export async function listProjects(
  ctx: TenantContext,
  page: number,
): Promise<{ items: ProjectSummary[]; total: number; page: number; pages: number }> {
  const requested = Math.max(1, page);
  const [[{ total } = { total: 0 }], items] = await withTenant(ctx, (tx) => [
    tx.select({ total: count() }).from(projects),
    pageOf(tx, requested),
  ]);
  const pages = Math.max(1, Math.ceil(total / PROJECTS_PAGE_SIZE));
  const current = Math.min(requested, pages);
  return {
    items: current === requested ? items : await withTenant(ctx, (tx) => pageOf(tx, current)),
    total,
    page: current,
    pages,
  };
}

export type ProjectRow = ProjectSummary & { createdBy: string | null };

function projectById(tx: Transaction, id: string) {
  return tx
    .select({ ...summary, createdBy: projects.createdBy })
    .from(projects)
    .leftJoin(users, eq(users.id, projects.createdBy))
    .where(eq(projects.id, id))
    .limit(1);
}

/** One project of the org in context, or null (also for another org's id: RLS hides it). */
export async function selectProject(tx: Transaction, id: string): Promise<ProjectRow | null> {
  const rows = await projectById(tx, id);
  return rows[0] ?? null;
}

/** Who created a project of the org in context, for the creator rule; null if there is none. */
export async function selectProjectCreator(
  tx: Transaction,
  id: string,
): Promise<{ createdBy: string | null } | null> {
  const [row] = await tx
    .select({ createdBy: projects.createdBy })
    .from(projects)
    .where(eq(projects.id, id));
  return row ?? null;
}

/** selectProject in its own transaction, sent with BEGIN, the context and COMMIT at once. */
export async function getProject(ctx: TenantContext, id: string): Promise<ProjectRow | null> {
  const [rows] = await withTenant(ctx, (tx) => [projectById(tx, id)]);
  return rows[0] ?? null;
}

/** A position in the newest-first order: the creation time to the microsecond, and the id. */
export interface ProjectCursor {
  time: string;
  id: string;
}

const position = sql`(${projects.createdAt}, ${projects.id})`;

/**
 * A keyset page of the org's projects, newest first, for the REST API: `limit` projects after
 * `after`, and the cursor of the last one when more follow. The order is the index
 * projects_org_id_created_at_idx's (DESC NULLS LAST), and the cursor keeps the microseconds (a
 * JS Date would round them), so projects created in the same millisecond are neither skipped
 * nor repeated, and projects created while a client pages do not shift later pages.
 */
export async function selectProjectPage(
  tx: Transaction,
  { limit, after }: { limit: number; after: ProjectCursor | null },
): Promise<{ items: (ProjectRow & { cursor: ProjectCursor })[]; next: ProjectCursor | null }> {
  const rows = await tx
    .select({
      ...summary,
      createdBy: projects.createdBy,
      cursorTime: cursorTimeSql(projects.createdAt),
    })
    .from(projects)
    .leftJoin(users, eq(users.id, projects.createdBy))
    .where(after ? sql`${position} < ${cursorSql(after)}` : undefined)
    .orderBy(sql`${projects.createdAt} desc nulls last`, sql`${projects.id} desc nulls last`)
    .limit(limit + 1);
  const items = rows
    .slice(0, limit)
    .map(({ cursorTime, ...row }) => ({ ...row, cursor: { time: cursorTime, id: row.id } }));
  return { items, next: rows.length > limit ? (items.at(-1)?.cursor ?? null) : null };
}
