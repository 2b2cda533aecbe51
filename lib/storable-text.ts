/**
 * Text Postgres cannot store: NUL (U+0000) fails any `text` or `jsonb` value, and an unpaired
 * UTF-16 surrogate fails `jsonb` (audit metadata), so a value holding either would fail its
 * statement and the caller would get "something went wrong". Browsers never send them in forms
 * (they turn a lone surrogate into U+FFFD); a crafted request or a JSON `\uD800` escape can.
 * No field has a use for them, so the action wrapper and the API's input parsing refuse them
 * up front, in every field, as a field error. No `server-only`: it is pure.
 */
export const UNSTORABLE_MESSAGE =
  "Remove the invisible character that can't be stored (U+0000 or an unpaired surrogate).";

/** The path (keys from the top) of every string in `value` that holds unstorable text. */
export function unstorablePaths(value: unknown, path: string[] = []): string[][] {
  if (typeof value === "string") {
    return value.includes("\u0000") || !value.isWellFormed() ? [path] : [];
  }
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => unstorablePaths(item, [...path, key]));
  }
  return [];
}
