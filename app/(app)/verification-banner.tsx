import { MailWarningIcon } from "lucide-react";
import { ResendVerificationForm } from "@/components/forms/resend-verification-form";
import { configuredProviders } from "@/lib/auth/oauth/providers";
import { resendVerificationAction } from "./account/actions";

/**
 * Shown on every signed-in page while the account's email is unverified (ADR 011): what that
 * limits (inviting, API keys, connecting a provider, being reached by a provider login), and a
 * button for a new link.
 */
export function VerificationBanner({ email }: { email: string }) {
  const providers = configuredProviders();
  return (
    <div className="border-b border-amber-500/40 bg-amber-500/10 text-amber-950 dark:text-amber-100">
      <div
        role="region"
        aria-label="Unverified address"
        className="mx-auto flex w-full max-w-6xl flex-col gap-2 px-4 py-3 text-sm sm:px-6 md:flex-row md:items-center md:justify-between"
      >
        <p className="flex items-start gap-2">
          <MailWarningIcon aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>
            Please verify your email address: open the link we sent to{" "}
            <strong className="break-words">{email}</strong>. Until you do, you can&apos;t invite
            people or create API keys
            {providers.length > 0 ? (
              <>
                , or connect {providers.map((p) => p.name).join(" or ")}; logging in with them under
                this address won&apos;t reach this account
              </>
            ) : null}
            .
          </span>
        </p>
        <ResendVerificationForm action={resendVerificationAction} />
      </div>
    </div>
  );
}
