/**
 * Structured logs (checklist A15, I8, I12): pino, one JSON object per line, so user-controlled
 * values (emails, user agents) are escaped and cannot forge a line. Every line written while a
 * server action or route handler runs carries that request's id (lib/request-context.ts).
 * Fields pass through lib/log-redaction.ts at any depth: secret-named keys and secret-shaped
 * values never reach the output. Still, never pass passwords, tokens or hashes on purpose.
 *
 * Lines go through console.log (info, warn) and console.error (error), so they land on stdout
 * and stderr like the rest of the server's output, and tests can capture them.
 * LOG_LEVEL (info, warn or error; default info) drops the levels below it.
 */
import "server-only";
import pino from "pino";
import { redact, redactString } from "./log-redaction";
import { currentRequestId } from "./request-context";

type Level = "info" | "warn" | "error";

const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? "info",
    base: undefined,
    messageKey: "event",
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (fields) => redact(fields) as Record<string, unknown>,
    },
  },
  pino.multistream(
    [
      { level: "info", stream: { write: (line: string) => console.log(line.trimEnd()) } },
      { level: "error", stream: { write: (line: string) => console.error(line.trimEnd()) } },
    ],
    { dedupe: true },
  ),
);

export function log(level: Level, event: string, fields: Record<string, unknown> = {}): void {
  const requestId = currentRequestId();
  logger[level](requestId && !("requestId" in fields) ? { requestId, ...fields } : fields, event);
}

export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    return { error: redactString(error.message), stack: error.stack && redactString(error.stack) };
  }
  return { error: redactString(String(error)) };
}
