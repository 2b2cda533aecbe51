/**
 * The create-key form's fields, shared by the form (client) and the action (server). Scopes are
 * picked like a role's permissions: one `permission.<p>` checkbox each, gathered into a list
 * before the strict parse (lib/roles/role-fields.ts). The expiry is a choice of period or a
 * date; a date must be after today (UTC), and the key then works until the end of that day.
 */
import { z } from "zod";
import { roleFormSchema } from "@/lib/roles/role-fields";

export const EXPIRY_CHOICES = {
  "30": "30 days",
  "90": "90 days",
  "365": "1 year",
  never: "Never",
  date: "On a date…",
} as const;

export type ExpiryChoice = keyof typeof EXPIRY_CHOICES;
export const DEFAULT_EXPIRY: ExpiryChoice = "90";

const DAY_MS = 24 * 60 * 60 * 1000;

export const apiKeyNameSchema = z
  .string({ message: "Give the key a name" })
  .trim()
  .min(1, "Give the key a name, such as where it will be used")
  .max(60, "Use at most 60 characters");

export const createApiKeySchema = roleFormSchema({
  org: z.string(),
  name: apiKeyNameSchema,
  expiry: z.enum(Object.keys(EXPIRY_CHOICES) as [ExpiryChoice, ...ExpiryChoice[]], {
    message: "Choose when the key expires",
  }),
  expiresOn: z.string().max(10).optional(),
  // Re-authentication (lib/account/step-up.ts): a key outlives the session that made it.
  password: z.string().max(4096).default(""),
});

/**
 * When a key made at `at` with this choice expires: a Date, null for never, or the reason the
 * date is refused (empty, malformed, today or in the past).
 */
export function expiryFrom(
  choice: ExpiryChoice,
  expiresOn: string | undefined,
  at: Date,
): Date | null | { error: string } {
  if (choice === "never") return null;
  if (choice !== "date") return new Date(at.getTime() + Number(choice) * DAY_MS);
  const match = /^(\d{4})-(\d\d)-(\d\d)$/.exec(expiresOn ?? "");
  const day = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (!match || Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== expiresOn) {
    return { error: "Enter a date as YYYY-MM-DD" };
  }
  if (day <= at.getTime()) return { error: "Choose a date after today" };
  return new Date(day + DAY_MS); // valid through the whole day, UTC
}
