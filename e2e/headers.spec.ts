/**
 * Security headers and HTTP semantics over representative responses (checklist H1–H7, S11,
 * C2, C3, I8; ADR 012): pages (anonymous and signed in, HTML and RSC), a server action, API
 * routes, redirects, 404s and static files.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { captureAction } from "./action-requests";
import { asTenant, asUser, expect, setSessionCookie, test, uniqueEmail } from "./fixtures";
import { seedMainPages } from "./pages";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const nonceOf = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

type Kind = "page" | "rsc" | "action" | "redirect" | "api" | "static" | "empty";

interface Probe {
  label: string;
  kind: Kind;
  signedIn: boolean;
  response: APIResponse;
}

/** Headers every response carries, whatever made it (next.config.ts). */
function expectBaseHeaders({ label, response }: Probe) {
  const h = response.headers();
  expect(h["strict-transport-security"], label).toBe("max-age=31536000; includeSubDomains");
  expect(h["x-content-type-options"], label).toBe("nosniff");
  expect(h["x-frame-options"], label).toBe("DENY");
  expect(h["referrer-policy"], label).toBe("strict-origin-when-cross-origin");
  expect(h["cross-origin-opener-policy"], label).toBe("same-origin");
  expect(h["permissions-policy"], label).toContain("camera=()");
  expect(h["x-powered-by"], label).toBeUndefined();
}

/** The nonce policy server.ts sets on everything that is or could be a page. */
function expectPageCsp({ label, response }: Probe) {
  const h = response.headers();
  const csp = h["content-security-policy"];
  expect(csp, label).toBeDefined();
  expect(h["content-security-policy-report-only"], label).toBeUndefined();
  for (const directive of [
    /script-src 'self' 'nonce-[A-Za-z0-9+/=]{22,}' 'strict-dynamic'(;|$)/,
    /object-src 'none'/,
    /base-uri 'none'/,
    /form-action 'self'/,
    /frame-ancestors 'none'/,
    /default-src 'self'/,
  ]) {
    expect(csp, label).toMatch(directive);
  }
  expect(csp, label).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
  expect(h["x-request-id"], label).toMatch(UUID);
}

async function probe(
  request: APIRequestContext,
  label: string,
  kind: Kind,
  signedIn: boolean,
  send: (r: APIRequestContext) => Promise<APIResponse>,
): Promise<Probe> {
  return { label, kind, signedIn, response: await send(request) };
}

