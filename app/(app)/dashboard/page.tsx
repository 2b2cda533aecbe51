import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireSession } from "@/lib/auth/current-session";

export const metadata: Metadata = { title: "Dashboard" };

const dateTime = new Intl.DateTimeFormat("en", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export default async function DashboardPage() {
  const session = await requireSession();
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">
          Welcome{session.displayName ? `, ${session.displayName}` : ""}
        </h1>
        <p className="mt-1 text-muted-foreground">You are signed in as {session.email}.</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle className="text-base">This session</CardTitle>
            <CardDescription>
              Stored server-side; the browser holds only a sealed random token.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
              <dt className="text-muted-foreground">Signed in</dt>
              <dd>{dateTime.format(session.authenticatedAt)} UTC</dd>
              <dt className="text-muted-foreground">Expires</dt>
              <dd>{dateTime.format(session.expiresAt)} UTC, unless you keep using it</dd>
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle className="text-base">Next steps</CardTitle>
            <CardDescription>
              Organizations, members and API keys arrive here as the starter grows.
            </CardDescription>
          </CardHeader>
        </Card>
      </div>
    </div>
  );
}
