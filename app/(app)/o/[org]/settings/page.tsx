import type { Metadata } from "next";

import { DeleteOrganizationForm } from "@/components/forms/delete-organization-form";
import { OrganizationSlugForm } from "@/components/forms/organization-slug-form";
import { RenameOrganizationForm } from "@/components/forms/rename-organization-form";
import { TransferOwnershipForm } from "@/components/forms/transfer-ownership-form";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listMembers } from "@/lib/members/list-members";
import { requireMembership } from "@/lib/orgs/membership";
import { can } from "@/lib/authz/authorize";
import { notFound } from "next/navigation";
import {
  changeOrganizationSlugAction,
  deleteOrganizationAction,
  renameOrganizationAction,
  transferOwnershipAction,
} from "./actions";

export const metadata: Metadata = { title: "Settings" };

export default async function OrgSettingsPage({
  params,
  searchParams,
}: PageProps<"/o/[org]/settings">) {
  const { org } = await params;
  const membership = await requireMembership(org);
  // Display only: the actions check the same permissions on every call.
  if (!can(membership, "org:update")) notFound();
  const canDelete = can(membership, "org:delete");
  const candidates = can(membership, "org:transfer")
    ? (await listMembers(membership)).members
        .filter((m) => m.userId !== membership.userId && m.role.builtIn !== "owner")
        .map((m) => ({ userId: m.userId, label: `${m.displayName ?? m.email} (${m.role.name})` }))
    : null;
  const query = await searchParams;
  const current = { slug: membership.slug, name: membership.name };

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          How {membership.name} is named and reached.
        </p>
      </div>

      {query.slug_changed === "1" ? (
        <Alert variant="success">
          <AlertDescription>
            The URL is now /o/{membership.slug}. Links to the old one no longer work.
          </AlertDescription>
        </Alert>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle role="heading" aria-level={2} className="text-base">
            Name
          </CardTitle>
          <CardDescription>Shown to members in the organization switcher.</CardDescription>
        </CardHeader>
        <CardContent>
          <RenameOrganizationForm action={renameOrganizationAction} org={current} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle role="heading" aria-level={2} className="text-base">
            URL
          </CardTitle>
          <CardDescription>The address of every page in this organization.</CardDescription>
        </CardHeader>
        <CardContent>
          <OrganizationSlugForm action={changeOrganizationSlugAction} slug={membership.slug} />
        </CardContent>
      </Card>

      {candidates ? (
        <Card>
          <CardHeader>
            <CardTitle role="heading" aria-level={2} className="text-base">
              Transfer ownership
            </CardTitle>
            <CardDescription>
              Makes another member an owner of {membership.name}; you become an admin.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {candidates.length > 0 ? (
              <TransferOwnershipForm
                action={transferOwnershipAction}
                org={membership.slug}
                candidates={candidates}
              />
            ) : (
              <p className="text-sm text-muted-foreground">
                Invite someone first: ownership can only go to another member.
              </p>
            )}
          </CardContent>
        </Card>
      ) : null}

      {canDelete ? (
        <Card className="border-destructive/30">
          <CardHeader>
            <CardTitle role="heading" aria-level={2} className="text-base text-destructive">
              Delete organization
            </CardTitle>
            <CardDescription>
              Deletes {membership.name} with all of its projects and memberships, for everyone. This
              cannot be undone.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <DeleteOrganizationForm action={deleteOrganizationAction} slug={membership.slug} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
