import type postgres from "postgres";
import { describe, expect, it } from "vitest";
import { checkRuntimeRole } from "./guard";
import { testConnections } from "./test-database";

const db = testConnections();

describe("the runtime role (I10, ADR 002)", () => {
  it("is not superuser, cannot bypass RLS, create roles or databases", async () => {
    const [role] = await db.app`
      select current_user as name, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb
      from pg_roles where rolname = current_user`;
    expect(role).toEqual({
      name: "app_user",
      rolsuper: false,
      rolbypassrls: false,
      rolcreaterole: false,
      rolcreatedb: false,
    });
  });

  it("owns no table, schema or function, and passes the startup check", async () => {
    const owned = await db.app`
      select c.relname from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = current_user`;
    expect(owned).toEqual([]);
    expect(await checkRuntimeRole(db.app)).toEqual({ role: "app_user", problems: [] });
  });

  it("is not inherited by the owner, which administers it but does not act as it", async () => {
    const [row] = await db.owner`select pg_has_role(current_user, 'app_user', 'USAGE') as inherits`;
    expect(row).toEqual({ inherits: false });
  });

  it("makes the startup check refuse the owner", async () => {
    const result = await checkRuntimeRole(db.owner);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.join(" ")).toMatch(/owns|superuser/);
  });

  it("holds only SELECT/INSERT/UPDATE/DELETE on tables: no TRUNCATE, REFERENCES or TRIGGER", async () => {
    const privileges = await db.owner`
      select distinct privilege_type from information_schema.role_table_grants
      where grantee = 'app_user' and table_schema = 'public'`;
    expect(privileges.map((p) => p.privilege_type).sort()).toEqual([
      "DELETE",
      "INSERT",
      "SELECT",
      "UPDATE",
    ]);
  });
});

/**
 * Tables allowed to exist without forced RLS and a policy per command. Each entry needs a
 * comment saying why. Empty today: even accounts and sessions are behind policies.
 */
const RLS_ALLOWLIST: string[] = [];

type Sql = postgres.Sql | postgres.TransactionSql;

function unprotectedTables(sql: Sql) {
  return sql`
    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
      and not (c.relrowsecurity and c.relforcerowsecurity)
      and c.relname <> all(${RLS_ALLOWLIST})`;
}

function policyGaps(sql: Sql) {
  return sql`
    select c.relname, cmd from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    cross join unnest(array['SELECT','INSERT','UPDATE','DELETE']) as cmd
    where n.nspname = 'public' and c.relkind in ('r', 'p')
      and not exists (
        select 1 from pg_policies p
        where p.schemaname = 'public' and p.tablename = c.relname
          and p.cmd in (cmd, 'ALL') and 'app_user' = any(p.roles))
      and c.relname <> all(${RLS_ALLOWLIST})`;
}

describe("the catalog", () => {
  it("has row-level security enabled and forced on every table in public", async () => {
    expect(await unprotectedTables(db.owner)).toEqual([]);
  });

  it("gives app_user a policy for each command on every table", async () => {
    expect(await policyGaps(db.owner)).toEqual([]);
  });

  it("would catch a new table added without RLS or policies", async () => {
    const rolledBack = db.owner.begin(async (tx) => {
      await tx`create table catalog_probe (id int primary key, org_id uuid not null)`;
      expect(await unprotectedTables(tx)).toEqual([{ relname: "catalog_probe" }]);
      expect(await policyGaps(tx)).toHaveLength(4);
      await tx`alter table catalog_probe enable row level security`;
      await tx`alter table catalog_probe force row level security`;
      expect(await unprotectedTables(tx)).toEqual([]);
      throw new Error("roll back the probe table");
    });
    await expect(rolledBack).rejects.toThrow("roll back the probe table");
  });

  it("has no view that runs with its owner's rights (security_invoker)", async () => {
    const views = await db.owner`
      select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'v'
        and not coalesce(c.reloptions && array['security_invoker=true', 'security_invoker=on'], false)`;
    expect(views).toEqual([]);
  });

  it("pins search_path on SECURITY DEFINER functions and keeps them from PUBLIC", async () => {
    const fns = await db.owner`
      select p.proname, p.proconfig, has_function_privilege('public', p.oid, 'execute') as public_exec
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.prosecdef`;
    expect(fns.map((f) => f.proname).sort()).toEqual([
      "app_account_token_lookup",
      "app_admin_actor_email",
      "app_admin_audit",
      "app_admin_disable_user",
      "app_admin_enable_user",
      "app_admin_end_sessions",
      "app_admin_users",
      "app_api_key_lookup",
      "app_api_session_lookup",
      "app_claim_platform_admin",
      "app_invitation_lookup",
      "app_is_platform_admin",
      "app_keep_an_owner",
      "app_login_lookup",
      "app_membership_ended",
      "app_oauth_email_lookup",
      "app_oauth_login_lookup",
      "app_rate_limit_clear",
      "app_rate_limit_hit",
      "app_rate_limit_peek",
      "app_rate_limit_refund",
      "app_record_auth_event",
      "app_request_context",
      "app_session_lookup",
    ]);
    for (const f of fns) {
      expect(
        f.proconfig?.some((c: string) => c.startsWith("search_path=")),
        f.proname,
      ).toBe(true);
      expect(f.public_exec, f.proname).toBe(false);
    }
  });

  it("keeps the admin functions' internal check from the runtime role", async () => {
    const [row] = await db.owner`
      select has_function_privilege('app_user', 'app_admin_actor_email()', 'execute') as can`;
    expect(row?.can).toBe(false);
  });

  it("shows the runtime role no user or session without a user in context (fail closed)", async () => {
    expect(await db.app`select count(*)::int as n from users`).toEqual([{ n: 0 }]);
    expect(await db.app`select count(*)::int as n from sessions`).toEqual([{ n: 0 }]);
  });
});
