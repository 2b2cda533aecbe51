import type { OAuthFailure } from "./errors";
import type { OAuthProviderId } from "./providers";

/** Our error page for a failed attempt: a reason code we chose, never provider text (O10). */
export function oauthErrorPath(reason: OAuthFailure, provider: OAuthProviderId | null): string {
  const query = new URLSearchParams({ reason });
  if (provider) query.set("provider", provider);
  return `/auth/oauth/error?${query}`;
}
