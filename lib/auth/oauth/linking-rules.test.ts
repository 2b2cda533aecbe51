import { describe, expect, it } from "vitest";
import { decideLogin } from "./linking-rules";

/** The linking rules (checklist O7, O8; ADR 013) as a table. */
const verified = { email: "ada@example.com", emailVerified: true };
const unverified = { email: "ada@example.com", emailVerified: false };
const noEmail = { email: null, emailVerified: false };
const local = (emailVerified: boolean, hasPassword = true) => ({
  userId: "local",
  emailVerified,
  hasPassword,
});

describe("decideLogin", () => {
  it("signs in to the linked account whatever the email says (O7)", () => {
    for (const identity of [verified, unverified, noEmail]) {
      expect(decideLogin(identity, { userId: "linked" }, local(true))).toEqual({
        kind: "sign_in",
        userId: "linked",
      });
    }
  });

  it.each([
    ["no usable email", noEmail, null, { kind: "refuse", reason: "email_missing" }],
    ["a new email, verified", verified, null, { kind: "create" }],
    ["a new email, unverified at the provider", unverified, null, { kind: "create" }],
    ["both verified (O8 c)", verified, local(true), { kind: "link", userId: "local" }],
    [
      "local email unverified: pre-account hijack (O8 a, d)",
      verified,
      local(false),
      { kind: "refuse", reason: "link_required" },
    ],
    [
      "provider email unverified (O8 b)",
      unverified,
      local(true),
      { kind: "refuse", reason: "link_required" },
    ],
    ["neither verified", unverified, local(false), { kind: "refuse", reason: "link_required" }],
    [
      "an account without a password",
      unverified,
      local(true, false),
      { kind: "refuse", reason: "link_required_no_password" },
    ],
  ] as const)("%s", (_name, identity, sameEmail, decision) => {
    expect(decideLogin(identity, null, sameEmail)).toEqual(decision);
  });
});
