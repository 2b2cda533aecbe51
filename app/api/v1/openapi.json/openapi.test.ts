/**
 * The OpenAPI document: valid OpenAPI 3.1 (checked by @seriousme/openapi-schema-validator), and
 * complete: every route file under app/api/v1 is in it with every method it exports.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { call } from "@/lib/api/test-fixtures";
import { GET } from "./route";

const root = path.resolve(import.meta.dirname, "..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** app/api/v1/projects/[id]/route.ts -> /api/v1/projects/{id} */
function urlPath(file: string): string {
  const dir = path.relative(root, path.dirname(file)).split(path.sep).filter(Boolean);
  return ["/api/v1", ...dir.map((s) => s.replace(/^\[(.+)\]$/, "{$1}"))].join("/");
}

async function document() {
  const answer = await call(GET, "/api/v1/openapi.json");
  expect(answer.status).toBe(200);
  return answer.json as { openapi: string; paths: Record<string, Record<string, unknown>> };
}

describe("GET /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const spec = await document();
    expect(spec.openapi).toBe("3.1.0");
    const result = await new Validator().validate(spec);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("lists every route file under app/api/v1 with each method it serves", async () => {
    const spec = await document();
    const files = routeFiles(root);
    expect(files.length).toBeGreaterThanOrEqual(5);
    const expected: string[] = [];
    for (const file of files) {
      const exports = (await import(file)) as Record<string, unknown>;
      const methods = METHODS.filter((m) => typeof exports[m] === "function");
      expect(typeof exports.OPTIONS, `${file} exports OPTIONS (CORS preflight)`).toBe("function");
      for (const method of methods) expect(exports[method], file).toHaveProperty("spec");
      expected.push(...methods.map((m) => `${m} ${urlPath(file)}`));
    }
    const documented = Object.entries(spec.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(documented.sort()).toEqual(expected.sort());
  });

  it("documents the problems each operation can answer, and the permission it needs", async () => {
    const spec = await document();
    const del = spec.paths["/api/v1/projects/{id}"]!.delete as {
      responses: Record<string, unknown>;
      "x-permission": string;
    };
    expect(del["x-permission"]).toBe("projects:delete");
    expect(Object.keys(del.responses).sort()).toEqual(
      ["204", "400", "401", "403", "404", "422", "429", "500"].sort(),
    );
  });
});
