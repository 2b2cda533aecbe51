import type { ProviderIdentity } from "./identity";

/**
 * What an OAuth login may do with an identity, decided from two lookups (ADR 013):
 *
 * 1. (provider, subject) already linked: sign in to that account. Email plays no part (O7).
 * 2. Otherwise, with no usable email: refuse (GitHub gave no primary verified address).
 * 3. No account has the email: create one.
 * 4. An account has the email: link and sign in only when the provider asserted the email
 *    verified AND the account's own email is verified (O8). Anything less could hand an
 *    account to whoever registered the email first (pre-account hijack) or to whoever holds an
 *    unverified address at a provider, so the user must log in and connect it themselves.
 */
export type LoginDecision =
  | { kind: "sign_in"; userId: string }
  | { kind: "create" }
  | { kind: "link"; userId: string }
  | { kind: "refuse"; reason: "email_missing" | "link_required" | "link_required_no_password" };

export interface LinkedAccount {
  userId: string;
}

export interface AccountWithEmail {
  userId: string;
  emailVerified: boolean;
  hasPassword: boolean;
}

export function decideLogin(
  identity: Pick<ProviderIdentity, "email" | "emailVerified">,
  linked: LinkedAccount | null,
  sameEmail: AccountWithEmail | null,
): LoginDecision {
  if (linked) return { kind: "sign_in", userId: linked.userId };
  if (identity.email === null) return { kind: "refuse", reason: "email_missing" };
  if (!sameEmail) return { kind: "create" };
  if (identity.emailVerified && sameEmail.emailVerified) {
    return { kind: "link", userId: sameEmail.userId };
  }
  return {
    kind: "refuse",
    reason: sameEmail.hasPassword ? "link_required" : "link_required_no_password",
  };
}
