import "server-only";
import { eq } from "drizzle-orm";
import { findLoginByEmail } from "@/db/lookups";
import { users } from "@/db/schema";
import { withUser } from "@/db/tenant";
import { dummyPasswordHash, needsRehash, passwordHasher } from "./password-hasher";

/**
 * Checks an email and password. Exactly one argon2 verification runs whether or not the
 * account exists (against a dummy hash if it does not), so the answer and the work are the
 * same for unknown emails and wrong passwords (checklist A10).
 */
export async function authenticate(email: string, password: string): Promise<string | null> {
  const login = await findLoginByEmail(email);
  const hash = login?.passwordHash ?? (await dummyPasswordHash());
  const valid = await passwordHasher.verify(hash, password);
  if (!login?.passwordHash || !valid) return null;
  if (needsRehash(login.passwordHash)) {
    const upgraded = await passwordHasher.hash(password);
    await withUser(login.userId, (tx) =>
      tx
        .update(users)
        .set({ passwordHash: upgraded, updatedAt: new Date() })
        .where(eq(users.id, login.userId)),
    );
  }
  return login.userId;
}
