import type { Page } from "@playwright/test";
import {
  asUser,
  createSession,
  createUser,
  expect,
  ownerDb,
  setSessionCookie,
  test,
} from "./fixtures";
import { waitForMail } from "./mail";
import {
  accountState,
  authorizeEndpoint,
  completeAtProvider,
  continueWith,
  markEmailVerified,
  NAMES,
  newIdentity,
  sessionCookie,
  startFlow,
  type Provider,
} from "./oauth";

/**
 * GitHub and Google login against the local providers `npm test` runs (checklist O1–O10,
 * docs/oauth.md): the whole browser redirect flow for signup, login, connect and disconnect,
 * and every attack refused with no session.
 */
const PROVIDERS: Provider[] = ["google", "github"];

// Each test walks several redirects through two servers, some twice.
test.describe.configure({ timeout: 120_000 });

async function expectRefused(page: Page, message: RegExp) {
  await expect(page).toHaveURL(/\/auth\/oauth\/error\?reason=/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(message);
  expect(await sessionCookie(page)).toBeUndefined();
}

const STALE = /expired or did not start in this browser/;

/** The user's security log entries for one provider, oldest first (A15). */
async function providerEvents(userId: string, provider: Provider): Promise<string[]> {
  const rows = await asUser(
    userId,
    (tx) => tx`select event from auth_events where method = ${provider} and outcome = 'success'
      order by created_at`,
  );
  return rows.map((row) => row.event as string);
}

/** Opens "Connect …" on the connections page and confirms with the password. */
async function confirmConnect(page: Page, provider: Provider, password: string) {
  const row = page.getByRole("listitem", { name: NAMES[provider] });
  await row.getByText(`Connect ${NAMES[provider]}`, { exact: true }).click();
  await row.getByLabel("Your password").fill(password);
}

async function logOut(page: Page) {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login\?signed_out=1$/);
}

test("the login and signup pages offer both configured providers, as POST forms", async ({
  page,
  request,
}) => {
  for (const path of ["/login", "/signup"]) {
    await page.goto(path);
    for (const name of Object.values(NAMES)) {
      const button = page.getByRole("button", { name: `Continue with ${name}` });
      await expect(button).toBeVisible();
      await expect(button.locator("xpath=ancestor::form")).toHaveAttribute("method", "post");
    }
  }
  // The forms are redirected to the providers, and browsers hold that redirect to form-action.
  const csp = (await request.get("/login")).headers()["content-security-policy"]!;
  const formAction = /form-action ([^;]+)/.exec(csp)![1]!.split(" ");
  for (const endpoint of [process.env.GOOGLE_AUTHORIZE_URL!, process.env.GITHUB_AUTHORIZE_URL!])
    expect(formAction).toContain(new URL(endpoint).origin);
  // Starting a flow sets a cookie, so it is never a GET, and never a cross-site POST.
  expect((await request.get("/auth/github", { maxRedirects: 0 })).status()).toBe(405);
  const crossSite = await request.post("/auth/github", {
    maxRedirects: 0,
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
  });
  expect(crossSite.status()).toBe(403);
});

