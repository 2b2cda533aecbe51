/**
 * Playwright fixtures. Users and sessions are created directly in the database, as the
 * runtime role and through the same RLS policies as the app, so tests that are not about
 * logging in never click through the login form. Each test makes its own users.
 */
import { createHash, randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { test as base, expect, type BrowserContext, type Request } from "@playwright/test";
import { sealData } from "iron-session";
import postgres from "postgres";
import { passwordsInFormBody, rememberSecret, rememberSessionCookie } from "./secrets-ledger";

export const SESSION_COOKIE = "__Host-session";
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

let sql: postgres.Sql | null = null;
export function db(): postgres.Sql {
  const url = process.env.DATABASE_APP_URL;
  if (!url) throw new Error("DATABASE_APP_URL is not set: run the e2e suite through `npm test`.");
  sql ??= postgres(url, { max: 2, onnotice: () => {} });
  return sql;
}

let owner: postgres.Sql | null = null;

/** The owner connection (TEST_OWNER_URL): assertions across users, and what only the CLI may do. */
export function ownerDb(): postgres.Sql {
  const url = process.env.TEST_OWNER_URL;
  if (!url) throw new Error("TEST_OWNER_URL is not set: run the e2e suite through `npm test`.");
  owner ??= postgres(url, { max: 1, onnotice: () => {} });
  return owner;
}

/** What `npm run admin:grant` and claiming its token achieve (ADR 015), in one step. */
export async function makePlatformAdmin(userId: string): Promise<void> {
  await ownerDb()`insert into platform_admins (user_id) values (${userId})`;
}

/** Runs `fn` as app_user with `userId` in context, like the app's withUser. */
export async function asUser<T>(
  userId: string,
  fn: (tx: postgres.TransactionSql) => Promise<T>,
): Promise<T> {
  return db().begin(async (tx) => {
    await tx`select set_config('app.user_id', ${userId}, true)`;
    return fn(tx);
  }) as Promise<T>;
}

/** Runs `fn` as app_user inside `orgId`'s tenant context, like the app's withTenant. */
export async function asTenant<T>(
  orgId: string,
  userId: string,
  fn: (tx: postgres.TransactionSql) => Promise<T>,
): Promise<T> {
  return db().begin(async (tx) => {
    await tx`select set_config('app.org_id', ${orgId}, true), set_config('app.user_id', ${userId}, true)`;
    return fn(tx);
  }) as Promise<T>;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
}

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomBytes(5).toString("hex")}@example.test`;
}

export async function createUser(
  fields: Partial<Pick<TestUser, "email" | "password">> & { verified?: boolean } = {},
): Promise<TestUser> {
  const id = crypto.randomUUID();
  const email = fields.email ?? uniqueEmail();
  const password = fields.password ?? `tidal meadow ${randomBytes(4).toString("hex")} lantern`;
  rememberSecret(password, "password");
  const passwordHash = await hash(password, ARGON2);
  await asUser(
    id,
    (tx) =>
      tx`insert into users (id, email, password_hash, email_verified_at)
         values (${id}, ${email}, ${passwordHash}, ${fields.verified ? new Date() : null})`,
  );
  return { id, email, password };
}

export interface TestOrg {
  id: string;
  slug: string;
  name: string;
}

/** An organization with `userId` as its owner, made the way the app makes one. */
export async function createOrg(userId: string, name = "Test org"): Promise<TestOrg> {
  const id = crypto.randomUUID();
  const slug = `e2e-${randomBytes(5).toString("hex")}`;
  await asTenant(id, userId, async (tx) => {
    await tx`insert into organizations (id, name, slug) values (${id}, ${name}, ${slug})`;
    await tx`insert into memberships (org_id, user_id, role_id) select ${id}, ${userId}, id from org_roles where org_id = ${id} and built_in = 'owner'`;
  });
  return { id, slug, name };
}

/** Adds `userId` to `org` with one of the built-in roles (acting as the org's `ownerId`). */
export async function addMember(
  org: TestOrg,
  ownerId: string,
  userId: string,
  role: "owner" | "admin" | "member" | "viewer",
): Promise<void> {
  await asTenant(
    org.id,
    ownerId,
    (tx) => tx`
      insert into memberships (org_id, user_id, role_id)
      select ${org.id}, ${userId}, id from org_roles where org_id = ${org.id} and built_in = ${role}`,
  );
}

/** A project in `org`, created by `userId`; returns its id. */
export async function createProject(
  org: TestOrg,
  userId: string,
  fields: { name: string; description?: string },
): Promise<string> {
  const rows = await asTenant(
    org.id,
    userId,
    (tx) => tx`
      insert into projects (org_id, name, description, created_by)
      values (${org.id}, ${fields.name}, ${fields.description ?? ""}, ${userId})
      returning id`,
  );
  return rows[0]!.id as string;
}

export function tokenHash(token: string): Buffer {
  return createHash("sha256").update(token).digest();
}

/** A session row plus the sealed cookie value a browser would hold for it. */
export async function createSession(userId: string): Promise<{ token: string; cookie: string }> {
  const token = randomBytes(32).toString("base64url");
  await asUser(
    userId,
    (tx) => tx`
      insert into sessions (token_hash, user_id, created_at, last_seen_at, expires_at, authenticated_at)
      values (${tokenHash(token)}, ${userId}, now(), now(), now() + interval '7 days', now())`,
  );
  const secret = process.env.SESSION_SECRET;
  if (!secret) throw new Error("SESSION_SECRET is not set: run the e2e suite through `npm test`.");
  const cookie = await sealData({ t: token }, { password: secret, ttl: 30 * 24 * 3600 });
  rememberSecret(token, "session token");
  rememberSecret(cookie, "session cookie");
  return { token, cookie };
}

export async function markEmailVerified(userId: string): Promise<void> {
  await asUser(userId, (tx) => tx`update users set email_verified_at = now() where id = ${userId}`);
}

export async function sessionCount(userId: string): Promise<number> {
  const rows = await asUser(userId, (tx) => tx`select count(*)::int as n from sessions`);
  return rows[0]!.n as number;
}

export async function setSessionCookie(context: BrowserContext, baseURL: string, value: string) {
  await context.addCookies([
    // domain+path, not url: Chromium's CDP refuses a Secure cookie "for" an http:// URL, even
    // though it accepts the same cookie from a localhost response. Host-only either way.
    {
      name: SESSION_COOKIE,
      value,
      domain: new URL(baseURL).hostname,
      path: "/",
      httpOnly: true,
      secure: true,
      sameSite: "Lax",
    },
  ]);
}

/**
 * Remembers, for the log check (e2e/secrets-ledger.ts), the passwords the browser posts and the
 * session cookie (and the token inside it) the browser holds at the end of the test.
 */
async function watchSecrets(context: BrowserContext, run: () => Promise<void>): Promise<void> {
  const onRequest = (request: Request) => {
    const body = request.method() === "POST" ? request.postData() : null;
    for (const password of body ? passwordsInFormBody(body) : []) {
      rememberSecret(password, "typed password");
    }
  };
  context.on("request", onRequest);
  try {
    await run();
  } finally {
    context.off("request", onRequest);
    const cookies = await context.cookies().catch(() => []);
    for (const c of cookies) if (c.name === SESSION_COOKIE) await rememberSessionCookie(c.value);
  }
}

export const test = base.extend<{
  signedIn: TestUser & { cookie: string; token: string };
  secretsWatch: void;
}>({
  signedIn: async ({ context, baseURL }, provide) => {
    const user = await createUser();
    const session = await createSession(user.id);
    await setSessionCookie(context, baseURL!, session.cookie);
    await provide({ ...user, ...session });
  },
  secretsWatch: [
    async ({ context }, provide) => watchSecrets(context, () => provide()),
    { auto: true },
  ],
});

export { expect };
