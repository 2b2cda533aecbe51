"use client";

import { useActionState } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { FormAction } from "@/lib/actions/action-result";
import { Field } from "./field";
import { FormMessage } from "./form-message";
import { ProviderMark, type OAuthButtonProvider } from "./oauth-buttons";
import { PasswordInput } from "./password-input";
import { useFocusOnError } from "./use-focus-on-error";

/**
 * "Connect GitHub": a connected provider logs in without the password, so the server asks
 * for it first (or for a recent sign-in, without one). With a password, a native <details>
 * disclosure (no JavaScript needed) opens the password field; a failure keeps it open.
 */
export function ConnectProviderForm({
  action,
  provider,
  needsPassword,
}: {
  action: FormAction;
  provider: OAuthButtonProvider;
  needsPassword: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useFocusOnError(state);
  const failure = state && !state.ok ? state : null;
  const label = `Connect ${provider.name}`;

  const form = (
    <form
      ref={formRef}
      action={formAction}
      noValidate
      className={cn(
        needsPassword
          ? "mt-2 w-72 max-w-full space-y-4 rounded-lg border p-3"
          : "flex max-w-sm flex-col items-end gap-2",
      )}
    >
      <FormMessage state={state} />
      <input type="hidden" name="provider" value={provider.id} />
      {needsPassword ? (
        <Field label="Your password" errors={failure?.fieldErrors?.password}>
          {(control) => (
            <PasswordInput {...control} name="password" autoComplete="current-password" required />
          )}
        </Field>
      ) : null}
      <Button type="submit" variant="outline" size="sm" disabled={pending}>
        <ProviderMark id={provider.id} />
        {pending ? "Connecting…" : needsPassword ? `Continue to ${provider.name}` : label}
      </Button>
    </form>
  );
  if (!needsPassword) return form;
  return (
    <details className="group" open={failure !== null || undefined}>
      <summary
        className={cn(
          buttonVariants({ variant: "outline", size: "sm" }),
          "ml-auto w-fit list-none [&::-webkit-details-marker]:hidden",
        )}
      >
        <ProviderMark id={provider.id} />
        {label}
      </summary>
      {form}
    </details>
  );
}
