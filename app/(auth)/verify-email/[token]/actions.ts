"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { fail } from "@/lib/actions/action-result";
import { defineAction } from "@/lib/actions/define-action";
import { verifyEmail } from "@/lib/account/email-verification";
import { LINK_PROBLEMS } from "@/lib/account/link-problems";

/** Spends a verification link (the page's button; opening the link changes nothing). */
export const verifyEmailAction = defineAction({
  permission: "public",
  input: z.strictObject({ token: z.string().max(256) }),
  handler: async ({ token }, { session }) => {
    const outcome = await verifyEmail(token);
    if (!outcome.ok) return fail({ formError: LINK_PROBLEMS.verify_email[outcome.reason].title });
    redirect(session?.userId === outcome.userId ? "/dashboard?verified=1" : "/login?verified=1");
  },
});
