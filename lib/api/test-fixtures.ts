/**
 * For integration tests of /api/v1 (vitest, against the database `npm test` creates): orgs,
 * members and keys made through the app's own code or as the runtime role under RLS, and a way
 * to call a route handler with a real Request, as Next would.
 */
import { randomBytes } from "node:crypto";
import type postgres from "postgres";
import { withTenant } from "@/db/tenant";
import { insertUser } from "@/db/test-database";
import { insertApiKey } from "@/lib/api-keys/queries";
import type { Permission } from "@/lib/authz/permissions";
import type { ApiRouteHandler } from "./define-api-route";

export type Role = "owner" | "admin" | "member" | "viewer";

export interface TestOrg {
  id: string;
  slug: string;
  owner: string;
}

export function apiFixtures(db: { app: postgres.Sql }) {
  const inOrg = <T>(
    org: { id: string },
    userId: string,
    fn: (tx: postgres.TransactionSql) => Promise<T>,
  ) =>
    db.app.begin(async (tx) => {
      await tx`select set_config('app.org_id', ${org.id}, true), set_config('app.user_id', ${userId}, true)`;
      return fn(tx);
    }) as Promise<T>;

  async function newOrg(): Promise<TestOrg> {
    const owner = (await insertUser(db.app)).id;
    const org = { id: crypto.randomUUID(), slug: `api-${randomBytes(5).toString("hex")}`, owner };
    await inOrg(org, owner, async (tx) => {
      await tx`insert into organizations (id, name, slug) values (${org.id}, ${org.slug}, ${org.slug})`;
      await tx`insert into memberships (org_id, user_id, role_id)
        select ${org.id}, ${owner}, id from org_roles where org_id = ${org.id} and built_in = 'owner'`;
    });
    return org;
  }

  async function addMember(org: TestOrg, role: Role): Promise<string> {
    const user = (await insertUser(db.app)).id;
    await inOrg(
      org,
      org.owner,
      (tx) => tx`insert into memberships (org_id, user_id, role_id)
      select ${org.id}, ${user}, id from org_roles where org_id = ${org.id} and built_in = ${role}`,
    );
    return user;
  }

  async function setRole(org: TestOrg, userId: string, role: Role): Promise<void> {
    await inOrg(
      org,
      org.owner,
      (tx) => tx`update memberships
      set role_id = (select id from org_roles where org_id = ${org.id} and built_in = ${role})
      where org_id = ${org.id} and user_id = ${userId}`,
    );
  }

  async function removeMember(org: TestOrg, userId: string): Promise<void> {
    await inOrg(
      org,
      org.owner,
      (tx) => tx`delete from memberships where org_id = ${org.id} and user_id = ${userId}`,
    );
  }

  async function createKey(
    org: TestOrg,
    userId: string,
    scopes: Permission[],
    expiresAt: Date | null = null,
  ): Promise<{ id: string; key: string; displayPrefix: string }> {
    return withTenant({ orgId: org.id, userId }, (tx) =>
      insertApiKey(tx, { orgId: org.id, name: "Test key", scopes, createdBy: userId, expiresAt }),
    );
  }

  async function createProject(org: TestOrg, userId: string, name: string): Promise<string> {
    const [row] = await inOrg(
      org,
      userId,
      (tx) => tx`insert into projects (org_id, name, created_by)
      values (${org.id}, ${name}, ${userId}) returning id`,
    );
    return row!.id as string;
  }

  async function projectNames(org: TestOrg): Promise<string[]> {
    const rows = await inOrg(org, org.owner, (tx) => tx`select name from projects order by name`);
    return rows.map((r) => r.name as string);
  }

  return {
    inOrg,
    newOrg,
    addMember,
    setRole,
    removeMember,
    createKey,
    createProject,
    projectNames,
  };
}

export interface CallOptions {
  method?: string;
  key?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
}

/** Calls a handler as Next would, with `Authorization: Bearer <key>` and a JSON body if given. */
export async function call(handler: ApiRouteHandler, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const request = new Request(`http://localhost:3000${path}${options.query ?? ""}`, {
    method: options.method ?? "GET",
    headers,
    body,
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : null,
  };
}
