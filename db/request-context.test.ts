import type postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { createOrganization } from "@/lib/orgs/create-organization";
import { createSession } from "@/lib/auth/session";
import { hashToken } from "@/lib/auth/session-token";
import { findRequestContext } from "./request-context";
import { insertUser, testConnections } from "./test-database";

/** app_request_context (drizzle/0014): the session and one membership in one call. */
const db = testConnections();
const tag = crypto.randomUUID().slice(0, 8);
let member: { id: string; email: string };
let tokenHash: Buffer;
let mine: { id: string; slug: string };
let theirs: { id: string; slug: string };

beforeAll(async () => {
  member = await insertUser(db.app);
  const other = await insertUser(db.app);
  mine = (await createOrganization(member.id, `Context mine ${tag}`))!;
  theirs = (await createOrganization(other.id, `Context theirs ${tag}`))!;
  const { token } = await createSession(member.id, { ip: null, userAgent: null });
  tokenHash = hashToken(token);
});

describe("the request context lookup", () => {
  it("returns the session and the member's org and role for a slug they belong to", async () => {
    const found = await findRequestContext(tokenHash, mine.slug);
    expect(found?.session).toMatchObject({ userId: member.id, email: member.email });
    expect(found?.membership).toMatchObject({
      orgId: mine.id,
      slug: mine.slug,
      roleName: "Owner",
      builtIn: "owner",
    });
  });

  it("answers another org's slug exactly like a slug that does not exist", async () => {
    const foreign = await findRequestContext(tokenHash, theirs.slug);
    const missing = await findRequestContext(tokenHash, `no-such-org-${tag}`);
    expect(foreign?.membership).toBeNull();
    expect(missing?.membership).toBeNull();
    expect(foreign).toEqual(missing);
  });

  it("returns the session alone without a slug, and nothing for an unknown token", async () => {
    expect((await findRequestContext(tokenHash, null))?.membership).toBeNull();
    expect(await findRequestContext(hashToken("not-a-session"), mine.slug)).toBeNull();
  });

  it("sees a new membership and a removal on the next call", async () => {
    const inTheirs = <T>(fn: (tx: postgres.TransactionSql) => Promise<T>) =>
      db.app.begin(async (tx) => {
        await tx`select set_config('app.org_id', ${theirs.id}, true)`;
        return fn(tx);
      }) as Promise<T>;
    const joined = await inTheirs(
      (tx) => tx`
        insert into memberships (org_id, user_id, role_id)
        select ${theirs.id}, ${member.id}, id from org_roles where built_in = 'viewer'
        returning org_id`,
    );
    expect(joined).toHaveLength(1);
    expect((await findRequestContext(tokenHash, theirs.slug))?.membership?.builtIn).toBe("viewer");
    await inTheirs((tx) => tx`delete from memberships where user_id = ${member.id}`);
    expect((await findRequestContext(tokenHash, theirs.slug))?.membership).toBeNull();
  });
});
