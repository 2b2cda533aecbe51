import { CheckIcon, MinusIcon } from "lucide-react";
import type { Permission } from "@/lib/authz/permissions";
import { permissionGroups } from "@/lib/roles/permission-groups";

/** A role's permissions, read-only: the whole catalogue by resource, each held or not. */
export function RolePermissions({ permissions }: { permissions: readonly Permission[] }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {permissionGroups().map((group) => (
        <section key={group.resource} className="rounded-lg border p-4">
          <h3 className="text-sm font-semibold">{group.label}</h3>
          <ul className="mt-3 space-y-3">
            {group.permissions.map(({ permission, description }) => {
              const held = permissions.includes(permission);
              const Icon = held ? CheckIcon : MinusIcon;
              return (
                <li key={permission} className="flex gap-3 text-sm">
                  <Icon
                    className={
                      held
                        ? "mt-0.5 size-4 shrink-0 text-success"
                        : "mt-0.5 size-4 shrink-0 text-muted-foreground"
                    }
                    aria-hidden
                  />
                  <span className={held ? "min-w-0" : "min-w-0 text-muted-foreground"}>
                    <span className="sr-only">{held ? "Granted: " : "Not granted: "}</span>
                    {description}
                    <span className="block font-mono text-xs text-muted-foreground">
                      {permission}
                    </span>
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
