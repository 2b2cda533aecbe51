"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { FormAction } from "@/lib/actions/action-result";
import { Field } from "./field";
import { FormMessage } from "./form-message";
import { PasswordInput } from "./password-input";
import { useFocusOnError } from "./use-focus-on-error";

/** Sign up as the invited address: the email is shown, not editable; the server reads it. */
export function InvitationSignupForm({
  action,
  token,
  email,
}: {
  action: FormAction;
  token: string;
  email: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useFocusOnError(state);
  const failure = state && !state.ok ? state : null;

  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <Field label="Email">
        {(control) => <Input {...control} value={email} readOnly autoComplete="username" />}
      </Field>
      <Field
        label="Password"
        hint="At least 15 characters. A passphrase is easiest."
        errors={failure?.fieldErrors?.password}
      >
        {(control) => (
          <PasswordInput {...control} name="password" autoComplete="new-password" required />
        )}
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating your account…" : "Create account and join"}
      </Button>
    </form>
  );
}
