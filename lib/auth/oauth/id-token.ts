/**
 * OIDC ID token verification with jose (checklist O5, O6; OIDC Core 3.1.3.7). Arctic's
 * decodeIdToken() only decodes, so it is never used. Checked here, all or nothing:
 * - the signature, with a key from the issuer's JWKS, RS256 only (no `none`, no HS256 signed
 *   with the client secret);
 * - `iss` is one of the expected issuers, `aud` is exactly our client id (no extra audiences),
 *   and `azp`, if present, is our client id;
 * - `exp` is in the future and `iat` in the recent past;
 * - `nonce` equals the one this browser's attempt sent.
 */
import "server-only";
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";
import { OAuthFlowError } from "./errors";
import { providerIdentity, type ProviderIdentity } from "./identity";

export interface IdTokenExpectations {
  issuers: readonly string[];
  clientId: string;
  nonce: string;
  keys: JWTVerifyGetKey;
  /** For tests; defaults to now. */
  currentDate?: Date;
}

const MAX_TOKEN_AGE = "10 minutes";
const CLOCK_TOLERANCE_SECONDS = 30;

const keySets = new Map<string, JWTVerifyGetKey>();

/** The issuer's keys, fetched on demand and cached by jose (refetched for an unknown kid). */
export function remoteKeys(jwksUrl: string): JWTVerifyGetKey {
  let keys = keySets.get(jwksUrl);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 10_000 });
    keySets.set(jwksUrl, keys);
  }
  return keys;
}

export async function verifyIdToken(
  idToken: string,
  expected: IdTokenExpectations,
): Promise<Omit<ProviderIdentity, "provider">> {
  let payload;
  try {
    ({ payload } = await jwtVerify(idToken, expected.keys, {
      algorithms: ["RS256"],
      issuer: [...expected.issuers],
      audience: expected.clientId,
      requiredClaims: ["iss", "sub", "aud", "exp", "iat", "nonce"],
      maxTokenAge: MAX_TOKEN_AGE,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: expected.currentDate,
    }));
  } catch (cause) {
    throw new OAuthFlowError("invalid_identity", { cause });
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (audiences.length !== 1) throw new OAuthFlowError("invalid_identity");
  if (payload.azp !== undefined && payload.azp !== expected.clientId)
    throw new OAuthFlowError("invalid_identity");
  if (payload.nonce !== expected.nonce) throw new OAuthFlowError("invalid_identity");
  return providerIdentity({
    subject: payload.sub,
    email: payload.email,
    // Google has sent the string "true" in the past; anything else is not verified.
    emailVerified: payload.email_verified === true || payload.email_verified === "true",
    name: payload.name,
  });
}
