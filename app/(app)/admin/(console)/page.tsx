import type { Metadata, Route } from "next";
import Link from "next/link";
import { z } from "zod";
import { formatDate } from "@/components/format-date";
import { AdminStepUpForm } from "@/components/forms/admin-step-up-form";
import { Pagination } from "@/components/pagination";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { ACCOUNTS_PAGE_SIZE, listAccounts, platformAuditEntries } from "@/lib/admin/accounts";
import { requirePlatformAdmin } from "@/lib/admin/platform-admin";
import { hasPassword } from "@/lib/account/step-up";
import { isStorableText } from "@/lib/storable-text";
import { endAllSessionsAction } from "../actions";
import { AuditTrail } from "./audit-trail";

export const metadata: Metadata = { title: "Platform admin" };

const querySchema = z.object({
  // A search Postgres could not even read (NUL) is no search.
  q: z.string().max(320).refine(isStorableText).catch(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

function pageHref(q: string, page: number): Route {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return (query ? `/admin?${query}` : "/admin") as Route;
}

/** Every account on the platform, searchable, and the switch that signs everyone out. */
export default async function AdminPage({ searchParams }: PageProps<"/admin">) {
  const session = await requirePlatformAdmin();
  const raw = await searchParams;
  const { q, page } = querySchema.parse({
    q: typeof raw.q === "string" ? raw.q.trim() : "",
    page: typeof raw.page === "string" ? raw.page : 1,
  });
  const [{ accounts, total }, audit, passwordSet] = await Promise.all([
    listAccounts(session.userId, q, page),
    platformAuditEntries(session.userId, null, 10),
    hasPassword(session.email),
  ]);
  const pages = Math.max(1, Math.ceil(total / ACCOUNTS_PAGE_SIZE));

  return (
    <>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Platform admin</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Every account on this deployment. Changes here are recorded in the platform audit log.
        </p>
      </div>

      <section aria-labelledby="accounts-heading" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="accounts-heading" className="text-lg font-semibold">
            Accounts <span className="text-muted-foreground">({total})</span>
          </h2>
          <form action="/admin" method="get" role="search" className="flex gap-2">
            <label htmlFor="account-search" className="sr-only">
              Search by email or name
            </label>
            <Input
              id="account-search"
              name="q"
              type="search"
              defaultValue={q}
              placeholder="Search by email or name"
              className="w-64"
            />
            <Button type="submit" variant="outline">
              Search
            </Button>
          </form>
        </div>
        {accounts.length === 0 ? (
          <p className="rounded-xl border bg-card px-4 py-6 text-center text-sm text-muted-foreground">
            {q ? `No account matches “${q}”.` : "No accounts yet."}
          </p>
        ) : (
          <div className="overflow-x-auto rounded-xl border bg-card shadow-xs">
            <table className="w-full text-sm">
              <thead className="border-b text-left text-muted-foreground">
                <tr>
                  <th scope="col" className="px-4 py-2.5 font-medium">
                    Account
                  </th>
                  <th scope="col" className="px-4 py-2.5 font-medium">
                    Status
                  </th>
                  <th scope="col" className="px-4 py-2.5 font-medium">
                    Sessions
                  </th>
                  <th scope="col" className="px-4 py-2.5 font-medium">
                    Joined
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {accounts.map((a) => (
                  <tr key={a.userId}>
                    <td className="px-4 py-2.5">
                      <Link
                        href={`/admin/accounts/${a.userId}` as Route}
                        className="font-medium break-all underline-offset-4 hover:underline"
                      >
                        {a.email}
                      </Link>
                      {a.displayName ? (
                        <span className="block text-muted-foreground">{a.displayName}</span>
                      ) : null}
                    </td>
                    <td className="px-4 py-2.5">
                      <span className="flex flex-wrap gap-1.5">
                        {a.disabledAt ? (
                          <Badge
                            variant="outline"
                            className="border-destructive/50 text-destructive"
                          >
                            Disabled
                          </Badge>
                        ) : (
                          <Badge variant="secondary">Active</Badge>
                        )}
                        {a.emailVerifiedAt ? null : <Badge variant="outline">Unverified</Badge>}
                        {a.isPlatformAdmin ? <Badge variant="outline">Platform admin</Badge> : null}
                      </span>
                    </td>
                    <td className="px-4 py-2.5 tabular-nums">{a.sessionCount}</td>
                    <td className="px-4 py-2.5 whitespace-nowrap">{formatDate(a.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={page} pages={pages} href={(n) => pageHref(q, n)} />
      </section>

      <Card>
        <CardHeader>
          <CardTitle role="heading" aria-level={2} className="text-base">
            Sign everyone out
          </CardTitle>
          <CardDescription>
            Ends every session of every account at once (after a leaked session secret, say). Yours
            stays signed in. API keys are not affected.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <AdminStepUpForm
            action={endAllSessionsAction}
            needsPassword={passwordSet}
            submit="Sign everyone out"
            pending="Signing everyone out…"
            destructive
          />
        </CardContent>
      </Card>

      <section aria-labelledby="audit-heading" className="space-y-3">
        <h2 id="audit-heading" className="text-lg font-semibold">
          Recent admin activity
        </h2>
        <AuditTrail entries={audit} />
      </section>
    </>
  );
}
