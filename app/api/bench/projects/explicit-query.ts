/**
 * Benchmark only: the explicit-filter side of `npm run bench`'s tenant read. The same two
 * queries as listProjects (lib/projects/queries.ts), built the same way (drizzle, the same
 * columns, join and order), with `where org_id = $1` added, no transaction and no tenant
 * context, on a pool of a BYPASSRLS role that the bench creates in its own database
 * (BENCH_EXPLICIT_DATABASE_URL). Never configured outside the bench.
 *
 * Same query builder on both sides, so the comparison measures what RLS and the tenant
 * transaction cost, not the ORM: built with raw SQL, this side skipped about 0.1 ms of query
 * building per request that the app's side pays (a CPU profile, 2026-12-03).
 */
import "server-only";
import { count, desc, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "@/db/schema";
import { projects, users } from "@/db/schema";
import { env } from "@/lib/env";
import { PROJECTS_PAGE_SIZE, type ProjectSummary } from "@/lib/projects/queries";

let explicit: ReturnType<typeof connect> | null = null;

/**
 * drizzle sends queries through postgres.js `unsafe`, unprepared by default, and an unprepared
 * statement with parameters costs an extra round trip (its Describe). The app's tenant
 * transactions prepare theirs (db/context-transaction.ts); so does this side, so both send the
 * count and the page in one round trip.
 */
function connect(url: string) {
  const pool = postgres(url, {
    max: env().DATABASE_POOL_MAX,
    idle_timeout: 30,
    onnotice: () => {},
  });
  const prepared = new Proxy(pool, {
    get(target, key, receiver) {
      if (key !== "unsafe") return Reflect.get(target, key, receiver);
      return (query: string, params?: unknown[], options?: object) =>
        target.unsafe(query, params as postgres.ParameterOrJSON<never>[], {
          ...options,
          prepare: true,
        });
    },
  });
  return drizzle(prepared, { schema, casing: "snake_case" });
}

function explicitDb() {
  const url = process.env.BENCH_EXPLICIT_DATABASE_URL;
  if (!url) throw new Error("BENCH_EXPLICIT_DATABASE_URL is not set (npm run bench sets it)");
  explicit ??= connect(url);
  return explicit;
}

/** Page 1 of the org's projects, newest first, and their total, sent together like listProjects. */
export async function listProjectsExplicit(
  orgId: string,
): Promise<{ items: ProjectSummary[]; total: number }> {
  const db = explicitDb();
  const [[{ total } = { total: 0 }], items] = await Promise.all([
    db.select({ total: count() }).from(projects).where(eq(projects.orgId, orgId)),
    db
      .select({
        id: projects.id,
        name: projects.name,
        description: projects.description,
        createdByEmail: users.email,
        createdAt: projects.createdAt,
        updatedAt: projects.updatedAt,
      })
      .from(projects)
      .leftJoin(users, eq(users.id, projects.createdBy))
      .where(eq(projects.orgId, orgId))
      .orderBy(sql`${projects.createdAt} desc nulls last`, desc(projects.id))
      .limit(PROJECTS_PAGE_SIZE)
      .offset(0),
  ]);
  return { items, total };
}
