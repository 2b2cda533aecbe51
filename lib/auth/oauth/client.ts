/**
 * The only module that imports arctic (ADR 013: upstream has announced its deprecation, so it
 * stays swappable). Both providers use arctic's generic OAuth2Client: authorization code flow
 * with PKCE S256 (checklist O2) and the configured endpoints, never a provider-specific class.
 *
 * Tokens returned here are used once, on the server, to learn who the user is; they are never
 * stored or sent to the browser (O9).
 */
import "server-only";
import { CodeChallengeMethod, OAuth2Client, generateCodeVerifier, generateState } from "arctic";
import { OAuthFlowError } from "./errors";
import { redirectUri, type OAuthProvider } from "./providers";

export { generateCodeVerifier, generateState };

function clientFor(provider: OAuthProvider): OAuth2Client {
  return new OAuth2Client(provider.clientId, provider.clientSecret, redirectUri(provider.id));
}

/** Where to send the browser: state, S256 challenge, scopes, and the OIDC nonce if any. */
export function createAuthorizationUrl(
  provider: OAuthProvider,
  attempt: { state: string; codeVerifier: string; nonce: string },
): URL {
  const url = clientFor(provider).createAuthorizationURLWithPKCE(
    provider.authorizeUrl,
    attempt.state,
    CodeChallengeMethod.S256,
    attempt.codeVerifier,
    [...provider.scopes],
  );
  if (provider.kind === "oidc") url.searchParams.set("nonce", attempt.nonce);
  return url;
}

export interface ProviderTokens {
  accessToken: string;
  idToken: string | null;
}

/**
 * Exchanges the code, sending the verifier; a provider that enforces PKCE refuses a wrong or
 * missing one. Every failure becomes one reason code: the provider's own error text is never
 * passed on (O10).
 */
export async function exchangeCode(
  provider: OAuthProvider,
  code: string,
  codeVerifier: string,
): Promise<ProviderTokens> {
  let data: Record<string, unknown>;
  try {
    const tokens = await clientFor(provider).validateAuthorizationCode(
      provider.tokenUrl,
      code,
      codeVerifier,
    );
    data = tokens.data as Record<string, unknown>;
  } catch (cause) {
    throw new OAuthFlowError("token_exchange_failed", { cause });
  }
  // GitHub answers a refused exchange with 200 and an `error` field.
  if (typeof data.access_token !== "string" || data.access_token.length === 0) {
    throw new OAuthFlowError("token_exchange_failed");
  }
  return {
    accessToken: data.access_token,
    idToken: typeof data.id_token === "string" ? data.id_token : null,
  };
}
