/**
 * Reading and writing a user's linked provider identities (oauth_accounts). Every write runs
 * as the user it concerns (withUser), so row-level security confines it to their own rows;
 * the unique indexes on (provider, provider_subject) and (user_id, provider) settle races and
 * identities already linked to someone else. No provider token is ever stored (O9).
 */
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { oauthAccounts, users } from "@/db/schema";
import { withUser } from "@/db/tenant";
import { isUniqueViolation } from "@/db/unique-violation";
import type { ProviderIdentity } from "./identity";
import type { OAuthProviderId } from "./providers";

export interface Connection {
  provider: OAuthProviderId;
  email: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export async function listConnections(userId: string): Promise<Connection[]> {
  const rows = await withUser(userId, (tx) =>
    tx
      .select({
        provider: oauthAccounts.provider,
        email: oauthAccounts.email,
        createdAt: oauthAccounts.createdAt,
        lastUsedAt: oauthAccounts.lastUsedAt,
      })
      .from(oauthAccounts)
      .where(eq(oauthAccounts.userId, userId))
      .orderBy(asc(oauthAccounts.createdAt)),
  );
  return rows.map((row) => ({ ...row, provider: row.provider as OAuthProviderId }));
}

function identityRow(userId: string, identity: ProviderIdentity) {
  return {
    userId,
    provider: identity.provider,
    providerSubject: identity.subject,
    email: identity.email,
    emailVerified: identity.emailVerified,
    lastUsedAt: new Date(),
  };
}

/**
 * A new account for a new identity, linked in the same transaction. Its email counts as
 * verified only if the provider said so. Null when the email was taken meanwhile.
 */
export async function createUserWithIdentity(identity: ProviderIdentity): Promise<string | null> {
  const id = crypto.randomUUID();
  return withUser(id, async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({
        id,
        email: identity.email!,
        passwordHash: null,
        emailVerifiedAt: identity.emailVerified ? new Date() : null,
        displayName: identity.name,
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!created) return null;
    await tx.insert(oauthAccounts).values(identityRow(id, identity));
    return id;
  });
}

export type LinkResult =
  "linked" | "already_linked" | "already_linked_elsewhere" | "provider_already_connected";

/** Links `identity` to `userId` and no one else. */
export async function linkIdentity(
  userId: string,
  identity: ProviderIdentity,
): Promise<LinkResult> {
  try {
    return await withUser(userId, async (tx) => {
      const [existing] = await tx
        .select({ subject: oauthAccounts.providerSubject })
        .from(oauthAccounts)
        .where(
          and(eq(oauthAccounts.userId, userId), eq(oauthAccounts.provider, identity.provider)),
        );
      if (existing) {
        return existing.subject === identity.subject
          ? "already_linked"
          : "provider_already_connected";
      }
      await tx.insert(oauthAccounts).values(identityRow(userId, identity));
      return "linked";
    });
  } catch (error) {
    // Row-level security hides other users' rows; the unique index still sees them.
    if (isUniqueViolation(error, "oauth_accounts_provider_subject_key"))
      return "already_linked_elsewhere";
    if (isUniqueViolation(error, "oauth_accounts_user_id_provider_key"))
      return "provider_already_connected";
    throw error;
  }
}

/** After a login: remember when, and what email the provider asserts now (display only). */
export async function touchIdentity(userId: string, identity: ProviderIdentity): Promise<void> {
  await withUser(userId, (tx) =>
    tx
      .update(oauthAccounts)
      .set({ email: identity.email, emailVerified: identity.emailVerified, lastUsedAt: new Date() })
      .where(
        and(
          eq(oauthAccounts.provider, identity.provider),
          eq(oauthAccounts.providerSubject, identity.subject),
        ),
      ),
  );
}

export type UnlinkResult = "unlinked" | "not_linked" | "last_login_method";

/**
 * Removes a linked provider unless it is the account's last way to log in (no password and no
 * other provider). The user's row is locked first, so two concurrent disconnects cannot each
 * see the other's provider and together remove both.
 */
export async function unlinkProvider(
  userId: string,
  provider: OAuthProviderId,
): Promise<UnlinkResult> {
  return withUser(userId, async (tx) => {
    const [user] = await tx
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    const linked = await tx
      .select({ provider: oauthAccounts.provider })
      .from(oauthAccounts)
      .where(eq(oauthAccounts.userId, userId));
    if (!user || !linked.some((row) => row.provider === provider)) return "not_linked";
    if (!user.passwordHash && linked.length === 1) return "last_login_method";
    await tx
      .delete(oauthAccounts)
      .where(and(eq(oauthAccounts.userId, userId), eq(oauthAccounts.provider, provider)));
    return "unlinked";
  });
}
