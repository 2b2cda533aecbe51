"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import type { FormAction } from "@/lib/actions/action-result";

interface Props {
  action: FormAction<{ saved: true }>;
  org: string;
  member: { userId: string; email: string; roleId: string };
  roles: { id: string; name: string }[];
}

/** A member's role: a select and a save button, so it works without JavaScript too. */
export function MemberRoleForm({ action, org, member, roles }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const failure = state && !state.ok ? state : null;
  const error = failure?.formError ?? failure?.fieldErrors?.roleId?.[0];
  const errorId = `role-error-${member.userId}`;

  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="userId" value={member.userId} />
      <NativeSelect
        key={`role-${failure?.values?.roleId ?? member.roleId}`}
        name="roleId"
        defaultValue={failure?.values?.roleId ?? member.roleId}
        aria-label={`Role of ${member.email}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className="w-40"
      >
        {roles.map((role) => (
          <option key={role.id} value={role.id}>
            {role.name}
          </option>
        ))}
      </NativeSelect>
      <Button type="submit" variant="outline" size="sm" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
      <p aria-live="polite" className="w-full text-xs" id={errorId}>
        {error ? (
          <span className="text-destructive">{error}</span>
        ) : state?.ok ? (
          <span className="text-muted-foreground">Role saved.</span>
        ) : null}
      </p>
    </form>
  );
}
