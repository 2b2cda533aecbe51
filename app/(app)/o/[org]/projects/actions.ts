"use server";

import { eq, sql } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { projects } from "@/db/schema";
import { fail } from "@/lib/actions/action-result";
import { defineAction } from "@/lib/actions/define-action";
import {
  projectDescriptionSchema,
  projectIdSchema,
  projectNameSchema,
} from "@/lib/projects/schemas";
import type { Transaction } from "@/db/tenant";
import { isUniqueViolation } from "@/db/unique-violation";

// One answer for an id that is malformed, unknown, or another org's (which RLS hides), so a
// caller cannot tell them apart.
const NOT_FOUND =
  "We couldn't find that project. It may have been deleted, or you may not have access to it.";
const DUPLICATE_NAME = "A project with this name already exists in this organization.";
const NAME_KEY = "projects_org_id_name_key";

// The id arrives as any string and is checked in the handler: a schema error on it would
// answer differently from a well-formed id that matches nothing.
const projectRef = { org: z.string(), id: z.string() };

/** Who created the project, for the creator rule (a member edits only their own projects). */
async function projectCreator({ id }: { id: string }, tx: Transaction) {
  if (!projectIdSchema.safeParse(id).success) return null;
  const [row] = await tx
    .select({ createdBy: projects.createdBy })
    .from(projects)
    .where(eq(projects.id, id));
  return row ?? null;
}

export const createProjectAction = defineAction({
  permission: "projects:create",
  input: z.strictObject({
    org: z.string(),
    name: projectNameSchema,
    description: projectDescriptionSchema,
  }),
  handler: async ({ name, description }, { tx, membership, session, audit }) => {
    // DO NOTHING instead of catching 23505: a failed statement would abort the transaction.
    const [created] = await tx
      .insert(projects)
      .values({ orgId: membership.orgId, name, description, createdBy: session.userId })
      .onConflictDoNothing({ target: [projects.orgId, projects.name] })
      .returning({ id: projects.id });
    if (!created) return fail({ fieldErrors: { name: [DUPLICATE_NAME] } });
    await audit({
      action: "project.created",
      targetType: "project",
      targetId: created.id,
      metadata: { name },
    });
    redirect(`/o/${membership.slug}/projects/${created.id}`);
  },
});

export const updateProjectAction = defineAction({
  permission: "projects:update",
  owned: projectCreator,
  input: z.strictObject({
    ...projectRef,
    name: projectNameSchema,
    description: projectDescriptionSchema,
  }),
  handler: async ({ id, name, description }, { tx, membership, audit }) => {
    if (!projectIdSchema.safeParse(id).success) return fail({ formError: NOT_FOUND });
    let updated: { id: string }[];
    try {
      // A savepoint, so a duplicate name rolls back only this statement, not the transaction.
      updated = await tx.transaction((sp) =>
        sp
          .update(projects)
          .set({ name, description, updatedAt: sql`now()` })
          .where(eq(projects.id, id))
          .returning({ id: projects.id }),
      );
    } catch (error) {
      if (isUniqueViolation(error, NAME_KEY)) {
        return fail({ fieldErrors: { name: [DUPLICATE_NAME] } });
      }
      throw error;
    }
    if (updated.length === 0) return fail({ formError: NOT_FOUND });
    await audit({
      action: "project.updated",
      targetType: "project",
      targetId: id,
      metadata: { name },
    });
    revalidatePath(`/o/${membership.slug}`, "layout");
    return { saved: true as const };
  },
});

export const deleteProjectAction = defineAction({
  permission: "projects:delete",
  owned: projectCreator,
  input: z.strictObject(projectRef),
  handler: async ({ id }, { tx, membership, audit }) => {
    if (!projectIdSchema.safeParse(id).success) return fail({ formError: NOT_FOUND });
    const deleted = await tx
      .delete(projects)
      .where(eq(projects.id, id))
      .returning({ id: projects.id, name: projects.name });
    if (deleted.length === 0) return fail({ formError: NOT_FOUND });
    await audit({
      action: "project.deleted",
      targetType: "project",
      targetId: id,
      metadata: { name: deleted[0]!.name },
    });
    redirect(`/o/${membership.slug}?deleted=1`);
  },
});
