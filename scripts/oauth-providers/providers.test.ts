import { createHash, randomBytes } from "node:crypto";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeAtProvider } from "./drive";
import { startGitHubProvider, type TestGitHubProvider } from "./github";
import { startOidcProvider, type TestOidcProvider } from "./oidc";

/**
 * The local providers themselves, driven over HTTP the way a browser and the app would. They
 * must be strict where it matters to the app's tests: PKCE S256 required and the verifier
 * checked (a wrong or missing one is refused), codes single use, exact redirect URI.
 */
const REDIRECT = "http://localhost:3999/auth/callback/test";
let oidc: TestOidcProvider;
let github: TestGitHubProvider;

beforeAll(async () => {
  oidc = await startOidcProvider({ redirectUri: REDIRECT });
  github = await startGitHubProvider({ redirectUri: REDIRECT });
});

afterAll(async () => {
  await Promise.all([oidc.stop(), github.stop()]);
});

const pkce = () => {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
};

async function oidcCode(identity: { sub: string; email: string; verified: boolean }) {
  const { verifier, challenge } = pkce();
  const nonce = randomBytes(16).toString("base64url");
  const authorize = new URL(oidc.authorizeUrl);
  for (const [k, v] of Object.entries({
    response_type: "code",
    client_id: oidc.clientId,
    redirect_uri: REDIRECT,
    scope: "openid email profile",
    state: "s".repeat(43),
    nonce,
    code_challenge: challenge,
    code_challenge_method: "S256",
  }))
    authorize.searchParams.set(k, v);
  const back = await completeAtProvider(authorize.href, {
    subject: identity.sub,
    email: identity.email,
    emailVerified: identity.verified,
  });
  const callback = new URL(back);
  return { code: callback.searchParams.get("code")!, callback, verifier, nonce };
}

async function oidcToken(code: string, verifier: string | null) {
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT,
  });
  if (verifier !== null) body.set("code_verifier", verifier);
  const basic = Buffer.from(`${oidc.clientId}:${oidc.clientSecret}`).toString("base64");
  const response = await fetch(oidc.tokenUrl, {
    method: "POST",
    body,
    headers: {
      authorization: `Basic ${basic}`,
      "content-type": "application/x-www-form-urlencoded",
    },
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe("the local OpenID provider (oidc-provider)", () => {
  it("serves discovery with S256 as the only PKCE method", async () => {
    const config = await (await fetch(`${oidc.issuer}/.well-known/openid-configuration`)).json();
    expect(config.issuer).toBe(oidc.issuer);
    expect(config.code_challenge_methods_supported).toEqual(["S256"]);
  });

  it("refuses an authorization request without PKCE", async () => {
    const authorize = new URL(oidc.authorizeUrl);
    authorize.search = new URLSearchParams({
      response_type: "code",
      client_id: oidc.clientId,
      redirect_uri: REDIRECT,
      scope: "openid",
      state: "x".repeat(43),
    }).toString();
    const response = await fetch(authorize, { redirect: "manual" });
    const location = new URL(response.headers.get("location")!);
    expect(location.searchParams.get("error")).toBe("invalid_request");
  });

  it("issues a signed ID token with the chosen identity and nonce for the right verifier, once", async () => {
    const sub = `sub-${randomBytes(4).toString("hex")}`;
    const { code, callback, verifier, nonce } = await oidcCode({
      sub,
      email: "a@example.test",
      verified: true,
    });
    expect(callback.searchParams.get("iss")).toBe(oidc.issuer);
    const { status, body } = await oidcToken(code, verifier);
    expect(status).toBe(200);
    const { payload } = await jwtVerify(body.id_token!, createRemoteJWKSet(new URL(oidc.jwksUrl)), {
      issuer: oidc.issuer,
      audience: oidc.clientId,
    });
    expect(payload).toMatchObject({ sub, email: "a@example.test", email_verified: true, nonce });
    expect((await oidcToken(code, verifier)).body.error).toBe("invalid_grant");
  });

  it("refuses a wrong or a missing code verifier", async () => {
    const wrong = await oidcCode({ sub: "w", email: "w@example.test", verified: false });
    expect((await oidcToken(wrong.code, pkce().verifier)).body.error).toBe("invalid_grant");
    const missing = await oidcCode({ sub: "m", email: "m@example.test", verified: false });
    expect((await oidcToken(missing.code, null)).body.error).toBe("invalid_grant");
  });
});

async function githubCode(fields: { id: string; email?: string; verified?: boolean }) {
  const { verifier, challenge } = pkce();
  const authorize = new URL(github.authorizeUrl);
  authorize.search = new URLSearchParams({
    client_id: github.clientId,
    redirect_uri: REDIRECT,
    state: "g".repeat(43),
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  const callback = await completeAtProvider(authorize.href, {
    subject: fields.id,
    email: fields.email ?? "",
    emailVerified: fields.verified ?? false,
  });
  return { code: new URL(callback).searchParams.get("code")!, verifier };
}

async function githubToken(code: string, verifier: string | null) {
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT,
  });
  if (verifier !== null) body.set("code_verifier", verifier);
  const basic = Buffer.from(`${github.clientId}:${github.clientSecret}`).toString("base64");
  const response = await fetch(github.tokenUrl, {
    method: "POST",
    body,
    headers: { authorization: `Basic ${basic}`, accept: "application/json" },
  });
  return (await response.json()) as Record<string, string>;
}

describe("the local GitHub-shaped provider", () => {
  it("refuses an authorize request without S256 PKCE or with another redirect URI", async () => {
    const base = { client_id: github.clientId, redirect_uri: REDIRECT, state: "s" };
    const noPkce = await fetch(`${github.authorizeUrl}?${new URLSearchParams(base)}`);
    expect(noPkce.status).toBe(400);
    const other = await fetch(
      `${github.authorizeUrl}?${new URLSearchParams({ ...base, redirect_uri: "http://evil.example/cb", code_challenge_method: "S256", code_challenge: pkce().challenge })}`,
    );
    expect(other.status).toBe(400);
  });

  it("exchanges a code once for the right verifier, and serves /user and /user/emails", async () => {
    const { code, verifier } = await githubCode({
      id: "4242",
      email: "p@example.test",
      verified: true,
    });
    const tokens = await githubToken(code, verifier);
    expect(tokens.access_token).toMatch(/^gho_/);
    const headers = { authorization: `Bearer ${tokens.access_token}` };
    const user = await (await fetch(`${github.apiUrl}/user`, { headers })).json();
    expect(user).toMatchObject({ id: 4242 });
    const emails = await (await fetch(`${github.apiUrl}/user/emails`, { headers })).json();
    expect(emails).toEqual([
      { email: "p@example.test", primary: true, verified: true, visibility: "private" },
    ]);
    expect((await githubToken(code, verifier)).error).toBe("bad_verification_code");
  });

  it("refuses a wrong or a missing code verifier", async () => {
    const wrong = await githubCode({ id: "1" });
    expect((await githubToken(wrong.code, pkce().verifier)).error).toBe("invalid_grant");
    const missing = await githubCode({ id: "2" });
    expect((await githubToken(missing.code, null)).error).toBe("invalid_grant");
  });
});
