import "server-only";
import { findAccountByEmail, findOAuthLogin } from "@/db/oauth-lookups";
import { createPersonalOrganization } from "@/lib/orgs/personal-organization";
import { OAuthFlowError } from "./errors";
import type { ProviderIdentity } from "./identity";
import { decideLogin } from "./linking-rules";
import { createUserWithIdentity, linkIdentity, touchIdentity } from "./oauth-accounts";

export interface LoginOutcome {
  userId: string;
  /** The account's email (for the security log). */
  email: string;
  /** A new account was created, with its personal organization. */
  created: boolean;
  /** The identity was linked to an existing account (both emails verified, O8). */
  linked: boolean;
  orgSlug: string | null;
}

/**
 * Applies the linking rules (lib/auth/oauth/linking-rules.ts) to a verified identity: the
 * account to sign in to, created or linked if the rules allow, or an OAuthFlowError saying why
 * not. A race with a concurrent signup or link is decided again once, from fresh lookups.
 */
export async function resolveOAuthLogin(identity: ProviderIdentity): Promise<LoginOutcome> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const linked = await findOAuthLogin(identity.provider, identity.subject);
    const sameEmail = linked || !identity.email ? null : await findAccountByEmail(identity.email);
    const decision = decideLogin(identity, linked, sameEmail);
    switch (decision.kind) {
      case "refuse":
        throw new OAuthFlowError(decision.reason);
      case "sign_in":
        await touchIdentity(decision.userId, identity);
        return {
          userId: decision.userId,
          email: linked!.email,
          created: false,
          linked: false,
          orgSlug: null,
        };
      case "create": {
        const userId = await createUserWithIdentity(identity);
        if (!userId) continue;
        const orgSlug = await createPersonalOrganization(userId, identity.email!);
        return { userId, email: identity.email!, created: true, linked: false, orgSlug };
      }
      case "link": {
        const result = await linkIdentity(decision.userId, identity);
        if (result === "already_linked_elsewhere") continue;
        // The account already has another identity at this provider: the user decides.
        if (result === "provider_already_connected") throw new OAuthFlowError("link_required");
        return {
          userId: decision.userId,
          email: identity.email!,
          created: false,
          linked: true,
          orgSlug: null,
        };
      }
    }
  }
  throw new OAuthFlowError("server_error");
}
