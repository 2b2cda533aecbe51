import { ScrollTextIcon, SearchXIcon } from "lucide-react";
import type { Metadata, Route } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { AuditFilterForm } from "@/components/audit/audit-filter-form";
import { AuditPagination } from "@/components/audit/audit-pagination";
import { AuditTable } from "@/components/audit/audit-table";
import { EmptyState } from "@/components/empty-state";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { buttonVariants } from "@/components/ui/button";
import { AUDIT_ACTIONS } from "@/lib/audit/audit-actions";
import { auditQueryString, parseAuditFilters } from "@/lib/audit/audit-filters";
import { listAuditActors, listAuditEntries } from "@/lib/audit/queries";
import { can } from "@/lib/authz/authorize";
import { requireMembership } from "@/lib/orgs/membership";

export const metadata: Metadata = { title: "Audit log" };

const ACTION_OPTIONS = Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label }));

const text = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

export default async function AuditLogPage({
  params,
  searchParams,
}: PageProps<"/o/[org]/settings/audit-log">) {
  const { org } = await params;
  const membership = await requireMembership(org);
  // Without the permission the page does not exist for this member, as for a non-member.
  if (!can(membership, "audit_log:read")) notFound();
  const ctx = { orgId: membership.orgId, userId: membership.userId };
  const query = await searchParams;
  const actors = await listAuditActors(ctx);
  const parsed = parseAuditFilters(
    query,
    actors.map((a) => a.id),
  );
  const log = parsed.ok ? await listAuditEntries(ctx, parsed.filters) : null;
  const errors = parsed.ok ? {} : parsed.errors;
  const values = {
    actor: text(query.actor),
    action: text(query.action),
    from: text(query.from),
    to: text(query.to),
  };
  const filtered = Object.values(values).some(Boolean);
  const base = `/o/${membership.slug}/settings/audit-log`;
  const href = (qs: string) => `${base}${qs}` as Route;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Security-relevant changes in {membership.name} and refused attempts, newest first. Entries
          cannot be edited or deleted.
        </p>
      </div>

      <AuditFilterForm
        action={href("")}
        actors={actors}
        actions={ACTION_OPTIONS}
        values={values}
        errors={errors}
      />

      {!parsed.ok ? (
        <Alert variant="destructive">
          <AlertTitle>These filters can’t be used</AlertTitle>
          <AlertDescription>
            <ul className="list-inside list-disc">
              {Object.entries(errors).map(([field, message]) => (
                <li key={field}>{message}</li>
              ))}
            </ul>
            <Link href={href("")} className="underline underline-offset-4">
              Show the newest entries without filters
            </Link>
          </AlertDescription>
        </Alert>
      ) : log && log.entries.length === 0 ? (
        filtered || parsed.filters.before || parsed.filters.after ? (
          <EmptyState
            Icon={SearchXIcon}
            title="No entries match these filters"
            action={
              <Link href={href("")} className={buttonVariants({ variant: "outline" })}>
                Clear filters
              </Link>
            }
          >
            Try another actor, action or a wider date range.
          </EmptyState>
        ) : (
          <EmptyState Icon={ScrollTextIcon} title="No entries yet">
            Renames, role and member changes, project changes and refused attempts in{" "}
            {membership.name} will be listed here.
          </EmptyState>
        )
      ) : log ? (
        <>
          <AuditTable entries={log.entries} />
          <AuditPagination
            newer={log.newer ? href(auditQueryString(values, { after: log.newer })) : null}
            older={log.older ? href(auditQueryString(values, { before: log.older })) : null}
          />
        </>
      ) : null}
    </div>
  );
}