for (const provider of PROVIDERS) {
  test(`${NAMES[provider]}: a new user signs up in one round trip, logs out and logs back in`, async ({
    page,
  }) => {
    const identity = newIdentity();
    await page.goto("/signup");
    await continueWith(page, provider, identity);
    await expect(page).toHaveURL(/\/o\/[a-z0-9-]+$/);
    await expect(page.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();
    const account = await accountState(identity.email);
    expect(account).toMatchObject({ sessions: 1, providers: [provider] });

    await logOut(page);
    await continueWith(page, provider, { ...identity, email: `changed-${identity.email}` });
    await expect(page).toHaveURL(/\/dashboard$/);
    // The same subject is the same account, even with a changed email (O7).
    await expect(page.getByText(`You are signed in as ${identity.email}`)).toBeVisible();
    expect(await accountState(identity.email)).toMatchObject({ id: account!.id, sessions: 1 });
    expect(await providerEvents(account!.id, provider)).toEqual(["signup", "login"]);
  });
}

test("Google: the return path survives the round trip, and an off-site one falls back (C5)", async ({
  page,
}) => {
  const identity = newIdentity();
  await page.goto(`/login?next=${encodeURIComponent("/dashboard?from=oauth")}`);
  await continueWith(page, "google", identity);
  await expect(page).toHaveURL(/\/dashboard\?from=oauth$/);

  await page.context().clearCookies();
  await page.goto(`/login?next=${encodeURIComponent("//evil.example")}`);
  await continueWith(page, "google", identity);
  await expect(page).toHaveURL(/localhost:\d+\/dashboard$/);
});

test("GitHub: provider tokens never reach the browser (O9)", async ({ page, baseURL }) => {
  const identity = newIdentity();
  const bodies: Promise<string>[] = [];
  page.on("response", (response) => {
    if (response.url().startsWith(baseURL!)) bodies.push(response.text().catch(() => ""));
  });
  await page.goto("/login");
  await continueWith(page, "github", identity);
  await expect(page).toHaveURL(/\/o\/[a-z0-9-]+$/);
  await page.goto("/account/connections");
  const cookies = JSON.stringify(await page.context().cookies());
  expect(cookies).not.toMatch(/gho_|access_token/);
  const seen = (await Promise.all(bodies)).join("");
  expect(seen.length).toBeGreaterThan(0);
  expect(seen).not.toMatch(/gho_|access_token/);
});

test("Google then GitHub with the same verified email: linked to one account, and the owner is told (O8 c)", async ({
  page,
  baseURL,
}) => {
  const google = newIdentity();
  await page.goto("/signup");
  await continueWith(page, "google", google);
  await expect(page).toHaveURL(/\/o\/[a-z0-9-]+$/);
  await logOut(page);

  await continueWith(page, "github", newIdentity({ email: google.email }));
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText(`You are signed in as ${google.email}`)).toBeVisible();
  const account = await accountState(google.email);
  expect(account).toMatchObject({ providers: ["github", "google"] });
  expect(await providerEvents(account!.id, "github")).toEqual(["oauth_linked", "login"]);
  // The owner hears of it, at the account's address.
  const notice = await waitForMail({ to: google.email, subject: /GitHub can now log in/ });
  expect(notice.text).toContain(`The GitHub account ${google.email} was connected`);
  expect(notice.links).toContain(new URL("/account/connections", baseURL).href);
});

test("a password account is connected, used to log in, and disconnected in account settings", async ({
  page,
  baseURL,
}) => {
  const user = await createUser({ verified: true });
  const session = await createSession(user.id);
  await setSessionCookie(page.context(), baseURL!, session.cookie);
  const github = newIdentity({ email: `gh-${user.email}` });

  await page.goto("/account/connections");
  await expect(page.getByRole("heading", { name: "Connected accounts" })).toBeVisible();
  const since = new Date();
  await confirmConnect(page, "github", user.password);
  await continueWith(page, "github", github, "Continue to GitHub");
  await expect(page).toHaveURL(/\/account\/connections\?connected=github$/);
  await expect(page.getByText("GitHub is connected. You can now log in with it.")).toBeVisible();
  const row = page.getByRole("listitem", { name: "GitHub" });
  await expect(row).toContainText(github.email);
  await expect(row).toContainText("connected");
  const connected = await waitForMail({
    to: user.email,
    subject: /GitHub can now log in/,
    after: since,
  });
  expect(connected.text).toContain(`The GitHub account ${github.email} was connected`);

  await page.context().clearCookies();
  await page.goto("/login");
  await continueWith(page, "github", github);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText(`You are signed in as ${user.email}`)).toBeVisible();

  await page.goto("/account/connections");
  await row.getByText("Disconnect", { exact: true }).click();
  await row.getByRole("button", { name: "Disconnect GitHub" }).click();
  await expect(page).toHaveURL(/\/account\/connections\?disconnected=github$/);
  await expect(page.getByText("GitHub was disconnected.")).toBeVisible();
  await expect(row).toContainText("Not connected");
  expect(await accountState(user.email)).toMatchObject({ providers: [] });
  expect(await providerEvents(user.id, "github")).toEqual([
    "oauth_linked",
    "login",
    "oauth_unlinked",
  ]);
  await waitForMail({ to: user.email, subject: /GitHub was disconnected/, after: since });
});

