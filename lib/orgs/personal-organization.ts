import "server-only";
import { createOrganization } from "./create-organization";

/** "ada@example.com" -> "ada's workspace"; renamed in the org's settings. */
export function personalOrgName(email: string): string {
  return `${email.split("@")[0]!.slice(0, 60)}'s workspace`;
}

/**
 * Everyone works inside an organization, so every new account (password or OAuth signup)
 * starts with a personal one. Returns its slug, for landing there after signup.
 */
export async function createPersonalOrganization(
  userId: string,
  email: string,
): Promise<string | null> {
  // createOrganization returns null only for a requested slug that is taken; none is here.
  const org = await createOrganization(userId, personalOrgName(email));
  return org?.slug ?? null;
}
