/**
 * Integration: API keys against /api/v1's real handlers and a real database, as the runtime
 * role (checklist K1-K4, K7, Z3). Each test makes its own orgs, members and keys.
 */
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { testConnections } from "@/db/test-database";
import { call, apiFixtures } from "@/lib/api/test-fixtures";
import { advanceClock, resetClock } from "@/lib/clock";
import * as me from "./me/route";
import * as project from "./projects/[id]/route";
import * as projects from "./projects/route";

const db = testConnections();
const f = apiFixtures(db);

afterEach(() => resetClock());

describe("a stored key (K1)", () => {
  it("leaves nothing in its row that authenticates", async () => {
    const org = await f.newOrg();
    const { id, key } = await f.createKey(org, org.owner, ["projects:read"]);
    expect((await call(me.GET, "/api/v1/me", { key })).status).toBe(200);

    const [row] = await db.owner`select * from api_keys where id = ${id}`;
    const values = Object.values(row!).flatMap((value) => {
      if (value instanceof Uint8Array) {
        const bytes = Buffer.from(value);
        return [bytes.toString("hex"), bytes.toString("base64"), bytes.toString("base64url")];
      }
      return value === null ? [] : [String(value)];
    });
    expect(values.join("\n")).not.toContain(key.slice("sk_live_".length + 8));
    expect(Buffer.from(row!.secret_hash)).toEqual(createHash("sha256").update(key).digest());
    for (const value of values) {
      for (const presented of [value, `sk_live_${value}`]) {
        expect((await call(me.GET, "/api/v1/me", { key: presented })).status, presented).toBe(401);
      }
    }
  });

  it("is looked up without leaving a rate-limit counter behind for a made-up key", async () => {
    const count = async () => (await db.owner`select count(*)::int as n from rate_limits`)[0]!.n;
    const before = await count();
    const made = `sk_live_${"A".repeat(40)}`;
    expect((await call(me.GET, "/api/v1/me", { key: made })).status).toBe(401);
    expect(await count()).toBe(before);
  });

  it("cannot have its hash read back by the runtime role", async () => {
    const org = await f.newOrg();
    await f.createKey(org, org.owner, ["projects:read"]);
    const read = f.inOrg(org, org.owner, (tx) => tx`select secret_hash from api_keys`);
    await expect(read).rejects.toMatchObject({ code: "42501" });
    const names = await f.inOrg(
      org,
      org.owner,
      (tx) => tx`select name, display_prefix from api_keys`,
    );
    expect(names).toHaveLength(1);
  });

  it("has the sk_live_ format with a 190-bit secret, and keys differ", async () => {
    const org = await f.newOrg();
    const a = await f.createKey(org, org.owner, ["projects:read"]);
    const b = await f.createKey(org, org.owner, ["projects:read"]);
    expect(a.key).toMatch(/^sk_live_[0-9A-Za-z]{40}$/);
    expect(a.displayPrefix).toBe(a.key.slice(0, 16));
    expect(a.key).not.toBe(b.key);
  });
});

