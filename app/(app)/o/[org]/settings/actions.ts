"use server";

import { and, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { memberships, organizations } from "@/db/schema";
import { passwordRefusal } from "@/lib/auth/password-refusal";
import { selectMembers, selectRoles } from "@/lib/members/queries";
import { fail } from "@/lib/actions/action-result";
import { defineAction } from "@/lib/actions/define-action";
import { isUniqueViolation } from "@/db/unique-violation";
import { organizationNameSchema, slugInputSchema } from "../../../organization-fields";

export const renameOrganizationAction = defineAction({
  permission: "org:update",
  input: z.strictObject({ org: z.string(), name: organizationNameSchema }),
  handler: async ({ name }, { tx, membership, audit }) => {
    await tx.update(organizations).set({ name }).where(eq(organizations.id, membership.orgId));
    await audit({
      action: "org.updated",
      targetType: "organization",
      targetId: membership.orgId,
      metadata: { from: { name: membership.name }, to: { name } },
    });
    // The header's switcher shows the name on every page of the org.
    revalidatePath(`/o/${membership.slug}`, "layout");
    return { saved: true as const };
  },
});

export const changeOrganizationSlugAction = defineAction({
  permission: "org:update",
  input: z.strictObject({ org: z.string(), slug: slugInputSchema }),
  handler: async ({ slug }, { tx, membership, audit }) => {
    if (slug !== membership.slug) {
      try {
        // Slugs are global, so the taken case is a unique violation; the savepoint keeps it
        // from aborting the surrounding transaction.
        await tx.transaction((sp) =>
          sp.update(organizations).set({ slug }).where(eq(organizations.id, membership.orgId)),
        );
      } catch (error) {
        if (isUniqueViolation(error, "organizations_slug_key")) {
          return fail({ fieldErrors: { slug: ["That URL is taken"] } });
        }
        throw error;
      }
      await audit({
        action: "org.updated",
        targetType: "organization",
        targetId: membership.orgId,
        metadata: { from: { slug: membership.slug }, to: { slug } },
      });
    }
    redirect(`/o/${slug}/settings?slug_changed=1`);
  },
});

export const deleteOrganizationAction = defineAction({
  permission: "org:delete",
  input: z.strictObject({ org: z.string(), confirm: z.string() }),
  handler: async ({ confirm }, { tx, membership }) => {
    if (confirm.trim() !== membership.slug) {
      return fail({
        fieldErrors: {
          confirm: ["That does not match. Type the organization's URL name exactly."],
        },
      });
    }
    // Memberships and projects go with it (ON DELETE CASCADE).
    await tx.delete(organizations).where(eq(organizations.id, membership.orgId));
    redirect("/dashboard?org_deleted=1");
  },
});

/**
 * Makes another member an owner and the current owner an admin, after the owner re-enters
 * their password. The deferred last-owner trigger checks the result at commit.
 */
export const transferOwnershipAction = defineAction({
  permission: "org:transfer",
  input: z.strictObject({
    org: z.string(),
    userId: z.string({ message: "Choose the member who will become an owner." }),
    password: z.string({ message: "Enter your password." }),
  }),
  handler: async ({ userId, password }, { tx, membership, session, audit }) => {
    const refusal = await passwordRefusal(session, password);
    if (refusal) return fail({ fieldErrors: { password: [refusal] } });
    const [member] = z.uuid().safeParse(userId).success ? await selectMembers(tx, userId) : [];
    if (!member || member.userId === membership.userId) {
      return fail({ fieldErrors: { userId: ["Choose another member of this organization."] } });
    }
    const roles = await selectRoles(tx);
    const owner = roles.find((r) => r.builtIn === "owner")!;
    const admin = roles.find((r) => r.builtIn === "admin")!;
    const setRole = (user: string, roleId: string) =>
      tx
        .update(memberships)
        .set({ roleId })
        .where(and(eq(memberships.orgId, membership.orgId), eq(memberships.userId, user)));
    await setRole(member.userId, owner.id);
    await setRole(membership.userId, admin.id);
    await audit({
      action: "ownership.transferred",
      targetType: "member",
      targetId: member.userId,
      metadata: { to: member.email, previousOwnerNowRole: admin.name },
    });
    redirect(`/o/${membership.slug}/settings/members?transferred=1`);
  },
});
