import "server-only";
import { z } from "zod";
import { AUTHORIZE_URL_DEFAULTS } from "@/lib/auth/oauth/authorization-origins";
import { siteConfig } from "@/lib/site-config";

function emptyAsUnset(value: unknown): unknown {
  return value === "" ? undefined : value;
}

// "addr@host" or "Display Name <addr@host>", with no line breaks (it becomes the From header).
const MAILBOX = /^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;

// An origin: scheme and host (and port), nothing else; no wildcard.
const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i;
const ORIGIN_MESSAGE =
  "must list origins like https://app.example.com (scheme and host, no path, no *), comma-separated";

/** "Acme" <no-reply@app.example.com>: the product name at the app's own host. */
function defaultMailFrom(appUrl: string): string {
  const name = siteConfig.name.replace(/["\\]/g, "\\$&");
  return `"${name}" <no-reply@${new URL(appUrl).hostname}>`;
}

const optionalText = z.preprocess(emptyAsUnset, z.string().min(1).optional());
const endpoint = (fallback: string) =>
  z.preprocess(
    emptyAsUnset,
    z
      .url({ message: "must be an http(s) URL" })
      .refine((u) => /^https?:\/\//.test(u), "must start with https:// (or http:// in tests)")
      .default(fallback),
  );

/** A provider is configured when both halves of its credentials are set; one alone is a mistake. */
function bothOrNeither(id: string, secret: string) {
  return {
    check: (e: Record<string, unknown>) => (e[id] === undefined) === (e[secret] === undefined),
    options: {
      path: [id],
      message: `and ${secret} must be set together (or both left unset to hide that login button)`,
      when: () => true,
    },
  };
}
const OAUTH_ENDPOINTS = [
  "GITHUB_AUTHORIZE_URL",
  "GITHUB_TOKEN_URL",
  "GITHUB_API_URL",
  "GOOGLE_AUTHORIZE_URL",
  "GOOGLE_TOKEN_URL",
  "GOOGLE_JWKS_URL",
  "GOOGLE_ISSUER",
] as const;

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

const github = bothOrNeither("GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET");
const google = bothOrNeither("GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET");

/**
 * Server environment, parsed once at first use. A missing or malformed variable stops the
 * process with a message naming it; nothing here is ever sent to the browser.
 */
const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_APP_URL: z
      .url({ message: "must be a postgres:// URL for the runtime role (app_user)" })
      .refine((u) => /^postgres(ql)?:\/\//.test(u), "must start with postgres:// or postgresql://"),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    SESSION_SECRET: z
      .string({ message: "is required (32+ random characters; `openssl rand -base64 32`)" })
      .min(32, "must be at least 32 characters"),
    APP_URL: z.url().default("http://localhost:3000"),
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
    // The REST API (docs/api.md). Requests per minute per API key (or signed-in user), per
    // organization and per client IP; origins allowed to call it from a browser, without
    // credentials.
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    API_ORG_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(3000),
    API_IP_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
    API_CORS_ORIGINS: z.preprocess(
      emptyAsUnset,
      z
        .string()
        .default("")
        .transform((list) =>
          list
            .split(",")
            .map((o) => o.trim())
            .filter(Boolean),
        )
        .pipe(
          z.array(
            z
              .string()
              .regex(ORIGIN, ORIGIN_MESSAGE)
              .transform((o) => new URL(o).origin),
          ),
        ),
    ),
    // Mail (docs/mail.md). An empty value counts as unset, as in a copied .env.example.
    SMTP_URL: z.preprocess(
      emptyAsUnset,
      z
        .url({ message: "must be an smtp:// or smtps:// URL, like smtps://user:pass@host:465" })
        .refine((u) => /^smtps?:\/\//.test(u), "must start with smtp:// or smtps://")
        .optional(),
    ),
    MAIL_FROM: z.preprocess(
      emptyAsUnset,
      z.string().regex(MAILBOX, 'must be an address or "Name <address>" on one line').optional(),
    ),
    // OAuth login (docs/oauth.md). Endpoints default to the real providers; tests point them
    // at local ones.
    GITHUB_CLIENT_ID: optionalText,
    GITHUB_CLIENT_SECRET: optionalText,
    GITHUB_AUTHORIZE_URL: endpoint(AUTHORIZE_URL_DEFAULTS.github),
    GITHUB_TOKEN_URL: endpoint("https://github.com/login/oauth/access_token"),
    GITHUB_API_URL: endpoint("https://api.github.com"),
    GOOGLE_CLIENT_ID: optionalText,
    GOOGLE_CLIENT_SECRET: optionalText,
    GOOGLE_AUTHORIZE_URL: endpoint(AUTHORIZE_URL_DEFAULTS.google),
    GOOGLE_TOKEN_URL: endpoint("https://oauth2.googleapis.com/token"),
    GOOGLE_JWKS_URL: endpoint("https://www.googleapis.com/oauth2/v3/certs"),
    GOOGLE_ISSUER: endpoint("https://accounts.google.com"),
  })
  .refine(github.check, github.options)
  .refine(google.check, google.options)
  .superRefine((e, ctx) => {
    if (e.NODE_ENV !== "production") return;
    for (const key of OAUTH_ENDPOINTS) {
      const { protocol, hostname } = new URL(e[key]);
      if (protocol !== "https:" && !LOOPBACK.has(hostname))
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: "must be https:// in production (http:// only to this machine)",
        });
    }
  })
  .refine((e) => e.NODE_ENV !== "production" || e.SMTP_URL !== undefined, {
    path: ["SMTP_URL"],
    message:
      "is required in production, like smtps://user:pass@smtp.example.com:465 (without it no email could be sent)",
    // Checked even when other variables are invalid, so one failed start names every problem.
    when: () => true,
  })
  .transform((e) => ({ ...e, MAIL_FROM: e.MAIL_FROM ?? defaultMailFrom(e.APP_URL) }));

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(
      `Invalid environment configuration:\n${lines.join("\n")}\nSee .env.example for every variable.`,
    );
  }
  return result.data;
}

let cached: Env | null = null;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
