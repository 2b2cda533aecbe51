import { ChevronRightIcon, MailIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { EmptyState } from "@/components/empty-state";
import { formatDateTime } from "@/components/format-date";
import { Badge } from "@/components/ui/badge";
import { listOutbox } from "@/lib/mail/dev-outbox";
import { requireDevelopment } from "../require-development";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage() {
  requireDevelopment();
  const messages = await listOutbox();

  return (
    <div className="space-y-6">
      <div>
        <div className="flex items-center gap-2">
          <h1 className="text-2xl font-semibold tracking-tight">Outbox</h1>
          <Badge variant="secondary">Development only</Badge>
        </div>
        <p className="mt-1 text-muted-foreground">
          Mail this server sent while <code className="font-mono text-sm">SMTP_URL</code> is not
          set, newest first. The files are in{" "}
          <code className="font-mono text-sm">.data/outbox</code>; links are also printed in the
          terminal.
        </p>
      </div>

      {messages.length === 0 ? (
        <EmptyState Icon={MailIcon} title="No mail yet">
          When the app sends an email, such as an invitation, it appears here instead of being
          delivered.
        </EmptyState>
      ) : (
        <ul className="divide-y overflow-hidden rounded-xl border bg-card shadow-xs">
          {messages.map((message) => (
            <li
              key={message.id}
              className="relative flex items-center gap-3 px-4 py-3.5 transition-colors focus-within:bg-muted/50 hover:bg-muted/50"
            >
              <div className="min-w-0 flex-1">
                <Link
                  href={`/dev/outbox/${message.id}`}
                  className="block truncate font-medium outline-none before:absolute before:inset-0 focus-visible:underline"
                >
                  {message.subject}
                </Link>
                <p className="truncate text-sm text-muted-foreground">
                  To {message.to} ·{" "}
                  <time dateTime={message.sentAt}>{formatDateTime(new Date(message.sentAt))}</time>
                </p>
              </div>
              <ChevronRightIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
