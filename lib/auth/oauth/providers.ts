/**
 * The OAuth providers this app can log in with, built from the environment (docs/oauth.md).
 * Endpoints default to the real GitHub and Google ones; tests point them at local providers.
 * A provider exists for the app only when both its client id and secret are set.
 *
 * Redirect URIs come from APP_URL, never from the request's Host or X-Forwarded-Host
 * (checklist O4), and each provider has its own callback path (O3, mix-up defence).
 */
import "server-only";
import { env } from "@/lib/env";

export const OAUTH_PROVIDERS = ["github", "google"] as const;
export type OAuthProviderId = (typeof OAUTH_PROVIDERS)[number];

export const PROVIDER_NAMES: Record<OAuthProviderId, string> = {
  github: "GitHub",
  google: "Google",
};

interface ProviderBase {
  id: OAuthProviderId;
  name: string;
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** Fixed, minimal scopes (O9). */
  scopes: readonly string[];
}

/** Plain OAuth 2.0: identity from the provider's REST API (GitHub's /user and /user/emails). */
export interface GitHubProvider extends ProviderBase {
  kind: "github";
  apiUrl: string;
}

/** OpenID Connect: identity from the ID token, verified against the issuer's JWKS. */
export interface OidcProvider extends ProviderBase {
  kind: "oidc";
  issuers: readonly string[];
  jwksUrl: string;
}

export type OAuthProvider = GitHubProvider | OidcProvider;

export function isOAuthProviderId(value: unknown): value is OAuthProviderId {
  return typeof value === "string" && (OAUTH_PROVIDERS as readonly string[]).includes(value);
}

/** The provider's settings, or null when it is not configured. */
export function oauthProvider(id: OAuthProviderId): OAuthProvider | null {
  const e = env();
  if (id === "github") {
    if (!e.GITHUB_CLIENT_ID || !e.GITHUB_CLIENT_SECRET) return null;
    return {
      kind: "github",
      id,
      name: PROVIDER_NAMES.github,
      clientId: e.GITHUB_CLIENT_ID,
      clientSecret: e.GITHUB_CLIENT_SECRET,
      authorizeUrl: e.GITHUB_AUTHORIZE_URL,
      tokenUrl: e.GITHUB_TOKEN_URL,
      apiUrl: e.GITHUB_API_URL,
      scopes: ["read:user", "user:email"],
    };
  }
  if (!e.GOOGLE_CLIENT_ID || !e.GOOGLE_CLIENT_SECRET) return null;
  const issuer = e.GOOGLE_ISSUER.replace(/\/$/, "");
  return {
    kind: "oidc",
    id,
    name: PROVIDER_NAMES.google,
    clientId: e.GOOGLE_CLIENT_ID,
    clientSecret: e.GOOGLE_CLIENT_SECRET,
    authorizeUrl: e.GOOGLE_AUTHORIZE_URL,
    tokenUrl: e.GOOGLE_TOKEN_URL,
    // Google documents both forms of its issuer (OIDC Core 3.1.3.7, checklist O6).
    issuers: issuer === "https://accounts.google.com" ? [issuer, "accounts.google.com"] : [issuer],
    jwksUrl: e.GOOGLE_JWKS_URL,
    scopes: ["openid", "email", "profile"],
  };
}

/** The configured providers, in display order: what the login and signup pages offer. */
export function configuredProviders(): { id: OAuthProviderId; name: string }[] {
  return OAUTH_PROVIDERS.flatMap((id) =>
    oauthProvider(id) ? [{ id, name: PROVIDER_NAMES[id] }] : [],
  );
}

/** The exact redirect URI registered with the provider: APP_URL + /auth/callback/<id>. */
export function redirectUri(id: OAuthProviderId): string {
  return new URL(`/auth/callback/${id}`, env().APP_URL).href;
}
