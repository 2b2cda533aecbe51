"use server";

import { and, eq, isNull, sql } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { invitations } from "@/db/schema";
import type { Transaction } from "@/db/tenant";
import { refuseUnlessVerified } from "@/lib/account/verified-email";
import { fail } from "@/lib/actions/action-result";
import { defineAction, type Context } from "@/lib/actions/define-action";
import { emailSchema } from "@/lib/auth/email";
import { withinReach } from "@/lib/authz/authorize";
import { sendInvitationEmail } from "@/lib/invitations/invitation-email";
import { invitationUrl, newInvitationToken } from "@/lib/invitations/invitation-token";
import { selectPendingInvitations } from "@/lib/invitations/queries";
import { selectMembers, selectRoles } from "@/lib/members/queries";

type InviteContext = Context<"members:invite">;

const NOT_FOUND = "We couldn't find that invitation. It may have been accepted or revoked.";
const ABOVE_YOU = "You can't invite with a role that has permissions you don't hold.";

async function pendingInvitation(tx: Transaction, id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  const [invitation] = await selectPendingInvitations(tx, id);
  return invitation ?? null;
}

/** Emails the link (inside the action's transaction: a failed send rolls the change back). */
async function sendAndAudit(
  sent: {
    action: "invitation.created" | "invitation.resent";
    id: string;
    email: string;
    role: { name: string };
    token: string;
    expiresAt: Date;
  },
  { membership, session, audit }: Pick<InviteContext, "membership" | "session" | "audit">,
) {
  await sendInvitationEmail({
    to: sent.email,
    orgName: membership.name,
    inviter: session.displayName ?? session.email,
    roleName: sent.role.name,
    url: invitationUrl(sent.token),
    expiresAt: sent.expiresAt,
  });
  await audit({
    action: sent.action,
    targetType: "invitation",
    targetId: sent.id,
    metadata: { email: sent.email, role: sent.role.name },
  });
}

export const inviteMemberAction = defineAction({
  permission: "members:invite",
  input: z.strictObject({ org: z.string(), email: emailSchema, roleId: z.string() }),
  handler: async ({ email, roleId }, ctx) => {
    const { tx, membership, session } = ctx;
    const unverified = refuseUnlessVerified(session, "invite people");
    if (unverified) return unverified;
    const role = (await selectRoles(tx)).find((r) => r.id === roleId);
    if (!role)
      return fail({ fieldErrors: { roleId: ["Choose one of the organization's roles."] } });
    if (!withinReach(membership, role.permissions)) {
      return fail({ fieldErrors: { roleId: [ABOVE_YOU] } });
    }
    const members = await selectMembers(tx);
    if (members.some((m) => m.email.toLowerCase() === email)) {
      return fail({ fieldErrors: { email: [`${email} is already a member.`] } });
    }
    const { token, tokenHash, expiresAt } = newInvitationToken();
    const [created] = await tx
      .insert(invitations)
      .values({
        orgId: membership.orgId,
        email,
        roleId: role.id,
        tokenHash,
        invitedBy: session.userId,
        expiresAt,
      })
      .onConflictDoNothing()
      .returning({ id: invitations.id });
    if (!created) {
      return fail({
        fieldErrors: {
          email: [`${email} already has a pending invitation. Resend it from the list below.`],
        },
      });
    }
    await sendAndAudit(
      { action: "invitation.created", id: created.id, email, role, token, expiresAt },
      ctx,
    );
    revalidatePath(`/o/${membership.slug}/settings/members`);
    return { invited: email };
  },
});

export const resendInvitationAction = defineAction({
  permission: "members:invite",
  input: z.strictObject({ org: z.string(), id: z.string() }),
  handler: async ({ id }, ctx) => {
    const { tx, membership, session } = ctx;
    const unverified = refuseUnlessVerified(session, "invite people");
    if (unverified) return unverified;
    const invitation = await pendingInvitation(tx, id);
    if (!invitation) return fail({ formError: NOT_FOUND });
    const role = (await selectRoles(tx)).find((r) => r.id === invitation.roleId);
    if (!role || !withinReach(membership, role.permissions)) return fail({ formError: ABOVE_YOU });
    // A new token: the previous link stops working.
    const { token, tokenHash, expiresAt } = newInvitationToken();
    await tx
      .update(invitations)
      .set({ tokenHash, expiresAt, createdAt: sql`now()`, invitedBy: session.userId })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)));
    const { email } = invitation;
    await sendAndAudit(
      { action: "invitation.resent", id: invitation.id, email, role, token, expiresAt },
      ctx,
    );
    revalidatePath(`/o/${membership.slug}/settings/members`);
    return { resent: invitation.email };
  },
});

export const revokeInvitationAction = defineAction({
  permission: "members:invite",
  input: z.strictObject({ org: z.string(), id: z.string() }),
  handler: async ({ id }, { tx, membership, audit }) => {
    const invitation = await pendingInvitation(tx, id);
    if (!invitation) return fail({ formError: NOT_FOUND });
    await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)));
    await audit({
      action: "invitation.revoked",
      targetType: "invitation",
      targetId: invitation.id,
      metadata: { email: invitation.email, role: invitation.roleName },
    });
    revalidatePath(`/o/${membership.slug}/settings/members`);
    return { revoked: invitation.email };
  },
});
