import { describe, expect, it } from "vitest";
import { insertUser, testConnections } from "@/db/test-database";
import { recordAuthEvent } from "@/lib/auth/auth-events";
import { ACTIVITY_PAGE_SIZE, listSecurityActivity } from "./security-activity";

const db = testConnections();

describe("security activity (the account's own auth events)", () => {
  it("lists only the user's own events, newest first, in their words", async () => {
    const user = await insertUser(db.app);
    const other = await insertUser(db.app);
    await recordAuthEvent({ event: "login", outcome: "failure", email: user.email });
    await recordAuthEvent({
      event: "login",
      outcome: "success",
      email: user.email,
      method: "github",
    });
    await recordAuthEvent({ event: "login", outcome: "failure", email: other.email });
    const { entries, older } = await listSecurityActivity(user.id, null);
    expect(entries.map((e) => [e.what, e.badge])).toEqual([
      ["Signed in (GitHub)", null],
      ["Sign-in attempt", "Failed"],
    ]);
    expect(older).toBeNull();
  });

  it("pages by cursor without skipping or repeating events that share a timestamp", async () => {
    const user = await insertUser(db.app);
    const total = ACTIVITY_PAGE_SIZE + 7;
    // One statement: every row gets the same created_at, so only the id orders them.
    await db.app.begin(async (tx) => {
      await tx`select set_config('app.user_id', ${user.id}, true)`;
      await tx`select app_record_auth_event('logout', 'success', 'password', ${user.email}, null, null)
        from generate_series(1, ${total})`;
    });
    const first = await listSecurityActivity(user.id, null);
    expect(first.entries).toHaveLength(ACTIVITY_PAGE_SIZE);
    expect(first.older).not.toBeNull();
    const second = await listSecurityActivity(user.id, first.older);
    expect(second.entries).toHaveLength(total - ACTIVITY_PAGE_SIZE);
    expect(second.older).toBeNull();
    const ids = [...first.entries, ...second.entries].map((e) => e.id);
    expect(new Set(ids).size).toBe(total);
  });
});
