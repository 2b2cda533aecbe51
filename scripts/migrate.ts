/**
 * npm run db:migrate: apply drizzle/ migrations as the owner (DATABASE_URL, or the embedded
 * database), then give app_user its login password (from DATABASE_APP_URL when set).
 */
import { loadDotEnv, prepareDatabase } from "./database";

loadDotEnv();
const db = await prepareDatabase(console.log);
await db.stop();
console.log("Migrations applied.");
