import type { Metadata } from "next";
import { BackLink } from "@/components/back-link";
import { ConfirmDestructiveForm } from "@/components/forms/confirm-destructive-form";
import { ConnectProviderForm } from "@/components/forms/connect-provider-form";
import { formatDate } from "@/components/format-date";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { hasPassword } from "@/lib/account/step-up";
import { requireSession } from "@/lib/auth/current-session";
import { listConnections } from "@/lib/auth/oauth/oauth-accounts";
import {
  isOAuthProviderId,
  OAUTH_PROVIDERS,
  oauthProvider,
  PROVIDER_NAMES,
} from "@/lib/auth/oauth/providers";
import { connectProviderAction, disconnectProviderAction } from "./actions";

export const metadata: Metadata = { title: "Connected accounts" };

/**
 * The signed-in user's logins through GitHub and Google: connect one (an action that asks for
 * the password, then starts the provider's flow with intent "link"), or disconnect one
 * (refused for the last way to log in).
 * Self-contained: it checks the session itself and needs nothing from an enclosing layout (the
 * account settings layout, when present, adds the header and the section navigation).
 */
export default async function ConnectionsPage({ searchParams }: PageProps<"/account/connections">) {
  const session = await requireSession();
  const [connections, query, needsPassword] = await Promise.all([
    listConnections(session.userId),
    searchParams,
    hasPassword(session.email),
  ]);
  const byProvider = new Map(connections.map((c) => [c.provider, c]));
  const rows = OAUTH_PROVIDERS.filter((id) => byProvider.has(id) || oauthProvider(id));
  const connected = isOAuthProviderId(query.connected) ? query.connected : null;
  const disconnected = isOAuthProviderId(query.disconnected) ? query.disconnected : null;

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <BackLink href="/dashboard">Dashboard</BackLink>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Connected accounts</h1>
        <p className="mt-1 text-muted-foreground">
          Log in to {session.email} with GitHub or Google as well as, or instead of, a password.
        </p>
      </div>
      {session.emailVerifiedAt || rows.length === 0 ? null : (
        <Alert>
          <AlertDescription>
            Verify your email address before you connect a provider: open the link we sent to{" "}
            {session.email}.
          </AlertDescription>
        </Alert>
      )}
      {connected ? (
        <Alert variant="success">
          <AlertDescription>
            {PROVIDER_NAMES[connected]} is connected. You can now log in with it.
          </AlertDescription>
        </Alert>
      ) : null}
      {disconnected ? (
        <Alert variant="success">
          <AlertDescription>{PROVIDER_NAMES[disconnected]} was disconnected.</AlertDescription>
        </Alert>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle role="heading" aria-level={2} className="text-base">
            Login providers
          </CardTitle>
          <CardDescription>
            We keep only which account at the provider is yours and its email, never its tokens.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {rows.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              No login providers are set up on this server.
            </p>
          ) : (
            <ul className="divide-y">
              {rows.map((id) => {
                const connection = byProvider.get(id);
                const name = PROVIDER_NAMES[id];
                return (
                  <li
                    key={id}
                    aria-label={name}
                    className="flex flex-wrap items-start justify-between gap-3 py-4 first:pt-0 last:pb-0"
                  >
                    <div className="min-w-0">
                      <p className="flex items-center gap-2 font-medium">
                        {name}
                        {connection ? <Badge variant="secondary">Connected</Badge> : null}
                      </p>
                      {connection ? (
                        <p className="text-sm text-muted-foreground">
                          {connection.email ?? "No email shared"} · connected{" "}
                          {formatDate(connection.createdAt)}
                        </p>
                      ) : (
                        <p className="text-sm text-muted-foreground">Not connected</p>
                      )}
                    </div>
                    {connection ? (
                      <ConfirmDestructiveForm
                        action={disconnectProviderAction}
                        fields={{ provider: id }}
                        trigger="Disconnect"
                        confirm={`Disconnect ${name}`}
                        pendingLabel="Disconnecting…"
                        compact
                      >
                        You will no longer be able to log in with this {name} account.
                      </ConfirmDestructiveForm>
                    ) : (
                      <ConnectProviderForm
                        action={connectProviderAction}
                        provider={{ id, name }}
                        needsPassword={needsPassword}
                      />
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
