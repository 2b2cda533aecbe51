import type { Page } from "@playwright/test";
import {
  asUser,
  createSession,
  createUser,
  expect,
  SESSION_COOKIE,
  sessionCount,
  test,
  tokenHash,
  setSessionCookie,
} from "./fixtures";

async function logIn(page: Page, email: string, password: string): Promise<string[]> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  const response = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.url().includes("/login"),
  );
  await page.getByRole("button", { name: "Log in" }).click();
  const headers = await (await response).headersArray();
  await expect(page).toHaveURL(/\/dashboard$/);
  return headers.filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
}

async function sessionCookieValue(page: Page): Promise<string | undefined> {
  return (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)?.value;
}

test("the session cookie is __Host-, HttpOnly, Secure, SameSite=Lax, Path=/, no Domain (S4, S5)", async ({
  page,
}) => {
  const user = await createUser();
  const setCookies = await logIn(page, user.email, user.password);
  const session = setCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  expect(session, setCookies.join("\n")).toBeDefined();
  const attributes = session!
    .split(";")
    .slice(1)
    .map((a) => a.trim().toLowerCase());
  expect(attributes).toContain("httponly");
  expect(attributes).toContain("secure");
  expect(attributes).toContain("path=/");
  expect(attributes).toContain("samesite=lax");
  expect(attributes.some((a) => a.startsWith("domain"))).toBe(false);
  for (const cookie of setCookies) expect(cookie).toMatch(/^__(Host|Secure)-/);
});

test("login replaces a session the browser already had, and the old one is dead (S3)", async ({
  page,
  baseURL,
}) => {
  const user = await createUser();
  const before = await createSession(user.id);
  // Load the form signed out (signed-in visitors are sent on from /login), then acquire the
  // old session cookie before submitting, as a fixation attacker would plant it.
  await page.goto("/login");
  await setSessionCookie(page.context(), baseURL!, before.cookie);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText(`You are signed in as ${user.email}`)).toBeVisible();

  const after = await sessionCookieValue(page);
  expect(after).toBeDefined();
  expect(after).not.toBe(before.cookie);
  expect(await sessionCount(user.id)).toBe(1);

  await page.context().clearCookies();
  await setSessionCookie(page.context(), baseURL!, before.cookie);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
});

test("deleting the session row signs the browser out on its next request (S2)", async ({
  page,
  signedIn,
}) => {
  await page.goto("/dashboard");
  await expect(page.getByText(`You are signed in as ${signedIn.email}`)).toBeVisible();
  await asUser(
    signedIn.id,
    (tx) => tx`delete from sessions where token_hash = ${tokenHash(signedIn.token)}`,
  );
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
  const me = await page.request.get("/api/v1/me");
  expect(me.status()).toBe(401);
});

test("a tampered cookie is refused", async ({ page, baseURL, signedIn }) => {
  const flipped =
    signedIn.cookie.slice(0, 30) +
    (signedIn.cookie[30] === "A" ? "B" : "A") +
    signedIn.cookie.slice(31);
  await page.context().clearCookies();
  await setSessionCookie(page.context(), baseURL!, flipped);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
});

test("logout is a POST that deletes the row, clears the cookie and site data (S7)", async ({
  page,
  signedIn,
}) => {
  const get = await page.request.get("/logout", { maxRedirects: 0 });
  expect(get.status()).toBe(405);
  expect((await page.request.get("/api/v1/me")).status()).toBe(200);

  await page.goto("/dashboard");
  const response = page.waitForResponse((r) => r.url().endsWith("/logout"));
  await page.getByRole("button", { name: "Log out" }).click();
  const logout = await response;
  expect(logout.status()).toBe(303);
  expect(await logout.headerValue("clear-site-data")).toBe('"cache", "cookies", "storage"');
  await expect(page).toHaveURL(/\/login\?signed_out=1$/);
  expect(await sessionCount(signedIn.id)).toBe(0);

  await setSessionCookie(page.context(), new URL(page.url()).origin, signedIn.cookie);
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
});

test("a cross-site POST to /logout is refused (C2)", async ({ page, signedIn }) => {
  const response = await page.request.post("/logout", {
    headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(response.headers()["content-type"]).toContain("application/problem+json");
  expect(await sessionCount(signedIn.id)).toBe(1);
});
