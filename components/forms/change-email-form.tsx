"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { FormAction } from "@/lib/actions/action-result";
import { Field } from "./field";
import { FormMessage } from "./form-message";
import { PasswordInput } from "./password-input";
import { useFocusOnError } from "./use-focus-on-error";

/** New address plus re-authentication; the change waits for the link sent to that address. */
export function ChangeEmailForm({
  action,
  needsPassword,
}: {
  action: FormAction<{ sentTo: string }>;
  needsPassword: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useFocusOnError(state);
  const failure = state && !state.ok ? state : null;
  const email = failure?.values?.email ?? "";

  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      <FormMessage
        state={state}
        success={
          state?.ok
            ? `We sent a link to ${state.data.sentTo}. Your email changes when you open it; until then, nothing changes.`
            : undefined
        }
      />
      <Field label="New email" errors={failure?.fieldErrors?.email}>
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
      {needsPassword ? (
        <Field label="Your password" errors={failure?.fieldErrors?.password}>
          {(control) => (
            <PasswordInput {...control} name="password" autoComplete="current-password" required />
          )}
        </Field>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Send confirmation link"}
      </Button>
    </form>
  );
}
