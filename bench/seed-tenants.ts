/**
 * Benchmark data for tenant reads, not the dev seed (db/seed.ts): ORGS organizations with
 * PROJECTS_PER_ORG projects each (1,000 x 1,000 = 1M rows), made in SQL with generate_series
 * as the bench database's superuser, plus one membership for the bench user in the org the
 * bench reads, and a BYPASSRLS role for the explicit-filter side.
 *
 * The BYPASSRLS role exists only for the bench: roles are cluster-wide in Postgres, so it gets
 * a name unique to this bench database, CONNECT on that database alone, SELECT on the two
 * tables it reads, and is dropped with the database (bench/server.ts).
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { withCredentials } from "@/db/provision";

export const ORGS = 1_000;
export const PROJECTS_PER_ORG = 1_000;

export interface TenantSeed {
  /** The org the bench user belongs to and the bench reads (the middle one). */
  slug: string;
  orgId: string;
  rows: number;
  seconds: number;
}

export async function seedTenants(adminDbUrl: string, userId: string): Promise<TenantSeed> {
  const sql = postgres(adminDbUrl, { max: 1, onnotice: () => {} });
  const started = performance.now();
  const slug = `bench-org-${ORGS / 2}`;
  try {
    await sql.begin(async (tx) => {
      await tx`set local synchronous_commit = off`;
      // With triggers on: each new org gets its built-in roles.
      await tx`
        insert into organizations (name, slug)
        select 'Bench org ' || g, 'bench-org-' || g from generate_series(1, ${ORGS}::int) g`;
      await tx`
        insert into memberships (org_id, user_id, role_id)
        select o.id, ${userId}, r.id from organizations o
        join org_roles r on r.org_id = o.id and r.built_in = 'owner'
        where o.slug = ${slug}`;
      // Skips the per-row foreign-key triggers for the million projects: every org_id and
      // created_by below is taken from rows that exist, so the checks could not fail.
      await tx`set local session_replication_role = replica`;
      // Newest first is the list order: created_at spreads the rows over PROJECTS_PER_ORG minutes.
      await tx`
        insert into projects (org_id, name, description, created_by, created_at, updated_at)
        select o.id, 'Project ' || g, 'Bench project ' || g || ' of ' || o.name, ${userId},
               now() - make_interval(mins => g), now() - make_interval(mins => g)
        from organizations o cross join generate_series(1, ${PROJECTS_PER_ORG}::int) g
        where o.slug like 'bench-org-%'`;
    });
    await sql`analyze organizations, memberships, projects`;
    const [org] = await sql<{ id: string }[]>`select id from organizations where slug = ${slug}`;
    const [count] = await sql<{ n: number }[]>`select count(*)::int as n from projects`;
    return {
      slug,
      orgId: org!.id,
      rows: count!.n,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await sql.end();
  }
}

/** Creates the bench-only BYPASSRLS reader; returns its URL and how to drop it. */
export async function createExplicitReader(adminDbUrl: string): Promise<{
  url: string;
  role: string;
  drop: () => Promise<void>;
}> {
  const sql = postgres(adminDbUrl, { max: 1, onnotice: () => {} });
  const database = new URL(adminDbUrl).pathname.slice(1);
  const role = `bench_explicit_${database.replace(/^bench_/, "")}`.toLowerCase();
  const password = randomBytes(18).toString("base64url");
  // Both names are ours (letters, digits, _) and the password is base64url: no quoting issue.
  try {
    await sql.unsafe(
      `create role ${role} login nosuperuser bypassrls noinherit password '${password}'`,
    );
    await sql.unsafe(`grant connect on database ${database} to ${role}`);
    await sql.unsafe(`grant usage on schema public to ${role}`);
    await sql.unsafe(`grant select on projects, users to ${role}`);
  } finally {
    await sql.end();
  }
  return {
    url: withCredentials(adminDbUrl, role, password, database),
    role,
    drop: async () => {
      const admin = postgres(adminDbUrl, { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`drop owned by ${role}`);
        await admin.unsafe(`drop role ${role}`);
      } finally {
        await admin.end();
      }
    },
  };
}
