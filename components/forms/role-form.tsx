"use client";

import type { Route } from "next";
import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { FormAction } from "@/lib/actions/action-result";
import type { Permission } from "@/lib/authz/permissions";
import { tickedPermissions } from "@/lib/roles/role-fields";
import { Field } from "./field";
import { FormMessage } from "./form-message";
import { PermissionCheckboxes } from "./permission-checkboxes";
import { useFocusOnError } from "./use-focus-on-error";

interface RoleFormProps<T> {
  action: FormAction<T>;
  /** The org's slug: the action checks membership against it on every call. */
  org: string;
  /** The custom role being edited; absent when creating one. */
  role?: { id: string; name: string; description: string; permissions: Permission[] };
  /** The actor's own permissions: the only ones the form offers. */
  grantable: Permission[];
  submitLabel: string;
  pendingLabel: string;
  cancelHref?: Route;
  success?: string;
}

/**
 * Create or edit a custom role: name, description and permission checkboxes. Works without
 * JavaScript; on an error every field, ticks included, keeps what was submitted.
 */
export function RoleForm<T>(props: RoleFormProps<T>) {
  const { action, org, role, grantable, submitLabel, pendingLabel, cancelHref, success } = props;
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useFocusOnError(state);
  const failure = state && !state.ok ? state : null;
  const errors = failure?.fieldErrors ?? {};
  const name = failure?.values?.name ?? role?.name ?? "";
  const description = failure?.values?.description ?? role?.description ?? "";
  const checked = failure ? tickedPermissions(failure.values) : (role?.permissions ?? []);

  return (
    <form ref={formRef} action={formAction} className="space-y-6" noValidate>
      <FormMessage state={state} success={success} />
      <input type="hidden" name="org" value={org} />
      {role ? <input type="hidden" name="id" value={role.id} /> : null}
      <Field
        label="Name"
        hint="Up to 50 characters, unique in this organization."
        errors={errors.name}
      >
        {(control) => (
          <Input
            {...control}
            key={`name-${name}`}
            name="name"
            defaultValue={name}
            required
            maxLength={50}
            autoComplete="off"
          />
        )}
      </Field>
      <Field
        label="Description"
        hint="Optional. Who the role is for, in up to 200 characters."
        errors={errors.description}
      >
        {(control) => (
          <Textarea
            {...control}
            key={`description-${description}`}
            name="description"
            defaultValue={description}
            maxLength={200}
            rows={2}
            className="min-h-16"
          />
        )}
      </Field>
      <PermissionCheckboxes checked={checked} grantable={grantable} errors={errors.permissions} />
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
