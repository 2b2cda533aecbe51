import type { Route } from "next";
import Link from "next/link";

import { Field } from "@/components/forms/field";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";

interface AuditFilterFormProps {
  /** The audit log page itself: the form is a GET to it, so it works without JavaScript. */
  action: Route;
  actors: { id: string; label: string }[];
  actions: { value: string; label: string }[];
  /** What the address says, shown back as typed, valid or not. */
  values: { actor: string; action: string; from: string; to: string };
  errors: Partial<Record<"actor" | "action" | "from" | "to", string>>;
}

const asErrors = (message: string | undefined) => (message ? [message] : undefined);

export function AuditFilterForm({ action, actors, actions, values, errors }: AuditFilterFormProps) {
  const filtered = Object.values(values).some(Boolean);
  return (
    <form
      method="get"
      action={action}
      aria-label="Filter the audit log"
      className="grid gap-4 rounded-xl border bg-card p-4 shadow-xs sm:grid-cols-2 lg:grid-cols-4"
    >
      <Field label="Actor" errors={asErrors(errors.actor)}>
        {(control) => (
          <NativeSelect {...control} name="actor" defaultValue={values.actor}>
            <option value="">Anyone</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </NativeSelect>
        )}
      </Field>
      <Field label="Action" errors={asErrors(errors.action)}>
        {(control) => (
          <NativeSelect {...control} name="action" defaultValue={values.action}>
            <option value="">Any action</option>
            {actions.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </NativeSelect>
        )}
      </Field>
      <Field label="From" hint="Whole days, in UTC" errors={asErrors(errors.from)}>
        {(control) => <Input {...control} type="date" name="from" defaultValue={values.from} />}
      </Field>
      <Field label="To" hint="Included" errors={asErrors(errors.to)}>
        {(control) => <Input {...control} type="date" name="to" defaultValue={values.to} />}
      </Field>
      <div className="flex gap-2 sm:col-span-2 lg:col-span-4">
        <Button type="submit">Filter</Button>
        {filtered ? (
          <Link href={action} className={buttonVariants({ variant: "ghost" })}>
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}
