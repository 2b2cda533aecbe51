"use server";

import { and, eq, isNotNull, or, sql } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { invitations, orgRoles } from "@/db/schema";
import { isPostgresError, PG_ERROR } from "@/db/postgres-error";
import type { Transaction } from "@/db/tenant";
import { isUniqueViolation } from "@/db/unique-violation";
import { fail } from "@/lib/actions/action-result";
import { defineAction } from "@/lib/actions/define-action";
import { findRole, roleUsage } from "@/lib/roles/queries";
import { editRefusal, grantRefusal, usageSummary } from "@/lib/roles/role-guards";
import {
  asPermissions,
  roleDescriptionSchema,
  roleFormSchema,
  roleNameSchema,
} from "@/lib/roles/role-fields";

// One answer for a role id that is malformed, unknown, or another org's (Z3).
const NOT_FOUND =
  "We couldn't find that role. It may have been deleted, or you may not have access to it.";
const DUPLICATE_NAME = "This organization already has a role with this name.";
const NAME_KEY = "org_roles_org_id_name_key";

const roleFields = { org: z.string(), name: roleNameSchema, description: roleDescriptionSchema };

/** Runs `write` in a savepoint, so a duplicate name fails only that statement. */
async function unlessDuplicate<T>(tx: Transaction, write: (sp: Transaction) => Promise<T>) {
  try {
    return { ok: true as const, value: await tx.transaction(write) };
  } catch (error) {
    if (isUniqueViolation(error, NAME_KEY)) return { ok: false as const };
    throw error;
  }
}

export const createRoleAction = defineAction({
  permission: "roles:manage",
  input: roleFormSchema(roleFields),
  handler: async ({ name, description, permissions }, { tx, membership, audit }) => {
    const granted = asPermissions(permissions);
    const refusal = grantRefusal(membership, granted);
    if (refusal) return fail({ formError: refusal });
    const inserted = await unlessDuplicate(tx, (sp) =>
      sp
        .insert(orgRoles)
        .values({ orgId: membership.orgId, name, description, permissions: granted })
        .returning({ id: orgRoles.id }),
    );
    if (!inserted.ok) return fail({ fieldErrors: { name: [DUPLICATE_NAME] } });
    const id = inserted.value[0]!.id;
    await audit({
      action: "role.created",
      targetType: "role",
      targetId: id,
      metadata: { name, permissions: granted },
    });
    redirect(`/o/${membership.slug}/settings/roles?created=1`);
  },
});

export const updateRoleAction = defineAction({
  permission: "roles:manage",
  input: roleFormSchema({ ...roleFields, id: z.string() }),
  handler: async ({ id, name, description, permissions }, { tx, membership, audit }) => {
    const role = await findRole(tx, membership.orgId, id, { lock: true });
    if (!role) return fail({ formError: NOT_FOUND });
    const granted = asPermissions(permissions);
    const refusal = editRefusal(membership, role) ?? grantRefusal(membership, granted);
    if (refusal) return fail({ formError: refusal });
    const updated = await unlessDuplicate(tx, (sp) =>
      sp
        .update(orgRoles)
        .set({ name, description, permissions: granted, updatedAt: sql`now()` })
        .where(and(eq(orgRoles.orgId, membership.orgId), eq(orgRoles.id, role.id)))
        .returning({ id: orgRoles.id }),
    );
    if (!updated.ok) return fail({ fieldErrors: { name: [DUPLICATE_NAME] } });
    // Zero rows: the database refused (a built-in role, or one of another org).
    if (updated.value.length === 0) return fail({ formError: NOT_FOUND });
    await audit({
      action: "role.updated",
      targetType: "role",
      targetId: role.id,
      metadata: {
        name,
        ...(name !== role.name ? { previousName: role.name } : {}),
        added: granted.filter((p) => !role.permissions.includes(p)),
        removed: role.permissions.filter((p) => !granted.includes(p)),
      },
    });
    revalidatePath(`/o/${membership.slug}/settings/roles`, "layout");
    return { saved: true as const };
  },
});

export const deleteRoleAction = defineAction({
  permission: "roles:manage",
  input: z.strictObject({ org: z.string(), id: z.string() }),
  handler: async ({ id }, { tx, membership, audit }) => {
    const role = await findRole(tx, membership.orgId, id, { lock: true });
    if (!role) return fail({ formError: NOT_FOUND });
    const refusal = editRefusal(membership, role);
    if (refusal) return fail({ formError: refusal });
    const inUse = usageSummary(await roleUsage(tx, membership.orgId, role.id));
    if (inUse) {
      return fail({
        formError: `This role is still used by ${inUse}. Move them to another role before deleting it.`,
      });
    }
    try {
      await tx.transaction(async (sp) => {
        // Accepted and revoked invitations only record history (the audit log keeps it), but
        // their foreign key would keep the role alive.
        await sp
          .delete(invitations)
          .where(
            and(
              eq(invitations.orgId, membership.orgId),
              eq(invitations.roleId, role.id),
              or(isNotNull(invitations.acceptedAt), isNotNull(invitations.revokedAt)),
            ),
          );
        await sp
          .delete(orgRoles)
          .where(and(eq(orgRoles.orgId, membership.orgId), eq(orgRoles.id, role.id)));
      });
    } catch (error) {
      // Given to someone between the check and the delete.
      if (isPostgresError(error, PG_ERROR.foreignKeyViolation)) {
        return fail({ formError: "This role was just given to someone. Reload to see who." });
      }
      throw error;
    }
    await audit({
      action: "role.deleted",
      targetType: "role",
      targetId: role.id,
      metadata: { name: role.name, permissions: role.permissions },
    });
    redirect(`/o/${membership.slug}/settings/roles?deleted=1`);
  },
});
