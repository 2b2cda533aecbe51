import { Checkbox } from "@/components/ui/checkbox";
import type { Permission } from "@/lib/authz/permissions";
import { permissionField } from "@/lib/roles/role-fields";
import { permissionGroups } from "@/lib/roles/permission-groups";
import { FieldErrors } from "./field-errors";

interface PermissionCheckboxesProps {
  /** Ticked when the form is shown. */
  checked: readonly string[];
  /** What the actor holds; every other box is disabled (display only, the action checks). */
  grantable: readonly Permission[];
  errors?: string[];
  /** The fieldset's legend and the sentence under it (a role's permissions by default). */
  legend?: string;
  intro?: string;
}

/** The catalogue as checkboxes grouped by resource, each with its human description. */
export function PermissionCheckboxes({
  checked,
  grantable,
  errors,
  legend = "Permissions",
  intro = "Members with this role can do exactly what is ticked. You can only grant permissions your own role has.",
}: PermissionCheckboxesProps) {
  return (
    <fieldset aria-describedby={errors?.length ? "permissions-errors" : undefined}>
      <legend className="text-sm font-medium">{legend}</legend>
      <p className="mt-1.5 text-sm text-muted-foreground">{intro}</p>
      <FieldErrors id="permissions-errors" errors={errors} />
      <div className="mt-4 grid gap-4 sm:grid-cols-2">
        {permissionGroups().map((group) => (
          <fieldset key={group.resource} className="rounded-lg border p-4">
            <legend className="px-1 text-sm font-semibold">{group.label}</legend>
            <ul className="space-y-3">
              {group.permissions.map(({ permission, description }) => {
                const id = `permission-${permission.replace(":", "-")}`;
                const allowed = grantable.includes(permission);
                return (
                  <li key={permission} className="flex gap-3">
                    <span className="pt-0.5">
                      <Checkbox
                        key={String(checked.includes(permission))}
                        id={id}
                        name={permissionField(permission)}
                        defaultChecked={checked.includes(permission)}
                        disabled={!allowed}
                        aria-describedby={allowed ? undefined : `${id}-hint`}
                      />
                    </span>
                    <span className="min-w-0">
                      <label
                        htmlFor={id}
                        className={allowed ? "cursor-pointer text-sm" : "text-sm opacity-60"}
                      >
                        {description}
                      </label>
                      <span className="block font-mono text-xs text-muted-foreground">
                        {permission}
                      </span>
                      {allowed ? null : (
                        <span id={`${id}-hint`} className="block text-xs text-muted-foreground">
                          Your role doesn&apos;t have this, so you can&apos;t grant it.
                        </span>
                      )}
                    </span>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        ))}
      </div>
    </fieldset>
  );
}
