-- The alerts' signature of the data they depend on counted the projects to notice a deletion (a merged duplicate): a
-- count over a province (~7 ms) on every alert page. A statement trigger changes this token on every deletion instead,
-- in the deleting transaction. It only updates: a restore truncates the table with the rest and loads the backup's row.
CREATE TABLE "project_deletion_mark" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL CHECK ("id" = 1),
	"token" uuid DEFAULT gen_random_uuid() NOT NULL
);
--> statement-breakpoint
INSERT INTO "project_deletion_mark" ("id") VALUES (1) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "projects_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "project_deletion_mark" SET "token" = gen_random_uuid();
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "projects_deleted" AFTER DELETE OR TRUNCATE ON "projects"
  FOR EACH STATEMENT EXECUTE FUNCTION "projects_deleted"();
