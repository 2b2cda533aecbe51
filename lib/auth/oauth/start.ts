import "server-only";
import { randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import type { CurrentSession } from "@/lib/auth/current-session";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { createAuthorizationUrl, generateCodeVerifier, generateState } from "./client";
import { oauthErrorPath } from "./error-path";
import { oauthProvider, type OAuthProviderId } from "./providers";
import { OAUTH_TRANSACTION_COOKIE, sealTransaction, transactionCookieOptions } from "./transaction";

/**
 * Starts an attempt from a POSTed form (never a GET: starting a flow sets a cookie): a fresh
 * state, PKCE verifier and nonce, sealed into the transaction cookie, which replaces any
 * earlier attempt's. Returns where to send the browser: the provider, or our error page.
 * "link" connects the provider to the signed-in user, and remembers who that is.
 */
export async function beginOAuth(
  providerId: OAuthProviderId,
  form: { intent: unknown; next: unknown },
  session: CurrentSession | null,
): Promise<string> {
  const provider = oauthProvider(providerId);
  if (!provider) return oauthErrorPath("not_configured", providerId);
  const intent = form.intent === "link" ? "link" : "login";
  if (intent === "link" && !session) return oauthErrorPath("session_required", providerId);
  // An unverified account may be a squatter's; a provider it connected would survive the real
  // owner's password reset and keep letting the squatter in (ADR 011).
  if (intent === "link" && !session!.emailVerifiedAt) {
    return oauthErrorPath("verify_email_first", providerId);
  }

  const attempt = {
    state: generateState(),
    codeVerifier: generateCodeVerifier(),
    nonce: randomBytes(32).toString("base64url"),
  };
  const sealed = await sealTransaction({
    ...attempt,
    provider: providerId,
    intent,
    userId: intent === "link" ? session!.userId : null,
    next: safeNextPath(form.next),
  });
  (await cookies()).set(OAUTH_TRANSACTION_COOKIE, sealed, transactionCookieOptions);
  return createAuthorizationUrl(provider, attempt).href;
}
