import { formatDateTime } from "@/components/format-date";
import type { PlatformAuditRow } from "@/lib/admin/accounts";

const ACTIONS: Record<string, string> = {
  "account.disabled": "disabled",
  "account.enabled": "enabled",
  "sessions.ended": "ended the sessions of",
  "sessions.ended_all": "signed everyone out",
  "platform_admin.granted": "became a platform admin",
};

const count = (value: unknown, word: string) => `${String(value)} ${word}${value === 1 ? "" : "s"}`;

function detail(entry: PlatformAuditRow): string | null {
  const after = entry.after ?? {};
  const ended = count(after.sessionsEnded, "session");
  if (entry.action === "account.disabled") {
    const withdrawn =
      typeof after.invitationsWithdrawn === "number"
        ? `, ${count(after.invitationsWithdrawn, "invitation")} withdrawn`
        : "";
    return `Reason: ${String(after.reason)} · ${ended} ended, ${count(after.keysRevoked, "API key")} revoked${withdrawn}`;
  }
  if (entry.action.startsWith("sessions.")) return `${ended} ended`;
  return null;
}

/** The platform audit log (checklist Z10), newest first. */
export function AuditTrail({ entries }: { entries: PlatformAuditRow[] }) {
  if (entries.length === 0) {
    return <p className="text-sm text-muted-foreground">No admin activity yet.</p>;
  }
  return (
    <ol className="divide-y rounded-xl border bg-card text-sm shadow-xs">
      {entries.map((entry) => {
        const note = detail(entry);
        return (
          <li key={entry.id} className="px-4 py-2.5">
            <p>
              <span className="font-medium">{entry.actorEmail ?? "A deleted account"}</span>{" "}
              {ACTIONS[entry.action] ?? entry.action}
              {entry.targetEmail && entry.targetEmail !== entry.actorEmail
                ? ` ${entry.targetEmail}`
                : ""}
            </p>
            <p className="text-muted-foreground">
              {formatDateTime(entry.createdAt)}
              {note ? ` · ${note}` : ""}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
