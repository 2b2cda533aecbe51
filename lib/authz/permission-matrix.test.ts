import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUILT_IN_ROLES } from "@/db/schema/org-roles";
import { grantFor } from "./authorize";
import { ACTION_MATRIX, type Verdict } from "./permission-matrix";
import { isPermission, rolePermissions } from "./permissions";

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [rel] : [];
  });
}

const files = ["app", "components", "lib"].flatMap(sourceFiles);
const isServerModule = (text: string) => /^\s*(\/\/[^\n]*\n|\s)*["']use server["']/.test(text);

/** Every export of every 'use server' module, with the access its defineAction declares. */
function declaredActions(): Map<string, string | null> {
  const found = new Map<string, string | null>();
  for (const file of files) {
    const text = readFileSync(path.join(root, file), "utf8");
    if (!isServerModule(text)) continue;
    const chunks = text.split(/\n(?=export\s)/).filter((c) => c.startsWith("export"));
    for (const chunk of chunks) {
      const wrapped = /^export const (\w+) = defineAction\(\{\s*\n\s*permission: "([^"]+)"/.exec(
        chunk,
      );
      const name =
        wrapped?.[1] ?? /^export\s+(?:async\s+)?(?:const|function|let)\s+(\w+)/.exec(chunk)?.[1];
      found.set(`${file}#${name ?? chunk.slice(0, 40)}`, wrapped?.[2] ?? null);
    }
  }
  return found;
}

describe("the permission matrix (lib/authz/permission-matrix.json)", () => {
  it("lists exactly the exports of 'use server' modules, each built by defineAction with the listed access", () => {
    const declared = declaredActions();
    expect([...declared.keys()].sort()).toEqual(Object.keys(ACTION_MATRIX).sort());
    for (const [key, access] of declared) {
      expect(
        access,
        `${key} must be \`export const X = defineAction({ permission, ...\``,
      ).not.toBeNull();
      expect(access, key).toBe(ACTION_MATRIX[key]!.access);
    }
  });

  it("allows no server actions outside 'use server' modules (inline actions escape the matrix)", () => {
    for (const file of files) {
      const text = readFileSync(path.join(root, file), "utf8");
      if (isServerModule(text)) continue;
      expect(text.includes('"use server"') || text.includes("'use server'"), file).toBe(false);
    }
  });

  it("gives every built-in role exactly what lib/authz grants it, for every organization action", () => {
    const toVerdict = { all: "allow", own: "own" } as const;
    for (const [key, entry] of Object.entries(ACTION_MATRIX)) {
      if (["public", "authenticated", "platform-admin"].includes(entry.access)) {
        expect(entry.roles, key).toBeUndefined();
        continue;
      }
      expect(isPermission(entry.access), key).toBe(true);
      for (const role of BUILT_IN_ROLES) {
        const grantee = {
          userId: "u",
          permissions: rolePermissions({ builtIn: role, permissions: [] }),
        };
        const grant = grantFor(grantee, entry.access as never);
        const expected: Verdict = grant ? toVerdict[grant] : "deny";
        expect(entry.roles?.[role], `${key} as ${role}`).toBe(expected);
      }
    }
  });
});