test("every kind of response carries the security headers; signed-in ones are never cacheable (H1-H5, H7, S11, I8)", async ({
  page,
  context,
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const pages = await seedMainPages();
  const get =
    (p: string, headers: Record<string, string> = {}) =>
    (r: APIRequestContext) =>
      r.get(p, { headers, maxRedirects: headers.RSC ? 1 : 0 });
  const probes: Probe[] = [];

  // Anonymous.
  for (const p of pages.publicPaths) probes.push(await probe(request, p, "page", false, get(p)));
  probes.push(
    await probe(request, "/dashboard (proxy redirect)", "redirect", false, get("/dashboard")),
  );
  const prefetchLike: Record<string, string>[] = [
    { "Next-Router-Prefetch": "1" },
    { Purpose: "prefetch" },
    { RSC: "1" },
  ];
  for (const h of prefetchLike) {
    const label = `/login ${JSON.stringify(h)}`;
    probes.push(await probe(request, label, h.RSC ? "rsc" : "page", false, get("/login", h)));
  }
  probes.push(await probe(request, "/api/v1/me (401)", "api", false, get("/api/v1/me")));
  probes.push(await probe(request, "GET /logout (405)", "empty", false, get("/logout")));
  const html = await (await request.get("/login")).text();
  const chunk = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(chunk).toBeDefined();
  probes.push(await probe(request, chunk!, "static", false, get(chunk!)));

  // A server action, posted the way the browser posts it.
  await page.goto("/login");
  const login = await captureAction(page, async () => {
    await page.getByLabel("Email").fill(uniqueEmail("headers"));
    await page.getByLabel("Password", { exact: true }).fill("a wrong password, sent once");
    await page.getByRole("button", { name: "Log in" }).click();
  });
  const postLogin = (r: APIRequestContext) =>
    r.post(login.url, { headers: login.headers, data: login.body, maxRedirects: 0 });
  probes.push(await probe(request, "login action", "action", false, postLogin));

  // Signed in.
  await setSessionCookie(context, baseURL!, pages.owner.cookie);
  const signed = page.request;
  for (const p of pages.signedInPaths) {
    probes.push(await probe(signed, p, "page", true, get(p)));
    probes.push(await probe(signed, `${p} (RSC)`, "rsc", true, get(p, { RSC: "1" })));
  }
  probes.push(await probe(signed, "login action (signed in)", "action", true, postLogin));
  probes.push(await probe(signed, "/api/v1/me", "api", true, get("/api/v1/me")));

  for (const p of probes) {
    expectBaseHeaders(p);
    const h = p.response.headers();
    const type = h["content-type"] ?? "";
    if (p.kind === "page" || p.kind === "rsc" || p.kind === "action") expectPageCsp(p);
    if (p.kind === "redirect") expect(h.location, p.label).toMatch(/^\/login\?next=/);
    if (p.kind === "empty") expect(p.response.status(), p.label).toBe(405);
    if (p.kind === "page") expect(type, p.label).toBe("text/html; charset=utf-8");
    if (p.kind === "api") {
      expect(type, p.label).toMatch(/^application\/(problem\+)?json/);
      expect(h["content-security-policy"], p.label).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(h["x-request-id"], p.label).toMatch(UUID);
    }
    if (p.signedIn) {
      expect(h["cache-control"] ?? "(none)", p.label).toContain("no-store");
      expect(h["cache-control"], p.label).not.toMatch(/public|s-maxage/);
    }
    // The page's scripts carry the very nonce of its policy.
    if (p.kind === "page" && p.response.status() === 200) {
      const nonce = nonceOf(h["content-security-policy"]);
      expect(await p.response.text(), p.label).toContain(`nonce="${nonce}"`);
    }
  }
  expect(
    probes.filter((p) => p.signedIn && p.kind === "page").map((p) => p.response.status()),
  ).toEqual(pages.signedInPaths.map(() => 200));
});

test("the nonce and the request id are fresh per response and never taken from the client (H2, I8)", async ({
  request,
}) => {
  const clientId = crypto.randomUUID();
  const first = await request.get("/login");
  const second = await request.get("/login", {
    headers: {
      "Content-Security-Policy": `script-src 'nonce-"><script>alert(1)</script>'`,
      "X-Request-Id": clientId,
    },
  });
  const [a, b] = [first.headers(), second.headers()];
  expect(nonceOf(a["content-security-policy"])).not.toBe(nonceOf(b["content-security-policy"]));
  expect(b["content-security-policy"]).not.toContain("alert(1)");
  const html = await second.text();
  expect(html).not.toContain("<script>alert(1)</script>");
  expect(html).toContain(`nonce="${nonceOf(b["content-security-policy"])}"`);
  expect(a["x-request-id"]).not.toBe(b["x-request-id"]);
  expect(b["x-request-id"]).not.toBe(clientId);
  const api = await request.get("/api/v1/me", { headers: { "X-Request-Id": clientId } });
  expect(api.headers()["x-request-id"]).toMatch(UUID);
  expect(api.headers()["x-request-id"]).not.toBe(clientId);
  expect((await api.json()).requestId).toBe(api.headers()["x-request-id"]);
});

test("no browser source maps are served (H7)", async ({ request }) => {
  const html = await (await request.get("/login")).text();
  const scripts = [...html.matchAll(/<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/g)].map(
    (m) => m[1]!,
  );
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) {
    expect((await request.get(`${src}.map`)).status(), `${src}.map`).toBe(404);
    expect(await (await request.get(src)).text(), src).not.toContain("sourceMappingURL=");
  }
});

