import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { admitInvitationAttempt, INVITATION_LIMITS } from "./acceptance-limits";

const token = () => randomBytes(32).toString("base64url");

describe("invitation acceptance limits (A9)", () => {
  it("refuses a link after its limit, and leaves other links alone", async () => {
    const link = token();
    for (let i = 0; i < INVITATION_LIMITS.token.limit; i++) {
      expect(await admitInvitationAttempt(link, null)).toBeNull();
    }
    expect(await admitInvitationAttempt(link, null)).toMatch(
      /^Too many attempts\. Try again in \d+ minutes?\.$/,
    );
    expect(await admitInvitationAttempt(token(), null)).toBeNull();
  });

  it("refuses an IP that tries many links", async () => {
    const ip = `198.51.100.${randomBytes(2).toString("hex")}`;
    for (let i = 0; i < INVITATION_LIMITS.ip.limit; i++) {
      expect(await admitInvitationAttempt(token(), ip)).toBeNull();
    }
    expect(await admitInvitationAttempt(token(), ip)).toContain("Too many attempts");
    expect(await admitInvitationAttempt(token(), null)).toBeNull();
  });
});
