import type { ProjectRow } from "@/lib/projects/queries";

/** A project as the API shows it: the creator's id, not their email (that needs members:read). */
export function projectDto(row: ProjectRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
