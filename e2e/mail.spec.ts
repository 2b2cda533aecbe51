import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createTransport } from "nodemailer";
import { expect, test } from "./fixtures";
import { waitForMail } from "./mail";

test("the dev outbox does not exist in the production build", async ({ request }) => {
  for (const path of ["/dev/outbox", "/dev/outbox/20260101T000000000Z-0123abcd"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
  }
});

test("mail sent to the harness's SMTP server reaches waitForMail, links and all", async () => {
  const smtpUrl = process.env.SMTP_URL;
  expect(smtpUrl, "SMTP_URL comes from npm test").toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
  const to = `mail-${randomBytes(5).toString("hex")}@example.test`;
  const link = `http://localhost/invitations/${randomBytes(8).toString("hex")}`;
  const since = new Date();
  // The same server and settings the app under test sends through (loopback, no STARTTLS).
  await createTransport({ url: smtpUrl, ignoreTLS: true }).sendMail({
    from: "app@example.test",
    to,
    subject: "Harness check",
    text: `Open ${link}`,
    html: `<a href="${link}">Open</a>`,
  });

  const mail = await waitForMail({ to, subject: /harness/i, after: since });
  expect(mail).toEqual({
    to,
    subject: "Harness check",
    text: `Open ${link}`,
    html: `<a href="${link}">Open</a>`,
    links: [link],
  });
});

test("the production server refuses to start without SMTP_URL, naming it", async () => {
  const port = 4000 + Math.floor(Math.random() * 900);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
  delete env.SMTP_URL;
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(port)], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 60_000);
    child.on("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  expect(output).toContain("SMTP_URL: is required in production");
  expect(code, output).not.toBe(0);
  expect(code, output).not.toBeNull();
});
