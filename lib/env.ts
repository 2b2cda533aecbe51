import "server-only";
import { z } from "zod";

/**
 * Server environment, parsed once at first use. A missing or malformed variable stops the
 * process with a message naming it; nothing here is ever sent to the browser.
 */
const envSchema = z.object({
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
});

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
