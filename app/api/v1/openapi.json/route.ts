import { z } from "zod";
import { preflight } from "@/lib/api/cors";
import { defineApiRoute } from "@/lib/api/define-api-route";
import { buildOpenApiDocument, type RouteModule } from "@/lib/api/openapi";
import { env } from "@/lib/env";
import * as members from "../members/route";
import * as me from "../me/route";
import * as project from "../projects/[id]/route";
import * as projects from "../projects/route";

let document: ReturnType<typeof buildOpenApiDocument> | null = null;

/** Every route file under app/api/v1 (a test fails when one is missing here). */
function routes(): RouteModule[] {
  return [
    { path: "/api/v1/me", handlers: me },
    { path: "/api/v1/projects", handlers: projects },
    { path: "/api/v1/projects/{id}", handlers: project },
    { path: "/api/v1/members", handlers: members },
    { path: "/api/v1/openapi.json", handlers: { GET } },
  ];
}

export const GET = defineApiRoute({
  summary: "This API's OpenAPI 3.1 document",
  permission: "public",
  response: z.record(z.string(), z.unknown()).meta({ description: "An OpenAPI 3.1 document." }),
  handler: async () => {
    document ??= buildOpenApiDocument(routes(), env().APP_URL);
    return document;
  },
});

export const OPTIONS = preflight(["GET"]);
