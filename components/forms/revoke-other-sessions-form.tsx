"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/action-result";
import { Field } from "./field";
import { FormMessage } from "./form-message";
import { PasswordInput } from "./password-input";
import { useFocusOnError } from "./use-focus-on-error";

/** Signs out every other session; re-authentication first (S9). */
export function RevokeOtherSessionsForm({
  action,
  needsPassword,
}: {
  action: FormAction<{ revoked: number }>;
  needsPassword: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useFocusOnError(state);
  const failure = state && !state.ok ? state : null;
  const done = state?.ok
    ? `Signed out ${state.data.revoked} other session${state.data.revoked === 1 ? "" : "s"}.`
    : undefined;

  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} success={done} />
      {needsPassword ? (
        <Field label="Your password" errors={failure?.fieldErrors?.password}>
          {(control) => (
            <PasswordInput {...control} name="password" autoComplete="current-password" required />
          )}
        </Field>
      ) : null}
      <Button type="submit" variant="destructive" disabled={pending}>
        {pending ? "Signing out…" : "Sign out all other sessions"}
      </Button>
    </form>
  );
}
