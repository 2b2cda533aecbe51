/**
 * Reading what scripts/smtp-capture.ts captured: the JSON files in its directory. Used by the
 * e2e helper (e2e/mail.ts) and by vitest tests; it imports nothing from the app.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** One captured message, as `<id>.json` in the capture directory. */
export interface CapturedMail {
  id: string;
  /** ISO 8601, the capture server's clock. */
  receivedAt: string;
  /** RCPT TO addresses: where the message was really delivered. */
  envelopeTo: string[];
  /** Header addresses. */
  from: string[];
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  /** http(s) links in the text, then any further ones in the HTML (lib/mail/links.ts). */
  links: string[];
}

export interface MailQuery {
  /** A recipient (envelope or To header), compared case-insensitively. */
  to: string;
  /** Exact subject, or a pattern it must match. */
  subject?: string | RegExp;
  /** Only messages received at or after this instant. */
  after?: Date;
}

/** Every captured message, newest first. */
export async function readCapturedMail(dir: string): Promise<CapturedMail[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const files = names
    .filter((n) => n.endsWith(".json"))
    .sort()
    .reverse();
  return Promise.all(
    files.map(async (n) => JSON.parse(await readFile(path.join(dir, n), "utf8")) as CapturedMail),
  );
}

export function matchesQuery(mail: CapturedMail, query: MailQuery): boolean {
  const to = query.to.toLowerCase();
  const recipients = [...mail.envelopeTo, ...mail.to].map((a) => a.toLowerCase());
  if (!recipients.includes(to)) return false;
  if (typeof query.subject === "string" && mail.subject !== query.subject) return false;
  if (query.subject instanceof RegExp && !query.subject.test(mail.subject)) return false;
  if (query.after && new Date(mail.receivedAt) < query.after) return false;
  return true;
}

/** The newest message matching `query`, polling until one arrives or `timeoutMs` passes. */
export async function waitForCapturedMail(
  dir: string,
  query: MailQuery,
  { timeoutMs = 10_000, intervalMs = 100 } = {},
): Promise<CapturedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = await readCapturedMail(dir);
    const match = all.find((mail) => matchesQuery(mail, query));
    if (match) return match;
    if (Date.now() >= deadline) {
      const subjects = all
        .filter((mail) => matchesQuery(mail, { to: query.to }))
        .map((mail) => JSON.stringify(mail.subject));
      throw new Error(
        `No mail to ${query.to}${query.subject ? ` with subject ${String(query.subject)}` : ""} ` +
          `within ${timeoutMs} ms in ${dir} (${all.length} captured; to that address: ` +
          `${subjects.join(", ") || "none"})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
