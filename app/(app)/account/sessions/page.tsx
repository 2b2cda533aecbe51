import { LaptopIcon } from "lucide-react";
import type { Metadata } from "next";
import { formatDateTime } from "@/components/format-date";
import { RevokeOtherSessionsForm } from "@/components/forms/revoke-other-sessions-form";
import { RevokeSessionForm } from "@/components/forms/revoke-session-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listAccountSessions } from "@/lib/account/account-sessions";
import { hasPassword } from "@/lib/account/step-up";
import { requireSession } from "@/lib/auth/current-session";
import { revokeOtherSessionsAction, revokeSessionAction } from "./actions";

export const metadata: Metadata = { title: "Sessions" };

/** Every signed-in browser of the account (checklist S9). docs/auth.md has the limits. */
export default async function SessionsPage() {
  const session = await requireSession();
  const [list, passwordSet] = await Promise.all([
    listAccountSessions(session),
    hasPassword(session.email),
  ]);
  const others = list.filter((s) => !s.current).length;

  return (
    <>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Sessions</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Where your account is signed in. A session ends after 7 days without use, and after 30
          days in any case.
        </p>
      </div>

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" className="sr-only">
          Active sessions
        </h2>
        <ul className="divide-y overflow-hidden rounded-xl border bg-card shadow-xs">
          {list.map((s) => (
            <li
              key={s.id}
              aria-label={s.current ? `${s.device} (this session)` : s.device}
              className="flex items-center gap-3 px-4 py-3.5"
            >
              <LaptopIcon aria-hidden className="size-5 shrink-0 text-muted-foreground" />
              <div className="min-w-0 flex-1 text-sm">
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  {s.device}
                  {s.current ? <Badge variant="secondary">This session</Badge> : null}
                </p>
                <p className="text-muted-foreground">
                  {s.ip ? `IP ${s.ip} · ` : "IP unknown · "}Signed in {formatDateTime(s.createdAt)}
                  {" · "}Last seen {formatDateTime(s.lastSeenAt)}
                </p>
              </div>
              {s.current ? null : (
                <RevokeSessionForm action={revokeSessionAction} id={s.id} device={s.device} />
              )}
            </li>
          ))}
        </ul>
      </section>

      <Card>
        <CardHeader>
          <CardTitle role="heading" aria-level={2} className="text-base">
            Sign out everywhere else
          </CardTitle>
          <CardDescription>
            {others === 0
              ? "This is your only session."
              : `Ends the ${others} other session${others === 1 ? "" : "s"} at once; this one stays signed in.`}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {/* Rendered even with no other session, so its result stays on screen after use. */}
          <RevokeOtherSessionsForm action={revokeOtherSessionsAction} needsPassword={passwordSet} />
        </CardContent>
      </Card>
    </>
  );
}
