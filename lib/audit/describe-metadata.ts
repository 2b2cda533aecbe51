/**
 * An audit entry's metadata as short "key: value" lines for the table. Metadata is data: the
 * page renders these strings as text (React escapes them), never as HTML. A change recorded
 * as `{ from: { name: "A" }, to: { name: "B" } }` reads "name: A → B".
 */
const MAX_VALUE = 120;
const MAX_LINES = 8;

function show(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function describeMetadata(metadata: Record<string, unknown>): string[] {
  const { from, to, ...rest } = metadata;
  const lines: string[] = [];
  if (isRecord(from) && isRecord(to)) {
    for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
      lines.push(`${key}: ${show(from[key] ?? "")} → ${show(to[key] ?? "")}`);
    }
  } else {
    if (from !== undefined) rest.from = from;
    if (to !== undefined) rest.to = to;
  }
  for (const [key, value] of Object.entries(rest)) lines.push(`${key}: ${show(value)}`);
  return lines.length > MAX_LINES
    ? [...lines.slice(0, MAX_LINES), `(${lines.length - MAX_LINES} more)`]
    : lines;
}
