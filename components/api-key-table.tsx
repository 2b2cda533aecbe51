import type { ReactNode } from "react";
import { formatDate, formatDateTime } from "@/components/format-date";
import { Badge } from "@/components/ui/badge";
import type { ApiKeyStatus, ApiKeyView } from "@/lib/api-keys/queries";

const STATUS: Record<ApiKeyStatus, { label: string; hint?: string }> = {
  active: { label: "Active" },
  expired: { label: "Expired" },
  revoked: { label: "Revoked" },
  creator_left: {
    label: "Inactive",
    hint: "Its creator is no longer a member, so it acts as nobody.",
  },
};

const th = "px-3 py-2 text-left font-medium whitespace-nowrap text-muted-foreground";
const td = "px-3 py-2.5 align-top";
const quiet = "mt-0.5 text-xs text-muted-foreground";

/**
 * The org's keys: what each is called and can do, who made it, when it was last used and from
 * where, and whether it still works. Never the key itself: only its prefix exists here.
 */
export function ApiKeyTable({
  keys,
  revoke,
}: {
  keys: ApiKeyView[];
  /** The revoke control for a live key, when the member may manage keys. */
  revoke?: (key: ApiKeyView) => ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-xl border bg-card shadow-xs">
      <table className="w-full text-sm">
        <caption className="sr-only">API keys, newest first</caption>
        <thead className="border-b bg-muted/40">
          <tr>
            <th scope="col" className={th}>
              Key
            </th>
            <th scope="col" className={th}>
              Scopes
            </th>
            <th scope="col" className={th}>
              Created
            </th>
            <th scope="col" className={th}>
              Last used
            </th>
            <th scope="col" className={th}>
              Status
            </th>
            {revoke ? (
              <th scope="col" className={th}>
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y">
          {keys.map((key) => (
            <tr key={key.id} data-testid="api-key-row">
              <td className={`${td} min-w-40`}>
                <div className="font-medium break-words">{key.name}</div>
                <code className={`${quiet} block`}>{key.displayPrefix}…</code>
              </td>
              <td className={`${td} min-w-44`}>
                <ul className="flex flex-wrap gap-1" aria-label={`Scopes of ${key.name}`}>
                  {key.scopes.map((scope) => (
                    <li key={scope}>
                      <Badge variant="outline" className="font-mono">
                        {scope}
                      </Badge>
                    </li>
                  ))}
                </ul>
              </td>
              <td className={`${td} whitespace-nowrap`}>
                {formatDate(key.createdAt)}
                <div className={quiet}>
                  {key.creatorEmail ? `by ${key.creatorEmail}` : "by a former member"}
                </div>
              </td>
              <td className={`${td} whitespace-nowrap`}>
                {key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "Never"}
                {key.lastUsedAt ? (
                  <div className={quiet}>{key.lastUsedIp ?? "IP not known"}</div>
                ) : null}
              </td>
              <td className={`${td} whitespace-nowrap`}>
                <Badge
                  variant={key.status === "active" ? "default" : "secondary"}
                  title={STATUS[key.status].hint}
                >
                  {STATUS[key.status].label}
                </Badge>
                <div className={quiet}>
                  {key.revokedAt
                    ? `Revoked ${formatDate(key.revokedAt)}`
                    : key.expiresAt
                      ? `${key.status === "expired" ? "Expired" : "Expires"} ${formatDate(key.expiresAt)}`
                      : "Never expires"}
                </div>
              </td>
              {revoke ? (
                <td className={`${td} text-right`}>
                  {key.status === "revoked" ? null : revoke(key)}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