test("connecting a provider asks for the password first: a wrong one goes nowhere (S10)", async ({
  page,
  baseURL,
}) => {
  const user = await createUser({ verified: true });
  await setSessionCookie(page.context(), baseURL!, (await createSession(user.id)).cookie);
  await page.goto("/account/connections");
  const row = page.getByRole("listitem", { name: "GitHub" });
  const toProvider: string[] = [];
  page.on("request", (r) => {
    if (r.url().startsWith(authorizeEndpoint("github"))) toProvider.push(r.url());
  });

  await row.getByText("Connect GitHub", { exact: true }).click();
  await row.getByLabel("Your password").fill("not the password at all, no");
  await row.getByRole("button", { name: "Continue to GitHub" }).click();
  await expect(row.getByText("That password is not right.")).toBeVisible();
  await expect(row.getByLabel("Your password")).toHaveValue("");
  await expect(page).toHaveURL(/\/account\/connections$/);
  expect(toProvider).toEqual([]);
  // No attempt was started: the callback would have nothing to finish.
  const cookies = await page.context().cookies();
  expect(cookies.map((c) => c.name)).not.toContain("__Host-oauth");
  expect(await accountState(user.email)).toMatchObject({ providers: [] });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the connect disclosure, a wrong password, then the provider and back", async ({
    page,
    baseURL,
  }) => {
    const user = await createUser({ verified: true });
    await setSessionCookie(page.context(), baseURL!, (await createSession(user.id)).cookie);
    await page.goto("/account/connections");
    const row = page.getByRole("listitem", { name: "GitHub" });
    await confirmConnect(page, "github", "a wrong password for this one");
    await row.getByRole("button", { name: "Continue to GitHub" }).click();
    await expect(row.getByText("That password is not right.")).toBeVisible();

    await row.getByLabel("Your password").fill(user.password);
    const github = newIdentity();
    await continueWith(page, "github", github, "Continue to GitHub");
    await expect(page).toHaveURL(/\/account\/connections\?connected=github$/);
    await expect(row).toContainText(github.email);
  });
});

test("an account without a password connects only within 10 minutes of signing in", async ({
  page,
}) => {
  const google = newIdentity();
  await page.goto("/signup");
  await continueWith(page, "google", google);
  await expect(page).toHaveURL(/\/o\/[a-z0-9-]+$/);
  const account = await accountState(google.email);

  // Just signed in: no password to ask for, and none is needed.
  await page.goto("/account/connections");
  const row = page.getByRole("listitem", { name: "GitHub" });
  await expect(row.getByLabel("Your password")).toHaveCount(0);
  await continueWith(page, "github", newIdentity(), "Connect GitHub");
  await expect(page).toHaveURL(/\/account\/connections\?connected=github$/);
  await row.getByText("Disconnect", { exact: true }).click();
  await row.getByRole("button", { name: "Disconnect GitHub" }).click();
  await expect(page).toHaveURL(/\/account\/connections\?disconnected=github$/);

  // Signed in 11 minutes ago: sign in again first.
  await asUser(
    account!.id,
    (tx) => tx`update sessions set authenticated_at = now() - interval '11 minutes'`,
  );
  await page.goto("/account/connections");
  await row.getByRole("button", { name: "Connect GitHub" }).click();
  await expect(row.getByRole("alert")).toHaveText(/log out and sign in again/);
  expect(await accountState(google.email)).toMatchObject({ providers: ["google"] });
});

test("an unverified account cannot connect a provider, which would outlive the real owner's reset (ADR 011)", async ({
  page,
  baseURL,
}) => {
  // A squatter registers someone else's address (unverified) and tries to add their own GitHub.
  const squatter = await createUser();
  await setSessionCookie(page.context(), baseURL!, (await createSession(squatter.id)).cookie);
  await page.goto("/account/connections");
  const row = page.getByRole("listitem", { name: "GitHub" });
  await confirmConnect(page, "github", squatter.password);
  await row.getByRole("button", { name: "Continue to GitHub" }).click();
  await expect(row.getByRole("alert")).toHaveText(
    /Verify your email address before you connect a provider/,
  );
  await expect(page).toHaveURL(/\/account\/connections$/);
  expect(await accountState(squatter.email)).toMatchObject({ providers: [] });
});

test("the last way to log in cannot be disconnected", async ({ page }) => {
  const identity = newIdentity();
  await page.goto("/signup");
  await continueWith(page, "google", identity);
  await expect(page).toHaveURL(/\/o\/[a-z0-9-]+$/);

  await page.goto("/account/connections");
  const row = page.getByRole("listitem", { name: "Google" });
  await row.getByText("Disconnect", { exact: true }).click();
  await row.getByRole("button", { name: "Disconnect Google" }).click();
  await expect(row.getByRole("alert")).toHaveText(/only way you can log in to this account/);
  expect(await accountState(identity.email)).toMatchObject({ providers: ["google"] });
});

