/** npm run db:seed: demo data for development. Refuses to run in production. */
import { seedDemoData } from "@/db/seed";
import { loadDotEnv, prepareDatabase } from "./database";

loadDotEnv();
if (process.env.NODE_ENV === "production") {
  console.error(
    "Refusing to seed: NODE_ENV is production, and demo accounts must never exist there.",
  );
  process.exit(1);
}
const db = await prepareDatabase(console.log);
try {
  await seedDemoData(db, console.log);
} finally {
  await db.stop();
}
