import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  SignJWT,
  UnsecuredJWT,
  type CryptoKey,
  type JWTPayload,
} from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { OAuthFlowError } from "./errors";
import { verifyIdToken, type IdTokenExpectations } from "./id-token";

/** ID token verification (checklist O5, O6) against keys generated here. */
const ISSUER = "https://accounts.google.com";
const CLIENT_ID = "client-123.apps.example";
const NONCE = "n".repeat(43);

let signingKey: CryptoKey;
let otherKey: CryptoKey;
let expected: IdTokenExpectations;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256", { extractable: true });
  signingKey = pair.privateKey;
  otherKey = (await generateKeyPair("RS256")).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256" };
  expected = {
    issuers: [ISSUER, "accounts.google.com"],
    clientId: CLIENT_ID,
    nonce: NONCE,
    keys: createLocalJWKSet({ keys: [jwk] }),
  };
});

const now = () => Math.floor(Date.now() / 1000);

function claims(overrides: JWTPayload = {}): JWTPayload {
  return {
    iss: ISSUER,
    aud: CLIENT_ID,
    sub: "109876543210",
    iat: now() - 5,
    exp: now() + 3600,
    nonce: NONCE,
    email: "Ada@Example.com",
    email_verified: true,
    name: "Ada Lovelace",
    ...overrides,
  };
}

function sign(payload: JWTPayload, key: CryptoKey = signingKey, kid = "k1"): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid }).sign(key);
}

async function refused(token: string | Promise<string>) {
  const error = await verifyIdToken(await token, expected).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OAuthFlowError);
  expect((error as OAuthFlowError).reason).toBe("invalid_identity");
}

describe("verifyIdToken", () => {
  it("accepts a token signed by the issuer's key, for us, fresh, with our nonce", async () => {
    await expect(verifyIdToken(await sign(claims()), expected)).resolves.toEqual({
      subject: "109876543210",
      email: "ada@example.com",
      emailVerified: true,
      name: "Ada Lovelace",
    });
  });

  it("accepts Google's issuer without the scheme too", async () => {
    const token = await sign(claims({ iss: "accounts.google.com" }));
    await expect(verifyIdToken(token, expected)).resolves.toMatchObject({
      subject: "109876543210",
    });
  });

  it("treats anything but email_verified true as unverified", async () => {
    for (const value of [false, "false", undefined, 1]) {
      const identity = await verifyIdToken(await sign(claims({ email_verified: value })), expected);
      expect(identity.emailVerified, String(value)).toBe(false);
    }
  });

  it("refuses a bad signature: another key, a tampered payload, alg none, HS256 with the client secret", async () => {
    await refused(sign(claims(), otherKey));
    const [header, , signature] = (await sign(claims())).split(".");
    const forged = Buffer.from(JSON.stringify(claims({ sub: "someone-else" }))).toString(
      "base64url",
    );
    await refused(`${header}.${forged}.${signature}`);
    await refused(new UnsecuredJWT(claims()).encode());
    await refused(
      new SignJWT(claims())
        .setProtectedHeader({ alg: "HS256", kid: "k1" })
        .sign(new TextEncoder().encode("the-client-secret-the-client-secret")),
    );
  });

  it("refuses the wrong audience, an extra audience, and a foreign azp", async () => {
    await refused(sign(claims({ aud: "someone-elses-client" })));
    await refused(sign(claims({ aud: [CLIENT_ID, "untrusted-client"] })));
    await refused(sign(claims({ azp: "untrusted-client" })));
  });

  it("refuses the wrong issuer", async () => {
    await refused(sign(claims({ iss: "https://evil.example" })));
    await refused(sign(claims({ iss: "https://accounts.google.com.evil.example" })));
  });

  it("refuses an expired token, an old one, one issued in the future, and one without exp or iat", async () => {
    await refused(sign(claims({ exp: now() - 120, iat: now() - 600 })));
    await refused(sign(claims({ iat: now() - 3600 })));
    await refused(sign(claims({ iat: now() + 600 })));
    await refused(sign(claims({ exp: undefined })));
    await refused(sign(claims({ iat: undefined })));
  });

  it("refuses a missing or different nonce (O5)", async () => {
    await refused(sign(claims({ nonce: undefined })));
    await refused(sign(claims({ nonce: "a-different-attempts-nonce-aaaaaaaaaaaaaaaaaaa" })));
  });

  it("refuses a token without a usable subject", async () => {
    await refused(sign(claims({ sub: "" })));
    await refused(sign(claims({ sub: undefined })));
  });
});
