/**
 * docs/api.md's examples are run, not just read: every ```sh block is run with the real `curl`
 * against the e2e server (the docs' host swapped for it, real keys in $API_KEY and
 * $READ_ONLY_KEY, an existing project in $PROJECT_ID), in the order the docs give them, and
 * each answer is held to the ```http block after it: the status, the media type, the same
 * fields, and for problems the same kind and title.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { createApiKey } from "./api-fixtures";
import { createOrg, createProject, createUser, expect, test } from "./fixtures";

const run = promisify(execFile);
const DOCS_HOST = "https://app.example.com";

interface Example {
  command: string;
  expected: { status: number; type: string; body: unknown };
}

/** Pairs each ```sh block with the ```http block that follows it. */
function examples(markdown: string): Example[] {
  const blocks = [...markdown.matchAll(/```(sh|http)\n([\s\S]*?)```/g)].map((m) => ({
    lang: m[1]!,
    text: m[2]!,
  }));
  const found: Example[] = [];
  blocks.forEach((block, i) => {
    if (block.lang !== "sh") return;
    const answer = blocks[i + 1];
    if (answer?.lang !== "http") throw new Error(`No http block after:\n${block.text}`);
    found.push({ command: block.text, expected: parseHttp(answer.text) });
  });
  return found;
}

/** "HTTP/1.1 200 OK\nHeader: v\n\n{json}" -> status, media type and parsed body. */
function parseHttp(text: string): Example["expected"] {
  const normalized = text.replace(/\r\n/g, "\n");
  const split = normalized.indexOf("\n\n");
  const head = split < 0 ? normalized : normalized.slice(0, split);
  const rest = split < 0 ? "" : normalized.slice(split + 2).trim();
  const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(head)?.[1]);
  const type = /^content-type: *([^;\n]+)/im.exec(head)?.[1]?.trim() ?? "";
  return { status, type, body: rest ? JSON.parse(rest) : null };
}

/** Same fields (recursively into objects; arrays by their first item), values aside. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shape(value[0])] : [];
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shape(v)]),
    );
  }
  return value === null ? null : typeof value;
}

test("every curl example in docs/api.md runs and answers as documented", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const docs = readFileSync("docs/api.md", "utf8");
  const list = examples(docs);
  expect(list.length).toBeGreaterThanOrEqual(8);

  const owner = await createUser();
  const org = await createOrg(owner.id, "Docs");
  const projectId = await createProject(org, owner.id, { name: "Launch checklist" });
  const full = await createApiKey(org, owner.id, [
    "projects:read",
    "projects:create",
    "projects:update",
    "projects:delete",
    "members:read",
  ]);
  const readOnly = await createApiKey(org, owner.id, ["projects:read"]);
  const env = {
    ...process.env,
    API_KEY: full.key,
    READ_ONLY_KEY: readOnly.key,
    PROJECT_ID: projectId,
  };

  for (const { command, expected } of list) {
    const runnable = command.replaceAll(DOCS_HOST, baseURL!);
    expect(runnable, "examples call curl with -i, so the status is checked").toMatch(/^curl -i /m);
    const { stdout } = await run("bash", ["-euo", "pipefail", "-c", runnable], { env });
    const answer = parseHttp(stdout.replace(/\r\n/g, "\n"));
    const label = `${command.trim()}\n->\n${stdout}`;
    expect(answer.status, label).toBe(expected.status);
    expect(answer.type, label).toBe(expected.type);
    expect(shape(answer.body), label).toEqual(shape(expected.body));
    if (expected.type === "application/problem+json") {
      const { type, title, status } = expected.body as {
        type: string;
        title: string;
        status: number;
      };
      expect(answer.body, label).toMatchObject({
        title,
        status,
        type: type.replace(DOCS_HOST, baseURL!),
      });
    }
  }
});
