"use client";

import type { Route } from "next";
import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { FormAction } from "@/lib/actions/action-result";
import { Field } from "./field";
import { FormMessage } from "./form-message";
import { useFocusOnError } from "./use-focus-on-error";

interface ProjectFormProps<T> {
  action: FormAction<T>;
  /** The org's slug: the action checks membership against it on every call. */
  org: string;
  /** The project being edited; absent when creating one. */
  project?: { id: string; name: string; description: string };
  submitLabel: string;
  pendingLabel: string;
  cancelHref?: Route;
  success?: string;
}

/**
 * Create or edit a project. Works without JavaScript; with it, shows pending state. On an
 * error the fields keep what was typed (React resets a form after its action, so each field
 * is keyed on its value to take the kept value as its new default).
 */
export function ProjectForm<T>({
  action,
  org,
  project,
  submitLabel,
  pendingLabel,
  cancelHref,
  success,
}: ProjectFormProps<T>) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useFocusOnError(state);
  const failure = state && !state.ok ? state : null;
  const errors = failure?.fieldErrors ?? {};
  const name = failure?.values?.name ?? project?.name ?? "";
  const description = failure?.values?.description ?? project?.description ?? "";

  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} success={success} />
      <input type="hidden" name="org" value={org} />
      {project ? <input type="hidden" name="id" value={project.id} /> : null}
      <Field label="Name" errors={errors.name}>
        {(control) => (
          <Input
            {...control}
            key={`name-${name}`}
            name="name"
            defaultValue={name}
            required
            maxLength={80}
            autoComplete="off"
          />
        )}
      </Field>
      <Field
        label="Description"
        hint="Optional. What the project is for, in up to 2,000 characters."
        errors={errors.description}
      >
        {(control) => (
          <Textarea
            {...control}
            key={`description-${description}`}
            name="description"
            defaultValue={description}
            maxLength={2000}
            rows={5}
          />
        )}
      </Field>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </Button>
        {cancelHref ? (
          <Button asChild variant="ghost">
            <Link href={cancelHref}>Cancel</Link>
          </Button>
        ) : null}
      </div>
    </form>
  );
}
