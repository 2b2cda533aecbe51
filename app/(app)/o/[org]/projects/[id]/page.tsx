import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { BackLink } from "@/components/back-link";
import { formatDate, formatDateTime } from "@/components/format-date";
import { DeleteProjectForm } from "@/components/forms/delete-project-form";
import { ProjectForm } from "@/components/forms/project-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/authz/authorize";
import { requireMembership } from "@/lib/orgs/membership";
import { getProject } from "@/lib/projects/queries";
import { projectIdSchema } from "@/lib/projects/schemas";
import { deleteProjectAction, updateProjectAction } from "../actions";

export const metadata: Metadata = { title: "Project" };

export default async function ProjectPage({ params }: PageProps<"/o/[org]/projects/[id]">) {
  const { org, id } = await params;
  const membership = await requireMembership(org);
  // A malformed id, an unknown one and another org's (hidden by RLS) all get the same 404.
  if (!projectIdSchema.safeParse(id).success) notFound();
  const project = await getProject({ orgId: membership.orgId, userId: membership.userId }, id);
  if (!project) notFound();
  // Only what the forms need crosses to the client.
  const editable = { id: project.id, name: project.name, description: project.description };
  // Display only: the actions apply the same rules (the creator rule included) on every call.
  const canEdit = can(membership, "projects:update", project);
  const canDelete = can(membership, "projects:delete", project);

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <BackLink href={`/o/${membership.slug}`}>Projects</BackLink>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight break-words">{project.name}</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Created by {project.createdByEmail ?? "a former member"} on{" "}
          <time dateTime={project.createdAt.toISOString()}>{formatDate(project.createdAt)}</time>
          {project.updatedAt.getTime() !== project.createdAt.getTime() ? (
            <>
              {" · "}Last changed{" "}
              <time dateTime={project.updatedAt.toISOString()}>
                {formatDateTime(project.updatedAt)}
              </time>
            </>
          ) : null}
        </p>
      </div>

      <Card>
        <CardHeader>
          <CardTitle role="heading" aria-level={2} className="text-base">
            Details
          </CardTitle>
          <CardDescription>
            Changes are visible to every member of {membership.name}.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {canEdit ? (
            <ProjectForm
              action={updateProjectAction}
              org={membership.slug}
              project={editable}
              submitLabel="Save changes"
              pendingLabel="Saving…"
              success="Changes saved."
            />
          ) : (
            <p className="text-sm whitespace-pre-wrap text-muted-foreground">
              {project.description || "No description."}
            </p>
          )}
        </CardContent>
      </Card>

      {canDelete ? (
        <Card className="border-destructive/30">
          <CardHeader>
            <CardTitle role="heading" aria-level={2} className="text-base">
              Delete project
            </CardTitle>
            <CardDescription>
              Removes the project for everyone in {membership.name}.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <DeleteProjectForm
              action={deleteProjectAction}
              org={membership.slug}
              project={editable}
            />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