test("another origin cannot frame the app (H5)", async ({ page, baseURL }) => {
  const loaded = page.waitForResponse((r) => r.url() === `${baseURL}/login`);
  await page.setContent(`<iframe src="${baseURL}/login" width="600" height="400"></iframe>`);
  await loaded;
  await expect
    .poll(
      () =>
        page
          .frames()
          .find((f) => f !== page.mainFrame())
          ?.url() ?? "",
    )
    .toMatch(/^chrome-error:/);
});

/** Every state-changing handler in app/ (route.ts files exporting POST, PUT, PATCH, DELETE). */
function stateChangingRoutes(): { path: string; method: string }[] {
  const appDir = path.resolve(import.meta.dirname, "../app");
  const found: { path: string; method: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = readFileSync(full, "utf8");
        const url = path
          .relative(appDir, path.dirname(full))
          .split(path.sep)
          .filter((s) => !/^\(.*\)$/.test(s))
          .map((s) => (s.startsWith("[") ? crypto.randomUUID() : s))
          .join("/");
        // `export const POST = …`, `export async function POST(…)`, `export { x as POST }`.
        const exported =
          /export\s+(?:const|let|(?:async\s+)?function)\s+(POST|PUT|PATCH|DELETE)\b|\bas\s+(POST|PUT|PATCH|DELETE)\b/g;
        for (const m of source.matchAll(exported)) {
          found.push({ path: `/${url}`, method: (m[1] ?? m[2])! });
        }
      }
    }
  };
  walk(appDir);
  return found;
}

test("route handlers that change state refuse cross-site requests that carry the session (C2)", async ({
  page,
  signedIn,
}) => {
  const routes = stateChangingRoutes();
  expect(routes).toContainEqual({ path: "/logout", method: "POST" });
  const attempts: Record<string, string>[] = [
    { Origin: "https://evil.example", "Content-Type": "text/plain" },
    { "Sec-Fetch-Site": "cross-site", "Content-Type": "text/plain" },
    { Origin: "null", "Content-Type": "application/x-www-form-urlencoded" },
  ];
  for (const route of routes) {
    for (const headers of attempts) {
      const response = await page.request.fetch(route.path, {
        method: route.method,
        headers,
        data: "x=1",
        maxRedirects: 0,
      });
      const label = `${route.method} ${route.path} ${JSON.stringify(headers)}`;
      expect(response.status(), label).toBe(403);
      expect(response.headers()["content-type"], label).toContain("application/problem+json");
    }
  }
  // Still signed in: none of them logged out.
  expect(await (await page.request.get("/api/v1/me")).json()).toMatchObject({ id: signedIn.id });
});

/** What a signed-in user's GET requests could change, apart from the session's last-seen time. */
async function snapshot(orgId: string, userId: string): Promise<string> {
  const tenant = await asTenant(orgId, userId, (tx) =>
    Promise.all([
      tx`select * from organizations order by id`,
      tx`select * from memberships order by user_id`,
      tx`select * from projects order by id`,
      tx`select * from invitations order by id`,
      tx`select * from org_roles order by id`,
      tx`select * from audit_log order by id`,
    ]),
  );
  const own = await asUser(userId, (tx) =>
    Promise.all([
      tx`select * from users where id = ${userId}`,
      tx`select token_hash, user_id, created_at from sessions order by created_at`,
      tx`select * from auth_events order by id`,
    ]),
  );
  return JSON.stringify([tenant, own]);
}

test("GET and HEAD change nothing, for every main page and route (C3)", async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const pages = await seedMainPages();
  await setSessionCookie(context, baseURL!, pages.owner.cookie);
  const org = await asUser(
    pages.owner.id,
    (tx) => tx`select org_id from memberships where user_id = ${pages.owner.id}`,
  );
  const orgId = org[0]!.org_id as string;
  const before = await snapshot(orgId, pages.owner.id);
  const paths = [...pages.publicPaths, ...pages.signedInPaths, "/api/v1/me", "/logout"];
  for (const p of paths) {
    for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
      await page.request.get(p, { headers, maxRedirects: 0 });
      await page.request.head(p, { headers, maxRedirects: 0 });
    }
  }
  expect(await snapshot(orgId, pages.owner.id)).toBe(before);
  // The session survived GET /logout.
  expect((await page.request.get("/api/v1/me")).status()).toBe(200);
});
