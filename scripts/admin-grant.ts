/**
 * npm run admin:grant -- <email>: prints a one-time token that makes the owner of <email> a
 * platform admin when they claim it at /admin/claim (ADR 015, docs/admin.md). Connects as the
 * schema owner: DATABASE_URL in production, otherwise the embedded database (stop
 * `npm run dev` first; the two cannot share its data directory).
 */
import postgres from "postgres";
import { emailSchema } from "@/lib/auth/email";
import { BOOTSTRAP_TOKEN_MINUTES, issueBootstrapToken } from "@/lib/admin/bootstrap-token";
import { loadDotEnv, prepareDatabase } from "./database";

loadDotEnv();
const email = emailSchema.safeParse(process.argv[2] ?? "");
if (!email.success) {
  console.error("Usage: npm run admin:grant -- <email of the account to make a platform admin>");
  process.exit(1);
}
const db = await prepareDatabase(() => {}).catch((error: unknown) => {
  console.error(
    process.env.DATABASE_URL
      ? `Could not use DATABASE_URL: ${error instanceof Error ? error.message : String(error)}`
      : "Could not start the embedded database. If `npm run dev` is running, stop it first: " +
          "both cannot use .data/dev at once.",
  );
  process.exit(1);
});
const owner = postgres(db.ownerUrl, { max: 1, onnotice: () => {} });
try {
  const token = await issueBootstrapToken(owner, email.data);
  const base = process.env.APP_URL ?? "http://localhost:3000";
  console.log(
    [
      `One-time platform admin token for ${email.data} (valid ${BOOTSTRAP_TOKEN_MINUTES} minutes):`,
      "",
      `  ${token}`,
      "",
      `Sign in as ${email.data} (its email must be verified), open ${base}/admin/claim,`,
      "paste the token and confirm your password. The token works once.",
    ].join("\n"),
  );
} finally {
  await owner.end();
  await db.stop();
}
