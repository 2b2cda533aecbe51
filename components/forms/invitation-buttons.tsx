"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/action-result";

interface Props {
  resend: FormAction<{ resent: string }>;
  revoke: FormAction<{ revoked: string }>;
  org: string;
  invitation: { id: string; email: string };
}

/** Resend (a new link; the old one stops working) and revoke, for one pending invitation. */
export function InvitationButtons({ resend, revoke, org, invitation }: Props) {
  const [resendState, resendAction, resending] = useActionState(resend, null);
  const [revokeState, revokeAction, revoking] = useActionState(revoke, null);
  const error =
    (resendState && !resendState.ok && resendState.formError) ||
    (revokeState && !revokeState.ok && revokeState.formError);

  return (
    <div className="flex flex-col items-start gap-1 sm:items-end">
      <div className="flex gap-2">
        <form action={resendAction}>
          <input type="hidden" name="org" value={org} />
          <input type="hidden" name="id" value={invitation.id} />
          <Button type="submit" variant="outline" size="sm" disabled={resending}>
            {resending ? "Sending…" : "Resend"}
          </Button>
        </form>
        <form action={revokeAction}>
          <input type="hidden" name="org" value={org} />
          <input type="hidden" name="id" value={invitation.id} />
          <Button
            type="submit"
            variant="ghost"
            size="sm"
            className="text-destructive hover:text-destructive"
            disabled={revoking}
            aria-label={`Revoke the invitation for ${invitation.email}`}
          >
            {revoking ? "Revoking…" : "Revoke"}
          </Button>
        </form>
      </div>
      <p aria-live="polite" className="text-xs">
        {error ? (
          <span className="text-destructive">{error}</span>
        ) : resendState?.ok ? (
          <span className="text-muted-foreground">Sent again with a new link.</span>
        ) : null}
      </p>
    </div>
  );
}
