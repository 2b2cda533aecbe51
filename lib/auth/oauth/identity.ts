import { normalizeEmail } from "@/lib/auth/email";
import { OAuthFlowError } from "./errors";
import type { OAuthProviderId } from "./providers";

/**
 * Who the provider says the user is. The account key is (provider, subject) (checklist O7);
 * the email is what the provider asserted, used only to find or create an account under the
 * linking rules (O8) and for display.
 */
export interface ProviderIdentity {
  provider: OAuthProviderId;
  /** Google `sub`, GitHub numeric `id` as a string: stable, never reassigned. */
  subject: string;
  /** Normalized, or null when the provider gave none we may use. */
  email: string | null;
  /** True only when the provider explicitly asserted that it verified `email`. */
  emailVerified: boolean;
  name: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Validates what a provider returned; anything malformed is refused, not guessed at. */
export function providerIdentity(raw: {
  subject: unknown;
  email: unknown;
  emailVerified: boolean;
  name: unknown;
}): Omit<ProviderIdentity, "provider"> {
  if (typeof raw.subject !== "string" || raw.subject.length === 0 || raw.subject.length > 255)
    throw new OAuthFlowError("invalid_identity");
  const email =
    typeof raw.email === "string" && raw.email.length <= 254 && EMAIL.test(raw.email.trim())
      ? normalizeEmail(raw.email)
      : null;
  const name =
    typeof raw.name === "string" && raw.name.trim().length > 0
      ? raw.name.trim().slice(0, 100)
      : null;
  return { subject: raw.subject, email, emailVerified: email !== null && raw.emailVerified, name };
}
