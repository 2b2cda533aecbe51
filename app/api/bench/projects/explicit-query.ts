/**
 * Benchmark only: the explicit-filter side of `npm run bench`'s tenant read. The same two
 * queries as listProjects (lib/projects/queries.ts), with `where org_id = $1`, no transaction
 * and no tenant context, on a pool of a BYPASSRLS role that the bench creates in its own
 * database (BENCH_EXPLICIT_DATABASE_URL). Never configured outside the bench.
 */
import "server-only";
import postgres from "postgres";
import { env } from "@/lib/env";
import { PROJECTS_PAGE_SIZE } from "@/lib/projects/queries";

let pool: postgres.Sql | null = null;

function explicitPool(): postgres.Sql {
  const url = process.env.BENCH_EXPLICIT_DATABASE_URL;
  if (!url) throw new Error("BENCH_EXPLICIT_DATABASE_URL is not set (npm run bench sets it)");
  pool ??= postgres(url, { max: env().DATABASE_POOL_MAX, idle_timeout: 30, onnotice: () => {} });
  return pool;
}

export interface ExplicitProject {
  id: string;
  name: string;
  description: string;
  createdByEmail: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Page 1 of the org's projects, newest first, and their total, sent together like listProjects. */
export async function listProjectsExplicit(
  orgId: string,
): Promise<{ items: ExplicitProject[]; total: number }> {
  const sql = explicitPool();
  const [[{ total } = { total: 0 }], items] = await Promise.all([
    sql<{ total: number }[]>`select count(*)::int as total from projects where org_id = ${orgId}`,
    sql<ExplicitProject[]>`
    select p.id, p.name, p.description, u.email as "createdByEmail",
           p.created_at as "createdAt", p.updated_at as "updatedAt"
    from projects p left join users u on u.id = p.created_by
    where p.org_id = ${orgId}
    order by p.created_at desc nulls last, p.id desc
    limit ${PROJECTS_PAGE_SIZE} offset 0`,
  ]);
  return { items, total };
}
