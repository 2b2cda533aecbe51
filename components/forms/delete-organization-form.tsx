"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { FormAction } from "@/lib/actions/action-result";
import { Field } from "./field";
import { FormMessage } from "./form-message";
import { useFocusOnError } from "./use-focus-on-error";

/**
 * Deleting an organization asks for its URL name to be typed, which the server checks, so a
 * stray click (or a submission without JavaScript) cannot delete it.
 */
export function DeleteOrganizationForm({ action, slug }: { action: FormAction; slug: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useFocusOnError(state);
  const failure = state && !state.ok ? state : null;
  const typed = failure?.values?.confirm ?? "";

  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="org" value={slug} />
      <Field
        label={
          <span>
            Type <span className="font-mono font-semibold select-all">{slug}</span> to confirm
          </span>
        }
        errors={failure?.fieldErrors?.confirm}
      >
        {(control) => (
          <Input
            {...control}
            key={`confirm-${typed}`}
            name="confirm"
            defaultValue={typed}
            required
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            className="font-mono"
          />
        )}
      </Field>
      <Button type="submit" variant="destructive" disabled={pending}>
        {pending ? "Deleting…" : "Delete organization"}
      </Button>
    </form>
  );
}
