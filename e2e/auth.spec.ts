import { createUser, expect, test, uniqueEmail } from "./fixtures";
import { waitForMail } from "./mail";

const PASSWORD = "copper violin harbour mist";

test("a new user signs up, verifies the email with one click, logs in, logs out", async ({
  page,
}) => {
  test.slow();
  const email = uniqueEmail("new");
  const since = new Date();
  await page.goto("/signup");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();

  // Signup signs nobody in: it answers "check your email" (ADR 011).
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  const mail = await waitForMail({ to: email, subject: /Verify your email/, after: since });
  const link = mail.links.find((l) => l.includes("/verify-email/"))!;
  expect(new URL(link).pathname).toMatch(/^\/verify-email\/[A-Za-z0-9_-]{43}$/);

  // Opening the link changes nothing (C3); the button does.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Verify your email" })).toBeVisible();
  await page.getByRole("button", { name: "Verify email address" }).click();
  await expect(page).toHaveURL(/\/login\?verified=1$/);
  await expect(page.getByText("Your email address is verified.")).toBeVisible();

  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText(`You are signed in as ${email}`)).toBeVisible();
  await expect(page.getByRole("region", { name: "Unverified address" })).toHaveCount(0);

  // The link worked once.
  await page.goto(link);
  await expect(
    page.getByRole("heading", { name: "This verification link has already been used" }),
  ).toBeVisible();

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login\?signed_out=1$/);
  await expect(page.getByText("You have been logged out.")).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
});

test("a wrong password gets a clear, generic error and keeps the email, not the password", async ({
  page,
}) => {
  const user = await createUser();
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill("definitely not the password");
  await page.getByRole("button", { name: "Log in" }).click();

  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");
  await expect(page.getByLabel("Email")).toHaveValue(user.email);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expect(page).toHaveURL(/\/login$/);
});

test("signup explains every problem with the input at once and keeps the email", async ({
  page,
}) => {
  await page.goto("/signup");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password", { exact: true }).fill("too short");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByText("Enter a valid email address, like name@example.com")).toBeVisible();
  await expect(page.getByText("Use at least 15 characters")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("not-an-email");
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
});

test("signup refuses a common password with a reason (A4)", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Email").fill(uniqueEmail());
  await page.getByLabel("Password", { exact: true }).fill("password123456789");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/This password is too common/)).toBeVisible();
});

test("signing up with a taken email answers like a new signup and mails the owner instead (A10)", async ({
  page,
}) => {
  test.slow();
  const user = await createUser();
  const since = new Date();
  await page.goto("/signup");
  await page.getByLabel("Email").fill(user.email.toUpperCase());
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const answer = await page.getByRole("main").innerText();

  const mail = await waitForMail({ to: user.email, subject: /tried to sign up/, after: since });
  expect(mail.text).toContain("/forgot-password");
  expect(mail.links.some((l) => l.includes("/verify-email/"))).toBe(false);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);

  // A brand-new address gets the very same page.
  const fresh = uniqueEmail("fresh");
  await page.goto("/signup");
  await page.getByLabel("Email").fill(fresh.toUpperCase());
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const normalize = (text: string, address: string) => text.replaceAll(address, "<email>");
  expect(normalize(await page.getByRole("main").innerText(), fresh)).toBe(
    normalize(answer, user.email.toLowerCase()),
  );
});

test("the password field works with password managers: type, autocomplete, paste, show toggle (A7)", async ({
  page,
}) => {
  await page.goto("/signup");
  const field = page.getByLabel("Password", { exact: true });
  await expect(field).toHaveAttribute("type", "password");
  await expect(field).toHaveAttribute("autocomplete", "new-password");
  await field.focus();
  await page.evaluate(() => {
    const input = document.activeElement as HTMLInputElement;
    const data = new DataTransfer();
    data.setData("text/plain", "pasted passphrase value");
    const event = new ClipboardEvent("paste", {
      clipboardData: data,
      bubbles: true,
      cancelable: true,
    });
    const allowed = input.dispatchEvent(event);
    if (allowed) input.value = "pasted passphrase value";
  });
  await expect(field).toHaveValue("pasted passphrase value");
  await page.getByRole("button", { name: "Show password" }).click();
  await expect(field).toHaveAttribute("type", "text");

  await page.goto("/login");
  await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute(
    "autocomplete",
    "current-password",
  );
});

test("the UI copy has no composition rules (A3)", async ({ page }) => {
  await page.goto("/signup");
  const text = (await page.locator("body").innerText()).toLowerCase();
  for (const word of ["uppercase", "special character", "digit"]) expect(text).not.toContain(word);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("signup works and answers check your email", async ({ page }) => {
    const email = uniqueEmail("nojs");
    await page.goto("/signup");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Use at least 15 characters")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await waitForMail({ to: email, subject: /Verify your email/ });
  });

  test("login works, and a failed login shows the error with the email kept", async ({ page }) => {
    const user = await createUser();
    await page.goto("/login");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password", { exact: true }).fill("wrong wrong wrong wrong");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByText("Invalid email or password.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(user.email);

    await page.getByLabel("Password", { exact: true }).fill(user.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByText(`You are signed in as ${user.email}`)).toBeVisible();

    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page).toHaveURL(/\/login\?signed_out=1$/);
  });
});

test("?next= returns to a same-origin path after login, and ignores an off-site one (C5)", async ({
  page,
}) => {
  const user = await createUser();
  for (const [next, expected] of [
    ["/dashboard?tab=1", /\/dashboard\?tab=1$/],
    ["//evil.example", /localhost:\d+\/dashboard$/],
  ] as const) {
    await page.context().clearCookies();
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password", { exact: true }).fill(user.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(expected);
  }
});
