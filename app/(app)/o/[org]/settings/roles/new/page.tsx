import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { BackLink } from "@/components/back-link";
import { RoleForm } from "@/components/forms/role-form";
import { Card, CardContent } from "@/components/ui/card";
import { can } from "@/lib/authz/authorize";
import { requireMembership } from "@/lib/orgs/membership";
import { createRoleAction } from "../actions";

export const metadata: Metadata = { title: "New role" };

export default async function NewRolePage({ params }: PageProps<"/o/[org]/settings/roles/new">) {
  const { org } = await params;
  const membership = await requireMembership(org);
  if (!can(membership, "roles:manage")) notFound();
  const rolesHref = `/o/${membership.slug}/settings/roles` as const;

  return (
    <div className="space-y-6">
      <BackLink href={rolesHref}>Roles</BackLink>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">New role</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          A custom role for {membership.name}. Give it to members from the Members page.
        </p>
      </div>
      <Card>
        <CardContent>
          <RoleForm
            action={createRoleAction}
            org={membership.slug}
            grantable={membership.permissions}
            submitLabel="Create role"
            pendingLabel="Creating…"
            cancelHref={rolesHref}
          />
        </CardContent>
      </Card>
    </div>
  );
}
