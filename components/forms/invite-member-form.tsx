"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import type { FormAction } from "@/lib/actions/action-result";
import { Field } from "./field";
import { FormMessage } from "./form-message";
import { useFocusOnError } from "./use-focus-on-error";

interface Props {
  action: FormAction<{ invited: string }>;
  org: string;
  roles: { id: string; name: string }[];
  defaultRoleId?: string;
}

export function InviteMemberForm({ action, org, roles, defaultRoleId }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useFocusOnError(state);
  const failure = state && !state.ok ? state : null;
  // After a success the form starts empty again; after a failure it keeps what was typed.
  const key = state?.ok ? `sent-${state.data.invited}` : "form";

  return (
    <form
      key={key}
      ref={formRef}
      action={formAction}
      className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start"
      noValidate
    >
      <div className="sm:col-span-3">
        <FormMessage
          state={state}
          success={state?.ok ? `Invitation sent to ${state.data.invited}.` : undefined}
        />
      </div>
      <input type="hidden" name="org" value={org} />
      <Field label="Email" errors={failure?.fieldErrors?.email}>
        {(control) => (
          <Input
            {...control}
            name="email"
            type="email"
            autoComplete="off"
            defaultValue={failure?.values?.email ?? ""}
            required
          />
        )}
      </Field>
      <Field label="Role" errors={failure?.fieldErrors?.roleId}>
        {(control) => (
          <NativeSelect
            {...control}
            key={`role-${failure?.values?.roleId ?? defaultRoleId}`}
            name="roleId"
            defaultValue={failure?.values?.roleId ?? defaultRoleId}
          >
            {roles.map((role) => (
              <option key={role.id} value={role.id}>
                {role.name}
              </option>
            ))}
          </NativeSelect>
        )}
      </Field>
      <Button type="submit" disabled={pending} className="sm:mt-[1.375rem]">
        {pending ? "Sending…" : "Send invitation"}
      </Button>
    </form>
  );
}
