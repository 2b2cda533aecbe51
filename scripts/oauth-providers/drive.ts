/**
 * Completes a sign-in at one of the local test providers over plain HTTP, the way a browser
 * would, and returns the callback URL it redirects to, without visiting it. Tests use it to
 * hold a valid code and state in hand: to deliver them to another browser, to another
 * provider's callback, or twice.
 */
export interface TestIdentity {
  /** OIDC `sub`, or the GitHub user id (digits). */
  subject: string;
  email: string;
  emailVerified: boolean;
  /** GitHub only: an extra, verified, non-primary address. */
  secondaryEmail?: string;
}

/** Follows redirects by hand with a cookie jar, up to a URL under `stopAt`. */
class CookieClient {
  private jar = new Map<string, string>();

  constructor(private stopAt: string) {}

  private async send(url: string, init: RequestInit): Promise<Response> {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      this.jar.set(name!.trim(), value.join("="));
    }
    return response;
  }

  /** The final page (its URL and HTML), or the first redirect to `stopAt` (body ""). */
  async follow(url: string, init: RequestInit = {}): Promise<{ url: string; body: string }> {
    let current = url;
    let response = await this.send(current, init);
    while (response.status >= 300 && response.status < 400) {
      current = new URL(response.headers.get("location")!, current).href;
      if (current.startsWith(this.stopAt)) return { url: current, body: "" };
      response = await this.send(current, {});
    }
    return { url: current, body: await response.text() };
  }
}

const formPost = (body: URLSearchParams): RequestInit => ({
  method: "POST",
  body,
  headers: { "content-type": "application/x-www-form-urlencoded" },
});

/** Signs `identity` in at the provider that `authorizeUrl` belongs to; returns the callback URL. */
export async function completeAtProvider(
  authorizeUrl: string,
  identity: TestIdentity,
): Promise<string> {
  const authorize = new URL(authorizeUrl);
  const redirectUri = authorize.searchParams.get("redirect_uri")!;
  const client = new CookieClient(redirectUri);
  const page = await client.follow(authorizeUrl);
  if (page.body === "") return page.url;
  if (authorize.pathname === "/login/oauth/authorize") {
    const form = new URLSearchParams({
      action: "authorize",
      id: identity.subject,
      email: identity.email,
    });
    for (const name of ["state", "redirect_uri", "code_challenge", "client_id"])
      form.set(name, authorize.searchParams.get(name) ?? "");
    if (identity.emailVerified) form.set("verified", "1");
    if (identity.secondaryEmail) form.set("secondary", identity.secondaryEmail);
    return (await client.follow(authorize.href, formPost(form))).url;
  }
  const form = new URLSearchParams({
    action: "login",
    sub: identity.subject,
    email: identity.email,
  });
  if (identity.emailVerified) form.set("email_verified", "1");
  const done = await client.follow(page.url, formPost(form));
  if (!done.url.startsWith(redirectUri))
    throw new Error(`The provider did not redirect back: ${done.url}`);
  return done.url;
}
