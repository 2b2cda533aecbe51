import "server-only";
import { assertAppConnection } from "@/db/guard";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

/** Fails fast, with a message naming the problem, instead of serving with a bad setup. */
export async function verifyStartup(): Promise<void> {
  try {
    env();
    await assertAppConnection();
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const { NODE_ENV, TRUST_PROXY_HOPS } = env();
  if (NODE_ENV === "production" && TRUST_PROXY_HOPS === 0) {
    // Not fatal (a single server without a proxy is legitimate), but worth saying once.
    log("warn", "startup.client_ip_unknown", {
      detail:
        "TRUST_PROXY_HOPS=0: client IPs are not recorded and per-IP login limits are off; per-account limits still apply (docs/deploying.md)",
    });
  }
}
