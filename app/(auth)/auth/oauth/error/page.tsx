import { CircleAlertIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { OAuthButton } from "@/components/forms/oauth-buttons";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { getCurrentSession } from "@/lib/auth/current-session";
import { OAUTH_FAILURES, isOAuthFailure } from "@/lib/auth/oauth/errors";
import { isOAuthProviderId, oauthProvider, PROVIDER_NAMES } from "@/lib/auth/oauth/providers";

export const metadata: Metadata = { title: "Sign-in did not complete" };

/** Reasons where trying the same provider again cannot help: the user has to act first. */
const NO_RETRY = new Set([
  "link_required",
  "link_required_no_password",
  "already_linked_elsewhere",
  "provider_already_connected",
  "email_missing",
  "not_configured",
  "verify_email_first",
  "connect_in_settings",
]);

/**
 * Where every failed OAuth attempt ends (checklist O10): our own sentence for a reason code,
 * never text from the provider or the URL, and a way to start again.
 */
export default async function OAuthErrorPage({ searchParams }: PageProps<"/auth/oauth/error">) {
  const params = await searchParams;
  const reason = isOAuthFailure(params.reason) ? params.reason : "server_error";
  const providerId = isOAuthProviderId(params.provider) ? params.provider : null;
  const session = await getCurrentSession();
  // Signed in, the attempt was a connection, which starts again from the connections page
  // (it asks for the password first): the link back below.
  const retry =
    !session && providerId && !NO_RETRY.has(reason) && oauthProvider(providerId)
      ? { id: providerId, name: PROVIDER_NAMES[providerId] }
      : null;
  const home = session ? "/account/connections" : "/login";

  return (
    <Card>
      <CardHeader>
        <CardTitle role="heading" aria-level={1} className="text-xl">
          {session ? "That didn't work" : "Sign-in did not complete"}
        </CardTitle>
        <CardDescription>
          {providerId ? `${PROVIDER_NAMES[providerId]}: ` : ""}
          {session ? "your account is unchanged." : "you are not signed in."}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden />
          <AlertDescription>{OAUTH_FAILURES[reason]}</AlertDescription>
        </Alert>
        {retry ? (
          <OAuthButton provider={retry} label={`Try ${retry.name} again`} variant="default" />
        ) : null}
      </CardContent>
      <CardFooter className="justify-center">
        <Button asChild variant="ghost" size="sm">
          <Link href={home}>{session ? "Back to connected accounts" : "Back to log in"}</Link>
        </Button>
      </CardFooter>
    </Card>
  );
}
