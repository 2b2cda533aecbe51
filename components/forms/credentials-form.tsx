"use client";

import Link from "next/link";
import { useActionState } from "react";
import { MailCheckIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { FormAction } from "@/lib/actions/action-result";
import { FieldErrors } from "./field-errors";
import { PasswordInput } from "./password-input";

interface Props<T> {
  mode: "login" | "signup";
  action: FormAction<T>;
  next?: string;
}

function checkEmailOf(data: unknown): string | null {
  if (typeof data !== "object" || data === null || !("checkEmail" in data)) return null;
  return typeof data.checkEmail === "string" ? data.checkEmail : null;
}

/**
 * Email + password form for login and signup. Works without JavaScript (the server action
 * re-renders it with the result); with JavaScript it shows pending state. The email is kept
 * on error, the password never is. A signup answers "check your email" whatever the address
 * (ADR 011), so this screen says nothing about whether it already had an account.
 */
export function CredentialsForm<T>({ mode, action, next }: Props<T>) {
  const [state, formAction, pending] = useActionState(action, null);
  const failure = state && !state.ok ? state : null;
  const fieldErrors = failure?.fieldErrors ?? {};
  const email = failure?.values?.email ?? "";
  const isSignup = mode === "signup";

  const sentTo = state?.ok ? checkEmailOf(state.data) : null;
  if (sentTo) return <CheckEmail email={sentTo} />;
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {failure?.formError ? (
        <Alert variant="destructive">
          <AlertDescription>{failure.formError}</AlertDescription>
        </Alert>
      ) : null}
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <div>
        <Label htmlFor="email">Email</Label>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete={isSignup ? "email" : "username"}
          defaultValue={email}
          key={`email-${email}`}
          required
          className="mt-1.5"
          aria-invalid={fieldErrors.email ? true : undefined}
          aria-describedby={fieldErrors.email ? "email-errors" : undefined}
        />
        <FieldErrors id="email-errors" errors={fieldErrors.email} />
      </div>
      <div>
        <div className="flex items-baseline justify-between gap-2">
          <Label htmlFor="password">Password</Label>
          {isSignup ? null : (
            <Link
              href="/forgot-password"
              className="text-sm text-muted-foreground underline-offset-4 hover:text-foreground hover:underline"
            >
              Forgot password?
            </Link>
          )}
        </div>
        <div className="mt-1.5">
          <PasswordInput
            id="password"
            name="password"
            autoComplete={isSignup ? "new-password" : "current-password"}
            required
            aria-invalid={fieldErrors.password ? true : undefined}
            aria-describedby={
              [isSignup ? "password-hint" : "", fieldErrors.password ? "password-errors" : ""]
                .filter(Boolean)
                .join(" ") || undefined
            }
          />
        </div>
        {isSignup ? (
          <p id="password-hint" className="mt-1.5 text-sm text-muted-foreground">
            At least 15 characters. A few unrelated words make a strong, memorable password.
          </p>
        ) : null}
        <FieldErrors id="password-errors" errors={fieldErrors.password} />
      </div>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending
          ? isSignup
            ? "Creating account…"
            : "Logging in…"
          : isSignup
            ? "Create account"
            : "Log in"}
      </Button>
    </form>
  );
}

function CheckEmail({ email }: { email: string }) {
  return (
    <Alert variant="success">
      <MailCheckIcon aria-hidden />
      <AlertTitle role="heading" aria-level={2}>
        Check your email
      </AlertTitle>
      <AlertDescription>
        <p>
          We sent a message to <strong className="break-all">{email}</strong>. Open the link in it
          to verify your address, then log in.
        </p>
        <p className="mt-2">No email after a few minutes? Check your spam folder.</p>
      </AlertDescription>
    </Alert>
  );
}