describe("effective permission = scopes ∩ the creator's current role (K3, K4)", () => {
  it("stops deleting the moment the creating admin is demoted to viewer", async () => {
    const org = await f.newOrg();
    const admin = await f.addMember(org, "admin");
    const { key } = await f.createKey(org, admin, ["projects:read", "projects:delete"]);
    const first = await f.createProject(org, org.owner, "First");
    const second = await f.createProject(org, org.owner, "Second");

    const deleted = await call(project.DELETE, `/api/v1/projects/${first}`, {
      method: "DELETE",
      key,
      params: { id: first },
    });
    expect(deleted.status).toBe(204);

    await f.setRole(org, admin, "viewer");
    const refused = await call(project.DELETE, `/api/v1/projects/${second}`, {
      method: "DELETE",
      key,
      params: { id: second },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.json).toMatchObject({ status: 403, title: "Forbidden" });
    expect(await f.projectNames(org)).toEqual(["Second"]);

    const whoami = await call(me.GET, "/api/v1/me", { key });
    expect(whoami.json).toMatchObject({
      kind: "api_key",
      scopes: ["projects:read", "projects:delete"],
      permissions: ["projects:read"],
    });
  });

  it("never exceeds its scopes, whatever the creator may do", async () => {
    const org = await f.newOrg();
    const { key } = await f.createKey(org, org.owner, ["projects:read"]);
    const id = await f.createProject(org, org.owner, "Kept");
    const patch = await call(project.PATCH, `/api/v1/projects/${id}`, {
      method: "PATCH",
      key,
      params: { id },
      body: { name: "Changed" },
    });
    expect(patch.status).toBe(403);
    expect(await f.projectNames(org)).toEqual(["Kept"]);
  });

  it("gets 401 once its creator leaves the org", async () => {
    const org = await f.newOrg();
    const admin = await f.addMember(org, "admin");
    const { key } = await f.createKey(org, admin, ["projects:read"]);
    expect((await call(projects.GET, "/api/v1/projects", { key })).status).toBe(200);
    await f.removeMember(org, admin);
    const gone = await call(projects.GET, "/api/v1/projects", { key });
    expect(gone.status).toBe(401);
    expect(gone.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("gets 401 on the next request once revoked, and once expired", async () => {
    const org = await f.newOrg();
    const revoked = await f.createKey(org, org.owner, ["projects:read"]);
    const expiring = await f.createKey(
      org,
      org.owner,
      ["projects:read"],
      new Date(Date.now() + 60 * 60_000),
    );
    for (const { key } of [revoked, expiring]) {
      expect((await call(me.GET, "/api/v1/me", { key })).status).toBe(200);
    }
    await f.inOrg(
      org,
      org.owner,
      (tx) => tx`update api_keys set revoked_at = now() where id = ${revoked.id}`,
    );
    expect((await call(me.GET, "/api/v1/me", { key: revoked.key })).status).toBe(401);
    advanceClock(60 * 60_000);
    expect((await call(me.GET, "/api/v1/me", { key: expiring.key })).status).toBe(401);
  });
});

describe("tenant isolation (Z3)", () => {
  it("answers 404 to a key of org A for org B's project, and leaves B unchanged", async () => {
    const a = await f.newOrg();
    const b = await f.newOrg();
    const { key } = await f.createKey(a, a.owner, [
      "projects:read",
      "projects:update",
      "projects:delete",
    ]);
    const theirs = await f.createProject(b, b.owner, "B's project");
    const path = `/api/v1/projects/${theirs}`;
    const params = { id: theirs };
    const answers = [
      await call(project.GET, path, { key, params }),
      await call(project.PATCH, path, { method: "PATCH", key, params, body: { name: "Taken" } }),
      await call(project.DELETE, path, { method: "DELETE", key, params }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.json).toMatchObject({ title: "Not found", status: 404 });
    }
    expect(await f.projectNames(b)).toEqual(["B's project"]);
    const list = await call(projects.GET, "/api/v1/projects", { key });
    expect(list.json).toEqual({ items: [], nextCursor: null });
  });

  it("refuses X-Org naming another org with a key", async () => {
    const a = await f.newOrg();
    const b = await f.newOrg();
    const { key } = await f.createKey(a, a.owner, ["projects:read"]);
    const answer = await call(projects.GET, "/api/v1/projects", {
      key,
      headers: { "x-org": b.slug },
    });
    expect(answer.status).toBe(403);
  });
});

describe("writes with a key", () => {
  it("are audited as the key's creator, with the key's id", async () => {
    const org = await f.newOrg();
    const admin = await f.addMember(org, "admin");
    const { id, key } = await f.createKey(org, admin, ["projects:create"]);
    const created = await call(projects.POST, "/api/v1/projects", {
      method: "POST",
      key,
      body: { name: "Via the API" },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1/projects/${created.json!.id}`);
    const [entry] = await f.inOrg(
      org,
      org.owner,
      (tx) => tx`select actor_id, metadata from audit_log where action = 'project.created'`,
    );
    expect(entry).toMatchObject({
      actor_id: admin,
      metadata: { name: "Via the API", apiKeyId: id },
    });
  });

  it("get a 409 problem for a duplicate name, and the transaction rolls back", async () => {
    const org = await f.newOrg();
    const { key } = await f.createKey(org, org.owner, ["projects:create"]);
    await f.createProject(org, org.owner, "Taken");
    const again = await call(projects.POST, "/api/v1/projects", {
      method: "POST",
      key,
      body: { name: "Taken" },
    });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ title: "Conflict" });
  });
});

describe("last use (K7)", () => {
  it("is written at most once a minute, and audited on first use and from a new IP", async () => {
    const org = await f.newOrg();
    const { id, key } = await f.createKey(org, org.owner, ["projects:read"]);
    const lastUsed = async () => {
      const [row] = await f.inOrg(
        org,
        org.owner,
        (tx) => tx`select last_used_at, last_used_ip from api_keys where id = ${id}`,
      );
      return row!;
    };
    const usedAudits = async () =>
      (
        await f.inOrg(
          org,
          org.owner,
          (tx) => tx`select count(*)::int as n from audit_log where action = 'api_key.used'`,
        )
      )[0]!.n as number;

    expect((await lastUsed()).last_used_at).toBeNull();
    await call(me.GET, "/api/v1/me", { key });
    const first = (await lastUsed()).last_used_at;
    expect(first).not.toBeNull();
    expect(await usedAudits()).toBe(1);

    await call(me.GET, "/api/v1/me", { key });
    expect((await lastUsed()).last_used_at).toEqual(first);

    advanceClock(61_000);
    await call(me.GET, "/api/v1/me", { key });
    expect((await lastUsed()).last_used_at).not.toEqual(first);
    expect(await usedAudits()).toBe(1); // same (unknown) IP: no new entry
  });
});

describe("input", () => {
  it("refuses a key in the query string with 400, saying where it belongs (K2)", async () => {
    const org = await f.newOrg();
    const { key } = await f.createKey(org, org.owner, ["projects:read"]);
    for (const query of [`?api_key=${key}`, `?x=${key}`, "?key=anything"]) {
      const answer = await call(projects.GET, "/api/v1/projects", { query });
      expect(answer.status, query).toBe(400);
      expect(answer.json!.detail, query).toMatch(/Authorization header/);
    }
  });

  it("rejects unknown fields, oversized bodies and non-JSON bodies with the documented problem", async () => {
    const org = await f.newOrg();
    const { key } = await f.createKey(org, org.owner, ["projects:create"]);
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      call(projects.POST, "/api/v1/projects", { method: "POST", key, body, headers });

    const unknown = await post({ name: "A", role: "owner" });
    expect(unknown.status).toBe(422);
    expect(unknown.json!.errors).toEqual([
      { in: "body", field: "role", message: expect.stringMatching(/Unknown field/) },
    ]);
    expect((await post({ name: "x".repeat(20_000) })).status).toBe(413);
    expect((await post("name=A", { "content-type": "text/plain" })).status).toBe(415);
    expect((await post("{not json")).status).toBe(400);
    expect((await post({ name: "A\u0000B" })).status).toBe(422);
    expect(await f.projectNames(org)).toEqual([]);
  });

  it("pages with a cursor, newest first, without skipping or repeating", async () => {
    const org = await f.newOrg();
    const { key } = await f.createKey(org, org.owner, ["projects:read"]);
    for (let i = 0; i < 5; i++) await f.createProject(org, org.owner, `P${i}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await call(projects.GET, "/api/v1/projects", {
        key,
        query: `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      });
      expect(page.status).toBe(200);
      seen.push(...(page.json!.items as { name: string }[]).map((p) => p.name));
      cursor = page.json!.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual(["P4", "P3", "P2", "P1", "P0"]);
    const bad = await call(projects.GET, "/api/v1/projects", { key, query: "?cursor=nope" });
    expect(bad.status).toBe(422);
  });
});
