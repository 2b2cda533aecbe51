import type { Transaction } from "@/db/tenant";
import { ApiError } from "@/lib/api/api-error";
import { preflight } from "@/lib/api/cors";
import { defineApiRoute } from "@/lib/api/define-api-route";
import {
  isProjectId,
  projectParams,
  projectResponse,
  projectUpdateBody,
} from "@/lib/api/v1-schemas";
import { deleteProject, updateProject } from "@/lib/projects/mutations";
import { selectProject, selectProjectCreator } from "@/lib/projects/queries";
import { projectDto } from "../project-dto";

// One answer for an id that is malformed, unknown, or another org's (which RLS hides): Z3.
const notFound = () => new ApiError("not-found", "No project with this id in this organization.");

/** Who created the project, for the creator rule (a member edits only their own). */
const creatorOf = ({ params }: { params: { id: string } }, tx: Transaction) =>
  isProjectId(params.id) ? selectProjectCreator(tx, params.id) : Promise.resolve(null);

export const GET = defineApiRoute({
  summary: "Get one project",
  permission: "projects:read",
  params: projectParams,
  response: projectResponse,
  errors: ["not-found"],
  handler: async ({ params }, { tx }) => {
    const project = isProjectId(params.id) ? await selectProject(tx, params.id) : null;
    if (!project) throw notFound();
    return projectDto(project);
  },
});

export const PATCH = defineApiRoute({
  summary: "Change a project's name or description",
  description:
    "Needs `projects:update`; a caller whose role creates projects but does not update any may update the ones its user created.",
  permission: "projects:update",
  params: projectParams,
  body: projectUpdateBody,
  response: projectResponse,
  errors: ["not-found", "conflict"],
  owned: creatorOf,
  handler: async ({ params, body }, { tx, audit }) => {
    if (!isProjectId(params.id)) throw notFound();
    const outcome = await updateProject(tx, params.id, body);
    if (outcome === "not_found") throw notFound();
    if (outcome === "duplicate_name") {
      throw new ApiError(
        "conflict",
        "A project with this name already exists in this organization.",
      );
    }
    const project = (await selectProject(tx, params.id))!;
    await audit({
      action: "project.updated",
      targetType: "project",
      targetId: project.id,
      metadata: { name: project.name },
    });
    return projectDto(project);
  },
});

export const DELETE = defineApiRoute({
  summary: "Delete a project",
  permission: "projects:delete",
  params: projectParams,
  response: null,
  errors: ["not-found"],
  owned: creatorOf,
  handler: async ({ params }, { tx, audit }) => {
    const deleted = isProjectId(params.id) ? await deleteProject(tx, params.id) : null;
    if (!deleted) throw notFound();
    await audit({
      action: "project.deleted",
      targetType: "project",
      targetId: params.id,
      metadata: { name: deleted.name },
    });
  },
});

export const OPTIONS = preflight(["GET", "PATCH", "DELETE"]);
