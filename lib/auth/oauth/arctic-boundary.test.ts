import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** ADR 013: arctic is deprecated upstream, so exactly one module may import it. */
const root = path.resolve(import.meta.dirname, "../../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx|mjs|js)$/.test(entry.name) ? [rel] : [];
  });
}

describe("the arctic boundary", () => {
  it("is lib/auth/oauth/client.ts: no other file imports arctic", () => {
    const importers = ["app", "components", "lib", "db", "scripts", "e2e"]
      .flatMap(sourceFiles)
      .filter((file) =>
        /from\s+["']arctic["']|import\(["']arctic["']\)|require\(["']arctic["']\)/.test(
          readFileSync(path.join(root, file), "utf8"),
        ),
      );
    expect(importers).toEqual([path.join("lib", "auth", "oauth", "client.ts")]);
  });
});