test("connecting an identity that belongs to another account is refused, and changes nothing", async ({
  page,
  baseURL,
}) => {
  const taken = newIdentity();
  await page.goto("/signup");
  await continueWith(page, "github", taken);
  await expect(page).toHaveURL(/\/o\/[a-z0-9-]+$/);
  await page.context().clearCookies();

  const other = await createUser({ verified: true });
  await setSessionCookie(page.context(), baseURL!, (await createSession(other.id)).cookie);
  await page.goto("/account/connections");
  await confirmConnect(page, "github", other.password);
  await continueWith(page, "github", taken, "Continue to GitHub");
  await expect(page).toHaveURL(/reason=already_linked_elsewhere/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    /already connected to a different account/,
  );
  expect(await accountState(other.email)).toMatchObject({ providers: [], sessions: 1 });
});

test.describe("refused, with no session created", () => {
  test("a GitHub account whose only email is unverified cannot take over a verified local account (O8)", async ({
    page,
  }) => {
    const victim = await createUser();
    await markEmailVerified(victim.id);
    await page.goto("/login");
    await continueWith(page, "github", newIdentity({ email: victim.email, emailVerified: false }));
    await expectRefused(page, /no verified email address/);
    expect(await accountState(victim.email)).toMatchObject({ sessions: 0, providers: [] });
  });

  test("a provider-verified email does not auto-link to an unverified local account (pre-hijack)", async ({
    page,
  }) => {
    const squatter = await createUser();
    await page.goto("/login");
    await continueWith(page, "google", newIdentity({ email: squatter.email }));
    await expectRefused(page, /Log in with your password, then connect this provider/);
    expect(await accountState(squatter.email)).toMatchObject({ sessions: 0, providers: [] });
  });

  test("denied consent: our own message, never the provider's text (O10)", async ({ page }) => {
    for (const provider of PROVIDERS) {
      await page.goto("/login");
      await startFlow(page, provider, `Continue with ${NAMES[provider]}`);
      await page.getByRole("button", { name: provider === "google" ? "Deny" : "Cancel" }).click();
      await expectRefused(page, /You cancelled signing in/);
      await expect(
        page.getByRole("button", { name: `Try ${NAMES[provider]} again` }),
      ).toBeVisible();
      expect(await page.content()).not.toContain("Injected text");
      expect(await page.title()).not.toBe("pwned");
    }
  });

  test("a missing or mismatched state, and the attempt is spent afterwards (O1)", async ({
    page,
  }) => {
    for (const tamper of [
      (u: URL) => u.searchParams.delete("state"),
      (u: URL) => u.searchParams.set("state", "A".repeat(43)),
    ]) {
      const identity = newIdentity();
      await page.goto("/login");
      const authorize = await startFlow(page, "google", "Continue with Google");
      const callback = new URL(await completeAtProvider(authorize, identity));
      const tampered = new URL(callback);
      tamper(tampered);
      await page.goto(tampered.href);
      await expectRefused(page, STALE);
      // The tampered request spent the attempt: the genuine callback no longer works either.
      await page.goto(callback.href);
      await expectRefused(page, STALE);
      expect(await accountState(identity.email)).toBeNull();
    }
  });

  test("a callback in a browser that never started the flow (login CSRF)", async ({
    page,
    browser,
  }) => {
    const identity = newIdentity();
    await page.goto("/login");
    const authorize = await startFlow(page, "github", "Continue with GitHub");
    const callback = await completeAtProvider(authorize, identity);

    const victim = await browser.newPage();
    await victim.goto(callback);
    await expectRefused(victim, STALE);
    await victim.close();
    expect(await accountState(identity.email)).toBeNull();

    // The code was never used: the browser that started the flow can still finish it.
    await page.goto(callback);
    await expect(page).toHaveURL(/\/o\/[a-z0-9-]+$/);
  });

  test("a callback replayed after success", async ({ page }) => {
    const identity = newIdentity();
    await page.goto("/login");
    const authorize = await startFlow(page, "google", "Continue with Google");
    const callback = await completeAtProvider(authorize, identity);
    await page.goto(callback);
    await expect(page).toHaveURL(/\/o\/[a-z0-9-]+$/);
    await logOut(page);
    expect(await accountState(identity.email)).toMatchObject({ sessions: 0 });

    await page.goto(callback);
    await expectRefused(page, STALE);
    expect(await accountState(identity.email)).toMatchObject({ sessions: 0 });
  });

  test("a stolen code used in another attempt: the provider rejects the wrong verifier (PKCE)", async ({
    page,
    browser,
  }) => {
    for (const provider of PROVIDERS) {
      const victimIdentity = newIdentity();
      const victim = await browser.newPage();
      await victim.goto("/login");
      const stolen = new URL(
        await completeAtProvider(
          await startFlow(victim, provider, `Continue with ${NAMES[provider]}`),
          victimIdentity,
        ),
      );
      await victim.close();

      // The attacker starts an attempt of their own (their state, their verifier) and swaps in
      // the victim's code.
      await page.goto("/login");
      const own = new URL(await startFlow(page, provider, `Continue with ${NAMES[provider]}`));
      const injected = new URL(stolen);
      injected.searchParams.set("state", own.searchParams.get("state")!);
      await page.goto(injected.href);
      await expectRefused(page, /couldn't confirm the sign-in with the provider/);
      expect(await accountState(victimIdentity.email)).toBeNull();
    }
  });

  test("a GitHub state and code delivered to the Google callback (mix-up, O3)", async ({
    page,
  }) => {
    const identity = newIdentity();
    await page.goto("/login");
    const callback = new URL(
      await completeAtProvider(await startFlow(page, "github", "Continue with GitHub"), identity),
    );
    callback.pathname = "/auth/callback/google";
    await page.goto(callback.href);
    await expectRefused(page, STALE);
    expect(await accountState(identity.email)).toBeNull();
  });
});

test("the redirect URI comes from configuration, never from Host or X-Forwarded-Host (O4)", async ({
  request,
  baseURL,
}) => {
  const response = await request.post("/auth/google", {
    maxRedirects: 0,
    form: { intent: "login" },
    headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
  });
  expect(response.status()).toBe(303);
  const authorize = new URL(response.headers().location!);
  expect(authorize.searchParams.get("redirect_uri")).toBe(`${baseURL}/auth/callback/google`);
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  const cookie = response.headers()["set-cookie"]!;
  expect(cookie).toMatch(/^__Host-oauth=/);
  expect(cookie.toLowerCase()).toMatch(/httponly/);
  expect(cookie.toLowerCase()).toMatch(/samesite=lax/);
  expect(cookie.toLowerCase()).toMatch(/max-age=600/);
});

test("the callback answers with a redirect that sends no Referer on", async ({ request }) => {
  const response = await request.get("/auth/callback/google?code=x&state=y", { maxRedirects: 0 });
  expect(response.status()).toBe(303);
  expect(response.headers()["referrer-policy"]).toBe("no-referrer");
  expect(response.headers().location).toMatch(/^\/auth\/oauth\/error\?reason=invalid_state/);
});

test("the sign-in route never connects a provider: that starts in settings, after the password", async ({
  request,
  baseURL,
}) => {
  const user = await createUser({ verified: true });
  const { cookie } = await createSession(user.id);
  for (const headers of [{}, { Cookie: cookie }] as Record<string, string>[]) {
    const response = await request.post("/auth/github", {
      maxRedirects: 0,
      form: { intent: "link" },
      headers: { ...headers, Origin: baseURL! },
    });
    expect(response.status()).toBe(303);
    expect(response.headers().location).toMatch(/reason=connect_in_settings/);
    expect(response.headers()["set-cookie"] ?? "").not.toContain("oauth");
  }
  expect(await accountState(user.email)).toMatchObject({ providers: [] });
});

test("a disabled account cannot sign in with a provider either (S8)", async ({ page }) => {
  const identity = newIdentity();
  await page.goto("/signup");
  await continueWith(page, "google", identity);
  await expect(page).toHaveURL(/\/o\/[a-z0-9-]+$/);
  const account = await accountState(identity.email);
  await logOut(page);
  // What app_admin_disable_user leaves behind, without going through the console.
  await ownerDb()`insert into disabled_accounts (user_id, reason) values (${account!.id}, 'e2e')`;
  await continueWith(page, "google", identity);
  await expectRefused(page, /This account has been disabled/);
  expect(await accountState(identity.email)).toMatchObject({ sessions: 0 });
});
