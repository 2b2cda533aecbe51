/**
 * A real OpenID provider for tests (the `oidc-provider` package), standing in for Google:
 * discovery, JWKS, authorization, token and userinfo endpoints on 127.0.0.1, one confidential
 * client registered with the app's exact callback URL, PKCE S256 required for every request,
 * and ID tokens signed RS256 with a key generated for this run.
 *
 * Its login page lets the test choose who signs in: any subject, email and email_verified,
 * typed into a form. "Deny" answers access_denied with a hostile error_description, to prove
 * the app never reflects provider text (checklist O10). It is a test double: never expose it.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider, { interactionPolicy, type OidcContext } from "oidc-provider";
import { checkbox, escapeHtml, field, readForm, sendHtml } from "./html";

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  stop: () => Promise<void>;
}

interface TestAccount {
  email?: string;
  email_verified: boolean;
  name?: string;
}

export const HOSTILE_ERROR_DESCRIPTION = "<script>document.title='pwned'</script>Injected text";

async function listen(server: ReturnType<typeof createServer>): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

function loginPage(uid: string, clientId: string): string {
  return (
    `<p>Client: ${escapeHtml(clientId)}. Choose who signs in.</p>` +
    `<form method="post" action="/interaction/${escapeHtml(uid)}">` +
    field("sub", "Subject") +
    field("email", "Email") +
    checkbox("email_verified", "Email verified") +
    field("name", "Name", "Test Person") +
    `<button type="submit" name="action" value="login">Sign in</button> ` +
    `<button type="submit" name="action" value="deny">Deny</button>` +
    `</form>`
  );
}

/**
 * Unlike a real provider, it asks who signs in on every authorization request, even when the
 * browser has signed in here before: each test chooses its identity.
 */
function alwaysAskPolicy() {
  const { Check } = interactionPolicy;
  const policy = interactionPolicy.base();
  policy
    .get("login")!
    .checks.push(
      new Check("test_chooses_identity", "the test chooses the identity every time", (ctx) =>
        ctx.oidc.result?.login ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT,
      ),
    );
  return policy;
}

export async function startOidcProvider(options: {
  redirectUri: string;
}): Promise<TestOidcProvider> {
  const accounts = new Map<string, TestAccount>();
  const clientId = "test-google-client";
  const clientSecret = randomBytes(24).toString("hex");
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" };

  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server = createServer((req, res) => handler?.(req, res));
  const port = await listen(server);
  const issuer = `http://127.0.0.1:${port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    pkce: { required: () => true },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    features: { devInteractions: { enabled: false } },
    // Like Google: the ID token itself carries email, email_verified and name.
    conformIdTokenClaims: false,
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    scopes: ["openid", "email", "profile"],
    findAccount: (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...account }) };
    },
    // First-party style: no consent screen; the grant covers the scopes the app asks for.
    loadExistingGrant: async (ctx: OidcContext) => {
      const accountId = ctx.oidc.session?.accountId;
      const client = ctx.oidc.client;
      if (!accountId || !client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId: client.clientId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    interactions: {
      policy: alwaysAskPolicy(),
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
  });
  const callback = provider.callback();

  handler = (req, res) => {
    const match = /^\/interaction\/([\w-]+)$/.exec(req.url?.split("?")[0] ?? "");
    if (!match) return callback(req, res);
    const uid = match[1]!;
    (async () => {
      const details = await provider.interactionDetails(req, res);
      if (req.method === "GET") {
        return sendHtml(
          res,
          200,
          "Test OpenID provider",
          loginPage(uid, String(details.params.client_id)),
        );
      }
      const form = await readForm(req);
      if (form.get("action") === "deny") {
        return provider.interactionFinished(
          req,
          res,
          { error: "access_denied", error_description: HOSTILE_ERROR_DESCRIPTION },
          { mergeWithLastSubmission: false },
        );
      }
      const sub = form.get("sub") || `sub-${randomBytes(6).toString("hex")}`;
      accounts.set(sub, {
        email: form.get("email") || undefined,
        email_verified: form.get("email_verified") === "1",
        name: form.get("name") || undefined,
      });
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: sub } },
        { mergeWithLastSubmission: false },
      );
    })().catch((error: unknown) => {
      if (!res.headersSent) sendHtml(res, 400, "Interaction failed", escapeHtml(String(error)));
    });
  };

  // The app is configured from discovery, as a real deployment reads Google's.
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    authorization_endpoint: string;
    token_endpoint: string;
    jwks_uri: string;
  };
  return {
    issuer,
    clientId,
    clientSecret,
    authorizeUrl: discovery.authorization_endpoint,
    tokenUrl: discovery.token_endpoint,
    jwksUrl: discovery.jwks_uri,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
