/**
 * A real SMTP server for tests (the `smtp-server` package) that delivers nowhere: every message
 * it accepts is written to `dir` as `<id>.eml` (the raw message) and `<id>.json` (parsed, see
 * CapturedMail). scripts/test.ts runs one for the whole test run; a test can start its own.
 *
 * It listens on 127.0.0.1 only, without STARTTLS, and accepts any sender, recipient and login:
 * it is a test double for a mail provider, never something to expose.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { extractLinks } from "@/lib/mail/links";
import type { CapturedMail } from "./captured-mail";

export interface SmtpCapture {
  /** smtp://127.0.0.1:<port>, ready for SMTP_URL. */
  url: string;
  port: number;
  dir: string;
  stop: () => Promise<void>;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = Array.isArray(field) ? field : field ? [field] : [];
  return objects.flatMap((o) => o.value.flatMap((a) => (a.address ? [a.address] : [])));
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function capture(raw: Buffer, session: SMTPServerSession, dir: string, id: string) {
  const parsed = await simpleParser(raw);
  const text = parsed.text ?? "";
  const html = parsed.html || null;
  const mail: CapturedMail = {
    id,
    receivedAt: new Date().toISOString(),
    envelopeTo: session.envelope.rcptTo.map((r) => r.address),
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    subject: parsed.subject ?? "",
    text,
    html,
    links: extractLinks(text, html),
  };
  const file = path.join(dir, id);
  await writeFile(`${file}.eml`, raw);
  // The JSON appears last and whole (rename), so a poller never reads a partial message.
  await writeFile(`${file}.json.tmp`, JSON.stringify(mail, null, 2));
  await rename(`${file}.json.tmp`, `${file}.json`);
}

export async function startSmtpCapture(options: {
  dir: string;
  port?: number;
}): Promise<SmtpCapture> {
  const { dir } = options;
  await mkdir(dir, { recursive: true });
  let sequence = 0;
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    disableReverseLookup: true,
    maxAllowedUnauthenticatedCommands: false,
    size: 10 * 1024 * 1024,
    closeTimeout: 2_000,
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? "test" }),
    onData: (stream, session, callback) => {
      // Sortable by arrival: time first, then a per-server counter for the same millisecond.
      const id = `${Date.now()}-${String(++sequence).padStart(6, "0")}`;
      readAll(stream)
        .then((raw) => {
          if (stream.sizeExceeded) throw Object.assign(new Error("Too big"), { responseCode: 552 });
          return capture(raw, session, dir, id);
        })
        .then(() => callback(null, `Captured as ${id}`), callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    dir,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
