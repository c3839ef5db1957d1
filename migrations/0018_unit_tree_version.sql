-- Each instance keeps the unit tree in memory (every request naming a unit looked it up) and compares this token, read
-- in the session's own statement, on every request. A statement trigger changes the token with every write to units,
-- whatever path makes it (commands, imports, the reference load, a restore), in the writer's transaction.
CREATE TABLE "unit_tree_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL CHECK ("id" = 1),
	"token" uuid DEFAULT gen_random_uuid() NOT NULL
);
--> statement-breakpoint
INSERT INTO "unit_tree_version" ("id") VALUES (1) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "unit_tree_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "unit_tree_version" ("id", "token") VALUES (1, gen_random_uuid())
    ON CONFLICT ("id") DO UPDATE SET "token" = excluded."token";
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "units_tree_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "units"
  FOR EACH STATEMENT EXECUTE FUNCTION "unit_tree_changed"();
