import type postgres from "postgres";
import { describe, expect, it } from "vitest";
import { recordAuthEvent } from "@/lib/auth/auth-events";
import { AUTH_EVENTS } from "./schema/auth-events";
import { insertUser, testConnections } from "./test-database";

/** The user-level security log (A15), as the runtime role. */
const db = testConnections();

function asUser<T>(userId: string, fn: (tx: postgres.TransactionSql) => Promise<T>) {
  return db.app.begin(async (tx) => {
    await tx`select set_config('app.user_id', ${userId}, true)`;
    return fn(tx);
  }) as Promise<T>;
}

describe("auth events (checklist A15)", () => {
  it("builds its CHECK from plain identifiers only, and the database's CHECK allows exactly them", async () => {
    // db/schema/auth-events.ts writes the list into the CHECK with sql.raw (drizzle-kit does not
    // inline parameters in DDL): only constants reach it, and each must be a bare identifier.
    for (const event of AUTH_EVENTS) expect(event).toMatch(/^[a-z_]+$/);
    const [row] = await db.owner<{ definition: string }[]>`
      select pg_get_constraintdef(oid) as definition from pg_constraint
      where conname = 'auth_events_event_check'`;
    const allowed = [...row!.definition.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
    expect(allowed.sort()).toEqual([...AUTH_EVENTS].sort());
  });

  it("records a failed login against the account the email names, with method and outcome", async () => {
    const user = await insertUser(db.app);
    await recordAuthEvent({ event: "login", outcome: "failure", email: user.email.toUpperCase() });
    const rows = await asUser(
      user.id,
      (tx) => tx`select email, event, outcome, method, ip, user_agent from auth_events`,
    );
    expect(rows).toEqual([
      {
        email: user.email.toLowerCase(),
        event: "login",
        outcome: "failure",
        method: "password",
        ip: null,
        user_agent: null,
      },
    ]);
  });

  it("records attempts on unknown emails without a user: a later account does not inherit them", async () => {
    const email = `nobody-${crypto.randomUUID()}@example.test`;
    await recordAuthEvent({ event: "login", outcome: "failure", email });
    const later = await insertUser(db.app, { email });
    await recordAuthEvent({ event: "signup", outcome: "success", email });
    const seen = await asUser(later.id, (tx) => tx`select event from auth_events`);
    expect(seen.map((r) => r.event)).toEqual(["signup"]);
  });

  it("shows each user only their own events", async () => {
    const a = await insertUser(db.app);
    const b = await insertUser(db.app);
    await recordAuthEvent({ event: "login", outcome: "success", email: a.email });
    await recordAuthEvent({ event: "login", outcome: "success", email: b.email });
    const asA = await asUser(a.id, (tx) => tx`select email from auth_events`);
    expect(asA.map((r) => r.email)).toEqual([a.email.toLowerCase()]);
  });

  it("cannot be written directly, changed or deleted by the runtime role", async () => {
    const user = await insertUser(db.app);
    await recordAuthEvent({ event: "logout", outcome: "success", email: user.email });
    const insert = asUser(
      user.id,
      (tx) =>
        tx`insert into auth_events (user_id, event, outcome, method) values (${user.id}, 'login', 'success', 'password')`,
    );
    await expect(insert).rejects.toMatchObject({ code: "42501" });
    const update = asUser(user.id, (tx) => tx`update auth_events set outcome = 'failure'`);
    await expect(update).rejects.toMatchObject({ code: "42501" });
    const remove = asUser(user.id, (tx) => tx`delete from auth_events`);
    await expect(remove).rejects.toMatchObject({ code: "42501" });
  });
});
