import Link from "next/link";
import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/forms/credentials-form";
import { OAuthButtons } from "@/components/forms/oauth-buttons";
import { Alert, AlertDescription } from "@/components/ui/alert";
import {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { getCurrentSession } from "@/lib/auth/current-session";
import { configuredProviders } from "@/lib/auth/oauth/providers";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { loginAction, signupAction } from "./actions";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** One-time notices after a redirect to /login, keyed by query parameter. */
const NOTICES: Record<string, string> = {
  signed_out: "You have been logged out.",
  reset:
    "Your password was changed and every session was signed out. Log in with the new password.",
  verified: "Your email address is verified. Log in to continue.",
  email_changed: "Your email address was changed. Log in with the new address.",
  account_deleted: "Your account was deleted. We're sorry to see you go.",
};

/** Shared body of /login and /signup: they differ only in copy and action. */
export async function AuthPage({
  mode,
  searchParams,
}: {
  mode: "login" | "signup";
  searchParams: SearchParams;
}) {
  const params = await searchParams;
  const next = safeNextPath(params.next) ?? undefined;
  if (await getCurrentSession()) redirect(next ?? "/dashboard");

  const isSignup = mode === "signup";
  const other = isSignup ? "/login" : "/signup";
  const otherHref = next ? `${other}?next=${encodeURIComponent(next)}` : other;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">{isSignup ? "Create your account" : "Log in"}</CardTitle>
        <CardDescription>
          {isSignup
            ? "Start with your email and a password."
            : "Welcome back. Enter your email and password."}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {Object.entries(NOTICES)
          .filter(([key]) => params[key] === "1")
          .map(([key, text]) => (
            <Alert key={key} variant="success">
              <AlertDescription>{text}</AlertDescription>
            </Alert>
          ))}
        {isSignup ? (
          <CredentialsForm mode="signup" action={signupAction} next={next} />
        ) : (
          <CredentialsForm mode="login" action={loginAction} next={next} />
        )}
        <OAuthButtons providers={configuredProviders()} next={next} />
      </CardContent>
      <CardFooter className="justify-center text-sm text-muted-foreground">
        {isSignup ? "Already have an account?" : "New here?"}
        <Link
          href={otherHref as "/login"}
          className="ml-1 font-medium text-foreground underline-offset-4 hover:underline"
        >
          {isSignup ? "Log in" : "Create an account"}
        </Link>
      </CardFooter>
    </Card>
  );
}
