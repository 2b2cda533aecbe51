"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { fail } from "@/lib/actions/action-result";
import { defineAction } from "@/lib/actions/define-action";
import { BOOTSTRAP_TOKEN_MINUTES, claimPlatformAdmin } from "@/lib/admin/bootstrap-token";
import { refuseUnlessReauthenticated } from "@/lib/account/step-up";
import { log } from "@/lib/log";

const CLAIM_REFUSED = `That token is not valid for this account. It works once, for ${BOOTSTRAP_TOKEN_MINUTES} minutes, and only for the verified email it was issued to.`;

/** Spends a bootstrap token from `npm run admin:grant` (checklist A11). */
export const claimPlatformAdminAction = defineAction({
  permission: "authenticated",
  input: z.strictObject({
    token: z.string().trim().min(1, { message: "Paste the token." }).max(200),
    password: z.string().max(4096).default(""),
  }),
  handler: async ({ token, password }, { session }) => {
    const refused = await refuseUnlessReauthenticated(session, password);
    if (refused) return refused;
    if (!(await claimPlatformAdmin(session.userId, token))) {
      log("warn", "admin.claim.refused", { userId: session.userId });
      return fail({ formError: CLAIM_REFUSED });
    }
    log("info", "admin.claim.granted", { userId: session.userId });
    redirect("/admin");
  },
});
