/**
 * The one wrapper for /api/v1 route handlers (ADR 004, ADR 010): the REST twin of defineAction.
 *
 * Order, on every request: the gates of admit-request.ts (no key in the URL, no cross-site
 * cookie write, credentials, rate limits) -> the org (the key's, or `X-Org` with a membership
 * check) -> the permission (403, audited as authz.denied) -> path, query and body parsed with
 * strict zod schemas (422; unknown fields are errors) within a body size limit (413) -> the
 * handler in the org's transaction (`withTenant`), where the creator rule is checked for "own"
 * grants and a write that records no audit entry does not commit -> JSON.
 *
 * Every failure is problem+json of a documented kind (lib/api/problem-types.ts) with a request
 * id; an unexpected error is logged and answered as `internal`, never with its text. The spec
 * stays on the handler (`.spec`), so GET /api/v1/openapi.json documents exactly what runs.
 */
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { withTenant, type Transaction } from "@/db/tenant";
import { keyUseIsDue, recordKeyUse } from "@/lib/api-keys/record-key-use";
import { recordAudit, type AuditEvent } from "@/lib/audit/record-audit";
import { can, type Owned } from "@/lib/authz/authorize";
import type { Permission } from "@/lib/authz/permissions";
import { errorFields, log } from "@/lib/log";
import { withRequestId } from "@/lib/request-context";
import { admitOrg, admitRequest, SAFE_METHODS } from "./admit-request";
import { ApiError } from "./api-error";
import { auditDenial } from "./audit-denial";
import { resolveOrg } from "./authenticate-request";
import { corsHeaders } from "./cors";
import { grantIn, type OrgAccess, type Principal } from "./principal";
import { apiProblem } from "./problem";
import type { ProblemKind } from "./problem-types";
import { parsePart, queryObject, readJsonBody } from "./request-input";

export type ApiAccess = "public" | "authenticated" | Permission;
type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;
type Result<R> = R extends z.ZodType ? z.input<R> : void;

export interface ApiInput<P extends Schema, Q extends Schema, B extends Schema> {
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
}

/** What a handler gets: for org permissions, the org's transaction and an audit recorder. */
export type ApiContext<A extends ApiAccess> = { requestId: string } & (A extends "public"
  ? { principal: null; org: null }
  : A extends "authenticated"
    ? { principal: Principal; org: OrgAccess | null }
    : {
        principal: Principal;
        org: OrgAccess;
        tx: Transaction;
        /** Records an audit entry in this request's transaction, as the acting user. */
        audit: (event: AuditEvent) => Promise<void>;
      });

export interface ApiRouteSpec<
  A extends ApiAccess,
  P extends Schema,
  Q extends Schema,
  B extends Schema,
  R extends z.ZodType | null,
> {
  /** One line for the OpenAPI document. */
  summary: string;
  description?: string;
  /**
   * "public": no credentials (only the IP budget applies). "authenticated": any valid caller,
   * org optional. A permission: an org route.
   */
  permission: A;
  params?: P;
  query?: Q;
  body?: B;
  /** The success body's schema; null answers 204 with no body. */
  response: R;
  status?: 200 | 201;
  /** Problem kinds this route answers besides the ones the wrapper can (for the document). */
  errors?: ProblemKind[];
  /** For permissions with a creator rule: loads the resource, to check an "own" grant. */
  owned?: (input: ApiInput<P, Q, B>, tx: Transaction) => Promise<Owned | null>;
  /** The Location header of a created resource. */
  location?: (result: Result<R>) => string;
  handler: (input: ApiInput<P, Q, B>, ctx: ApiContext<A>) => Promise<Result<R>>;
}

export type AnyApiRouteSpec = ApiRouteSpec<ApiAccess, Schema, Schema, Schema, z.ZodType | null>;
type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type ApiRouteHandler = ((request: Request, context: RouteContext) => Promise<Response>) & {
  spec: AnyApiRouteSpec;
};

const NO_QUERY = z.strictObject({});
const forbidden = (permission: string) =>
  new ApiError("forbidden", `This needs the ${permission} permission.`);

export function defineApiRoute<
  A extends ApiAccess,
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
  R extends z.ZodType | null = null,
