import { AUDIT_ACTIONS, isAuditAction } from "@/lib/audit/audit-actions";
import { describeMetadata } from "@/lib/audit/describe-metadata";
import type { AuditEntryView } from "@/lib/audit/queries";
import { userAgentFamily } from "@/lib/audit/user-agent-family";

// Seconds matter in an audit log; UTC like the date filter.
const time = new Intl.DateTimeFormat("en", {
  dateStyle: "medium",
  timeStyle: "medium",
  hourCycle: "h23",
  timeZone: "UTC",
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Actor({ actor }: { actor: AuditEntryView["actor"] }) {
  if (actor.kind === "member") return <span>{actor.label}</span>;
  return (
    <span className="text-muted-foreground italic">
      {actor.kind === "former" ? "Former member" : "Deleted user"}
    </span>
  );
}

const TARGET_LABELS: Record<string, string> = { api_key: "API key" };

function Target({ type, id }: { type: string | null; id: string | null }) {
  if (!type && !id) return null;
  // Ids are long and rarely read; the start tells entries apart, the title has the rest.
  const shown = id && UUID.test(id) ? `${id.slice(0, 8)}…` : id;
  return (
    <span className="whitespace-nowrap">
      {type ? (TARGET_LABELS[type] ?? `${type.charAt(0).toUpperCase()}${type.slice(1)}`) : null}{" "}
      {shown ? <code title={id ?? undefined}>{shown}</code> : null}
    </span>
  );
}

const th = "px-3 py-2 text-left font-medium whitespace-nowrap text-muted-foreground";
const td = "px-3 py-2.5 align-top";
const dash = <span className="text-muted-foreground">—</span>;

/**
 * Four columns, each with a second, quieter line, so the table fits beside the settings nav:
 * time; actor with where they were (IP, browser family); action with its target; details.
 */
export function AuditTable({ entries }: { entries: AuditEntryView[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border bg-card shadow-xs">
      <table className="w-full text-sm">
        <caption className="sr-only">Audit log entries, newest first</caption>
        <thead className="border-b bg-muted/40">
          <tr>
            <th scope="col" className={th}>
              Time (UTC)
            </th>
            <th scope="col" className={th}>
              Actor
            </th>
            <th scope="col" className={th}>
              Action
            </th>
            <th scope="col" className={th}>
              Details
            </th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {entries.map((entry) => {
            const details = describeMetadata(entry.metadata);
            return (
              <tr key={entry.id}>
                <td className={`${td} whitespace-nowrap tabular-nums`}>
                  <time dateTime={entry.createdAt.toISOString()}>
                    {time.format(entry.createdAt)}
                  </time>
                </td>
                <td className={`${td} min-w-40`}>
                  <div className="break-words">
                    <Actor actor={entry.actor} />
                  </div>
                  <div className="mt-0.5 text-xs text-muted-foreground">
                    <span className="font-mono">{entry.ip ?? "no IP"}</span>
                    {" · "}
                    <span title={entry.userAgent ?? undefined}>
                      {userAgentFamily(entry.userAgent) ?? "unknown browser"}
                    </span>
                  </div>
                </td>
                <td className={td}>
                  <div className="whitespace-nowrap">
                    {isAuditAction(entry.action) ? AUDIT_ACTIONS[entry.action] : entry.action}
                  </div>
                  <div className="mt-0.5 text-xs text-muted-foreground">
                    <Target type={entry.targetType} id={entry.targetId} />
                  </div>
                </td>
                <td className={`${td} min-w-48 text-xs`}>
                  {details.length === 0 ? (
                    dash
                  ) : (
                    <ul className="space-y-0.5 break-words">
                      {details.map((line, i) => (
                        <li key={i}>{line}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
