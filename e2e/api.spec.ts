/**
 * The REST API over HTTP against the production build (checklist K2-K6, C2, C4, Z3, I1, I8):
 * every endpoint's error cases answer problem+json of the documented kind, with the status the
 * OpenAPI document lists for that operation; keys and sessions each work the way ADR 010 says.
 */
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { PROBLEMS, type ProblemKind } from "../lib/api/problem-types";
import { meResponse, projectListResponse, projectResponse } from "../lib/api/v1-schemas";
import { bearer, createApiKey, randomKeyString } from "./api-fixtures";
import {
  addMember,
  asTenant,
  createOrg,
  createProject,
  createSession,
  createUser,
  expect,
  test,
} from "./fixtures";

interface Endpoint {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  permission: string | null;
  body?: boolean;
}

const ENDPOINTS: Endpoint[] = [
  { method: "GET", path: "/api/v1/me", permission: null },
  { method: "GET", path: "/api/v1/projects", permission: "projects:read" },
  { method: "POST", path: "/api/v1/projects", permission: "projects:create", body: true },
  { method: "GET", path: "/api/v1/projects/{id}", permission: "projects:read" },
  { method: "PATCH", path: "/api/v1/projects/{id}", permission: "projects:update", body: true },
  { method: "DELETE", path: "/api/v1/projects/{id}", permission: "projects:delete" },
  { method: "GET", path: "/api/v1/members", permission: "members:read" },
];
const ALL_SCOPES = [
  "projects:read",
  "projects:create",
  "projects:update",
  "projects:delete",
  "members:read",
];

type OpenApi = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
let openapi: OpenApi | null = null;

async function documented(request: APIRequestContext, e: Endpoint): Promise<string[]> {
  openapi ??= (await (await request.get("/api/v1/openapi.json")).json()) as OpenApi;
  return Object.keys(openapi.paths[e.path]![e.method.toLowerCase()]!.responses);
}

/** Checks one answer: status, media type, the kind's stable type URI, no internals. */
async function expectProblem(
  response: APIResponse,
  kind: ProblemKind,
  baseURL: string,
  label: string,
) {
  const { status, title } = PROBLEMS[kind];
  expect(response.status(), label).toBe(status);
  expect(response.headers()["content-type"], label).toBe("application/problem+json");
  const body = await response.json();
  expect(body, label).toMatchObject({ type: `${baseURL}/problems/${kind}`, title, status });
  expect(body.requestId, label).toMatch(/^[0-9a-f-]{36}$/);
  expect(JSON.stringify(body), label).not.toMatch(/postgres|drizzle|at \/|Error:|stack/i);
}

