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
  if (actor.kind === "member") return <span className="break-all">{actor.label}</span>;
  return (
    <span className="text-muted-foreground italic">
      {actor.kind === "former" ? "Former member" : "Deleted user"}
    </span>
  );
}

function Target({ type, id }: { type: string | null; id: string | null }) {
  if (!type && !id) return <span className="text-muted-foreground">—</span>;
  // Ids are long and rarely read; the start tells entries apart, the title has the rest.
  const shown = id && UUID.test(id) ? `${id.slice(0, 8)}…` : id;
  return (
    <span className="whitespace-nowrap">
      {type ? `${type.charAt(0).toUpperCase()}${type.slice(1)}` : null}{" "}
      {shown ? (
        <code title={id ?? undefined} className="text-xs text-muted-foreground">
          {shown}
        </code>
      ) : null}
    </span>
  );
}

const th = "px-3 py-2 text-left font-medium whitespace-nowrap text-muted-foreground";
const td = "px-3 py-2.5 align-top";

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
              Target
            </th>
            <th scope="col" className={th}>
              Details
            </th>
            <th scope="col" className={th}>
              IP
            </th>
            <th scope="col" className={th}>
              Browser
            </th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {entries.map((entry) => {
            const details = describeMetadata(entry.metadata);
            const browser = userAgentFamily(entry.userAgent);
            return (
              <tr key={entry.id}>
                <td className={`${td} whitespace-nowrap tabular-nums`}>
                  <time dateTime={entry.createdAt.toISOString()}>
                    {time.format(entry.createdAt)}
                  </time>
                </td>
                <td className={`${td} max-w-56`}>
                  <Actor actor={entry.actor} />
                </td>
                <td className={`${td} whitespace-nowrap`}>
                  {isAuditAction(entry.action) ? AUDIT_ACTIONS[entry.action] : entry.action}
                </td>
                <td className={td}>
                  <Target type={entry.targetType} id={entry.targetId} />
                </td>
                <td className={`${td} max-w-72 text-xs`}>
                  {details.length === 0 ? (
                    <span className="text-muted-foreground">—</span>
                  ) : (
                    <ul className="space-y-0.5 break-words">
                      {details.map((line, i) => (
                        <li key={i}>{line}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className={`${td} font-mono text-xs whitespace-nowrap`}>
                  {entry.ip ?? <span className="text-muted-foreground">—</span>}
                </td>
                <td className={`${td} whitespace-nowrap`} title={entry.userAgent ?? undefined}>
                  {browser ?? <span className="text-muted-foreground">—</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
