/**
 * Demo data for development (never production: scripts/seed.ts refuses). Inserted as the
 * runtime role through the same RLS policies the app uses. Idempotent.
 */
import { hash } from "@node-rs/argon2";
import postgres from "postgres";
import { ARGON2_PARAMS } from "@/lib/auth/password-hasher";

export const DEMO_USERS = [
  { email: "ada@example.com", password: "analytical engine notes", displayName: "Ada Lovelace" },
  { email: "grace@example.com", password: "first compiler in 1952", displayName: "Grace Hopper" },
] as const;

export async function seedDemoData(appUrl: string, log: (line: string) => void): Promise<void> {
  const sql = postgres(appUrl, { max: 1, onnotice: () => {} });
  try {
    let created = 0;
    for (const user of DEMO_USERS) {
      const id = crypto.randomUUID();
      const passwordHash = await hash(user.password, ARGON2_PARAMS);
      const rows = await sql.begin(async (tx) => {
        await tx`select set_config('app.user_id', ${id}, true)`;
        return tx`
          insert into users (id, email, password_hash, display_name)
          values (${id}, ${user.email}, ${passwordHash}, ${user.displayName})
          on conflict do nothing returning id`;
      });
      created += rows.length;
    }
    log(created > 0 ? `Seeded ${created} demo user(s).` : "Demo data already present.");
    log("Demo logins (development only):");
    for (const user of DEMO_USERS) log(`  ${user.email}  /  ${user.password}`);
  } finally {
    await sql.end();
  }
}
