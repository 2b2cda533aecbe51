/**
 * Startup assertion (ADR 002): the runtime connection must be a least-privilege role. A
 * superuser, a BYPASSRLS role or an owner of anything in this database would silently
 * ignore row-level security, so the app refuses to run as one.
 */
import "server-only";
import type postgres from "postgres";
import { client } from "./client";

export interface RoleProblem {
  role: string;
  problems: string[];
}

export async function checkRuntimeRole(sql: postgres.Sql): Promise<RoleProblem> {
  const [role] = await sql<{ name: string; rolsuper: boolean; rolbypassrls: boolean }[]>`
    select current_user as name, rolsuper, rolbypassrls from pg_roles where rolname = current_user`;
  const [owned] = await sql<{ count: number }[]>`
    select (
      (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relowner = r.oid and n.nspname not in ('pg_catalog', 'information_schema')
          and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%')
      + (select count(*) from pg_namespace n where n.nspowner = r.oid)
      + (select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where p.proowner = r.oid and n.nspname not in ('pg_catalog', 'information_schema'))
    )::int as count
    from pg_roles r where r.rolname = current_user`;
  const problems: string[] = [];
  if (role?.rolsuper) problems.push("is a superuser");
  if (role?.rolbypassrls) problems.push("has BYPASSRLS");
  if ((owned?.count ?? 0) > 0) problems.push(`owns ${owned?.count} schema object(s)`);
  return { role: role?.name ?? "unknown", problems };
}

export async function assertRuntimeRole(sql: postgres.Sql): Promise<void> {
  const { role, problems } = await checkRuntimeRole(sql);
  if (problems.length > 0) {
    throw new Error(
      `Refusing to start: the database role "${role}" ${problems.join(", ")}. ` +
        "DATABASE_APP_URL must use the runtime role (app_user), which row-level security applies to.",
    );
  }
}

/** The check the server runs at startup, on its own pool. */
export function assertAppConnection(): Promise<void> {
  return assertRuntimeRole(client().sql);
}
