"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { FormAction } from "@/lib/actions/action-result";
import { Field } from "./field";
import { FormMessage } from "./form-message";
import { PasswordInput } from "./password-input";
import { useFocusOnError } from "./use-focus-on-error";

interface Props<T extends { message: string }> {
  action: FormAction<T>;
  /** Hidden fields naming what is acted on, e.g. { userId }. */
  fields?: Record<string, string>;
  /** Adds a required "Reason" field (it goes to the platform audit log). */
  reason?: boolean;
  /** Adds a "Token" field (claiming a bootstrap token). */
  token?: boolean;
  needsPassword: boolean;
  submit: string;
  pending: string;
  destructive?: boolean;
}

/**
 * A platform-admin change (ADR 015): the admin re-enters their password with every change
 * (checklist Z10). Works without JavaScript; what was typed, except the password, comes back
 * with an error.
 */
export function AdminStepUpForm<T extends { message: string }>({
  action,
  fields = {},
  reason = false,
  token = false,
  needsPassword,
  submit,
  pending: pendingLabel,
  destructive = false,
}: Props<T>) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useFocusOnError(state);
  const failure = state && !state.ok ? state : null;

  return (
    <form ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} success={state?.ok ? state.data.message : undefined} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {token ? (
        <Field label="Token" errors={failure?.fieldErrors?.token}>
          {(control) => (
            <Input {...control} name="token" autoComplete="off" spellCheck={false} required />
          )}
        </Field>
      ) : null}
      {reason ? (
        <Field
          label="Reason"
          hint="Recorded in the platform audit log."
          errors={failure?.fieldErrors?.reason}
        >
          {(control) => (
            <Textarea
              {...control}
              name="reason"
              rows={2}
              maxLength={500}
              defaultValue={failure?.values?.reason ?? ""}
              required
            />
          )}
        </Field>
      ) : null}
      {needsPassword ? (
        <Field label="Your password" errors={failure?.fieldErrors?.password}>
          {(control) => (
            <PasswordInput {...control} name="password" autoComplete="current-password" required />
          )}
        </Field>
      ) : null}
      <Button type="submit" variant={destructive ? "destructive" : "default"} disabled={pending}>
        {pending ? pendingLabel : submit}
      </Button>
    </form>
  );
}
