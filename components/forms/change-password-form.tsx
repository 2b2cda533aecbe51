"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/action-result";
import { Field } from "./field";
import { FormMessage } from "./form-message";
import { PasswordInput } from "./password-input";
import { useFocusOnError } from "./use-focus-on-error";

/** Current password (A6), then the new one. Neither is ever sent back to the browser. */
export function ChangePasswordForm<T>({ action, email }: { action: FormAction<T>; email: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useFocusOnError(state);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      <FormMessage
        state={state}
        success="Your password was changed. Every other session was signed out."
      />
      {/* For password managers: which account this password belongs to. */}
      <input type="hidden" name="username" value={email} autoComplete="username" disabled />
      <Field label="Current password" errors={errors.currentPassword}>
        {(control) => (
          <PasswordInput
            {...control}
            name="currentPassword"
            autoComplete="current-password"
            required
          />
        )}
      </Field>
      <Field
        label="New password"
        hint="At least 15 characters. A few unrelated words make a strong, memorable password."
        errors={errors.newPassword}
      >
        {(control) => (
          <PasswordInput {...control} name="newPassword" autoComplete="new-password" required />
        )}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
