/**
 * For integration tests only. `npm test` creates a fresh database and passes its URLs:
 * DATABASE_APP_URL (the runtime role, which app code uses) and TEST_OWNER_URL (the owner,
 * for catalog checks and for proving the owner is refused).
 */
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";

export function testUrls(): { appUrl: string; ownerUrl: string } {
  const appUrl = process.env.DATABASE_APP_URL;
  const ownerUrl = process.env.TEST_OWNER_URL;
  if (!appUrl || !ownerUrl) {
    throw new Error(
      "Integration tests need the database that `npm test` creates: run them with `npm test`.",
    );
  }
  return { appUrl, ownerUrl };
}

export function connectAs(url: string): postgres.Sql {
  return postgres(url, { max: 2, onnotice: () => {} });
}

/**
 * Connections as the runtime role (`app`) and the owner (`owner`) for one test file, opened
 * before its tests and closed after. Read the properties inside tests, not at import time.
 */
export function testConnections(): { app: postgres.Sql; owner: postgres.Sql } {
  const connections = {} as { app: postgres.Sql; owner: postgres.Sql };
  beforeAll(() => {
    connections.app = connectAs(testUrls().appUrl);
    connections.owner = connectAs(testUrls().ownerUrl);
  });
  afterAll(async () => {
    await Promise.all([connections.app.end(), connections.owner.end()]);
  });
  return connections;
}

/** A user inserted the way the app does it (as app_user, in that user's context). */
export async function insertUser(
  sql: postgres.Sql,
  fields: { email?: string; passwordHash?: string | null } = {},
): Promise<{ id: string; email: string }> {
  const id = crypto.randomUUID();
  const email = fields.email ?? `user-${id}@example.test`;
  await sql.begin(async (tx) => {
    await tx`select set_config('app.user_id', ${id}, true)`;
    await tx`insert into users (id, email, password_hash) values (${id}, ${email}, ${fields.passwordHash ?? null})`;
  });
  return { id, email };
}
