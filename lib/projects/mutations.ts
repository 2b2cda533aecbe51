/**
 * Writing projects, shared by the server actions and the REST API. Each runs in the caller's
 * tenant transaction (row-level security scopes it to the org in context) and reports an
 * expected failure as a value, never as an aborted transaction.
 */
import "server-only";
import { eq, sql } from "drizzle-orm";
import { projects } from "@/db/schema";
import type { Transaction } from "@/db/tenant";
import { isUniqueViolation } from "@/db/unique-violation";

const NAME_KEY = "projects_org_id_name_key";

/** The new project's id, or null when the org already has a project with this name. */
export async function insertProject(
  tx: Transaction,
  values: { orgId: string; name: string; description: string; createdBy: string },
): Promise<{ id: string } | null> {
  // DO NOTHING instead of catching 23505: a failed statement would abort the transaction.
  const [created] = await tx
    .insert(projects)
    .values(values)
    .onConflictDoNothing({ target: [projects.orgId, projects.name] })
    .returning({ id: projects.id });
  return created ?? null;
}

export type ProjectUpdate = "updated" | "not_found" | "duplicate_name";

export async function updateProject(
  tx: Transaction,
  id: string,
  changes: { name?: string; description?: string },
): Promise<ProjectUpdate> {
  try {
    // A savepoint, so a duplicate name rolls back only this statement, not the transaction.
    const updated = await tx.transaction((sp) =>
      sp
        .update(projects)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(eq(projects.id, id))
        .returning({ id: projects.id }),
    );
    return updated.length > 0 ? "updated" : "not_found";
  } catch (error) {
    if (isUniqueViolation(error, NAME_KEY)) return "duplicate_name";
    throw error;
  }
}

/** The deleted project's name, or null when there was no such project in the org. */
export async function deleteProject(tx: Transaction, id: string): Promise<{ name: string } | null> {
  const [deleted] = await tx
    .delete(projects)
    .where(eq(projects.id, id))
    .returning({ name: projects.name });
  return deleted ?? null;
}
