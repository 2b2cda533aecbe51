/**
 * Database provisioning for scripts (dev, test, migrate); never imported by the app.
 *
 * Roles (ADR 002): a bootstrap superuser (only on clusters we own: embedded, CI), the owner
 * `app_owner` that owns the schema and runs migrations, and the runtime role `app_user` that
 * the app logs in as. Identifiers and passwords are quoted by Postgres itself (quote_ident,
 * quote_literal via format()), never by string concatenation.
 */
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

export const RUNTIME_ROLE = "app_user";
export const OWNER_ROLE = "app_owner";

type Sql = postgres.Sql;

function connect(url: string): Sql {
  return postgres(url, { max: 1, onnotice: () => {} });
}

export function withCredentials(url: string, user: string, password: string, database?: string) {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  if (database) u.pathname = `/${database}`;
  return u.toString();
}

async function isSuperuser(sql: Sql): Promise<boolean> {
  const [row] = await sql<{ rolsuper: boolean }[]>`
    select rolsuper from pg_roles where rolname = current_user`;
  return row?.rolsuper === true;
}

/** Run DDL whose only variable parts are formatted by Postgres (`%I`, `%L`). */
async function ddl(sql: Sql, template: string, ...args: string[]) {
  const placeholders = args.map((_, i) => `, $${i + 2}::text`).join("");
  const [row] = await sql.unsafe<{ stmt: string }[]>(
    `select format($1::text${placeholders}) as stmt`,
    [template, ...args],
  );
  await sql.unsafe(row!.stmt);
}

async function ensureRole(sql: Sql, name: string, attributes: string) {
  const exists = await sql`select 1 from pg_roles where rolname = ${name}`;
  if (exists.length === 0) await ddl(sql, `create role %I ${attributes}`, name);
}

/** Gives the runtime role a login and password (owner with CREATEROLE, or a superuser). */
export async function setRuntimeLogin(ownerUrl: string, password: string) {
  const sql = connect(ownerUrl);
  try {
    await ddl(sql, "alter role %I login password %L", RUNTIME_ROLE, password);
  } finally {
    await sql.end();
  }
}

export interface ProvisionResult {
  ownerUrl: string;
  appUrl: string;
}

/**
 * On a cluster where `adminUrl` is a superuser: create both roles and `database` (owned by
 * app_owner) if missing. Returns the owner's and the runtime role's URLs for that database.
 */
export async function bootstrapCluster(
  adminUrl: string,
  database: string,
  passwords: { owner: string; app: string },
): Promise<ProvisionResult> {
  const sql = connect(adminUrl);
  try {
    if (!(await isSuperuser(sql))) {
      throw new Error(
        "bootstrapCluster needs a superuser URL; use migrateDatabase for an owner URL",
      );
    }
    await ensureRole(sql, OWNER_ROLE, "login nosuperuser nobypassrls createrole nocreatedb");
    await ddl(sql, "alter role %I password %L", OWNER_ROLE, passwords.owner);
    await ensureRole(
      sql,
      RUNTIME_ROLE,
      "nologin nosuperuser nobypassrls nocreatedb nocreaterole noinherit",
    );
    await ddl(sql, "alter role %I login password %L", RUNTIME_ROLE, passwords.app);
    const [version] = await sql<
      { v: number }[]
    >`select current_setting('server_version_num')::int as v`;
    if ((version?.v ?? 0) >= 160000) {
      // ADMIN only: the owner may manage app_user but must not inherit its policies or act as it.
      await ddl(
        sql,
        "grant %I to %I with admin option, inherit false, set false",
        RUNTIME_ROLE,
        OWNER_ROLE,
      );
    }
    const dbExists = await sql`select 1 from pg_database where datname = ${database}`;
    if (dbExists.length === 0) await ddl(sql, "create database %I owner %I", database, OWNER_ROLE);
  } finally {
    await sql.end();
  }
  return {
    ownerUrl: withCredentials(adminUrl, OWNER_ROLE, passwords.owner, database),
    appUrl: withCredentials(adminUrl, RUNTIME_ROLE, passwords.app, database),
  };
}

export async function dropDatabase(adminUrl: string, database: string) {
  const sql = connect(adminUrl);
  try {
    await ddl(sql, "drop database if exists %I with (force)", database);
  } finally {
    await sql.end();
  }
}

/** Applies the committed migrations in drizzle/ as the owner. */
export async function migrateDatabase(ownerUrl: string) {
  const sql = connect(ownerUrl);
  try {
    await migrate(drizzle(sql), {
      migrationsFolder: path.resolve(import.meta.dirname, "../drizzle"),
    });
  } finally {
    await sql.end();
  }
}
