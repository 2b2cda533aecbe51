import "server-only";

type Level = "info" | "warn" | "error";

/**
 * Structured logs: one JSON object per line, so user-controlled values (emails, user
 * agents) are escaped and cannot forge log lines. Never pass passwords, tokens or hashes.
 */
export function log(level: Level, event: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
  if (level === "error") console.error(line);
  else console.log(line);
}

export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.message, stack: error.stack };
  return { error: String(error) };
}
