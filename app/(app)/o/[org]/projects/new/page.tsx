import { notFound } from "next/navigation";
import type { Metadata } from "next";

import { BackLink } from "@/components/back-link";
import { ProjectForm } from "@/components/forms/project-form";
import { Card, CardContent } from "@/components/ui/card";
import { can } from "@/lib/authz/authorize";
import { requireMembership } from "@/lib/orgs/membership";
import { createProjectAction } from "../actions";

export const metadata: Metadata = { title: "New project" };

export default async function NewProjectPage({ params }: PageProps<"/o/[org]/projects/new">) {
  const { org } = await params;
  const membership = await requireMembership(org);
  if (!can(membership, "projects:create")) notFound();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <BackLink href={`/o/${membership.slug}`}>Projects</BackLink>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">New project</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Every member of {membership.name} can see it.
        </p>
      </div>
      <Card>
        <CardContent>
          <ProjectForm
            action={createProjectAction}
            org={membership.slug}
            submitLabel="Create project"
            pendingLabel="Creating…"
            cancelHref={`/o/${membership.slug}`}
          />
        </CardContent>
      </Card>
    </div>
  );
}
