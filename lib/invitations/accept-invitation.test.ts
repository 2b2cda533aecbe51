import { describe, expect, it } from "vitest";
import { insertUser, testConnections } from "@/db/test-database";
import { apiFixtures } from "@/lib/api/test-fixtures";
import { acceptInvitation } from "./accept-invitation";
import { newInvitationToken } from "./invitation-token";

const db = testConnections();
const fx = apiFixtures(db);

async function invitationFrom(org: { id: string }, inviterId: string, email: string) {
  const { token, tokenHash, expiresAt } = newInvitationToken();
  await db.app.begin(async (tx) => {
    await tx`select set_config('app.org_id', ${org.id}, true), set_config('app.user_id', ${inviterId}, true)`;
    await tx`insert into invitations (org_id, email, role_id, token_hash, invited_by, expires_at)
      select ${org.id}, ${email}, id, ${tokenHash}, ${inviterId}, ${expiresAt}
      from org_roles where org_id = ${org.id} and built_in = 'member'`;
  });
  return token;
}

describe("accepting an invitation", () => {
  it("waits for a demotion of its inviter that is under way, and then refuses", async () => {
    const org = await fx.newOrg();
    const inviter = await fx.addMember(org, "admin");
    const invitee = await insertUser(db.app);
    const token = await invitationFrom(org, inviter, invitee.email);

    // The owner demotes the inviter to viewer (who may not invite), not yet committed.
    let accepted: ReturnType<typeof acceptInvitation> | null = null;
    let settledEarly = false;
    await db.app.begin(async (tx) => {
      await tx`select set_config('app.org_id', ${org.id}, true), set_config('app.user_id', ${org.owner}, true)`;
      await tx`update memberships
        set role_id = (select id from org_roles where org_id = ${org.id} and built_in = 'viewer')
        where org_id = ${org.id} and user_id = ${inviter}`;
      accepted = acceptInvitation(token, { userId: invitee.id, email: invitee.email });
      void accepted.then(() => (settledEarly = true));
      await new Promise((resolve) => setTimeout(resolve, 500));
    });
    // Had the acceptance not waited for the demotion, it would have joined with the old grant.
    expect(settledEarly).toBe(false);
    expect(await accepted!).toEqual({ ok: false, reason: "beyond_inviter" });
    const members = await db.owner`
      select 1 from memberships where org_id = ${org.id} and user_id = ${invitee.id}`;
    expect(members).toHaveLength(0);
  });

  it("joins with the invited role while the inviter may still send it", async () => {
    const org = await fx.newOrg();
    const inviter = await fx.addMember(org, "admin");
    const invitee = await insertUser(db.app);
    const token = await invitationFrom(org, inviter, invitee.email);
    expect(await acceptInvitation(token, { userId: invitee.id, email: invitee.email })).toEqual({
      ok: true,
      slug: org.slug,
    });
  });
});
