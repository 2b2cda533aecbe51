import { ChevronRightIcon } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";

export interface RoleListItem {
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
  permissionCount: number;
  members: number;
}

function plural(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

/** The org's roles, each row linking to the role's page. */
export function RoleList({ org, roles }: { org: string; roles: RoleListItem[] }) {
  return (
    <ul aria-label="Roles" className="divide-y overflow-hidden rounded-xl border bg-card shadow-xs">
      {roles.map((role) => (
        <li
          key={role.id}
          className="relative flex items-center gap-4 px-4 py-4 transition-colors focus-within:bg-muted/50 hover:bg-muted/50 sm:px-5"
        >
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-2">
              {/* The link's ::before covers the row; its accessible name stays the role's name. */}
              <Link
                href={`/o/${org}/settings/roles/${role.id}`}
                className="font-medium break-words outline-none before:absolute before:inset-0 focus-visible:underline"
              >
                {role.name}
              </Link>
              {role.builtIn ? <Badge variant="secondary">Built-in</Badge> : null}
            </div>
            {role.description ? (
              <p className="mt-1 line-clamp-2 text-sm break-words text-muted-foreground">
                {role.description}
              </p>
            ) : null}
            <p className="mt-2 text-xs text-muted-foreground">
              {plural(role.permissionCount, "permission", "permissions")} ·{" "}
              {plural(role.members, "member", "members")}
            </p>
          </div>
          <ChevronRightIcon
            className="hidden size-4 shrink-0 text-muted-foreground sm:block"
            aria-hidden
          />
        </li>
      ))}
    </ul>
  );
}
