-- The runtime role. It logs in (LOGIN and a password are set by `npm run db:migrate` from
-- DATABASE_APP_URL), is not a superuser, cannot bypass RLS and owns nothing.
-- Creating it needs CREATEROLE on the migrating (owner) role; on a server where a DBA
-- provisions roles, create app_user beforehand and this is a no-op.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'app_user') THEN
    CREATE ROLE app_user NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
END
$$;
--> statement-breakpoint
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
