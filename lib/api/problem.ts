/** RFC 9457 problem details: the only error shape the HTTP API answers with. */
export function problem(
  status: number,
  title: string,
  extra: {
    detail?: string;
    requestId?: string;
    headers?: HeadersInit;
    [key: string]: unknown;
  } = {},
): Response {
  const { headers, ...fields } = extra;
  return new Response(JSON.stringify({ type: "about:blank", title, status, ...fields }), {
    status,
    headers: {
      "Content-Type": "application/problem+json",
      "Cache-Control": "no-store",
      ...headers,
    },
  });
}
