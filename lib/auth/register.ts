import "server-only";
import { users } from "@/db/schema";
import { withUser } from "@/db/tenant";
import { passwordHasher } from "./password-hasher";

/**
 * Creates an account, or returns null when the email is taken (compared case-insensitively
 * by the unique index on lower(email)). The password is hashed either way, so both outcomes
 * cost the same.
 */
export async function registerUser(email: string, password: string): Promise<string | null> {
  const passwordHash = await passwordHasher.hash(password);
  const id = crypto.randomUUID();
  const inserted = await withUser(id, (tx) =>
    tx
      .insert(users)
      .values({ id, email, passwordHash })
      .onConflictDoNothing()
      .returning({ id: users.id }),
  );
  return inserted[0]?.id ?? null;
}
