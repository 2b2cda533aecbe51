import "server-only";
import { assertAppConnection } from "@/db/guard";
import { env } from "@/lib/env";

/** Fails fast, with a message naming the problem, instead of serving with a bad setup. */
export async function verifyStartup(): Promise<void> {
  try {
    env();
    await assertAppConnection();
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
