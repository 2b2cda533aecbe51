/**
 * Benchmark users, written straight into the database as the runtime role (app_user), through
 * the same RLS policies the app uses: one user with a ready session (for GET /api/v1/me) and
 * N users with known passwords (for the login form).
 */
import { createHash, randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { sealData } from "iron-session";
import type postgres from "postgres";
import { ARGON2_PARAMS } from "@/lib/auth/password-hasher";

export const SESSION_COOKIE = "__Host-session";
const SESSION_TTL_S = 30 * 24 * 3600;

export interface SessionUser {
  id: string;
  email: string;
  /** `__Host-session=<seal>`, ready for a Cookie header. */
  cookie: string;
}

export interface LoginUser {
  email: string;
  password: string;
}

async function insertUser(
  sql: postgres.Sql,
  user: { email: string; passwordHash: string | null },
  withSessionToken?: string,
): Promise<string> {
  const id = crypto.randomUUID();
  await sql.begin(async (tx) => {
    await tx`select set_config('app.user_id', ${id}, true)`;
    await tx`insert into users (id, email, password_hash, display_name)
              values (${id}, ${user.email}, ${user.passwordHash}, 'Bench User')`;
    if (withSessionToken === undefined) return;
    const tokenHash = createHash("sha256").update(withSessionToken).digest();
    await tx`insert into sessions (token_hash, user_id, created_at, last_seen_at, expires_at, authenticated_at)
              values (${tokenHash}, ${id}, now(), now(), now() + interval '7 days', now())`;
  });
  return id;
}

/** A user plus a session row, and the cookie the app would have set for it. */
export async function createSessionUser(sql: postgres.Sql, secret: string): Promise<SessionUser> {
  const email = `bench-session-${randomBytes(4).toString("hex")}@example.com`;
  const token = randomBytes(32).toString("base64url");
  const id = await insertUser(sql, { email, passwordHash: null }, token);
  const sealed = await sealData({ t: token }, { password: secret, ttl: SESSION_TTL_S });
  return { id, email, cookie: `${SESSION_COOKIE}=${sealed}` };
}

/** `count` more users with sessions, for traffic from many users at once. */
export async function createSessionUsers(
  sql: postgres.Sql,
  secret: string,
  count: number,
): Promise<SessionUser[]> {
  const users: SessionUser[] = [];
  for (let i = 0; i < count; i++) users.push(await createSessionUser(sql, secret));
  return users;
}

/** `count` users whose passwords are hashed with the app's own argon2id parameters. */
export async function createLoginUsers(sql: postgres.Sql, count: number): Promise<LoginUser[]> {
  const run = randomBytes(3).toString("hex");
  const users = Array.from({ length: count }, (_, i) => ({
    email: `bench-login-${run}-${i}@example.com`,
    password: `bench password ${i} ${randomBytes(6).toString("base64url")}`,
  }));
  for (const user of users) {
    await insertUser(sql, {
      email: user.email,
      passwordHash: await hash(user.password, ARGON2_PARAMS),
    });
  }
  return users;
}
