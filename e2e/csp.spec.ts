/**
 * The nonce-based CSP (checklist H2; ADR 012) is enforced and the app lives with it: every
 * main page loads, hydrates and navigates in Chromium without a single violation, reported
 * either as a `securitypolicyviolation` event or on the console. Nothing a page loads by itself
 * (scripts, styles, fonts, the icon) fails either.
 */
import type { Page } from "@playwright/test";
import { expect, setSessionCookie, test } from "./fixtures";
import { seedMainPages } from "./pages";

interface Violation {
  directive: string;
  blocked: string;
  disposition: string;
}

declare global {
  interface Window {
    __cspViolations?: Violation[];
  }
}

/**
 * Collects violations from every document the page loads, CSP console messages, and
 * subresources answered with an error status (a missing icon is a console error on every page).
 */
async function watchViolations(page: Page): Promise<{ console: string[]; failed: string[] }> {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations!.push({
        directive: e.violatedDirective,
        blocked: e.blockedURI,
        disposition: e.disposition,
      });
    });
  });
  const seen = { console: [] as string[], failed: [] as string[] };
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(message.text())) {
      seen.console.push(message.text());
    }
  });
  page.on("response", (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== "document") {
      seen.failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
    }
  });
  return seen;
}

async function violationsAfterLoading(page: Page, path: string): Promise<Violation[]> {
  const response = await page.goto(path);
  expect(response, path).not.toBeNull();
  expect(response!.headers()["content-security-policy"], path).toContain("'strict-dynamic'");
  expect(response!.headers()["content-security-policy-report-only"], path).toBeUndefined();
  await page.waitForLoadState("networkidle");
  return page.evaluate(() => window.__cspViolations ?? []);
}

test("the CSP is enforced: a blocked load is reported as a violation", async ({ page }) => {
  const seen = await watchViolations(page);
  await page.goto("/login");
  await page.evaluate(() => {
    const img = document.createElement("img");
    img.src = "https://evil.example/pixel.png";
    document.body.append(img);
  });
  await expect
    .poll(() => page.evaluate(() => window.__cspViolations ?? []))
    .toEqual([
      { directive: "img-src", blocked: "https://evil.example/pixel.png", disposition: "enforce" },
    ]);
  await expect.poll(() => seen.console.length).toBeGreaterThan(0);
});

test("every main page loads, hydrates and navigates with no CSP violation or failed load (H2)", async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const pages = await seedMainPages();
  const seen = await watchViolations(page);
  const found: Record<string, Violation[]> = {};
  const check = async (path: string) => {
    const violations = await violationsAfterLoading(page, path);
    if (violations.length > 0) found[path] = violations;
  };

  for (const path of pages.publicPaths) await check(path);
  await setSessionCookie(context, baseURL!, pages.owner.cookie);
  for (const path of pages.signedInPaths) await check(path);

  // Client-side work under the CSP: a router navigation (an RSC fetch), a menu, a form error.
  await page.goto(pages.signedInPaths[1]!);
  await page.getByRole("link", { name: "Settings" }).first().click();
  await expect(page).toHaveURL(/\/settings$/);
  await page.getByRole("button", { name: "Change theme" }).click();
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.waitForLoadState("networkidle");
  const afterNavigation = await page.evaluate(() => window.__cspViolations ?? []);
  if (afterNavigation.length > 0) found["(client navigation)"] = afterNavigation;

  expect(found).toEqual({});
  expect(seen.console).toEqual([]);
  expect([...new Set(seen.failed)]).toEqual([]);
});
