"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { FormAction } from "@/lib/actions/action-result";
import { Field } from "./field";
import { FormMessage } from "./form-message";
import { PasswordInput } from "./password-input";
import { useFocusOnError } from "./use-focus-on-error";

/** A new password from a reset link. The email is shown for password managers, not sent. */
export function ResetPasswordForm({
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
        label="New password"
        hint="At least 15 characters. A few unrelated words make a strong, memorable password."
        errors={failure?.fieldErrors?.password}
      >
        {(control) => (
          <PasswordInput {...control} name="password" autoComplete="new-password" required />
        )}
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
