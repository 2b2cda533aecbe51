/**
 * Runs once when a server process starts, before it takes requests: it validates the
 * environment and refuses to start if the database role could bypass row-level security.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { verifyStartup } = await import("./lib/startup");
  await verifyStartup();
}
