/** Tiny HTML helpers for the test providers' pages (they are test doubles, not product UI). */
import type { IncomingMessage, ServerResponse } from "node:http";

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function sendHtml(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
  });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
      `<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
  );
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
  res.end(JSON.stringify(body));
}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/** A labelled text input. */
export function field(name: string, label: string, value = ""): string {
  return `<p><label>${escapeHtml(label)} <input name="${name}" value="${escapeHtml(value)}"></label></p>`;
}

export function checkbox(name: string, label: string, checked = true): string {
  return `<p><label><input type="checkbox" name="${name}" value="1"${checked ? " checked" : ""}> ${escapeHtml(label)}</label></p>`;
}
