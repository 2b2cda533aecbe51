/**
 * Text Postgres cannot store: NUL (U+0000) fails any `text` or `jsonb` value, and an unpaired
 * UTF-16 surrogate fails `jsonb` (audit metadata), so a value holding either would fail its
 * statement and the caller would get "something went wrong". Browsers never send them in forms
 * (they turn a lone surrogate into U+FFFD); a crafted request or a JSON `\uD800` escape can.
 * No field has a use for them, so the action wrapper and the API's input parsing refuse them
 * up front, in every field, as a field error. No `server-only`: it is pure.
 *
 * The walk is iterative and visits each object once, at most MAX_NODES of them: an action's
 * arguments come from React's decoder, where a few kilobytes can describe objects that share
 * children (2^40 paths through 41 objects) or nest thousands deep. Past the cap it stops; the
 * schemas, which read only the fields they expect, refuse such input anyway.
 */
export const UNSTORABLE_MESSAGE =
  "Remove the invisible character that can't be stored (U+0000 or an unpaired surrogate).";

const MAX_NODES = 10_000;

/** Whether Postgres can store `text` (no NUL, no unpaired surrogate). */
export const isStorableText = (text: string) => !text.includes("\u0000") && text.isWellFormed();

/** The path (keys from the top) of strings in `value` that hold unstorable text. */
export function unstorablePaths(value: unknown): string[][] {
  const found: string[][] = [];
  const seen = new WeakSet<object>();
  const stack: Array<[unknown, string[]]> = [[value, []]];
  for (let nodes = 0; stack.length > 0 && nodes < MAX_NODES; nodes++) {
    const [item, path] = stack.pop()!;
    if (typeof item === "string") {
      if (!isStorableText(item)) found.push(path);
    } else if (item && typeof item === "object" && !seen.has(item)) {
      seen.add(item);
      for (const [key, child] of Object.entries(item)) stack.push([child, [...path, key]]);
    }
  }
  return found.reverse();
}
