/**
 * Brute-force limits on login (checklist A9, I7; ADR 012), across two app instances on one
 * database: failures made on the server Playwright started (A) count on a second app instance
 * of the same build (B), and the other way round.
 */
import type { Page } from "@playwright/test";
import { captureAction, replayAs, type CapturedAction } from "./action-requests";
import { startAppInstance, type AppInstance } from "./app-instance";
import { asUser, createUser, expect, test, uniqueEmail } from "./fixtures";

test.describe.configure({ mode: "serial" });

const WRONG = "not the password at all, sorry";
const INVALID = "Invalid email or password.";
const BACK_OFF = /Too many attempts\. Try again in \d+ seconds?, or reset your password\./;
const LOCKED = /Too many attempts\. Try again in 1[45] minutes, or reset your password\./;

let b: AppInstance;
// B trusts one proxy hop, so the per-IP test below can play that proxy's X-Forwarded-For.
test.beforeAll(async () => {
  test.setTimeout(90_000);
  b = await startAppInstance({ TRUST_PROXY_HOPS: "1" });
});
test.afterAll(async () => {
  await b?.stop();
});

async function captureLogin(page: Page, email: string): Promise<CapturedAction> {
  await page.goto("/login");
  return captureAction(page, async () => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(WRONG);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(INVALID);
  });
}

/** The same action request, sent to another instance as a browser on that origin would. */
function toInstance(captured: CapturedAction, base: string): CapturedAction {
  const from = new URL(captured.url).origin;
  const { host: _host, ...headers } = captured.headers;
  return {
    url: captured.url.replace(from, base),
    headers: { ...headers, origin: base, referer: `${base}/login` },
    body: captured.body,
  };
}

test("failures on one instance lock the account on the other; the right password is refused alike (A9)", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const user = await createUser();
  const onA = await captureLogin(page, user.email); // attempt 1, on A
  const onB = toInstance(onA, b.url);
  const attempt = async (target: CapturedAction, email: string, password: string) => {
    const swaps: [string, string][] = [[WRONG, password]];
    if (email !== user.email) swaps.push([user.email, email]);
    const response = await page.request.post(target.url, {
      headers: (({ cookie: _c, ...h }) => h)(target.headers),
      data: swaps.reduce((body, [from, to]) => body.replaceAll(from, to), target.body),
      maxRedirects: 0,
    });
    return {
      text: await response.text(),
      cookie: response.headers()["set-cookie"] ?? "",
    };
  };

  // Attempts 2-5 on A, in two spellings of the same address: all free.
  for (const email of [user.email, user.email.toUpperCase(), user.email, user.email]) {
    expect((await attempt(onA, email, WRONG)).text).toContain(INVALID);
  }
  // Attempt 6, on B at once: B knows of A's five, so it asks to wait.
  expect((await attempt(onB, user.email, WRONG)).text).toMatch(BACK_OFF);
  // Hammering through the back-off only reaches the lock sooner (attempts 7-11).
  for (let i = 0; i < 5; i++) await attempt(i % 2 ? onA : onB, user.email, WRONG);

  // Locked on both instances, and the right password gets exactly the wrong one's answer.
  for (const target of [onA, onB]) {
    const wrong = await attempt(target, user.email, WRONG);
    const right = await attempt(target, user.email, user.password);
    expect(wrong.text).toMatch(LOCKED);
    expect(right.text).toBe(wrong.text);
    expect(right.cookie).not.toContain("__Host-session=");
  }
  // An unknown address in the same state answers the same way (A10).
  const nobody = uniqueEmail("nobody");
  for (let i = 0; i < 11; i++) await attempt(onB, nobody, WRONG);
  const unknown = await attempt(onA, nobody, WRONG);
  expect(unknown.text.replaceAll(nobody, "<email>")).toBe(
    (await attempt(onA, user.email, WRONG)).text.replaceAll(user.email, "<email>"),
  );

  // The browser form shows the message too.
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(LOCKED);
  expect(new URL(page.url()).pathname).toBe("/login");

  const events = await asUser(
    user.id,
    (tx) => tx`select event, outcome, email from auth_events where event = 'locked_out'`,
  );
  expect(events).toEqual([{ event: "locked_out", outcome: "failure", email: user.email }]);
});

test("a successful login clears the failures (A9)", async ({ page }) => {
  test.setTimeout(60_000);
  const user = await createUser();
  const captured = await captureLogin(page, user.email);
  for (let i = 0; i < 3; i++) await replayAs(page.request, captured);
  const ok = await page.request.post(captured.url, {
    headers: (({ cookie: _c, ...h }) => h)(captured.headers),
    data: captured.body.replaceAll(WRONG, user.password),
    maxRedirects: 0,
  });
  expect(ok.headers()["set-cookie"] ?? "").toContain("__Host-session=");
  // Five more free attempts: the count started again.
  for (let i = 0; i < 5; i++) {
    expect((await replayAs(page.request, captured)).text).toContain(INVALID);
  }
});

test("the per-IP limit holds however the client rewrites X-Forwarded-For (A9, I7)", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const onB = toInstance(await captureLogin(page, uniqueEmail("probe")), b.url);
  const proxyAdded = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
  const tryAs = async (i: number) => {
    const email = uniqueEmail(`spray${i}`);
    const { text } = await replayAs(
      page.request,
      {
        ...onB,
        // The client forges the left part; the proxy B trusts appends the real address.
        headers: { ...onB.headers, "x-forwarded-for": `10.0.${i}.1, ${proxyAdded}` },
      },
      [[onB.body.match(/probe-[0-9a-f]+@example\.test/)![0], email]],
    );
    return text;
  };
  for (let i = 0; i < 50; i++) expect(await tryAs(i), `attempt ${i + 1}`).toContain(INVALID);
  expect(await tryAs(50)).toMatch(/Too many attempts\. Try again in 1[45] minutes/);
});
