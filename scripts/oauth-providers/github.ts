/**
 * A GitHub-shaped OAuth server for tests, on 127.0.0.1: the authorize page, the token endpoint
 * (POST /login/oauth/access_token) and the REST endpoints the app reads (GET /user and
 * /user/emails), with GitHub's response shapes, including its habit of answering a refused
 * token exchange with 200 and an `error` field.
 *
 * Stricter than GitHub on purpose: it requires PKCE S256 and checks the verifier, codes work
 * once, and the redirect URI must be exactly the registered one. Its authorize page lets the
 * test choose the GitHub user: id, login, primary email and whether GitHub verified it, and an
 * optional verified secondary email. Test double only: never expose it.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { HOSTILE_ERROR_DESCRIPTION } from "./oidc";
import { checkbox, escapeHtml, field, readForm, sendHtml, sendJson } from "./html";

export interface TestGitHubProvider {
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  apiUrl: string;
  stop: () => Promise<void>;
}

interface GitHubUser {
  id: number;
  login: string;
  name: string | null;
  emails: { email: string; primary: boolean; verified: boolean; visibility: string | null }[];
}

const CODE_TTL_MS = 10 * 60_000;

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function authorizePage(params: URLSearchParams): string {
  const hidden = ["state", "redirect_uri", "code_challenge", "client_id"]
    .map((n) => `<input type="hidden" name="${n}" value="${escapeHtml(params.get(n) ?? "")}">`)
    .join("");
  return (
    `<p>Authorize the app? Choose the GitHub user.</p>` +
    `<form method="post" action="/login/oauth/authorize">${hidden}` +
    field("id", "GitHub user id") +
    field("login", "Login", "octo-test") +
    field("name", "Name", "Octo Test") +
    field("email", "Primary email") +
    checkbox("verified", "Primary email verified") +
    field("secondary", "Other verified email") +
    `<button type="submit" name="action" value="authorize">Authorize</button> ` +
    `<button type="submit" name="action" value="cancel">Cancel</button>` +
    `</form>`
  );
}

export async function startGitHubProvider(options: {
  redirectUri: string;
}): Promise<TestGitHubProvider> {
  const clientId = "test-github-client";
  const clientSecret = randomBytes(24).toString("hex");
  const codes = new Map<string, { user: GitHubUser; challenge: string; expiresAt: number }>();
  const tokens = new Map<string, GitHubUser>();

  function redirectBack(res: ServerResponse, query: Record<string, string>) {
    const url = new URL(options.redirectUri);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    res.writeHead(302, { Location: url.href }).end();
  }

  function authorize(req: IncomingMessage, res: ServerResponse, params: URLSearchParams) {
    if (params.get("client_id") !== clientId || params.get("redirect_uri") !== options.redirectUri)
      return sendHtml(res, 400, "The redirect_uri is not associated with this application", "");
    if (
      params.get("code_challenge_method") !== "S256" ||
      !/^[\w-]{43}$/.test(params.get("code_challenge") ?? "")
    )
      return sendHtml(res, 400, "PKCE S256 is required", "");
    sendHtml(res, 200, "Test GitHub", authorizePage(params));
  }

  async function decide(req: IncomingMessage, res: ServerResponse) {
    const form = await readForm(req);
    const state = form.get("state") ?? "";
    if (form.get("redirect_uri") !== options.redirectUri)
      return sendHtml(res, 400, "Bad redirect", "");
    if (form.get("action") === "cancel") {
      return redirectBack(res, {
        error: "access_denied",
        error_description: HOSTILE_ERROR_DESCRIPTION,
        state,
      });
    }
    const id = Number(form.get("id")) || Number.parseInt(randomBytes(3).toString("hex"), 16);
    const emails: GitHubUser["emails"] = [];
    const primary = form.get("email");
    if (primary)
      emails.push({
        email: primary,
        primary: true,
        verified: form.get("verified") === "1",
        visibility: "private",
      });
    const secondary = form.get("secondary");
    if (secondary)
      emails.push({ email: secondary, primary: false, verified: true, visibility: null });
    const user: GitHubUser = {
      id,
      login: form.get("login") || `user${id}`,
      name: form.get("name") || null,
      emails,
    };
    const code = randomBytes(10).toString("hex");
    codes.set(code, {
      user,
      challenge: form.get("code_challenge") ?? "",
      expiresAt: Date.now() + CODE_TTL_MS,
    });
    redirectBack(res, { code, state });
  }

  async function token(req: IncomingMessage, res: ServerResponse) {
    const form = await readForm(req);
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const [id, secret] = basic
      ? Buffer.from(basic, "base64").toString().split(":")
      : [form.get("client_id"), form.get("client_secret")];
    if (id !== clientId || !secret || !same(secret, clientSecret))
      return sendJson(res, 200, {
        error: "incorrect_client_credentials",
        error_description: "The client_id and/or client_secret passed are incorrect.",
      });
    const code = form.get("code") ?? "";
    const grant = codes.get(code);
    codes.delete(code);
    const verifier = form.get("code_verifier") ?? "";
    const expected = createHash("sha256").update(verifier).digest("base64url");
    if (!grant || grant.expiresAt < Date.now() || form.get("redirect_uri") !== options.redirectUri)
      return sendJson(res, 200, {
        error: "bad_verification_code",
        error_description: "The code passed is incorrect or expired.",
      });
    if (!verifier || !same(expected, grant.challenge))
      return sendJson(res, 200, {
        error: "invalid_grant",
        error_description: "The code_verifier does not match the code_challenge.",
      });
    const accessToken = `gho_${randomBytes(18).toString("hex")}`;
    tokens.set(accessToken, grant.user);
    sendJson(res, 200, {
      access_token: accessToken,
      token_type: "bearer",
      scope: "read:user,user:email",
    });
  }

  function api(req: IncomingMessage, res: ServerResponse, path: string) {
    const bearer = /^(?:Bearer|token) (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const user = bearer ? tokens.get(bearer) : undefined;
    if (!user) return sendJson(res, 401, { message: "Requires authentication" });
    if (path === "/user") {
      // The public profile email, which GitHub does not vouch for: the app must ignore it.
      const publicEmail = user.emails.find((e) => !e.verified)?.email ?? null;
      return sendJson(res, 200, {
        id: user.id,
        login: user.login,
        name: user.name,
        email: publicEmail,
      });
    }
    return sendJson(res, 200, user.emails);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = `${req.method} ${url.pathname}`;
    const handle = async () => {
      if (route === "GET /login/oauth/authorize") return authorize(req, res, url.searchParams);
      if (route === "POST /login/oauth/authorize") return decide(req, res);
      if (route === "POST /login/oauth/access_token") return token(req, res);
      if (route === "GET /user" || route === "GET /user/emails") return api(req, res, url.pathname);
      sendJson(res, 404, { message: "Not Found" });
    };
    handle().catch(() => {
      if (!res.headersSent) sendJson(res, 500, { message: "test provider error" });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    clientId,
    clientSecret,
    authorizeUrl: `${base}/login/oauth/authorize`,
    tokenUrl: `${base}/login/oauth/access_token`,
    apiUrl: base,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
