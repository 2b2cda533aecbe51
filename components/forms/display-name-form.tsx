"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { FormAction } from "@/lib/actions/action-result";
import { Field } from "./field";
import { FormMessage } from "./form-message";
import { useFocusOnError } from "./use-focus-on-error";

export function DisplayNameForm<T>({
  action,
  displayName,
}: {
  action: FormAction<T>;
  displayName: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useFocusOnError(state);
  const failure = state && !state.ok ? state : null;
  const value = failure?.values?.displayName ?? displayName;

  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} success="Your name was saved." />
      <Field
        label="Display name"
        hint="Shown to the members of your organizations. Leave it empty to show your email."
        errors={failure?.fieldErrors?.displayName}
      >
        {(control) => (
          <Input
            {...control}
            key={`name-${value}`}
            name="displayName"
            defaultValue={value}
            maxLength={80}
            autoComplete="name"
          />
        )}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save name"}
      </Button>
    </form>
  );
}
