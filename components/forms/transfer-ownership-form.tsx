"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import type { FormAction } from "@/lib/actions/action-result";
import { Field } from "./field";
import { FormMessage } from "./form-message";
import { PasswordInput } from "./password-input";
import { useFocusOnError } from "./use-focus-on-error";

interface Props {
  action: FormAction;
  org: string;
  candidates: { userId: string; label: string }[];
}

/** Ownership transfer: pick a member, re-enter your password (step-up), confirm. */
export function TransferOwnershipForm({ action, org, candidates }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useFocusOnError(state);
  const failure = state && !state.ok ? state : null;

  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="org" value={org} />
      <Field label="New owner" errors={failure?.fieldErrors?.userId}>
        {(control) => (
          <NativeSelect
            // Keyed on the kept value: React resets a form after its action, and a select only
            // takes a new defaultValue when it mounts. The key comes before the spread: after
            // it, JSX compiles to createElement, and React checks the placeholder <option> and
            // the mapped ones as one list that lacks keys (a console error on every render).
            key={`user-${failure?.values?.userId ?? ""}`}
            {...control}
            name="userId"
            defaultValue={failure?.values?.userId ?? ""}
          >
            <option value="" disabled>
              Choose a member…
            </option>
            {candidates.map((c) => (
              <option key={c.userId} value={c.userId}>
                {c.label}
              </option>
            ))}
          </NativeSelect>
        )}
      </Field>
      <Field label="Your password" errors={failure?.fieldErrors?.password}>
        {(control) => (
          <PasswordInput {...control} name="password" autoComplete="current-password" required />
        )}
      </Field>
      <Button type="submit" variant="destructive" disabled={pending}>
        {pending ? "Transferring…" : "Transfer ownership"}
      </Button>
    </form>
  );
}
