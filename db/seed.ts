/**
 * Demo data for development (never production: scripts/seed.ts refuses). Inserted as the
 * runtime role through the same RLS policies the app uses. Idempotent: it seeds once, when
 * the demo users are first created.
 *
 * Two organizations with overlapping project names and one user in both, so tenant isolation
 * is visible in the UI: Ada sees "Roadmap" twice, once per org, never mixed. The demo addresses
 * count as verified (nobody reads example.com's mail), so every feature works at once. On the embedded
 * database Ada is also a platform admin (/admin): the only row here written as the schema
 * owner, because the runtime role can grant that to nobody (ADR 015). Not on a DATABASE_URL
 * database, which may be shared or, by mistake, production: a platform admin whose password is
 * published would rule it. There, and outside this seed, it takes `npm run admin:grant`.
 */
import { hash } from "@node-rs/argon2";
import postgres from "postgres";
import { ARGON2_PARAMS } from "@/lib/auth/password-hasher";

export const DEMO_USERS = [
  { email: "ada@example.com", password: "analytical engine notes", displayName: "Ada Lovelace" },
  { email: "grace@example.com", password: "first compiler in 1952", displayName: "Grace Hopper" },
] as const;

const DEMO_ORGS = [
  {
    name: "Analytical Engines",
    slug: "analytical-engines",
    owner: 0,
    members: [] as number[],
    projects: ["Roadmap", "Difference engine", "Notes on Menabrea"],
  },
  {
    name: "Compilers Inc",
    slug: "compilers-inc",
    owner: 1,
    members: [0],
    projects: ["Roadmap", "A-0 System", "COBOL"],
  },
];

export async function seedDemoData(
  db: { appUrl: string; ownerUrl: string; embedded: boolean },
  log: (line: string) => void,
): Promise<void> {
  const sql = postgres(db.appUrl, { max: 1, onnotice: () => {} });
  try {
    const ids: string[] = [];
    for (const user of DEMO_USERS) {
      const id = crypto.randomUUID();
      const passwordHash = await hash(user.password, ARGON2_PARAMS);
      const rows = await sql.begin(async (tx) => {
        await tx`select set_config('app.user_id', ${id}, true)`;
        return tx`
          insert into users (id, email, password_hash, display_name, email_verified_at)
          values (${id}, ${user.email}, ${passwordHash}, ${user.displayName}, now())
          on conflict do nothing returning id`;
      });
      if (rows.length > 0) ids.push(id);
    }
    if (ids.length === DEMO_USERS.length) {
      for (const org of DEMO_ORGS) {
        const orgId = crypto.randomUUID();
        const owner = ids[org.owner]!;
        await sql.begin(async (tx) => {
          await tx`select set_config('app.org_id', ${orgId}, true), set_config('app.user_id', ${owner}, true)`;
          await tx`insert into organizations (id, name, slug) values (${orgId}, ${org.name}, ${org.slug})`;
          await tx`insert into memberships (org_id, user_id, role_id) select ${orgId}, ${owner}, id from org_roles where org_id = ${orgId} and built_in = 'owner'`;
          for (const member of org.members) {
            await tx`insert into memberships (org_id, user_id, role_id) select ${orgId}, ${ids[member]!}, id from org_roles where org_id = ${orgId} and built_in = 'member'`;
          }
          for (const name of org.projects) {
            await tx`insert into projects (org_id, name, description, created_by)
                     values (${orgId}, ${name}, ${`Demo project of ${org.name}.`}, ${owner})`;
          }
        });
      }
      if (db.embedded) {
        const owner = postgres(db.ownerUrl, { max: 1, onnotice: () => {} });
        try {
          await owner`insert into platform_admins (user_id) values (${ids[0]!})`;
        } finally {
          await owner.end();
        }
      }
      log(`Seeded ${ids.length} demo users and ${DEMO_ORGS.length} organizations.`);
    } else {
      log("Demo data already present.");
    }
    log("Demo logins (development only):");
    for (const user of DEMO_USERS) log(`  ${user.email}  /  ${user.password}`);
    log(
      db.embedded
        ? `  (${DEMO_USERS[0].email} is a platform admin: /admin)`
        : "  (no platform admin on a DATABASE_URL database: npm run admin:grant -- <email>)",
    );
  } finally {
    await sql.end();
  }
}
