import Link from "next/link";
import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/forms/credentials-form";
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
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { loginAction, signupAction } from "./actions";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

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
        {params.signed_out === "1" ? (
          <Alert variant="success">
            <AlertDescription>You have been logged out.</AlertDescription>
          </Alert>
        ) : null}
        <CredentialsForm mode={mode} action={isSignup ? signupAction : loginAction} next={next} />
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
