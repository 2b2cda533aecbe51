import "server-only";
import { z } from "zod";
import { siteConfig } from "@/lib/site-config";

function emptyAsUnset(value: unknown): unknown {
  return value === "" ? undefined : value;
}

// "addr@host" or "Display Name <addr@host>", with no line breaks (it becomes the From header).
const MAILBOX = /^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;

/** "Acme" <no-reply@app.example.com>: the product name at the app's own host. */
function defaultMailFrom(appUrl: string): string {
  const name = siteConfig.name.replace(/["\\]/g, "\\$&");
  return `"${name}" <no-reply@${new URL(appUrl).hostname}>`;
}

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
