import "server-only";
import { z } from "zod";
import { OAuthFlowError } from "./errors";
import { providerIdentity, type ProviderIdentity } from "./identity";

/**
 * GitHub is plain OAuth 2.0 (no ID token): identity comes from GET /user (the numeric `id` is
 * the subject, checklist O7) and GET /user/emails, of which only the primary address, and only
 * when GitHub has verified it, is used (O8). The /user `email` field is the public profile
 * email, which GitHub does not vouch for: it is ignored.
 */
const userSchema = z.object({
  id: z.number().int().positive(),
  name: z.string().nullish(),
});

const emailsSchema = z.array(
  z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }),
);

async function getJson(apiUrl: string, path: string, accessToken: string): Promise<unknown> {
  const response = await fetch(`${apiUrl.replace(/\/$/, "")}${path}`, {
    headers: {
      Authorization: `Bearer ${accessToken}`,
      Accept: "application/vnd.github+json",
      "X-GitHub-Api-Version": "2022-11-28",
      "User-Agent": "saas-starter",
    },
    signal: AbortSignal.timeout(10_000),
    redirect: "error",
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`GitHub ${path} answered ${response.status}`);
  }
  return response.json();
}

export async function fetchGitHubIdentity(
  apiUrl: string,
  accessToken: string,
): Promise<Omit<ProviderIdentity, "provider">> {
  let user: z.infer<typeof userSchema>;
  let emails: z.infer<typeof emailsSchema>;
  try {
    [user, emails] = await Promise.all([
      getJson(apiUrl, "/user", accessToken).then((body) => userSchema.parse(body)),
      getJson(apiUrl, "/user/emails", accessToken).then((body) => emailsSchema.parse(body)),
    ]);
  } catch (cause) {
    throw new OAuthFlowError("provider_error", { cause });
  }
  const primary = emails.find((e) => e.primary && e.verified);
  return providerIdentity({
    subject: String(user.id),
    email: primary?.email ?? null,
    emailVerified: primary !== undefined,
    name: user.name,
  });
}
