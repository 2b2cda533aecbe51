/**
 * The one way the app sends email (docs/mail.md).
 *
 * - SMTP_URL set (production, tests, or a developer's own server): nodemailer over SMTP,
 *   encrypted except on loopback (smtp-transport.ts).
 * - No SMTP_URL outside production: the dev outbox (.data/outbox, /dev/outbox), with each
 *   link printed on its own console line so a developer can click through.
 * - No SMTP_URL in production: the server does not start (lib/env.ts); this refuses as well.
 *
 * Messages carry tokens (sign-in, invitation, reset links): over SMTP only the message id and
 * the recipient's domain are logged, never the body, links or full address. Invalid input
 * (a line break in `to` or `subject`, not exactly one address) throws before anything is sent.
 */
import "server-only";
import type { Transporter } from "nodemailer";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { saveToOutbox } from "./dev-outbox";
import { extractLinks } from "./links";
import { parseMailMessage, recipientDomain, type MailMessage } from "./mail-message";
import { createSmtpTransport } from "./smtp-transport";

let transport: { url: string; transporter: Transporter } | null = null;

function smtpTransporter(url: string): Transporter {
  if (transport?.url !== url) transport = { url, transporter: createSmtpTransport(url) };
  return transport.transporter;
}

async function sendOverSmtp(url: string, from: string, message: MailMessage): Promise<void> {
  const domain = recipientDomain(message.to);
  try {
    const info = await smtpTransporter(url).sendMail({ ...message, from });
    log("info", "mail.sent", { messageId: info.messageId, recipientDomain: domain });
  } catch (error) {
    // nodemailer's messages can quote the full address back from the server: keep the codes.
    const { code, responseCode } = error as { code?: string; responseCode?: number };
    log("error", "mail.failed", { recipientDomain: domain, code, responseCode });
    const reason = [code ?? "unknown", responseCode].filter(Boolean).join(" ");
    throw new Error(`Mail delivery failed (${reason})`, { cause: error });
  }
}

async function keepInOutbox(from: string, message: MailMessage): Promise<void> {
  const stored = await saveToOutbox({ ...message, from });
  log("info", "mail.outbox", { id: stored.id, to: stored.to, subject: stored.subject });
  // Plain lines, not JSON, so terminals make them clickable. The pattern stops at whitespace
  // and control characters, so a link cannot start a forged log line.
  console.log(`[mail] view: ${env().APP_URL}/dev/outbox/${stored.id}`);
  for (const link of extractLinks(stored.text, stored.html)) console.log(`[mail] link: ${link}`);
}

export async function sendMail(message: {
  to: string;
  subject: string;
  text: string;
  html?: string;
}): Promise<void> {
  const safe = parseMailMessage(message);
  const { SMTP_URL, MAIL_FROM, NODE_ENV } = env();
  if (SMTP_URL) return sendOverSmtp(SMTP_URL, MAIL_FROM, safe);
  if (NODE_ENV === "production") throw new Error("SMTP_URL is not set: cannot send mail.");
  return keepInOutbox(MAIL_FROM, safe);
}
