import { PlusIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { RoleList } from "@/components/role-list";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { can } from "@/lib/authz/authorize";
import { requireMembership } from "@/lib/orgs/membership";
import { listRoles } from "@/lib/roles/queries";

export const metadata: Metadata = { title: "Roles" };

const NOTICES: Record<string, string> = {
  created: "The role was created.",
  deleted: "The role was deleted.",
};

export default async function RolesPage({
  params,
  searchParams,
}: PageProps<"/o/[org]/settings/roles">) {
  const { org } = await params;
  const membership = await requireMembership(org);
  if (!can(membership, "roles:read")) notFound();
  const roles = await listRoles({ orgId: membership.orgId, userId: membership.userId });
  const query = await searchParams;
  const notice = Object.keys(NOTICES).find((key) => query[key] === "1");
  // Only what the list shows crosses to the client.
  const items = roles.map((role) => ({
    id: role.id,
    name: role.name,
    description: role.description,
    builtIn: role.builtIn !== null,
    permissionCount: role.permissions.length,
    members: role.members,
  }));

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight">Roles</h1>
          <p className="mt-1 text-sm text-muted-foreground">
            What members of {membership.name} may do. Built-in roles are fixed; custom roles hold
            the permissions you choose.
          </p>
        </div>
        {/* Display only: the actions check roles:manage on every call. */}
        {can(membership, "roles:manage") ? (
          <Button asChild>
            <Link href={`/o/${membership.slug}/settings/roles/new`}>
              <PlusIcon aria-hidden />
              New role
            </Link>
          </Button>
        ) : null}
      </div>

      {notice ? (
        <Alert variant="success">
          <AlertDescription>{NOTICES[notice]}</AlertDescription>
        </Alert>
      ) : null}

      <RoleList org={membership.slug} roles={items} />
    </div>
  );
}
