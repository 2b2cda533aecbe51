/**
 * The provider's redirect back (checklist O1, O3, O5, O6, O10), up to a verified identity:
 * 1. the browser must hold this attempt's transaction, issued for this provider (a callback in
 *    another browser, a replay, or another provider's state finds none);
 * 2. `state` must equal the transaction's, compared in constant time;
 * 3. a provider `error` ends the attempt with our own message, never the provider's text;
 * 4. an `iss` response parameter (RFC 9207), when sent, must be the provider's issuer;
 * 5. the code is exchanged with the transaction's PKCE verifier;
 * 6. the identity comes from a verified ID token (OIDC) or GitHub's API.
 * Nothing here signs anyone in; lib/auth/oauth/finish.ts does, after the linking rules.
 */
import "server-only";
import { timingSafeEqual } from "node:crypto";
import { exchangeCode } from "./client";
import { OAuthFlowError } from "./errors";
import { fetchGitHubIdentity } from "./github";
import { remoteKeys, verifyIdToken } from "./id-token";
import type { ProviderIdentity } from "./identity";
import type { OAuthProvider } from "./providers";
import type { OAuthTransaction } from "./transaction";

function sameString(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function single(params: URLSearchParams, name: string): string | null {
  const values = params.getAll(name);
  return values.length === 1 && values[0]!.length <= 2048 ? values[0]! : null;
}

export async function identityFromCallback(
  provider: OAuthProvider,
  params: URLSearchParams,
  transaction: OAuthTransaction | null,
): Promise<ProviderIdentity> {
  if (!transaction || transaction.provider !== provider.id)
    throw new OAuthFlowError("invalid_state");
  const state = single(params, "state");
  if (state === null || !sameString(state, transaction.state))
    throw new OAuthFlowError("invalid_state");

  const error = params.get("error");
  if (error !== null) {
    throw new OAuthFlowError(error === "access_denied" ? "cancelled" : "provider_error");
  }
  const iss = params.get("iss");
  if (iss !== null && (provider.kind !== "oidc" || !provider.issuers.includes(iss)))
    throw new OAuthFlowError("invalid_state");

  const code = single(params, "code");
  if (code === null) throw new OAuthFlowError("provider_error");
  const tokens = await exchangeCode(provider, code, transaction.codeVerifier);

  if (provider.kind === "github") {
    return {
      provider: provider.id,
      ...(await fetchGitHubIdentity(provider.apiUrl, tokens.accessToken)),
    };
  }
  if (!tokens.idToken) throw new OAuthFlowError("invalid_identity");
  const identity = await verifyIdToken(tokens.idToken, {
    issuers: provider.issuers,
    clientId: provider.clientId,
    nonce: transaction.nonce,
    keys: remoteKeys(provider.jwksUrl),
  });
  return { provider: provider.id, ...identity };
}
