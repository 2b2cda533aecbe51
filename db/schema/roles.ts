import { sql } from "drizzle-orm";
import { pgRole } from "drizzle-orm/pg-core";

/** The runtime role. Created (NOLOGIN) and granted by the hand-written roles migration. */
export const appUser = pgRole("app_user").existing();

/** The user in context, or NULL outside `withUser`/`withTenant`: every policy fails closed. */
export const currentUserId = sql`(select nullif(current_setting('app.user_id', true), '')::uuid)`;

/** The organization in context, or NULL outside `withTenant`: tenant policies fail closed. */
export const currentOrgId = sql`(select nullif(current_setting('app.org_id', true), '')::uuid)`;
