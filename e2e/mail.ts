/**
 * Mail in e2e tests. `npm test` runs a real SMTP server (scripts/smtp-capture.ts), gives the
 * app its address as SMTP_URL, and tells tests where it writes messages (MAIL_CAPTURE_DIR).
 *
 *   const since = new Date();
 *   await page.getByRole("button", { name: "Send invitation" }).click();
 *   const mail = await waitForMail({ to: invitee.email, subject: /invited/, after: since });
 *   await page.goto(mail.links[0]!);
 */
import { waitForCapturedMail, type MailQuery } from "../scripts/captured-mail";

export interface ReceivedMail {
  /** The To header's address (sendMail always sends to exactly one). */
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** http(s) links, text part first, in order of appearance. */
  links: string[];
}

export function mailCaptureDir(): string {
  const dir = process.env.MAIL_CAPTURE_DIR;
  if (!dir) throw new Error("MAIL_CAPTURE_DIR is not set: run the e2e suite through `npm test`.");
  return dir;
}

/** The newest message to `to` (and matching `subject`, received at or after `after`). */
export async function waitForMail(
  query: MailQuery & { timeoutMs?: number },
): Promise<ReceivedMail> {
  const { timeoutMs, ...match } = query;
  const mail = await waitForCapturedMail(mailCaptureDir(), match, { timeoutMs });
  const to = mail.to[0] ?? mail.envelopeTo[0] ?? "";
  return { to, subject: mail.subject, text: mail.text, html: mail.html, links: mail.links };
}
