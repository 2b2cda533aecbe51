import { spawn } from "node:child_process";
import type { APIRequestContext, Page } from "@playwright/test";
import { createUser, expect, test, uniqueEmail } from "./fixtures";
import { seedMainPages } from "./pages";

const SIGNED_IN_MARKER = "You are signed in as";

/** Every request shape that has reached a protected page around a proxy before (§2.2). */
const bypassAttempts: { path: string; headers?: Record<string, string> }[] = [
  { path: "/dashboard" },
  { path: "/dashboard", headers: { "x-middleware-subrequest": "middleware" } },
  {
    path: "/dashboard",
    headers: {
      "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
    },
  },
  { path: "/dashboard", headers: { "x-middleware-subrequest": "src/middleware" } },
  { path: "/dashboard", headers: { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" } },
  { path: "/dashboard", headers: { RSC: "1" } },
  { path: "/dashboard", headers: { RSC: "1", "Next-Router-Prefetch": "1" } },
  { path: "/dashboard", headers: { purpose: "prefetch" } },
  { path: "/dashboard.rsc" },
  { path: "/dashboard/.segments/$c$children/__PAGE__.segment.rsc" },
  { path: "/dashboard?nxtPorg=x" },
  { path: "/dashboard", headers: { "x-user-id": "00000000-0000-4000-8000-000000000000" } },
];

test("signed-in pages give nothing to a visitor without a session, however the request is shaped", async ({
  request,
}) => {
  for (const attempt of bypassAttempts) {
    const response = await request.get(attempt.path, { headers: attempt.headers, maxRedirects: 0 });
    const body = await response.text();
    const label = `${attempt.path} ${JSON.stringify(attempt.headers ?? {})} -> ${response.status()}`;
    expect(body, label).not.toContain(SIGNED_IN_MARKER);
    expect(
      response.status() === 200 && body.includes("dashboard") && body.includes("signed in"),
      label,
    ).toBe(false);
  }
});

test("every signed-in page checks the session itself: a cookie that is no session gets the login redirect", async ({
  request,
}) => {
  const pages = await seedMainPages();
  // A cookie of the right name passes the proxy's optimistic check; only the page can refuse it.
  const headers = { Cookie: "__Host-session=not-a-sealed-session-token" };
  for (const path of pages.signedInPaths.filter((p) => !p.startsWith("/invitations/"))) {
    const response = await request.get(path, { headers, maxRedirects: 0 });
    const label = `${path} -> ${response.status()}`;
    expect(response.status(), label).toBe(307);
    expect(response.headers().location, label).toMatch(/^\/login\?next=/);
    expect(await response.text(), label).not.toContain(pages.owner.email);
  }
});

test("the API refuses a caller without a session with problem+json (401)", async ({ request }) => {
  for (const headers of [
    {},
    { "x-middleware-subrequest": "middleware" },
    { Authorization: "Bearer nope" },
  ] as Record<string, string>[]) {
    const response = await request.get("/api/v1/me", { headers });
    expect(response.status()).toBe(401);
    expect(response.headers()["content-type"]).toContain("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 401, title: "Authentication required" });
  }
});

test("signed-in responses are never cacheable (S11)", async ({ page, signedIn }) => {
  for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
    const response = await page.request.get("/dashboard", { headers });
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain(signedIn.email);
    expect(response.headers()["cache-control"]).toContain("no-store");
    expect(response.headers()["cache-control"]).not.toMatch(/public|s-maxage/);
  }
  const me = await page.request.get("/api/v1/me");
  expect(await me.json()).toMatchObject({ id: signedIn.id, email: signedIn.email });
  expect(me.headers()["cache-control"]).toContain("no-store");
});

/**
 * Captures the login action request the browser sends, then replays it byte for byte with
 * only the email changed. Replaying through the API client gives complete response bodies
 * (the browser may discard a streamed action response before it can be read).
 */
async function captureLoginRequest(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  const sent = page.waitForRequest((r) => r.method() === "POST" && r.url().includes("/login"));
  await page.getByRole("button", { name: "Log in" }).click();
  const request = await sent;
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");
  const headers = await request.allHeaders();
  delete headers["content-length"];
  return { url: request.url(), headers, body: request.postData() ?? "" };
}

async function replayAs(
  page: Page,
  captured: { url: string; headers: Record<string, string>; body: string },
  from: string,
  to: string,
) {
  const response = await page.request.post(captured.url, {
    headers: captured.headers,
    data: captured.body.replaceAll(from, to),
    maxRedirects: 0,
  });
  const headerNames = Object.keys(response.headers())
    .filter((n) => !["date", "content-length", "content-security-policy", "x-nonce"].includes(n))
    .sort();
  return {
    status: response.status(),
    headerNames,
    body: (await response.text()).replaceAll(to, "<email>"),
  };
}

test("an unknown email and a wrong password are indistinguishable (A10)", async ({ page }) => {
  const user = await createUser();
  const wrongPassword = "not the right password at all";
  const captured = await captureLoginRequest(page, user.email, wrongPassword);
  const known = await replayAs(page, captured, user.email, user.email);
  const unknown = await replayAs(page, captured, user.email, uniqueEmail("nobody"));
  expect(known.body).toContain("Invalid email or password.");
  expect(unknown.status).toBe(known.status);
  expect(unknown.headerNames).toEqual(known.headerNames);
  expect(unknown.body).toBe(known.body);
});

async function statusOf(request: APIRequestContext, path: string) {
  return (await request.get(path, { maxRedirects: 0 })).status();
}

test("no dotfiles, debug routes or source maps are served (I13, H7)", async ({ request }) => {
  for (const path of ["/.env", "/.git/HEAD", "/api/debug", "/api/bench/baseline"]) {
    expect(await statusOf(request, path), path).toBe(404);
  }
});

test("the server refuses to start when its database role owns the schema", async () => {
  const ownerUrl = process.env.TEST_OWNER_URL;
  expect(ownerUrl, "TEST_OWNER_URL comes from npm test").toBeTruthy();
  const port = 4000 + Math.floor(Math.random() * 900);
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(port)], {
    env: { ...process.env, DATABASE_APP_URL: ownerUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 60_000);
    child.on("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  expect(output).toContain("Refusing to start");
  expect(code, output).not.toBe(0);
  expect(code, output).not.toBeNull();
});

test("server actions refuse cross-origin and null-origin calls, even with valid credentials (C1)", async ({
  page,
}) => {
  const user = await createUser();
  const captured = await captureLoginRequest(page, user.email, "not the right password at all");
  const rightPassword = (body: string) =>
    body.replace("not the right password at all", user.password);
  for (const origin of ["https://evil.example", "null"]) {
    const response = await page.request.post(captured.url, {
      headers: { ...captured.headers, origin },
      data: rightPassword(captured.body),
      maxRedirects: 0,
    });
    expect(response.status(), origin).toBeGreaterThanOrEqual(400);
    expect(response.headers()["set-cookie"] ?? "", origin).not.toContain("__Host-session=");
  }
  // The same request from our own origin does log in: the refusal above is the origin check.
  const same = await page.request.post(captured.url, {
    headers: captured.headers,
    data: rightPassword(captured.body),
    maxRedirects: 0,
  });
  expect(same.headers()["set-cookie"] ?? "").toContain("__Host-session=");
});

test("a path that cannot be decoded is a 404 (page with its CSP, or problem+json), never a 500", async ({
  page,
  signedIn: _signedIn,
}) => {
  // Next's own answer to these is a bare-text 500 (vercel/next.js#92527); server.ts answers them.
  const undecodable = ["%FF", "%", "%E0%A4%A", "%C0%AF", "%ED%A0%80"];
  const pages = ["/reset-password/{x}", "/invitations/{x}", "/verify-email/{x}", "/{x}"];
  // Signed in, so /o/... is not redirected to the login page first.
  const orgPages = ["/o/{x}", "/o/{x}/settings", "/o/{x}/projects/{x}"];
  for (const template of [...pages, ...orgPages]) {
    for (const x of undecodable) {
      const path = template.replaceAll("{x}", x);
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(404);
      expect(await response.text(), path).toContain("Page not found");
      expect(response.headers()["content-security-policy"], path).toContain("'strict-dynamic'");
    }
  }
  for (const x of undecodable) {
    const path = `/api/v1/projects/${x}`;
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
    expect(response.headers()["content-type"], path).toBe("application/problem+json");
    expect(await response.json(), path).toMatchObject({ status: 404, title: "Not found" });
  }
  // Well-formed encodings still reach their routes: this one asks for the missing X-Org.
  const fine = await page.request.get("/api/v1/projects/%20");
  expect(fine.status()).toBe(400);
  expect(await fine.json()).toMatchObject({ title: "Invalid request" });
});
