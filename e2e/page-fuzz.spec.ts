/**
 * Property-based (fast-check): every main page (e2e/pages.ts), signed in as an owner who is
 * also a platform admin, with random query strings (the names the pages read, and others) and
 * random values in its id segments. No answer may be a 500 or the error page, which a page
 * that streamed its shell first would show under a 200 (checklist I1, I8).
 */
import fc from "fast-check";
import { expect, test } from "./fixtures";
import { seedMainPages } from "./pages";

const RUNS = 15;
const ERROR_PAGE = "An unexpected error stopped this page from loading";
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Every search parameter a page reads (grep `query.` and `raw.` in app/**\/page.tsx, and the
 * audit log's cursors), and `next`. */
const PARAMS = [
  "q",
  "page",
  "actor",
  "action",
  "from",
  "to",
  "before",
  "after",
  "done",
  "joined",
  "deleted",
  "slug_changed",
  "verified",
  "org_deleted",
  "email_changed",
  "connected",
  "disconnected",
  "reason",
  "provider",
  "next",
  "error",
];

const binary = (maxLength: number) => fc.string({ unit: "binary", maxLength });
const value = fc.oneof(
  fc.constantFrom(
    "",
    "1",
    "0",
    "-1",
    "2",
    "999999999999999999999",
    "1e309",
    "NaN",
    "\u0000",
    "%00",
    "2026-02-30",
    "2026-13-01",
    "9999-12-31",
    "0000-01-01",
    "github",
    "//evil.example/",
    "00000000-0000-0000-0000-000000000000",
    "org.updated",
    "' or 1=1 --",
  ),
  fc.uuid(),
  binary(30),
  binary(10).map((s) => s.repeat(400)),
);
const query = fc
  .array(
    fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...PARAMS) }, binary(8)), value),
    {
      maxLength: 5,
    },
  )
  .map((pairs) => new URLSearchParams(pairs).toString());
/** What replaces an id in the path (encoded, as a browser would send it). */
const segment = fc
  .oneof(
    fc.uuid(),
    binary(20),
    fc.constantFrom("x", "%", "..", "00000000-0000-0000-0000-000000000000"),
  )
  .map(encodeURIComponent);

test("no query string or id makes any main page fail (never a 500, never the error page)", async ({
  context,
  baseURL,
}) => {
  test.setTimeout(600_000);
  const pages = await seedMainPages();
  const headers = { Cookie: `__Host-session=${pages.owner.cookie}` };
  const paths = [...new Set([...pages.publicPaths, ...pages.signedInPaths])];
  for (const path of paths) {
    // Signed in for real: the plain page renders (a redirect to /login would prove nothing).
    const plain = await context.request.get(new URL(path, baseURL).toString(), {
      headers,
      maxRedirects: 0,
    });
    if (pages.signedInPaths.includes(path)) expect(plain.status(), path).toBe(200);
    // Every parameter with values Postgres can never read, on every page: NUL, and a page
    // cursor of the right shape whose date does not exist.
    const unreadable = ["%00", `2026-02-30T00%3A00%3A00.000000Z_${crypto.randomUUID()}`];
    for (const target of PARAMS.flatMap((name) => unreadable.map((v) => `${path}?${name}=${v}`))) {
      const response = await context.request.get(new URL(target, baseURL).toString(), {
        headers,
        maxRedirects: 0,
      });
      expect(response.status(), target).toBeLessThan(500);
      expect(await response.text(), target).not.toContain(ERROR_PAGE);
    }
    await fc.assert(
      fc.asyncProperty(query, fc.option(segment, { freq: 2 }), async (search, id) => {
        const target = `${id ? path.replace(UUID, id) : path}${search ? `?${search}` : ""}`;
        const response = await context.request.get(new URL(target, baseURL).toString(), {
          headers,
          maxRedirects: 0,
        });
        const label = `${target.slice(0, 300)} -> ${response.status()}`;
        expect(response.status(), label).toBeLessThan(500);
        expect(await response.text(), label).not.toContain(ERROR_PAGE);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }
});

test("no query string or cookie makes the OAuth callbacks fail (a redirect to our error page, never a 500)", async ({
  request,
}) => {
  const names = ["code", "state", "error", "error_description", "iss", "scope"];
  const callbackQuery = fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...names), binary(6)), value), { maxLength: 5 })
    .map((pairs) => new URLSearchParams(pairs).toString());
  const cookie = fc.option(
    fc
      .oneof(binary(60), fc.constantFrom("Fe26.2**x", ""))
      .map((v) => `__Host-oauth=${encodeURIComponent(v)}`),
  );
  for (const provider of ["github", "google", "nope"]) {
    await fc.assert(
      fc.asyncProperty(callbackQuery, cookie, async (search, sent) => {
        const target = `/auth/callback/${provider}${search ? `?${search}` : ""}`;
        const response = await request.get(target, {
          headers: sent ? { Cookie: sent } : {},
          maxRedirects: 0,
        });
        // 414: server.ts refuses a request target over 8 KiB (ADR 016); 431: Node itself
        // refuses a request line and headers over 16 KiB. Both before the app.
        const label = `${target.slice(0, 300)} ${sent ?? ""}`;
        expect([303, 414, 431], label).toContain(response.status());
        if (response.status() === 303) {
          const location = new URL(response.headers().location!, "http://app.invalid");
          expect(location.pathname, label).toBe("/auth/oauth/error");
        }
      }),
      { numRuns: 20, endOnFailure: true },
    );
  }
});
