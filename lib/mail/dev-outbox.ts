/**
 * Development only: with no SMTP_URL, sent messages are kept as JSON files in .data/outbox
 * (git-ignored) and shown at /dev/outbox. Their links carry live tokens, so the files are
 * readable by their owner only, and nothing here runs in production (sendMail refuses first).
 * The `turbopackIgnore` comments keep the folder out of the build's file tracing, which cannot
 * tell where a runtime path leads and would otherwise ship the whole project with the server.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { now } from "@/lib/clock";
import type { MailMessage } from "./mail-message";

export interface OutboxMessage extends MailMessage {
  id: string;
  from: string;
  /** ISO 8601 */
  sentAt: string;
}

// Time-ordered ids: sorting file names sorts messages, and a URL segment can't escape the folder.
const ID = /^\d{8}T\d{9}Z-[0-9a-f]{8}$/;

export function isOutboxId(value: string): boolean {
  return ID.test(value);
}

export function defaultOutboxDir(): string {
  return path.join(process.cwd(), ".data", "outbox");
}

function newId(sentAt: Date): string {
  const stamp = sentAt.toISOString().replace(/[-:.]/g, "");
  return `${stamp}-${randomBytes(4).toString("hex")}`;
}

export async function saveToOutbox(
  message: MailMessage & { from: string },
  dir: string = defaultOutboxDir(),
): Promise<OutboxMessage> {
  const sentAt = now();
  const stored: OutboxMessage = { ...message, id: newId(sentAt), sentAt: sentAt.toISOString() };
  await mkdir(/* turbopackIgnore: true */ dir, { recursive: true, mode: 0o700 });
  // Written under a temporary name and renamed, so a reader never sees half a message.
  const file = path.join(dir, `${stored.id}.json`);
  await writeFile(/* turbopackIgnore: true */ `${file}.tmp`, JSON.stringify(stored, null, 2), {
    mode: 0o600,
  });
  await rename(/* turbopackIgnore: true */ `${file}.tmp`, file);
  return stored;
}

export async function readFromOutbox(
  id: string,
  dir: string = defaultOutboxDir(),
): Promise<OutboxMessage | null> {
  if (!isOutboxId(id)) return null;
  try {
    return JSON.parse(
      await readFile(/* turbopackIgnore: true */ path.join(dir, `${id}.json`), "utf8"),
    ) as OutboxMessage;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Newest first. An empty list when nothing was sent yet. */
export async function listOutbox(
  dir: string = defaultOutboxDir(),
  limit = 100,
): Promise<OutboxMessage[]> {
  let names: string[];
  try {
    names = await readdir(/* turbopackIgnore: true */ dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const ids = names
    .filter((name) => name.endsWith(".json"))
    .map((name) => name.slice(0, -".json".length))
    .filter(isOutboxId)
    .sort()
    .reverse()
    .slice(0, limit);
  const messages = await Promise.all(ids.map((id) => readFromOutbox(id, dir)));
  return messages.filter((m): m is OutboxMessage => m !== null);
}
