/**
 * Server actions are public POST endpoints: these capture the request a form really sends and
 * send it again, altered, as someone else, the way an attacker would (checklist §2.3).
 */
import type { APIRequestContext, Page, Request } from "@playwright/test";

export interface CapturedAction {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Submits a form in the browser and captures the server action request it sent. */
export async function captureAction(
  page: Page,
  submit: () => Promise<void>,
): Promise<CapturedAction> {
  const sent = page.waitForRequest(
    (r: Request) => r.method() === "POST" && r.headers()["next-action"] !== undefined,
  );
  await submit();
  const request = await sent;
  const headers = await request.allHeaders();
  delete headers["content-length"];
  return { url: request.url(), headers, body: request.postData() ?? "" };
}

/**
 * Sends a captured action again through `request`, without the original Cookie header (so
 * `request`'s own session is used) and with the text swaps applied to the body (each must
 * match). A failure
 * echoes the submitted values, so swapped-in values are masked in the answer, which lets two
 * answers be compared.
 */
export async function replayAs(
  request: APIRequestContext,
  captured: CapturedAction,
  swaps: [string, string][] = [],
): Promise<{ status: number; text: string }> {
  const { cookie: _originalCookie, ...headers } = captured.headers;
  let body = captured.body;
  for (const [from, to] of swaps) {
    // A swap that matches nothing would replay the original request and prove nothing.
    if (!body.includes(from)) throw new Error(`replayAs: "${from}" is not in the captured body`);
    body = body.replaceAll(from, to);
  }
  const response = await request.post(captured.url, { headers, data: body, maxRedirects: 0 });
  let text = await response.text();
  for (const [, to] of swaps) text = text.replaceAll(to, "<swapped>");
  return { status: response.status(), text };
}
