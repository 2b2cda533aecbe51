"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import type { FormAction } from "@/lib/actions/action-result";
import { DEFAULT_EXPIRY, EXPIRY_CHOICES } from "@/lib/api-keys/api-key-fields";
import type { Permission } from "@/lib/authz/permissions";
import { tickedPermissions } from "@/lib/roles/role-fields";
import { Field } from "./field";
import { FormMessage } from "./form-message";
import { NewApiKeyPanel } from "./new-api-key-panel";
import { PasswordInput } from "./password-input";
import { PermissionCheckboxes } from "./permission-checkboxes";
import { useFocusOnError } from "./use-focus-on-error";

interface Props {
  action: FormAction<{ key: string; name: string; displayPrefix: string }>;
  org: string;
  /** The creator's own permissions: the only scopes offered (the action checks again). */
  grantable: Permission[];
  /** Whether the account has a password to re-enter (else a recent sign-in suffices). */
  needsPassword: boolean;
}

/**
 * Name, expiry and scopes for a new key; on success the key is shown once above a fresh form.
 * Works without JavaScript.
 */
export function CreateApiKeyForm({ action, org, grantable, needsPassword }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const formRef = useFocusOnError(state);
  const failure = state && !state.ok ? state : null;
  const created = state?.ok && state.data.key !== dismissed ? state.data : null;
  const errors = failure?.fieldErrors ?? {};

  return (
    <div className="space-y-6">
      {created ? (
        <NewApiKeyPanel
          apiKey={created.key}
          name={created.name}
          onDone={() => setDismissed(created.key)}
        />
      ) : null}
      <form
        key={state?.ok ? state.data.displayPrefix : "form"}
        ref={formRef}
        action={formAction}
        className="space-y-6"
        noValidate
      >
        <FormMessage state={failure} />
        <input type="hidden" name="org" value={org} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Name" hint="Where the key is used, e.g. “CI deploys”." errors={errors.name}>
            {(control) => (
              <Input
                {...control}
                name="name"
                defaultValue={failure?.values?.name ?? ""}
                maxLength={60}
                autoComplete="off"
                required
              />
            )}
          </Field>
          <Field label="Expires" errors={errors.expiry}>
            {(control) => (
              <NativeSelect
                {...control}
                key={`expiry-${failure?.values?.expiry ?? DEFAULT_EXPIRY}`}
                name="expiry"
                defaultValue={failure?.values?.expiry ?? DEFAULT_EXPIRY}
              >
                {Object.entries(EXPIRY_CHOICES).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </NativeSelect>
            )}
          </Field>
        </div>
        <Field
          label="Expiry date"
          hint="The key works until the end of this day (UTC). Used when Expires is “On a date…”."
          errors={errors.expiresOn}
          // Shown while "On a date…" is selected, by CSS alone (works without JavaScript).
          className={
            errors.expiresOn ? undefined : "hidden [form:has(option[value=date]:checked)_&]:block"
          }
        >
          {(control) => (
            <Input
              {...control}
              type="date"
              name="expiresOn"
              defaultValue={failure?.values?.expiresOn ?? ""}
              className="sm:max-w-48"
            />
          )}
        </Field>
        <PermissionCheckboxes
          legend="Scopes"
          intro="The key can do what is ticked, and never more than you can: if your role loses a permission, your keys lose it too."
          checked={failure ? tickedPermissions(failure.values) : []}
          grantable={grantable}
          errors={errors.permissions}
        />
        {needsPassword ? (
          <Field
            label="Your password"
            hint="A key keeps working after you sign out, so confirm it is you."
            errors={errors.password}
            className="sm:max-w-sm"
          >
            {(control) => (
              <PasswordInput
                {...control}
                name="password"
                autoComplete="current-password"
                required
              />
            )}
          </Field>
        ) : null}
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create key"}
        </Button>
      </form>
    </div>
  );
}
