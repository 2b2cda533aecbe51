"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { Transaction } from "@/db/tenant";
import { fail } from "@/lib/actions/action-result";
import { defineAction } from "@/lib/actions/define-action";
import { deleteProject, insertProject, updateProject } from "@/lib/projects/mutations";
import { selectProjectCreator } from "@/lib/projects/queries";
import {
  projectDescriptionSchema,
  projectIdSchema,
  projectNameSchema,
} from "@/lib/projects/schemas";

// One answer for an id that is malformed, unknown, or another org's (which RLS hides), so a
// caller cannot tell them apart.
const NOT_FOUND =
  "We couldn't find that project. It may have been deleted, or you may not have access to it.";
const DUPLICATE_NAME = "A project with this name already exists in this organization.";

// The id arrives as any string and is checked in the handler: a schema error on it would
// answer differently from a well-formed id that matches nothing.
const projectRef = { org: z.string(), id: z.string() };

/** Who created the project, for the creator rule (a member edits only their own projects). */
async function projectCreator({ id }: { id: string }, tx: Transaction) {
  return projectIdSchema.safeParse(id).success ? selectProjectCreator(tx, id) : null;
}

export const createProjectAction = defineAction({
  permission: "projects:create",
  input: z.strictObject({
    org: z.string(),
    name: projectNameSchema,
    description: projectDescriptionSchema,
  }),
  handler: async ({ name, description }, { tx, membership, session, audit }) => {
    const created = await insertProject(tx, {
      orgId: membership.orgId,
      name,
      description,
      createdBy: session.userId,
    });
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
    const outcome = await updateProject(tx, id, { name, description });
    if (outcome === "duplicate_name") return fail({ fieldErrors: { name: [DUPLICATE_NAME] } });
    if (outcome === "not_found") return fail({ formError: NOT_FOUND });
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
    const deleted = await deleteProject(tx, id);
    if (!deleted) return fail({ formError: NOT_FOUND });
    await audit({
      action: "project.deleted",
      targetType: "project",
      targetId: id,
      metadata: { name: deleted.name },
    });
    redirect(`/o/${membership.slug}?deleted=1`);
  },
});
