import { randomBytes } from "node:crypto";
import {
  createOrg,
  createProject,
  createSession,
  createUser,
  expect,
  SESSION_COOKIE,
  test,
} from "./fixtures";

// Checklist §3.6 item 4 over HTTP: pooled connections, pipelined transactions and concurrent
// rendering must never hand one org's rows to another org's request.
const REQUESTS = 500;

async function memberWithSentinel(label: string, tag: string) {
  const user = await createUser();
  const org = await createOrg(user.id, `Concurrency ${label} ${tag}`);
  const sentinel = `Sentinel-${label}-${tag}`;
  await createProject(org, user.id, { name: sentinel, description: `Only in ${label}` });
  const { cookie } = await createSession(user.id);
  return { org, sentinel, cookie: `${SESSION_COOKIE}=${cookie}` };
}

test("500 interleaved concurrent page requests for two orgs each show only their own org's rows", async ({
  request,
}) => {
  test.setTimeout(240_000);
  const tag = randomBytes(4).toString("hex");
  const a = await memberWithSentinel("A", tag);
  const b = await memberWithSentinel("B", tag);

  const results = await Promise.all(
    Array.from({ length: REQUESTS }, async (_, i) => {
      const [own, other] = i % 2 === 0 ? [a, b] : [b, a];
      const res = await request.get(`/o/${own.org.slug}`, {
        headers: { Cookie: own.cookie },
        maxRedirects: 0,
        timeout: 200_000,
      });
      const body = await res.text();
      return {
        i,
        status: res.status(),
        own: body.includes(own.sentinel),
        other: body.includes(other.sentinel),
      };
    }),
  );

  const wrong = results.filter((r) => r.status !== 200 || !r.own || r.other);
  expect(wrong, `${wrong.length} of ${REQUESTS} responses were wrong`).toEqual([]);
  expect(results.filter((r) => r.own)).toHaveLength(REQUESTS);
});