>(spec: ApiRouteSpec<A, P, Q, B, R>): ApiRouteHandler {
  const anonymous = spec.permission === "public";
  const access: ApiAccess = spec.permission;
  const permission: Permission | null =
    access === "public" || access === "authenticated" ? null : access;

  const parseInput = async (request: Request, url: URL, context: RouteContext) =>
    ({
      params: spec.params ? parsePart(spec.params, await context.params, "path") : undefined,
      query: parsePart(spec.query ?? NO_QUERY, queryObject(url), "query"),
      body: spec.body ? parsePart(spec.body, await readJsonBody(request), "body") : undefined,
    }) as ApiInput<P, Q, B>;

  /** The handler in the org's transaction, with the creator rule and the audit guarantee. */
  const runInOrg = (
    permission: Permission,
    grant: "all" | "own",
    org: OrgAccess,
    base: { requestId: string; principal: Principal; method: string },
    input: ApiInput<P, Q, B>,
  ) =>
    withTenant({ orgId: org.orgId, userId: org.userId }, async (tx) => {
      if (grant === "own") {
        const resource = spec.owned ? await spec.owned(input, tx) : null;
        if (!resource) throw new ApiError("not-found", "No such resource in this organization.");
        if (!can(org, permission, resource)) throw forbidden(permission);
      }
      const { principal } = base;
      let audited = false;
      const audit = async (event: AuditEvent) => {
        audited = true;
        const metadata =
          principal.kind === "api_key"
            ? { ...event.metadata, apiKeyId: principal.key.id }
            : { ...event.metadata, via: "api" };
        await recordAudit(tx, { orgId: org.orgId, actorId: org.userId }, { ...event, metadata });
      };
      const ctx = { requestId: base.requestId, principal, org, tx, audit };
      const out = await spec.handler(input, ctx as unknown as ApiContext<A>);
      if (!SAFE_METHODS.has(base.method) && !audited) {
        throw new Error(`${base.method} ${spec.summary}: a write without an audit entry`);
      }
      return out;
    });

  // Everything the request logs (e.g. authz.denied, deep in auditDenial) carries its id.
  const handle = (request: Request, context: RouteContext): Promise<Response> => {
    const requestId = crypto.randomUUID();
    return withRequestId(requestId, () => respond(request, context, requestId));
  };

  const respond = async (
    request: Request,
    context: RouteContext,
    requestId: string,
  ): Promise<Response> => {
    const headers = new Headers({ ...corsHeaders(request), "X-Request-Id": requestId });
    const send = (response: Response) => {
      for (const [name, value] of headers) response.headers.set(name, value);
      return response;
    };
    try {
      const url = new URL(request.url);
      const { principal, ip } = await admitRequest(request, url, { anonymous, headers });
      let result: Result<R>;
      if (!principal) {
        const input = await parseInput(request, url, context);
        result = await spec.handler(input, {
          requestId,
          principal,
          org: null,
        } as unknown as ApiContext<A>);
      } else {
        const org = await resolveOrg(principal, request.headers.get("x-org"), permission !== null);
        await admitOrg(principal, org, headers);
        if (principal.kind === "api_key" && keyUseIsDue(principal.key)) {
          // Bookkeeping: a failure to record it is logged and does not fail the request.
          await recordKeyUse(principal.key, ip).catch((error) =>
            log("error", "api_key.use_not_recorded", { requestId, ...errorFields(error) }),
          );
        }
        const grant = permission && org ? grantIn(org, permission) : null;
        if (permission && org && !grant) {
          await auditDenial(principal, org, permission);
          throw forbidden(permission);
        }
        const input = await parseInput(request, url, context);
        const base = { requestId, principal, method: request.method };
        result =
          permission && org && grant
            ? await runInOrg(permission, grant, org, base, input)
            : await spec.handler(input, { requestId, principal, org } as unknown as ApiContext<A>);
      }
      headers.set("Cache-Control", anonymous ? "no-cache" : "private, no-store");
      if (spec.response === null) return send(new Response(null, { status: 204 }));
      if (spec.location) headers.set("Location", spec.location(result));
      return send(Response.json(result, { status: spec.status ?? 200 }));
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof ApiError) {
        return send(apiProblem(error.kind, { detail: error.detail, requestId, ...error.extra }));
      }
      const path = new URL(request.url).pathname;
      log("error", "route.failed", {
        requestId,
        method: request.method,
        path,
        ...errorFields(error),
      });
      return send(
        apiProblem("internal", { requestId, detail: "Something went wrong on our side." }),
      );
    }
  };
  return Object.assign(handle, { spec: spec as unknown as AnyApiRouteSpec });
}
