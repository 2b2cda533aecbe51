"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { FormAction } from "@/lib/actions/action-result";
import { Field } from "./field";
import { FormMessage } from "./form-message";
import { useFocusOnError } from "./use-focus-on-error";

interface Props<T> {
  action: FormAction<T>;
  org: { slug: string; name: string };
}

export function RenameOrganizationForm<T>({ action, org }: Props<T>) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useFocusOnError(state);
  const failure = state && !state.ok ? state : null;
  const name = failure?.values?.name ?? org.name;

  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} success="The organization was renamed." />
      <input type="hidden" name="org" value={org.slug} />
      <Field label="Organization name" errors={failure?.fieldErrors?.name}>
        {(control) => (
          <Input
            {...control}
            key={`name-${name}`}
            name="name"
            defaultValue={name}
            required
            maxLength={80}
            autoComplete="organization"
          />
        )}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save name"}
      </Button>
    </form>
  );
}
