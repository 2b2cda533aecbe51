import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { BackLink } from "@/components/back-link";
import { formatDateTime } from "@/components/format-date";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { readFromOutbox } from "@/lib/mail/dev-outbox";
import { extractLinks } from "@/lib/mail/links";
import { requireDevelopment } from "../../require-development";
import { MessageText } from "../message-text";

export const metadata: Metadata = { title: "Outbox message" };

export default async function OutboxMessagePage({ params }: PageProps<"/dev/outbox/[id]">) {
  requireDevelopment();
  // readFromOutbox accepts only well-formed ids, so the URL cannot name another file.
  const message = await readFromOutbox((await params).id);
  if (!message) notFound();
  const links = extractLinks(message.text, message.html);

  return (
    <div className="space-y-6">
      <BackLink href="/dev/outbox">Outbox</BackLink>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight break-words">{message.subject}</h1>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-muted-foreground">From</dt>
          <dd className="break-all">{message.from}</dd>
          <dt className="text-muted-foreground">To</dt>
          <dd className="break-all">{message.to}</dd>
          <dt className="text-muted-foreground">Sent</dt>
          <dd>
            <time dateTime={message.sentAt}>{formatDateTime(new Date(message.sentAt))}</time>
          </dd>
        </dl>
      </div>

      <Card>
        <CardHeader>
          <CardTitle role="heading" aria-level={2} className="text-base">
            Text
          </CardTitle>
        </CardHeader>
        <CardContent>
          <MessageText text={message.text} />
        </CardContent>
      </Card>

      {links.length > 0 ? (
        <Card>
          <CardHeader>
            <CardTitle role="heading" aria-level={2} className="text-base">
              Links
            </CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="space-y-1.5 text-sm">
              {links.map((link) => (
                <li key={link}>
                  <a
                    href={link}
                    className="font-medium break-all text-primary underline underline-offset-4"
                  >
                    {link}
                  </a>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      ) : null}

      {message.html ? (
        <Card>
          <CardHeader>
            <CardTitle role="heading" aria-level={2} className="text-base">
              HTML version
            </CardTitle>
          </CardHeader>
          <CardContent>
            {/* Shown as source: rendering it would run the email's markup inside the app. */}
            <details>
              <summary className="cursor-pointer text-sm text-muted-foreground">Source</summary>
              <pre className="mt-3 overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs">
                {message.html}
              </pre>
            </details>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
