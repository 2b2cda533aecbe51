"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/action-result";
import { Field } from "./field";
import { FormMessage } from "./form-message";
import { SlugInput } from "./slug-input";
import { useFocusOnError } from "./use-focus-on-error";

/** Changes the org's URL; the action redirects to the new one. */
export function OrganizationSlugForm({ action, slug }: { action: FormAction; slug: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useFocusOnError(state);
  const failure = state && !state.ok ? state : null;
  const value = failure?.values?.slug ?? slug;

  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="org" value={slug} />
      <Field
        label="URL"
        hint="Lower-case letters, digits and single dashes, 3 to 40 characters. Links to the old URL stop working."
        errors={failure?.fieldErrors?.slug}
      >
        {(control) => (
          <SlugInput
            {...control}
            key={`slug-${value}`}
            name="slug"
            defaultValue={value}
            required
            maxLength={40}
          />
        )}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Change URL"}
      </Button>
    </form>
  );
}
