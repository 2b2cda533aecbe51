"use server";

import { and, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberships } from "@/db/schema";
import type { Transaction } from "@/db/tenant";
import { fail } from "@/lib/actions/action-result";
import { defineAction } from "@/lib/actions/define-action";
import { withinReach } from "@/lib/authz/authorize";
import { mayManage, selectMembers, selectRoles } from "@/lib/members/queries";

// One answer for a user id that is malformed, unknown, or not a member of this org.
const NOT_FOUND = "We couldn't find that member. They may have left the organization.";
const YOURSELF = "You can't change your own role or remove yourself here.";
const ABOVE_YOU = "This member's role has permissions you don't hold, so you can't change it.";
const uuid = z.uuid();

async function findMember(tx: Transaction, userId: string) {
  if (!uuid.safeParse(userId).success) return null;
  const [member] = await selectMembers(tx, userId);
  return member ?? null;
}

export const changeMemberRoleAction = defineAction({
  permission: "members:update",
  input: z.strictObject({ org: z.string(), userId: z.string(), roleId: z.string() }),
  handler: async ({ userId, roleId }, { tx, membership, audit }) => {
    const member = await findMember(tx, userId);
    if (!member) return fail({ formError: NOT_FOUND });
    if (member.userId === membership.userId) return fail({ formError: YOURSELF });
    if (!mayManage(membership, member)) return fail({ formError: ABOVE_YOU });
    const role = (await selectRoles(tx)).find((r) => r.id === roleId);
    if (!role)
      return fail({ fieldErrors: { roleId: ["Choose one of the organization's roles."] } });
    if (!withinReach(membership, role.permissions)) {
      return fail({
        fieldErrors: { roleId: ["You can't give a role with permissions you don't hold."] },
      });
    }
    if (role.id === member.role.id) return { saved: true as const };
    await tx
      .update(memberships)
      .set({ roleId: role.id })
      .where(and(eq(memberships.orgId, membership.orgId), eq(memberships.userId, member.userId)));
    await audit({
      action: "member.role_changed",
      targetType: "member",
      targetId: member.userId,
      metadata: { email: member.email, from: member.role.name, to: role.name },
    });
    revalidatePath(`/o/${membership.slug}/settings/members`);
    return { saved: true as const };
  },
});

export const removeMemberAction = defineAction({
  permission: "members:remove",
  input: z.strictObject({ org: z.string(), userId: z.string() }),
  handler: async ({ userId }, { tx, membership, audit }) => {
    const member = await findMember(tx, userId);
    if (!member) return fail({ formError: NOT_FOUND });
    if (member.userId === membership.userId) return fail({ formError: YOURSELF });
    if (!mayManage(membership, member)) return fail({ formError: ABOVE_YOU });
    await tx
      .delete(memberships)
      .where(and(eq(memberships.orgId, membership.orgId), eq(memberships.userId, member.userId)));
    await audit({
      action: "member.removed",
      targetType: "member",
      targetId: member.userId,
      metadata: { email: member.email, role: member.role.name },
    });
    revalidatePath(`/o/${membership.slug}/settings/members`);
    return { removed: true as const };
  },
});
