import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { insertUser, testConnections } from "@/db/test-database";
import { createSession, validateSessionToken } from "./session";
import { ARGON2_PARAMS } from "./password-hasher";
import { passwordRefusal, WRONG_PASSWORD } from "./password-refusal";
import { admitLoginAttempt, FREE_ATTEMPTS } from "./login-throttle";

const db = testConnections();
const PASSWORD = "correct horse battery staple again";

async function signedIn() {
  const user = await insertUser(db.app, { passwordHash: await hash(PASSWORD, ARGON2_PARAMS) });
  const { token } = await createSession(user.id, { ip: null, userAgent: "test" });
  return (await validateSessionToken(token))!;
}

describe("passwordRefusal (re-entering the password for a sensitive change)", () => {
  it("accepts the right password and refuses a wrong one", async () => {
    const session = await signedIn();
    expect(await passwordRefusal(session, PASSWORD)).toBeNull();
    expect(await passwordRefusal(session, "not the password at all")).toBe(WRONG_PASSWORD);
    expect(await passwordRefusal(session, "")).toBe(WRONG_PASSWORD);
  });

  it("spends the login's per-account budget: a stolen session cannot guess without back-off (A9)", async () => {
    const session = await signedIn();
    for (let i = 0; i < FREE_ATTEMPTS; i++) {
      expect(await passwordRefusal(session, `guess number ${i} of many`)).toBe(WRONG_PASSWORD);
    }
    // The next guess must wait, and so must the right password: it is not even checked.
    expect(await passwordRefusal(session, "one guess too many")).toMatch(/Too many attempts/);
    expect(await passwordRefusal(session, PASSWORD)).toMatch(/Too many attempts/);
    // The login form, sharing the counter, waits too.
    expect(await admitLoginAttempt(session.email, null)).toMatchObject({ admitted: false });
  });
});
