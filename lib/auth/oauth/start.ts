import "server-only";
import { randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import type { CurrentSession } from "@/lib/auth/current-session";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { createAuthorizationUrl, generateCodeVerifier, generateState } from "./client";
import { oauthErrorPath } from "./error-path";
import { oauthProvider, type OAuthProviderId } from "./providers";
import { OAUTH_TRANSACTION_COOKIE, sealTransaction, transactionCookieOptions } from "./transaction";

export type OAuthStart =
  | { intent: "login"; next: unknown }
  /** Only from the connections page's action, after re-authentication (checklist §4.4). */
  | { intent: "link"; session: CurrentSession };

/**
 * Starts an attempt: a fresh state, PKCE verifier and nonce, sealed into the transaction
 * cookie, which replaces any earlier attempt's. Always from a POST (starting a flow sets a
 * cookie). Returns where to send the browser: the provider, or our error page. "link"
 * connects the provider to the signed-in user, and remembers who that is.
 */
export async function beginOAuth(providerId: OAuthProviderId, start: OAuthStart): Promise<string> {
  const provider = oauthProvider(providerId);
  if (!provider) return oauthErrorPath("not_configured", providerId);
  const session = start.intent === "link" ? start.session : null;
  // An unverified account may be a squatter's; a provider it connected would survive the real
  // owner's password reset and keep letting the squatter in (ADR 011).
  if (session && !session.emailVerifiedAt) return oauthErrorPath("verify_email_first", providerId);

  const attempt = {
    state: generateState(),
    codeVerifier: generateCodeVerifier(),
    nonce: randomBytes(32).toString("base64url"),
  };
  const sealed = await sealTransaction({
    ...attempt,
    provider: providerId,
    intent: start.intent,
    userId: session?.userId ?? null,
    next: start.intent === "login" ? safeNextPath(start.next) : null,
  });
  (await cookies()).set(OAUTH_TRANSACTION_COOKIE, sealed, transactionCookieOptions);
  return createAuthorizationUrl(provider, attempt).href;
}
