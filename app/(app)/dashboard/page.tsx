import { Building2Icon, ChevronRightIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { EmptyState } from "@/components/empty-state";
import { formatDateTime } from "@/components/format-date";
import { CreateOrganizationForm } from "@/components/forms/create-organization-form";
import { OrgAvatar } from "@/components/org-avatar";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireSession } from "@/lib/auth/current-session";
import { listMemberships } from "@/lib/orgs/membership";
import { createOrganizationAction } from "./actions";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: PageProps<"/dashboard">) {
  const session = await requireSession();
  const [orgs, query] = await Promise.all([listMemberships(session.userId), searchParams]);

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">
          Welcome{session.displayName ? `, ${session.displayName}` : ""}
        </h1>
        <p className="mt-1 text-muted-foreground">You are signed in as {session.email}.</p>
      </div>

      {query.verified === "1" ? (
        <Alert variant="success">
          <AlertDescription>Your email address is verified. Thank you!</AlertDescription>
        </Alert>
      ) : null}

      {query.org_deleted === "1" ? (
        <Alert variant="success">
          <AlertDescription>The organization was deleted.</AlertDescription>
        </Alert>
      ) : null}

      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <section aria-labelledby="orgs-heading" className="space-y-4">
          <h2 id="orgs-heading" className="text-lg font-semibold tracking-tight">
            Your organizations
          </h2>
          {orgs.length === 0 ? (
            <EmptyState Icon={Building2Icon} title="No organizations yet" headingLevel={3}>
              Projects live in an organization. Create one with the form on this page, or ask a
              teammate to invite you to theirs.
            </EmptyState>
          ) : (
            <ul className="divide-y overflow-hidden rounded-xl border bg-card shadow-xs">
              {orgs.map((org) => (
                <li
                  key={org.orgId}
                  className="relative flex items-center gap-3 px-4 py-3.5 transition-colors focus-within:bg-muted/50 hover:bg-muted/50"
                >
                  <OrgAvatar name={org.name} className="size-9 text-sm" />
                  <div className="min-w-0 flex-1">
                    {/* ::before stretches the link over the row; its name stays the org's. */}
                    <Link
                      href={`/o/${org.slug}`}
                      className="block truncate font-medium outline-none before:absolute before:inset-0 focus-visible:underline"
                    >
                      {org.name}
                    </Link>
                    <p className="truncate font-mono text-xs text-muted-foreground">
                      /o/{org.slug}
                    </p>
                  </div>
                  <Badge variant="secondary" className="capitalize">
                    {org.role.name}
                  </Badge>
                  <ChevronRightIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                </li>
              ))}
            </ul>
          )}
        </section>

        <div className="space-y-6">
          <Card id="create-organization" className="scroll-mt-20">
            <CardHeader>
              <CardTitle role="heading" aria-level={2} className="text-base">
                Create organization
              </CardTitle>
              <CardDescription>A separate workspace with its own projects.</CardDescription>
            </CardHeader>
            <CardContent>
              <CreateOrganizationForm action={createOrganizationAction} />
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle role="heading" aria-level={2} className="text-base">
                This session
              </CardTitle>
              <CardDescription>
                Stored server-side; the browser holds only a sealed random token.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
                <dt className="text-muted-foreground">Signed in</dt>
                <dd>{formatDateTime(session.authenticatedAt)}</dd>
                <dt className="text-muted-foreground">Expires</dt>
                <dd>{formatDateTime(session.expiresAt)}, unless you keep using it</dd>
              </dl>
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}
