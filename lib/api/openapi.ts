/**
 * The OpenAPI 3.1 document of /api/v1, generated from the route specs the handlers run with
 * (defineApiRoute keeps each on its handler) and their zod schemas (z.toJSONSchema, JSON Schema
 * 2020-12, which OpenAPI 3.1 uses as is). Schemas with a `.meta({ id })` become shared
 * components. Problems every route can answer are added from what the wrapper does, so the
 * document cannot forget the 401 or the 429.
 */
import { z } from "zod";
import { siteConfig } from "@/lib/site-config";
import type { AnyApiRouteSpec, ApiRouteHandler } from "./define-api-route";
import { PROBLEMS, type ProblemKind } from "./problem-types";
import { problemSchema } from "./v1-schemas";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/** One route file: its URL path in OpenAPI form (`/api/v1/projects/{id}`) and its exports. */
export interface RouteModule {
  path: string;
  handlers: Partial<Record<Method, ApiRouteHandler>>;
}

type JsonSchema = Record<string, unknown>;

/** Converts zod schemas, moving every `$defs` entry (schemas with an id) to components. */
class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: "input" | "output"): JsonSchema {
    const {
      $schema: _,
      $defs,
      ...rest
    } = z.toJSONSchema(schema, {
      target: "draft-2020-12",
      io,
      unrepresentable: "any",
    }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    for (const [id, def] of Object.entries($defs ?? {})) {
      const moved = this.relink(def);
      const known = this.components[id];
      if (known && JSON.stringify(known) !== JSON.stringify(moved)) {
        throw new Error(`Schema id ${id} means two different things (as input and as output?)`);
      }
      this.components[id] = moved;
    }
    return this.relink(rest);
  }

  private relink(schema: JsonSchema): JsonSchema {
    return JSON.parse(
      JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/'),
    ) as JsonSchema;
  }
}

function problemsOf(spec: AnyApiRouteSpec, method: Method): ProblemKind[] {
  const kinds = new Set<ProblemKind>([
    "key-in-query",
    "validation-failed",
    "rate-limited",
    "internal",
  ]);
  if (spec.permission !== "public") kinds.add("unauthenticated");
  if (spec.permission !== "public" && spec.permission !== "authenticated") {
    ["invalid-request", "forbidden", "not-found"].forEach((k) => kinds.add(k as ProblemKind));
  }
  if (method !== "GET") kinds.add("forbidden");
  if (spec.body) {
    ["invalid-request", "unsupported-media-type", "payload-too-large"].forEach((k) =>
      kinds.add(k as ProblemKind),
    );
  }
  for (const kind of spec.errors ?? []) kinds.add(kind);
  return [...kinds].sort((a, b) => PROBLEMS[a].status - PROBLEMS[b].status);
}

function parameters(spec: AnyApiRouteSpec, schemas: SchemaCollector): JsonSchema[] {
  const list: JsonSchema[] = [];
  for (const [place, schema] of [
    ["path", spec.params],
    ["query", spec.query],
  ] as const) {
    if (!schema) continue;
    const object = schemas.convert(schema, "input") as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      const { description, ...rest } = property;
      list.push({
        name,
        in: place,
        required: place === "path" || (object.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  if (spec.permission !== "public") list.push({ $ref: "#/components/parameters/XOrg" });
  return list;
}

function operation(path: string, method: Method, spec: AnyApiRouteSpec, schemas: SchemaCollector) {
  const ok = String(spec.response === null ? 204 : (spec.status ?? 200));
  const responses: Record<string, unknown> = {
    [ok]:
      spec.response === null
        ? { description: "Done; no body." }
        : {
            description: "Success.",
            content: { "application/json": { schema: schemas.convert(spec.response, "output") } },
          },
  };
  const byStatus = new Map<number, ProblemKind[]>();
  for (const kind of problemsOf(spec, method)) {
    const status = PROBLEMS[kind].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), kind]);
  }
  for (const [status, kinds] of byStatus) {
    // One response per status code: several kinds share it, each named by its `type`.
    responses[String(status)] =
      kinds.length === 1
        ? { $ref: `#/components/responses/${kinds[0]}` }
        : {
            description: `One of: ${kinds.map((k) => `${k} (${PROBLEMS[k].title})`).join("; ")}.`,
            content: {
              "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } },
            },
          };
  }
  return {
    operationId: `${method.toLowerCase()}${path.replace(/\/api\/v1|[{}]/g, "").replace(/[/.](\w)/g, (_, c: string) => c.toUpperCase())}`,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    ...(spec.permission === "public" ? { security: [] } : { "x-permission": spec.permission }),
    parameters: parameters(spec, schemas),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: schemas.convert(spec.body, "input") } },
          },
        }
      : {}),
    responses,
  };
}

export function buildOpenApiDocument(routes: RouteModule[], appUrl: string) {
  const schemas = new SchemaCollector();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    for (const method of METHODS) {
      const handler = route.handlers[method];
      if (!handler) continue;
      paths[route.path] ??= {};
      paths[route.path]![method.toLowerCase()] = operation(
        route.path,
        method,
        handler.spec,
        schemas,
      );
    }
  }
  const problem = schemas.convert(problemSchema, "output");
  const responses = Object.fromEntries(
    (Object.keys(PROBLEMS) as ProblemKind[]).map((kind) => [
      kind,
      {
        description: `${PROBLEMS[kind].title}: ${PROBLEMS[kind].description} (type ${new URL(`/problems/${kind}`, appUrl)})`,
        content: { "application/problem+json": { schema: problem } },
      },
    ]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: `${siteConfig.name} API`,
      version: "1",
      description:
        "Organization API keys act in their organization with their scopes ∩ their creator's current role. Errors are RFC 9457 problem details. See docs/api.md.",
    },
    servers: [{ url: appUrl }],
    security: [{ apiKey: [] }, { sessionCookie: [] }],
    paths,
    components: {
      schemas: schemas.components,
      responses,
      parameters: {
        XOrg: {
          name: "X-Org",
          in: "header",
          required: false,
          description:
            "With the session cookie: the slug of the organization to act in (required for organization routes). With a key: leave it out, or give the key's own org.",
          schema: { type: "string" },
        },
      },
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: "An organization API key: `Authorization: Bearer sk_live_…`.",
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "__Host-session",
          description: "The app's own session; writes must come from the app's own origin.",
        },
      },
    },
  };
}
