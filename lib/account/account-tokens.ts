/**
 * Emailed one-time tokens for email verification, password reset and email change
 * (checklist A12; table `account_tokens`, drizzle/0009 and 0013).
 *
 * Invariants:
 * - 256 bits from the CSPRNG, base64url; only SHA-256 is stored, so a database leak yields no
 *   working link.
 * - One live token per user and purpose: issuing upserts over the live row (the partial unique
 *   index), replacing its hash, so every older link of that kind stops working at once.
 * - Single use: `redeemAccountToken` spends the token with one conditional UPDATE of `used_at`
 *   (unused and unexpired, by lib/clock) in the same transaction as the change it authorizes,
 *   so two concurrent clicks change the account once, and a failed change spends nothing.
 * - Holding the token is the whole authority: the change runs with the token's user in
 *   context, under the same row-level security as a signed-in request.
 */
import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { findAccountTokenByHash, type AccountTokenRecord } from "@/db/lookups";
import { accountTokens, type AccountTokenPurpose } from "@/db/schema";
import { withUser, type Transaction } from "@/db/tenant";
import { generateSessionToken, hashToken } from "@/lib/auth/session-token";
import { now } from "@/lib/clock";

const MINUTE = 60_000;

/** How long each kind of link works (checklist A12: reset 30 min, verify 24 h). */
export const ACCOUNT_TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  verify_email: 24 * 60 * MINUTE,
  reset_password: 30 * MINUTE,
  change_email: 24 * 60 * MINUTE,
};

export type TokenProblem = "invalid" | "expired" | "used";

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** A new link for `userId` and `purpose`, sent to `email`; any older live one dies. */
export async function issueAccountToken(
  userId: string,
  purpose: AccountTokenPurpose,
  email: string,
): Promise<IssuedToken> {
  const token = generateSessionToken();
  const at = now();
  const expiresAt = new Date(at.getTime() + ACCOUNT_TOKEN_TTL_MS[purpose]);
  const row = { tokenHash: hashToken(token), email, createdAt: at, expiresAt };
  await withUser(userId, (tx) =>
    tx
      .insert(accountTokens)
      .values({ userId, purpose, ...row })
      .onConflictDoUpdate({
        target: [accountTokens.userId, accountTokens.purpose],
        targetWhere: sql`${accountTokens.usedAt} is null`,
        set: row,
      }),
  );
  return { token, expiresAt };
}

/** Withdraws the user's live tokens of these kinds (e.g. after a password reset). */
export async function withdrawAccountTokens(
  tx: Transaction,
  userId: string,
  purposes: AccountTokenPurpose[],
): Promise<void> {
  for (const purpose of purposes) {
    await tx
      .delete(accountTokens)
      .where(
        and(
          eq(accountTokens.userId, userId),
          eq(accountTokens.purpose, purpose),
          isNull(accountTokens.usedAt),
        ),
      );
  }
}

export type FoundToken =
  | { ok: true; record: AccountTokenRecord }
  | { ok: false; reason: TokenProblem; record?: AccountTokenRecord };

/** What a link's token names, and whether it can still be used. Read-only (the GET page). */
export async function findAccountToken(
  token: string,
  purpose: AccountTokenPurpose,
): Promise<FoundToken> {
  // Malformed tokens never reach the database.
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, reason: "invalid" };
  const record = await findAccountTokenByHash(hashToken(token), purpose);
  if (!record) return { ok: false, reason: "invalid" };
  if (record.usedAt) return { ok: false, reason: "used", record };
  if (record.expiresAt <= now()) return { ok: false, reason: "expired", record };
  return { ok: true, record };
}

export type Redeemed<T> = { ok: true; value: T; record: AccountTokenRecord } | FailedRedeem;
type FailedRedeem = { ok: false; reason: TokenProblem };

/**
 * Spends the token and runs `apply` in the same transaction, with the token's user in context.
 * `apply` may throw to roll both back (the token stays usable).
 */
export async function redeemAccountToken<T>(
  token: string,
  purpose: AccountTokenPurpose,
  apply: (tx: Transaction, record: AccountTokenRecord) => Promise<T>,
): Promise<Redeemed<T>> {
  const found = await findAccountToken(token, purpose);
  if (!found.ok) return { ok: false, reason: found.reason };
  const { record } = found;
  return withUser(record.userId, async (tx): Promise<Redeemed<T>> => {
    const [claimed] = await tx
      .update(accountTokens)
      .set({ usedAt: now() })
      .where(
        and(
          eq(accountTokens.id, record.id),
          // The live row is reissued in place: only this token's hash may spend it.
          eq(accountTokens.tokenHash, hashToken(token)),
          isNull(accountTokens.usedAt),
          gt(accountTokens.expiresAt, now()),
        ),
      )
      .returning({ id: accountTokens.id });
    if (!claimed) return { ok: false, reason: "used" };
    return { ok: true, value: await apply(tx, record), record };
  });
}
