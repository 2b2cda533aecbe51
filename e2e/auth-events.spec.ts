import { asUser, createUser, expect, test } from "./fixtures";

test("failed and successful logins are written to the user's security log, without secrets (A15)", async ({
  page,
}) => {
  const user = await createUser();
  const wrong = "definitely not the password";
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(wrong);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText("Invalid email or password.")).toBeVisible();
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard/);

  const rows = await asUser(user.id, (tx) => tx`select * from auth_events order by created_at`);
  expect(rows.map((r) => [r.event, r.outcome, r.method, r.email])).toEqual([
    ["login", "failure", "password", user.email],
    ["login", "success", "password", user.email],
  ]);
  expect(rows[0]!.user_agent).toContain("Chrome");
  const stored = JSON.stringify(rows);
  expect(stored).not.toContain(wrong);
  expect(stored).not.toContain(user.password);
});
