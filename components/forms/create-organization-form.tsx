"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { FormAction } from "@/lib/actions/action-result";
import { Field } from "./field";
import { FormMessage } from "./form-message";
import { SlugInput } from "./slug-input";
import { useFocusOnError } from "./use-focus-on-error";

/** Name and optional URL for a new organization; the action redirects into it. */
export function CreateOrganizationForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useFocusOnError(state);
  const failure = state && !state.ok ? state : null;
  const errors = failure?.fieldErrors ?? {};
  const name = failure?.values?.name ?? "";
  const slug = failure?.values?.slug ?? "";

  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <Field label="Name" errors={errors.name}>
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
      <Field
        label="URL"
        hint="Optional. Lower-case letters, digits and dashes; left empty, it is made from the name."
        errors={errors.slug}
      >
        {(control) => (
          <SlugInput
            {...control}
            key={`slug-${slug}`}
            name="slug"
            defaultValue={slug}
            maxLength={40}
            placeholder="acme-inc"
          />
        )}
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating…" : "Create organization"}
      </Button>
    </form>
  );
}
