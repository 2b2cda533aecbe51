import { FolderKanbanIcon, PlusIcon } from "lucide-react";
import type { Metadata, Route } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { EmptyState } from "@/components/empty-state";
import { Pagination } from "@/components/pagination";
import { ProjectList } from "@/components/project-list";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { can } from "@/lib/authz/authorize";
import { requireMembership } from "@/lib/orgs/membership";
import { listProjects } from "@/lib/projects/queries";
import { parsePageParam } from "./parse-page-param";

export const metadata: Metadata = { title: "Projects" };

export default async function OrgProjectsPage({ params, searchParams }: PageProps<"/o/[org]">) {
  const { org } = await params;
  const membership = await requireMembership(org);
  const query = await searchParams;
  const requested = parsePageParam(query.page);
  const list = await listProjects(
    { orgId: membership.orgId, userId: membership.userId },
    requested ?? 1,
  );

  const pageHref = (page: number): Route =>
    page === 1 ? `/o/${membership.slug}` : `/o/${membership.slug}?page=${page}`;
  // An invalid or out-of-range ?page= goes to the nearest real page, so the address always
  // matches what is shown; page 1 is the address without the parameter.
  if (query.page !== undefined && (requested !== list.page || list.page === 1)) {
    redirect(pageHref(list.page));
  }

  // Display only: createProjectAction checks projects:create on every call.
  const newProject = can(membership, "projects:create") ? (
    <Button asChild>
      <Link href={`/o/${membership.slug}/projects/new`}>
        <PlusIcon aria-hidden />
        New project
      </Link>
    </Button>
  ) : null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight">Projects</h1>
          <p className="mt-1 text-sm text-muted-foreground">
            {list.total === 0
              ? `Nothing in ${membership.name} yet.`
              : `${list.total} ${list.total === 1 ? "project" : "projects"} in ${membership.name}.`}
          </p>
        </div>
        {list.total > 0 ? newProject : null}
      </div>

      {query.joined === "1" ? (
        <Alert variant="success">
          <AlertDescription>Welcome to {membership.name}. You are now a member.</AlertDescription>
        </Alert>
      ) : null}

      {query.deleted === "1" ? (
        <Alert variant="success">
          <AlertDescription>The project was deleted.</AlertDescription>
        </Alert>
      ) : null}

      {list.total === 0 ? (
        <EmptyState Icon={FolderKanbanIcon} title="No projects yet" action={newProject}>
          Projects belong to this organization: its members see them, no one else does. Create the
          first one to get started.
        </EmptyState>
      ) : (
        <>
          <ProjectList org={membership.slug} projects={list.items} />
          <Pagination page={list.page} pages={list.pages} href={pageHref} />
        </>
      )}
    </div>
  );
}
