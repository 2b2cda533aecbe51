/**
 * Property-based (fast-check): random path parameters, query strings, headers and bodies thrown
 * at every /api/v1 endpoint over HTTP, against the production build (checklist I1, I8). Whatever
 * is sent, the answer is never a 500, and every error is problem+json. The credentials are often
 * valid, so the handlers themselves run on the random input, not just the gates in front.
 */
import fc from "fast-check";
import { bearer, createApiKey, randomKeyString } from "./api-fixtures";
import { createOrg, createProject, createSession, createUser, expect, test } from "./fixtures";

const ENDPOINTS = [
  { method: "GET", path: "/api/v1/me" },
  { method: "GET", path: "/api/v1/projects" },
  { method: "POST", path: "/api/v1/projects", body: true },
  { method: "GET", path: "/api/v1/projects/{id}" },
  { method: "PATCH", path: "/api/v1/projects/{id}", body: true },
  { method: "DELETE", path: "/api/v1/projects/{id}" },
  { method: "GET", path: "/api/v1/members" },
  { method: "GET", path: "/api/v1/openapi.json" },
] as const;

const RUNS = 40;
const text = (maxLength = 40) => fc.string({ unit: "binary", maxLength });
const printable = (maxLength = 60) => fc.string({ unit: "grapheme-ascii", maxLength });

test("no input makes any endpoint answer 500, and every error is problem+json", async ({
  request,
}) => {
  test.setTimeout(300_000);
  const owner = await createUser();
  const org = await createOrg(owner.id, "Fuzzed");
  const ids = [
    await createProject(org, owner.id, { name: "Fuzz target 1" }),
    await createProject(org, owner.id, { name: "Fuzz target 2" }),
  ];
  const scopes = [
    "projects:read",
    "projects:create",
    "projects:update",
    "projects:delete",
    "members:read",
  ];
  const { key } = await createApiKey(org, owner.id, scopes);
  const cookie = `__Host-session=${(await createSession(owner.id)).cookie}`;

  const headers = fc.record(
    {
      Authorization: fc.oneof(
        fc.constant(bearer(key).Authorization),
        fc.constant(`Bearer ${randomKeyString()}`),
        printable().map((s) => `Bearer ${s}`),
        printable(),
      ),
      "Content-Type": fc.oneof(
        fc.constantFrom(
          "application/json",
          "application/json; charset=utf-8",
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
        ),
        printable(),
      ),
      "X-Org": fc.oneof(fc.constant(org.slug), printable()),
      Cookie: fc.oneof(
        fc.constant(cookie),
        printable().map((s) => `__Host-session=${s}`),
      ),
      Origin: fc.oneof(fc.constant("https://evil.example"), fc.constant("null"), printable()),
      "Sec-Fetch-Site": fc.constantFrom("same-origin", "cross-site", "none", "same-site"),
      "Content-Length": fc.nat(100_000).map(String),
    },
    { requiredKeys: [] },
  );
  const query = fc.oneof(
    fc.record(
      {
        limit: fc.oneof(fc.integer().map(String), text()),
        cursor: fc.oneof(
          text(80),
          fc.constant("2026-01-01T00:00:00.000000Z_" + crypto.randomUUID()),
          // The right shape, but no real date, or no uuid: Postgres cannot cast these.
          fc.constantFrom(
            "2026-02-30T00:00:00.000000Z_" + crypto.randomUUID(),
            "2026-13-45T99:99:99.000000Z_" + crypto.randomUUID(),
            "0000-01-01T00:00:00.000000Z_" + crypto.randomUUID(),
            "2026-01-01T00:00:00.000000Z_" + "a".repeat(36),
          ),
        ),
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(text(10), text()),
  );
  // As it goes into the path: encoded, or raw percent-encoding that is not valid UTF-8.
  const id = fc.oneof(
    fc.oneof(fc.constantFrom(...ids), fc.uuid(), text()).map(encodeURIComponent),
    fc.constantFrom("%FF", "%", "%E0%A4%A", "%C0%AF", "%ED%A0%80", "%00", "%25"),
  );
  const body = fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc
      .record(
        {
          // Text Postgres cannot store (NUL; an unpaired surrogate, which fails jsonb) too.
          name: fc.oneof(text(120), fc.constantFrom("\u0000", "\uD800", "a\uDC00b")),
          description: fc.oneof(text(3000), fc.jsonValue(), fc.constant("x\uD800")),
          extra: fc.jsonValue(),
        },
        { requiredKeys: [] },
      )
      .map((v) => JSON.stringify(v)),
    text(200),
    fc.constant("x".repeat(40_000)),
  );

  for (const endpoint of ENDPOINTS) {
    await fc.assert(
      fc.asyncProperty(headers, query, id, body, async (h, q, projectId, data) => {
        // The Content-Length header is only a claim here; the client sends the real one.
        const { "Content-Length": _claimed, ...sent } = h;
        const search = new URLSearchParams(q as Record<string, string>).toString();
        const url = `${endpoint.path.replace("{id}", projectId)}${search ? `?${search}` : ""}`;
        const response = await request.fetch(url, {
          method: endpoint.method,
          headers: sent,
          data: "body" in endpoint ? data : undefined,
          maxRedirects: 0,
        });
        const status = response.status();
        const label = `${endpoint.method} ${url} ${JSON.stringify(sent)} -> ${status}`;
        expect(status, label).toBeLessThan(500);
        if (status >= 400) {
          expect(response.headers()["content-type"], label).toBe("application/problem+json");
          const problem = await response.json();
          expect(problem.status, label).toBe(status);
        }
      }),
      { numRuns: RUNS },
    );
  }
});
