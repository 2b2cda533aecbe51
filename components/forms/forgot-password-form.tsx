"use client";

import { MailCheckIcon } from "lucide-react";
import { useActionState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { FormAction } from "@/lib/actions/action-result";
import { Field } from "./field";
import { FormMessage } from "./form-message";
import { useFocusOnError } from "./use-focus-on-error";

/** Asks for a reset link. The answer never says whether the address has an account. */
export function ForgotPasswordForm({ action }: { action: FormAction<{ email: string }> }) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useFocusOnError(state);
  const failure = state && !state.ok ? state : null;
  const email = failure?.values?.email ?? "";

  if (state?.ok) {
    return (
      <Alert variant="success">
        <MailCheckIcon aria-hidden />
        <AlertDescription>
          <p>
            If an account exists for <strong className="break-all">{state.data.email}</strong>, we
            sent it a link to choose a new password. The link works for 30 minutes.
          </p>
          <p className="mt-2">No email after a few minutes? Check your spam folder.</p>
        </AlertDescription>
      </Alert>
    );
  }
  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <Field label="Email" errors={failure?.fieldErrors?.email}>
        {(control) => (
          <Input
            {...control}
            key={`email-${email}`}
            name="email"
            type="email"
            autoComplete="email"
            defaultValue={email}
            required
          />
        )}
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : "Send reset link"}
      </Button>
    </form>
  );
}
