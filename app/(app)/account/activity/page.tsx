import { ChevronRightIcon, ShieldCheckIcon } from "lucide-react";
import type { Metadata, Route } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { formatDateTime } from "@/components/format-date";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { listSecurityActivity } from "@/lib/account/security-activity";
import { userAgentFamily } from "@/lib/audit/user-agent-family";
import { requireSession } from "@/lib/auth/current-session";
import { encodeKeysetCursor, parseKeysetCursor } from "@/lib/keyset-cursor";

export const metadata: Metadata = { title: "Security activity" };

const step = cn(buttonVariants({ variant: "ghost", size: "sm" }), "gap-1");

/**
 * The account's own security log (checklist A15): what happened, when, from which IP and
 * browser, failures marked. Read-only; each user sees only their own events (row-level policy).
 */
export default async function SecurityActivityPage({
  searchParams,
}: PageProps<"/account/activity">) {
  const session = await requireSession();
  const { before } = await searchParams;
  const cursor = typeof before === "string" ? parseKeysetCursor(before) : null;
  const badCursor = before !== undefined && cursor === null;
  const { entries, older } = await listSecurityActivity(session.userId, cursor);

  return (
    <>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Security activity</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Sign-ins, failed attempts and changes to how you sign in, newest first. If something here
          was not you, change your password and sign out your other sessions.
        </p>
      </div>

      {badCursor ? (
        <Alert variant="destructive">
          <AlertDescription>
            That page link is not valid.{" "}
            <Link href="/account/activity" className="underline underline-offset-4">
              Show the newest activity
            </Link>
          </AlertDescription>
        </Alert>
      ) : entries.length === 0 ? (
        <EmptyState
          Icon={ShieldCheckIcon}
          title={cursor ? "Nothing older" : "No activity yet"}
          headingLevel={2}
        >
          {cursor ? (
            <Link href="/account/activity" className="underline underline-offset-4">
              Back to the newest activity
            </Link>
          ) : (
            "Sign-ins and changes to how you sign in will be listed here."
          )}
        </EmptyState>
      ) : (
        <section aria-labelledby="activity-heading" className="space-y-3">
          <h2 id="activity-heading" className="sr-only">
            Events
          </h2>
          <ul className="divide-y overflow-hidden rounded-xl border bg-card shadow-xs">
            {entries.map((entry) => (
              <li key={entry.id} className="px-4 py-3 text-sm" data-testid="activity-entry">
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  {entry.what}
                  {entry.badge ? (
                    <Badge variant="outline" className="border-destructive/40 text-destructive">
                      {entry.badge}
                    </Badge>
                  ) : null}
                </p>
                <p className="text-muted-foreground">
                  {formatDateTime(entry.createdAt)}
                  {" · "}
                  {entry.ip ? `IP ${entry.ip}` : "IP unknown"}
                  {entry.userAgent ? ` · ${userAgentFamily(entry.userAgent)}` : ""}
                </p>
              </li>
            ))}
          </ul>
          {cursor || older ? (
            <nav aria-label="Pagination" className="flex items-center justify-between gap-2">
              {cursor ? (
                <Link href="/account/activity" className={step}>
                  Newest
                </Link>
              ) : (
                <span />
              )}
              {older ? (
                <Link
                  href={`/account/activity?before=${encodeKeysetCursor(older)}` as Route}
                  rel="next"
                  className={step}
                >
                  Older
                  <ChevronRightIcon aria-hidden />
                </Link>
              ) : null}
            </nav>
          ) : null}
        </section>
      )}
    </>
  );
}
