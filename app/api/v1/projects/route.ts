import { ApiError } from "@/lib/api/api-error";
import { preflight } from "@/lib/api/cors";
import { defineApiRoute } from "@/lib/api/define-api-route";
import {
  decodeCursor,
  encodeCursor,
  projectCreateBody,
  projectListQuery,
  projectListResponse,
  projectResponse,
} from "@/lib/api/v1-schemas";
import { insertProject } from "@/lib/projects/mutations";
import { selectProject, selectProjectPage } from "@/lib/projects/queries";
import { projectDto } from "./project-dto";

export const GET = defineApiRoute({
  summary: "List the organization's projects, newest first",
  description:
    "Keyset pagination: pass the `nextCursor` of one page as `cursor` to get the next. Projects created while you page do not shift later pages.",
  permission: "projects:read",
  query: projectListQuery,
  response: projectListResponse,
  handler: async ({ query }, { tx }) => {
    const page = await selectProjectPage(tx, {
      limit: query.limit,
      after: decodeCursor(query.cursor),
    });
    return { items: page.items.map(projectDto), nextCursor: encodeCursor(page.next) };
  },
});

export const POST = defineApiRoute({
  summary: "Create a project",
  permission: "projects:create",
  body: projectCreateBody,
  response: projectResponse,
  status: 201,
  errors: ["conflict"],
  location: (project) => `/api/v1/projects/${project.id}`,
  handler: async ({ body }, { tx, org, audit }) => {
    const created = await insertProject(tx, {
      orgId: org.orgId,
      name: body.name,
      description: body.description,
      createdBy: org.userId,
    });
    if (!created) {
      throw new ApiError(
        "conflict",
        "A project with this name already exists in this organization.",
      );
    }
    await audit({
      action: "project.created",
      targetType: "project",
      targetId: created.id,
      metadata: { name: body.name },
    });
    return projectDto((await selectProject(tx, created.id))!);
  },
});

export const OPTIONS = preflight(["GET", "POST"]);