test("every endpoint answers each error case with the documented problem", async ({
  request,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const owner = await createUser();
  const org = await createOrg(owner.id, "API errors");
  const projectId = await createProject(org, owner.id, { name: "Existing" });
  await createProject(org, owner.id, { name: "Other" });
  const full = await createApiKey(org, owner.id, ALL_SCOPES);
  const unrelated = await createApiKey(org, owner.id, ["audit_log:read"]);
  const sessionCookie = `__Host-session=${(await createSession(owner.id)).cookie}`;
  const before = await projectsOf(org.id, owner.id);

  for (const e of ENDPOINTS) {
    const url = (id = projectId) => e.path.replace("{id}", id);
    const send = (options: { path?: string; headers?: Record<string, string>; data?: unknown }) =>
      request.fetch(options.path ?? url(), {
        method: e.method,
        headers: options.headers,
        data: options.data,
        maxRedirects: 0,
      });
    const statuses = await documented(request, e);
    const check = async (kind: ProblemKind, response: APIResponse, what: string) => {
      const label = `${e.method} ${e.path}: ${what}`;
      await expectProblem(response, kind, baseURL!, label);
      expect(statuses, `${label} is documented`).toContain(String(PROBLEMS[kind].status));
    };

    await check("unauthenticated", await send({}), "no credentials");
    await check(
      "unauthenticated",
      await send({ headers: bearer(randomKeyString()) }),
      "unknown key",
    );
    await check(
      "unauthenticated",
      await send({ headers: { Authorization: "Basic abc" } }),
      "not Bearer",
    );
    await check("key-in-query", await send({ path: `${url()}?api_key=${full.key}` }), "key in URL");
    await check(
      "validation-failed",
      await send({ path: `${url()}?role=owner`, headers: bearer(full.key) }),
      "unknown query parameter",
    );
    if (e.permission) {
      await check("forbidden", await send({ headers: bearer(unrelated.key) }), "missing scope");
      await check(
        "invalid-request",
        await send({ headers: { Cookie: sessionCookie } }),
        "session without X-Org",
      );
      await check(
        "not-found",
        await send({ headers: { Cookie: sessionCookie, "X-Org": "no-such-org" } }),
        "session with another org",
      );
    }
    if (e.path.includes("{id}")) {
      for (const id of [crypto.randomUUID(), "not-a-uuid", "%00", "1;drop table projects"]) {
        await check(
          "not-found",
          await send({
            path: url(encodeURIComponent(id)),
            headers: bearer(full.key),
            data: { name: "x" },
          }),
          `id ${id}`,
        );
      }
    }
    if (e.body) {
      const json = { ...bearer(full.key), "Content-Type": "application/json" };
      await check(
        "invalid-request",
        await send({ headers: json, data: Buffer.from("{nope") }),
        "malformed JSON",
      );
      await check(
        "unsupported-media-type",
        await send({
          headers: { ...bearer(full.key), "Content-Type": "text/plain" },
          data: "name=x",
        }),
        "not JSON",
      );
      await check(
        "payload-too-large",
        await send({ headers: json, data: { name: "x".repeat(20_000) } }),
        "20 kB body",
      );
      await check(
        "validation-failed",
        await send({ headers: json, data: { name: "Fine", orgId: crypto.randomUUID() } }),
        "unknown field",
      );
      await check("validation-failed", await send({ headers: json, data: [1, 2] }), "an array");
      await check("conflict", await send({ headers: json, data: { name: "Other" } }), "duplicate");
    }
  }
  // PATCH's duplicate was refused and every other write failed: the org is as it was.
  expect(await projectsOf(org.id, owner.id)).toEqual(before);
});

async function projectsOf(orgId: string, userId: string) {
  return asTenant(
    orgId,
    userId,
    (tx) => tx`select id, name, description from projects order by id`,
  );
}

test("a key lists, creates, reads, edits and deletes projects, and answers in the documented shapes", async ({
  request,
}) => {
  const owner = await createUser();
  const org = await createOrg(owner.id, "API happy path");
  const { key } = await createApiKey(org, owner.id, ALL_SCOPES);
  const headers = bearer(key);

  const me = await request.get("/api/v1/me", { headers });
  expect(me.headers()["cache-control"]).toContain("no-store");
  expect(meResponse.parse(await me.json())).toMatchObject({
    kind: "api_key",
    org: { id: org.id, slug: org.slug },
  });
  expect((await me.json()).permissions.sort()).toEqual([...ALL_SCOPES].sort());

  const created = await request.post("/api/v1/projects", {
    headers,
    data: { name: "From the API", description: "Made with a key" },
  });
  expect(created.status()).toBe(201);
  const project = projectResponse.parse(await created.json());
  expect(created.headers()["location"]).toBe(`/api/v1/projects/${project.id}`);
  expect(project.createdBy).toBe(owner.id);

  const list = projectListResponse.parse(
    await (await request.get("/api/v1/projects", { headers })).json(),
  );
  expect(list.items.map((p) => p.name)).toEqual(["From the API"]);

  const patched = await request.patch(`/api/v1/projects/${project.id}`, {
    headers,
    data: { description: "Edited" },
  });
  expect(projectResponse.parse(await patched.json())).toMatchObject({
    name: "From the API",
    description: "Edited",
  });
  const deleted = await request.delete(`/api/v1/projects/${project.id}`, { headers });
  expect(deleted.status()).toBe(204);
  expect((await request.get(`/api/v1/projects/${project.id}`, { headers })).status()).toBe(404);
});

test("revoked and expired keys get 401 on their next request (K4)", async ({ request }) => {
  const owner = await createUser();
  const org = await createOrg(owner.id, "Key lifecycle");
  const live = await createApiKey(org, owner.id, ["projects:read"]);
  const expired = await createApiKey(org, owner.id, ["projects:read"], {
    expiresAt: new Date(Date.now() - 1000),
  });
  expect((await request.get("/api/v1/projects", { headers: bearer(live.key) })).status()).toBe(200);
  expect((await request.get("/api/v1/projects", { headers: bearer(expired.key) })).status()).toBe(
    401,
  );
  await asTenant(
    org.id,
    owner.id,
    (tx) => tx`update api_keys set revoked_at = now() where id = ${live.id}`,
  );
  const after = await request.get("/api/v1/projects", { headers: bearer(live.key) });
  expect(after.status()).toBe(401);
  expect(after.headers()["www-authenticate"]).toBe('Bearer realm="api", error="invalid_token"');
});

test("org A's key cannot read or write org B's project by id (Z3, K3)", async ({ request }) => {
  const ownerA = await createUser();
  const ownerB = await createUser();
  const orgA = await createOrg(ownerA.id, "A");
  const orgB = await createOrg(ownerB.id, "B");
  const theirs = await createProject(orgB, ownerB.id, { name: "B's", description: "untouched" });
  const { key } = await createApiKey(orgA, ownerA.id, ALL_SCOPES);
  const headers = bearer(key);
  const path = `/api/v1/projects/${theirs}`;
  expect((await request.get(path, { headers })).status()).toBe(404);
  expect((await request.patch(path, { headers, data: { name: "Mine" } })).status()).toBe(404);
  expect((await request.delete(path, { headers })).status()).toBe(404);
  expect(await projectsOf(orgB.id, ownerB.id)).toEqual([
    { id: theirs, name: "B's", description: "untouched" },
  ]);
});

test("with the session cookie: GET /me as before, org routes need X-Org and membership", async ({
  request,
}) => {
  const owner = await createUser();
  const viewer = await createUser();
  const org = await createOrg(owner.id, "Cookie org");
  await addMember(org, owner.id, viewer.id, "viewer");
  await createProject(org, owner.id, { name: "Seen" });
  const cookie = `__Host-session=${(await createSession(viewer.id)).cookie}`;

  const plain = await (await request.get("/api/v1/me", { headers: { Cookie: cookie } })).json();
  expect(meResponse.parse(plain)).toMatchObject({
    kind: "user",
    id: viewer.id,
    email: viewer.email,
    org: null,
  });
  const inOrg = await request.get("/api/v1/me", { headers: { Cookie: cookie, "X-Org": org.slug } });
  expect(await inOrg.json()).toMatchObject({
    org: { slug: org.slug },
    permissions: ["members:read", "projects:read"],
  });
  const list = await request.get("/api/v1/projects", {
    headers: { Cookie: cookie, "X-Org": org.slug },
  });
  expect((await list.json()).items).toHaveLength(1);
  // A viewer may not create, whatever the channel.
  const create = await request.post("/api/v1/projects", {
    headers: { Cookie: cookie, "X-Org": org.slug },
    data: { name: "Nope" },
  });
  expect(create.status()).toBe(403);
});

test("a cross-site write with only the session cookie is refused (C2, K6)", async ({ request }) => {
  const owner = await createUser();
  const org = await createOrg(owner.id, "CSRF target");
  const cookie = `__Host-session=${(await createSession(owner.id)).cookie}`;
  const attempts: Record<string, string>[] = [
    { Origin: "https://evil.example", "Content-Type": "text/plain" },
    { "Sec-Fetch-Site": "cross-site", "Content-Type": "application/json" },
    { Origin: "null", "Content-Type": "application/json" },
  ];
  for (const headers of attempts) {
    const response = await request.post("/api/v1/projects", {
      headers: { ...headers, Cookie: cookie, "X-Org": org.slug },
      data: JSON.stringify({ name: "Forged" }),
    });
    expect(response.status(), JSON.stringify(headers)).toBe(403);
  }
  expect(await projectsOf(org.id, owner.id)).toEqual([]);
  // The same write from the app's own origin goes through.
  const same = await request.post("/api/v1/projects", {
    headers: { Cookie: cookie, "X-Org": org.slug, "Sec-Fetch-Site": "same-origin" },
    data: { name: "Mine" },
  });
  expect(same.status()).toBe(201);
});

test("CORS: allowlisted origins only, never with credentials, nothing reflected (C4)", async ({
  request,
}) => {
  const owner = await createUser();
  const org = await createOrg(owner.id, "CORS");
  const { key } = await createApiKey(org, owner.id, ["projects:read"]);
  const allowed = process.env.API_CORS_ORIGINS!.split(",")[0]!;
  for (const origin of ["https://evil.example", "null", `${allowed}.evil.example`]) {
    const preflight = await request.fetch("/api/v1/projects", {
      method: "OPTIONS",
      headers: { Origin: origin, "Access-Control-Request-Method": "GET" },
    });
    const get = await request.get("/api/v1/projects", {
      headers: { Origin: origin, ...bearer(key) },
    });
    for (const response of [preflight, get]) {
      expect(response.headers()["access-control-allow-origin"], origin).toBeUndefined();
      expect(response.headers()["access-control-allow-credentials"], origin).toBeUndefined();
    }
  }
  const preflight = await request.fetch("/api/v1/projects", {
    method: "OPTIONS",
    headers: {
      Origin: allowed,
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "authorization, content-type",
    },
  });
  expect(preflight.status()).toBe(204);
  expect(preflight.headers()["access-control-allow-origin"]).toBe(allowed);
  expect(preflight.headers()["access-control-allow-methods"]).toContain("POST");
  expect(preflight.headers()["access-control-allow-headers"]).toMatch(/authorization/i);
  expect(preflight.headers()["access-control-allow-credentials"]).toBeUndefined();
  const get = await request.get("/api/v1/projects", {
    headers: { Origin: allowed, ...bearer(key) },
  });
  expect(get.headers()["access-control-allow-origin"]).toBe(allowed);
  expect(get.headers()["access-control-allow-credentials"]).toBeUndefined();
  expect(get.headers()["vary"]).toContain("Origin");
});

test("key use is recorded as last-used time and audited with the key's id (K7)", async ({
  request,
}) => {
  const owner = await createUser();
  const org = await createOrg(owner.id, "Audit");
  const { id, key } = await createApiKey(org, owner.id, ["projects:create"]);
  const created = await request.post("/api/v1/projects", {
    headers: bearer(key),
    data: { name: "Audited" },
  });
  expect(created.status()).toBe(201);
  const [row] = await asTenant(
    org.id,
    owner.id,
    (tx) => tx`select last_used_at from api_keys where id = ${id}`,
  );
  expect(row!.last_used_at).not.toBeNull();
  const entries = await asTenant(
    org.id,
    owner.id,
    (tx) =>
      tx`select action, actor_id, metadata from audit_log where action in ('project.created', 'api_key.used') order by action`,
  );
  expect(entries).toEqual([
    {
      action: "api_key.used",
      actor_id: owner.id,
      metadata: expect.objectContaining({ firstUse: true }),
    },
    { action: "project.created", actor_id: owner.id, metadata: { name: "Audited", apiKeyId: id } },
  ]);
});

test("each problem type URI is a page that explains it", async ({ page }) => {
  await page.goto("/problems/key-in-query");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API key in the URL");
  expect((await page.request.get("/problems/no-such-kind")).status()).toBe(404);
});
