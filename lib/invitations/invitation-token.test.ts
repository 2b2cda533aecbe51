import { describe, expect, it } from "vitest";
import type { InvitationRecord } from "@/db/lookups";
import { invitationStatus } from "./invitation-token";

const day = 24 * 3600 * 1000;

function invitation(fields: Partial<InvitationRecord>) {
  return {
    acceptedAt: null,
    revokedAt: null,
    expiresAt: new Date(Date.now() + day),
    offered: { builtIn: "member" as const, permissions: [] },
    inviter: { userId: "u1", builtIn: "admin" as const, permissions: [] },
    ...fields,
  };
}

describe("invitationStatus", () => {
  it("is pending while the inviter could still send it", () => {
    expect(invitationStatus(invitation({}))).toBe("pending");
    expect(invitationStatus(invitation({ offered: { builtIn: "admin", permissions: [] } }))).toBe(
      "pending",
    );
    // A custom role that may invite, offering a custom role within its own permissions.
    expect(
      invitationStatus(
        invitation({
          inviter: {
            userId: "u1",
            builtIn: null,
            permissions: ["members:read", "members:invite", "projects:read"],
          },
          offered: { builtIn: null, permissions: ["members:read", "projects:read"] },
        }),
      ),
    ).toBe("pending");
  });

  it("is beyond_inviter once the inviter may not invite, lacks a permission offered, or left", () => {
    const demoted = { userId: "u1", builtIn: "member" as const, permissions: [] };
    expect(invitationStatus(invitation({ inviter: demoted }))).toBe("beyond_inviter");
    expect(invitationStatus(invitation({ offered: { builtIn: "owner", permissions: [] } }))).toBe(
      "beyond_inviter",
    );
    expect(
      invitationStatus(
        invitation({
          inviter: { userId: "u1", builtIn: null, permissions: ["members:invite"] },
          offered: { builtIn: null, permissions: ["members:invite", "projects:delete"] },
        }),
      ),
    ).toBe("beyond_inviter");
    expect(invitationStatus(invitation({ inviter: null }))).toBe("beyond_inviter");
  });

  it("reports used, withdrawn and expired links first", () => {
    const gone = { inviter: null };
    expect(invitationStatus(invitation({ ...gone, acceptedAt: new Date() }))).toBe("accepted");
    expect(invitationStatus(invitation({ ...gone, revokedAt: new Date() }))).toBe("revoked");
    expect(invitationStatus(invitation({ ...gone, expiresAt: new Date(Date.now() - 1) }))).toBe(
      "expired",
    );
  });
});
