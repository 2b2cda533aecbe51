import { createUser, expect, test } from "./fixtures";

/**
 * Account → Security activity: the user's own sign-ins and failures (checklist A15), reached
 * from the account navigation, and a page link that cannot be read is answered, not a 500.
 */
test("a failed and a successful sign-in show up in the account's security activity", async ({
  page,
}) => {
  const user = await createUser({ verified: true });
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill("not the right password at all");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText("Invalid email or password.")).toBeVisible();
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.goto("/account");
  await page
    .getByRole("navigation", { name: "Account settings" })
    .getByRole("link", { name: "Security activity" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Security activity" })).toBeVisible();
  const entries = page.getByTestId("activity-entry");
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText("Signed in");
  await expect(entries.nth(0)).not.toContainText("Failed");
  await expect(entries.nth(1)).toContainText("Sign-in attempt");
  await expect(entries.nth(1)).toContainText("Failed");
  await expect(entries.nth(1)).toContainText("Chrome");

  const response = await page.goto("/account/activity?before=2026-02-30T00:00:00.000000Z_x");
  expect(response?.status()).toBe(200);
  await expect(page.getByText("That page link is not valid.")).toBeVisible();
});
