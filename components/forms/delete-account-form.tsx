"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { FormAction } from "@/lib/actions/action-result";
import { Field } from "./field";
import { FormMessage } from "./form-message";
import { PasswordInput } from "./password-input";
import { useFocusOnError } from "./use-focus-on-error";

/** Re-authentication plus a typed phrase: deleting an account cannot be undone. */
export function DeleteAccountForm({
  action,
  phrase,
  needsPassword,
}: {
  action: FormAction;
  phrase: string;
  needsPassword: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useFocusOnError(state);
  const failure = state && !state.ok ? state : null;
  const confirm = failure?.values?.confirm ?? "";

  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <Field
        label={
          <span>
            Type <strong>{phrase}</strong> to confirm
          </span>
        }
        errors={failure?.fieldErrors?.confirm}
      >
        {(control) => (
          <Input
            {...control}
            key={`confirm-${confirm}`}
            name="confirm"
            defaultValue={confirm}
            autoComplete="off"
            required
          />
        )}
      </Field>
      {needsPassword ? (
        <Field label="Your password" errors={failure?.fieldErrors?.password}>
          {(control) => (
            <PasswordInput {...control} name="password" autoComplete="current-password" required />
          )}
        </Field>
      ) : null}
      <Button type="submit" variant="destructive" disabled={pending}>
        {pending ? "Deleting…" : "Delete my account"}
      </Button>
    </form>
  );
}
